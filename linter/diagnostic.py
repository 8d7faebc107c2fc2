"""The values the engine returns: diagnostics, their fixes and severities."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    """How much a finding matters. Info never fails a check."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls(value.lower())
        except ValueError:
            allowed = ", ".join(s.value for s in cls)
            raise ValueError(f"unknown severity {value!r} (allowed: {allowed})") from None


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace reply[start:end] with `text` (character offsets into the reply)."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Fix:
    """A suggested change. `safe` fixes may be applied without a human reading them."""

    title: str
    edits: tuple[Edit, ...]
    safe: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "safe": self.safe,
            "edits": [edit.to_dict() for edit in self.edits],
        }


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule reports: a span of the reply and what to do about it.

    The engine turns a finding into a `Diagnostic` by adding the rule's code,
    name and configured severity, so rules never repeat them.
    """

    start: int
    end: int
    message: str
    fix: Fix | None = None


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem in a reply, located by character offsets into the reply text."""

    code: str
    name: str
    severity: Severity
    start: int
    end: int
    message: str
    fix: Fix | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "start": self.start,
            "end": self.end,
            "message": self.message,
            "fix": self.fix.to_dict() if self.fix else None,
        }


def apply_edits(text: str, edits: tuple[Edit, ...] | list[Edit]) -> str:
    """Apply non-overlapping edits to `text`, latest first so offsets stay valid."""
    result = text
    last_start = len(text) + 1
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        if edit.end > last_start:
            continue  # overlaps an edit already applied: skip rather than corrupt
        result = result[: edit.start] + edit.text + result[edit.end :]
        last_start = edit.start
    return result
