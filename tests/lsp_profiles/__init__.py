"""Helpers for the language-server tests: client profiles and test-only server variants."""
