"""Every rule documents itself and proves it with examples (as proselint and pylint do)."""

from __future__ import annotations

import re

import pytest

from linter import Config, lint
from rules import catalogue

RULES = catalogue()
SECTIONS = ("## What it does", "## Why is this bad?", "## Example", "## Use instead")


def test_catalogue_codes_and_names_are_well_formed() -> None:
    assert RULES, "no rules found"
    for rule in RULES:
        assert re.fullmatch(r"[A-Z]{3}\d{3}", rule.code), rule.code
        assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)+", rule.name), rule.name
        assert rule.summary and rule.summary.endswith("."), rule.code
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_docstring_has_every_section(rule) -> None:
    doc = rule.documentation()
    for section in SECTIONS:
        assert section in doc, f"{rule.code} docstring lacks {section!r}"


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_rule_has_examples(rule) -> None:
    assert rule.bad_examples, f"{rule.code} has no bad example"
    assert rule.good_examples, f"{rule.code} has no good example"


def _cases(kind: str) -> list:
    return [
        pytest.param(rule, example, id=f"{rule.code}-{kind}-{index}")
        for rule in RULES
        for index, example in enumerate(getattr(rule, f"{kind}_examples"))
    ]


@pytest.mark.parametrize(("rule", "example"), _cases("bad"))
def test_bad_example_fires(rule, example) -> None:
    config = Config(select=(rule.code,))
    codes = [d.code for d in lint(example.reply, example.customer, config)]
    assert rule.code in codes, f"{rule.code} stayed quiet on its bad example {example.reply!r}"


@pytest.mark.parametrize(("rule", "example"), _cases("good"))
def test_good_example_is_quiet(rule, example) -> None:
    config = Config(select=(rule.code,))
    found = [d for d in lint(example.reply, example.customer, config) if d.code == rule.code]
    assert not found, f"{rule.code} fired on its good example: {found}"


@pytest.mark.parametrize(("rule", "example"), _cases("bad"))
def test_findings_lie_inside_the_reply(rule, example) -> None:
    for diagnostic in lint(example.reply, example.customer, Config(select=(rule.code,))):
        assert 0 <= diagnostic.start <= diagnostic.end <= len(example.reply)
        assert diagnostic.message
