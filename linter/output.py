"""Report formats for `replylint check`: text, json, jsonl, sarif, github.

The JSON format is a versioned contract for compose tools (see README, "JSON output").
Every format is built from `FileResult`s: one per input, with diagnostics or an error.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from . import __version__
from .diagnostic import Diagnostic, Severity
from .positions import LineIndex, utf16_length

JSON_SCHEMA_VERSION = 1
FORMATS = ("text", "json", "jsonl", "sarif", "github")


@dataclass(frozen=True)
class FileResult:
    """The outcome for one input: its text and diagnostics, or why it could not be linted."""

    path: str
    text: str = ""
    diagnostics: tuple[Diagnostic, ...] = ()
    error: str | None = None


def diagnostic_json(diagnostic: Diagnostic, text: str,
                    index: LineIndex | None = None) -> dict[str, Any]:
    """One diagnostic in schema v1: offsets in code points and UTF-16, 1-based line/column."""
    index = index or LineIndex(text)
    start, end = index.position(diagnostic.start), index.position(diagnostic.end)
    from rules import find_rule

    rule = find_rule(diagnostic.code)
    return {
        "code": diagnostic.code,
        "name": diagnostic.name,
        "severity": diagnostic.severity.value,
        "message": diagnostic.message,
        "text": text[diagnostic.start : diagnostic.end],
        "start": diagnostic.start,
        "end": diagnostic.end,
        "start_utf16": utf16_length(text[: diagnostic.start]),
        "end_utf16": utf16_length(text[: diagnostic.end]),
        "range": {
            "start": {"line": start.line + 1, "column": start.column + 1,
                      "utf16_column": start.column_utf16 + 1},
            "end": {"line": end.line + 1, "column": end.column + 1,
                    "utf16_column": end.column_utf16 + 1},
        },
        "url": rule.doc_url() if rule else None,
        "fix": _fix_json(diagnostic, text),
    }


def _fix_json(diagnostic: Diagnostic, text: str) -> dict[str, Any] | None:
    if diagnostic.fix is None:
        return None
    return {
        "title": diagnostic.fix.title,
        "safe": diagnostic.fix.safe,
        "edits": [
            {"start": edit.start, "end": edit.end, "text": edit.text,
             "start_utf16": utf16_length(text[: edit.start]),
             "end_utf16": utf16_length(text[: edit.end])}
            for edit in diagnostic.fix.edits
        ],
    }


def summary_counts(results: Iterable[FileResult]) -> dict[str, int]:
    counts = Counter(d.severity.value for r in results for d in r.diagnostics)
    results = list(results)
    return {
        "files": len(results),
        "files_with_errors": sum(1 for r in results if r.error),
        "error": counts["error"],
        "warning": counts["warning"],
        "info": counts["info"],
    }


def render(results: list[FileResult], fmt: str, statistics: bool = False) -> str:
    renderer = {"text": render_text, "json": render_json, "jsonl": render_jsonl,
                "sarif": render_sarif, "github": render_github}[fmt]
    output = renderer(results)
    if statistics:
        output += render_statistics(results)
    return output


def render_json(results: list[FileResult]) -> str:
    document = {
        "schema_version": JSON_SCHEMA_VERSION,
        "tool": {"name": "replylint", "version": __version__},
        "results": [
            {
                "path": r.path,
                "error": r.error,
                "diagnostics": [diagnostic_json(d, r.text, index)
                                for index in [LineIndex(r.text)] for d in r.diagnostics],
            }
            for r in results
        ],
        "summary": summary_counts(results),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def render_jsonl(results: list[FileResult]) -> str:
    lines = []
    for r in results:
        if r.error:
            lines.append({"schema_version": JSON_SCHEMA_VERSION, "path": r.path, "error": r.error})
        index = LineIndex(r.text)
        for d in r.diagnostics:
            lines.append({"schema_version": JSON_SCHEMA_VERSION, "path": r.path,
                          **diagnostic_json(d, r.text, index)})
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)


def render_text(results: list[FileResult]) -> str:
    out: list[str] = []
    for r in results:
        if r.error:
            out.append(f"{r.path}: error: {r.error}")
            continue
        index = LineIndex(r.text)
        lines = r.text.splitlines()
        for d in r.diagnostics:
            pos = index.position(d.start)
            out.append(f"{r.path}:{pos.line + 1}:{pos.column + 1}: {d.code} [{d.severity.value}] "
                       f"{d.message}")
            out.extend(_excerpt(lines, index, d))
            if d.fix is not None:
                out.append(f"  = fix{'' if d.fix.safe else ' (review it)'}: {d.fix.title}")
    counts = summary_counts(results)
    found = counts["error"] + counts["warning"] + counts["info"]
    if found:
        out.append(f"Found {found} problem{'s' if found != 1 else ''} "
                   f"({counts['error']} error, {counts['warning']} warning, "
                   f"{counts['info']} info).")
    elif not counts["files_with_errors"]:
        out.append("All checks passed!")
    return "\n".join(out) + "\n"


def _excerpt(lines: list[str], index: LineIndex, d: Diagnostic) -> list[str]:
    """The offending line with carets under the flagged words (first line of the span)."""
    start, end = index.position(d.start), index.position(d.end)
    if start.line >= len(lines):
        return []
    line = lines[start.line]
    stop = end.column if end.line == start.line else len(line)
    gutter = str(start.line + 1)
    pad = " " * len(gutter)
    indent = _display_width(line[: start.column])
    carets = max(1, _display_width(line[start.column : stop]))
    return [f"  {pad} |", f"  {gutter} | {line}", f"  {pad} | {' ' * indent}{'^' * carets}"]


def _display_width(text: str) -> int:
    """Terminal columns: wide (CJK, most emoji) characters take two, combining marks none."""
    width = 0
    for char in text:
        if unicodedata.combining(char) or char in "\u200d\ufe0f":
            continue
        width += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return width


def render_statistics(results: list[FileResult]) -> str:
    counts = Counter((d.code, d.name) for r in results for d in r.diagnostics)
    if not counts:
        return ""
    rows = [f"{count:5}  {code}  {name}" for (code, name), count in counts.most_common()]
    return "\n".join(rows) + "\n"


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render_github(results: list[FileResult]) -> str:
    out = []
    for r in results:
        if r.error:
            out.append(f"::error file={_gh_escape(r.path, True)}::{_gh_escape(r.error)}")
            continue
        index = LineIndex(r.text)
        for d in r.diagnostics:
            start, end = index.position(d.start), index.position(d.end)
            props = (f"file={_gh_escape(r.path, True)},"
                     f"line={start.line + 1},col={start.column + 1},"
                     f"endLine={end.line + 1},endColumn={end.column + 1},"
                     f"title={_gh_escape(f'{d.code} {d.name}', True)}")
            out.append(f"::{_GITHUB_LEVEL[d.severity]} {props}::{_gh_escape(d.message)}")
    return "".join(line + "\n" for line in out)


def _gh_escape(value: str, property_value: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render_sarif(results: list[FileResult]) -> str:
    from rules import catalogue

    rules = catalogue()
    rule_index = {rule.code: i for i, rule in enumerate(rules)}
    sarif_results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for r in results:
        if r.error:
            notifications.append({"level": "error", "message": {"text": f"{r.path}: {r.error}"}})
            continue
        index = LineIndex(r.text)
        for d in r.diagnostics:
            start, end = index.position(d.start), index.position(d.end)
            sarif_results.append({
                "ruleId": d.code,
                "ruleIndex": rule_index.get(d.code, -1),
                "level": _SARIF_LEVEL[d.severity],
                "message": {"text": d.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": r.path},
                    "region": {"startLine": start.line + 1, "startColumn": start.column + 1,
                               "endLine": end.line + 1, "endColumn": end.column + 1,
                               "charOffset": d.start, "charLength": d.end - d.start},
                }}],
            })
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "replylint", "version": __version__,
                "informationUri": "https://replylint.invalid",
                "rules": [{
                    "id": rule.code, "name": rule.name,
                    "shortDescription": {"text": rule.summary},
                    "fullDescription": {"text": rule.documentation()},
                    "helpUri": rule.doc_url(),
                    "defaultConfiguration": {"level": _SARIF_LEVEL[rule.default_severity]},
                } for rule in rules],
            }},
            "columnKind": "unicodeCodePoints",
            "results": sarif_results,
            "invocations": [{"executionSuccessful": not notifications,
                             "toolExecutionNotifications": notifications}],
        }],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
