"""The gates of `rules/_required_text.py` only skip regexes that cannot match: with and
without them, the same matches."""

from __future__ import annotations

import re

import pytest

from rules._required_text import (
    GatedPattern,
    GatedSet,
    any_match,
    any_of,
    first_match,
    lower_case_only,
    required_groups,
)

TEXTS = [
    "", "please send us your order number", "x-order number", "reorder number",
    "your e-mail address", "email address please", "the account #123", "cvv code",
    "foo bar", "bar foo", "xfoo", "foo", "a foo|bar b", "order no. 5", "no order",
    "security question", "pin code", "numbers", "last 4 digits", "the birthday",
]
PATTERNS = [
    r"\b(?:order|booking)\s*(?:number|no\.?|#)",
    r"\byour\s+(?:\w+\s+)?e-?mail\b",
    r"\be-?mail\s+(?:address|id\b)",
    r"\bfoo|bar",  # the \b belongs to the first alternative only
    r"\bfoo|\bbar",
    r"\blast\s+(?:4|four)\s+(?:digits|numbers)",
    r"\b(?:date\s+of\s+birth|dob|birthday)\b",
    r"(?:pin|security)\s+(?:code|question)",
    r"\d+",  # needs no word: always runs
]


def _span(match: re.Match[str] | None) -> tuple[int, int] | None:
    return match.span() if match else None


@pytest.mark.parametrize("pattern", PATTERNS)
def test_gated_search_finds_what_the_regex_finds(pattern: str) -> None:
    gated = GatedPattern.compile(pattern)
    for text in TEXTS:
        assert _span(gated.search(text)) == _span(re.search(pattern, text)), text


def test_leading_boundary_is_dropped_only_when_it_covers_the_whole_pattern() -> None:
    assert GatedPattern.compile(r"\bfoo|bar").scan is None
    assert GatedPattern.compile(r"\border\s+number").scan is not None


def test_required_groups_read_the_pattern() -> None:
    assert required_groups(r"\b(?:order|booking)\s*number") == (
        ("number",), ("booking", "order"))
    assert required_groups(r"\bfoo", re.IGNORECASE) == ()  # any case: nothing certain
    assert required_groups(r"a", re.VERBOSE) == ()  # one letter tells nothing
    assert required_groups(r"ab  cd", re.VERBOSE) == (("abcd",),)


def test_gated_set_keeps_every_pattern_that_matches() -> None:
    patterns = tuple(GatedPattern.compile(p) for p in PATTERNS)
    gated = GatedSet(patterns)
    union = re.compile("|".join(f"(?:{p})" for p in PATTERNS))
    for text in TEXTS:
        possible = gated.possible(text)
        assert all(p in possible for p in patterns if p.regex.search(text)), text
        assert any_match(possible, text) == bool(union.search(text)), text
        assert _span(first_match(possible, text)) == _span(union.search(text)), text


def test_any_of_is_any_substring() -> None:
    words = ["regard", "br", "thank", "th"]
    for text in ["kind regards", "brb", "nothing", "t h", "the", ""]:
        assert bool(any_of(words).search(text)) == any(w in text for w in words)
    assert any_of([]).search("anything") is None


def test_lower_case_only() -> None:
    assert lower_case_only(r"\b(?:speak|talk)\s+to\s+\S+")
    assert not lower_case_only(r"\bDM\b")
    assert not lower_case_only(r"[A-Z]")
    assert not lower_case_only("ſ")  # IGNORECASE pairs it with "s"
