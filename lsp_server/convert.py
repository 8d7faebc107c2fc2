"""Engine diagnostics and fixes -> LSP diagnostics, text edits and hover text."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from lsprotocol import types

from linter.diagnostic import Diagnostic, Edit, Fix, Severity

from .positions import PositionMap

SOURCE = "replylint"

SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


@lru_cache(maxsize=1)
def _rules_by_code() -> dict[str, Any]:
    from rules import catalogue

    return {rule.code: rule for rule in catalogue()}


def rule_for(code: str) -> Any | None:
    """The rule class for a code, or None (config problems have no rule)."""
    rule = _rules_by_code().get(code)
    if rule is None:
        from rules import find_rule  # a rule added after the cache was built

        rule = find_rule(code)
    return rule


def to_lsp(diagnostic: Diagnostic, positions: PositionMap, version: int | None,
           with_link: bool = True) -> types.Diagnostic:
    """One LSP diagnostic; its fix rides in `data` as ready-made text edits."""
    link = _code_description(diagnostic.code) if with_link else None
    data: dict[str, Any] = {"version": version, "fix": None}
    if diagnostic.fix is not None:
        data["fix"] = fix_data(diagnostic.fix, positions)
    return types.Diagnostic(
        range=positions.range(diagnostic.start, diagnostic.end),
        message=diagnostic.message,
        severity=SEVERITIES[diagnostic.severity],
        code=diagnostic.code,
        code_description=link,
        source=SOURCE,
        data=data,
    )


@lru_cache(maxsize=256)
def _code_description(code: str) -> types.CodeDescription | None:
    """The rule's documentation link; one shared (never mutated) value per code."""
    rule = rule_for(code)
    return None if rule is None else types.CodeDescription(href=rule.doc_url())


def problem_diagnostic(message: str, code: str = "config") -> types.Diagnostic:
    """A problem that is not about the reply's words (bad config, too long): line 1, column 1."""
    start = types.Position(line=0, character=0)
    return types.Diagnostic(
        range=types.Range(start=start, end=start),
        message=message,
        severity=types.DiagnosticSeverity.Error,
        code=code,
        source=SOURCE,
    )


def fix_data(fix: Fix, positions: PositionMap) -> dict[str, Any]:
    return {
        "title": fix.title,
        "safe": fix.safe,
        "edits": [_edit_json(edit, positions) for edit in fix.edits],
    }


def _edit_json(edit: Edit, positions: PositionMap) -> dict[str, Any]:
    start, end = positions.position(edit.start), positions.position(edit.end)
    return {
        "range": {
            "start": {"line": start.line, "character": start.character},
            "end": {"line": end.line, "character": end.character},
        },
        "newText": edit.text,
    }


def text_edits(fix: Mapping[str, Any]) -> list[types.TextEdit]:
    """Text edits from a diagnostic's `data["fix"]` (raw JSON as the client echoes it)."""
    edits = []
    for edit in fix.get("edits", []):
        start, end = edit["range"]["start"], edit["range"]["end"]
        edits.append(types.TextEdit(
            range=types.Range(
                start=types.Position(line=int(start["line"]), character=int(start["character"])),
                end=types.Position(line=int(end["line"]), character=int(end["character"])),
            ),
            new_text=str(edit["newText"]),
        ))
    return edits


def non_overlapping(edits: Iterable[Edit]) -> list[Edit]:
    """Edits that can be applied together: on overlap the earlier-starting edit wins."""
    kept: list[Edit] = []
    last_end = -1
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < last_end or (kept and edit.start == kept[-1].start == edit.end):
            continue
        kept.append(edit)
        last_end = edit.end
    return kept


def hover_text(codes: Iterable[str], markdown: bool) -> str | None:
    """The rules' documentation, as `replylint rule CODE` prints it."""
    parts = []
    for code in dict.fromkeys(codes):
        rule = rule_for(code)
        if rule is None:
            continue
        if markdown:
            parts.append(f"**{rule.code}** `{rule.name}` ([docs]({rule.doc_url()}))\n\n"
                         f"{rule.documentation()}")
        else:
            parts.append(f"{rule.code} {rule.name}\n\n{rule.documentation()}\n\n{rule.doc_url()}")
    if not parts:
        return None
    return ("\n\n---\n\n" if markdown else "\n\n").join(parts)
