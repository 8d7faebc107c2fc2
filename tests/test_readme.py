"""The README's rule table is the catalogue's own.

Regenerate it with `replylint rules --format markdown`.
"""

from __future__ import annotations

from pathlib import Path

from linter.commands.rules import markdown_table

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_rule_table_matches_the_catalogue() -> None:
    text = README.read_text(encoding="utf-8")
    start = text.index("<!-- rules-table:start -->") + len("<!-- rules-table:start -->")
    end = text.index("<!-- rules-table:end -->")
    assert text[start:end].strip() == markdown_table().strip(), (
        "README rule table is stale: paste `replylint rules --format markdown` between the markers")
