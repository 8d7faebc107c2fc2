"""A reply file: the reply itself plus, optionally, the customer's message quoted with `>`.

Quoted lines are context for the rules, never linted, and diagnostics are mapped
back so their offsets point into the file exactly as the user sees it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from .diagnostic import Diagnostic, Edit, Fix


@dataclass(frozen=True, slots=True)
class Segment:
    """reply[reply_start:reply_start+length] is source[source_start:source_start+length]."""

    reply_start: int
    source_start: int
    length: int


@dataclass(frozen=True, slots=True)
class ReplyFile:
    source: str
    reply: str
    quoted_customer: str | None
    segments: tuple[Segment, ...]

    def to_source(self, offset: int) -> int:
        """Source offset of a reply offset; the reply's end maps after its last line."""
        if not self.segments:
            return offset
        starts = [segment.reply_start for segment in self.segments]
        index = max(0, bisect.bisect_right(starts, offset) - 1)
        segment = self.segments[index]
        return segment.source_start + (offset - segment.reply_start)

    def map_diagnostic(self, diagnostic: Diagnostic) -> Diagnostic:
        if not self.has_quotes:
            return diagnostic
        fix = diagnostic.fix
        if fix is not None:
            fix = Fix(
                title=fix.title,
                safe=fix.safe,
                edits=tuple(
                    Edit(self.to_source(e.start), self.to_source(e.end), e.text) for e in fix.edits
                ),
            )
        return Diagnostic(
            code=diagnostic.code,
            name=diagnostic.name,
            severity=diagnostic.severity,
            start=self.to_source(diagnostic.start),
            end=self.to_source(diagnostic.end),
            message=diagnostic.message,
            fix=fix,
        )

    @property
    def has_quotes(self) -> bool:
        return self.quoted_customer is not None


def parse_reply_file(source: str) -> ReplyFile:
    """Split `source` into the reply and the `>`-quoted customer message."""
    lines = source.splitlines(keepends=True)
    if not any(line.lstrip(" ").startswith(">") for line in lines):
        return ReplyFile(source, source, None, (Segment(0, 0, len(source)),))
    reply_parts: list[str] = []
    quoted: list[str] = []
    segments: list[Segment] = []
    reply_length = 0
    source_offset = 0
    for line in lines:
        stripped = line.lstrip(" ")
        if stripped.startswith(">"):
            body = stripped[1:]
            quoted.append(body[1:] if body.startswith(" ") else body)
        else:
            segments.append(Segment(reply_length, source_offset, len(line)))
            reply_parts.append(line)
            reply_length += len(line)
        source_offset += len(line)
    reply = "".join(reply_parts)
    # Drop blank lines that only separated the quote from the reply.
    leading = len(reply) - len(reply.lstrip("\r\n"))
    if leading:
        reply = reply[leading:]
        segments = _shift_segments(segments, leading)
    if not segments:
        segments = [Segment(0, len(source), 0)]
    customer = "".join(quoted).strip()
    return ReplyFile(source, reply, customer or None, tuple(segments))


def _shift_segments(segments: list[Segment], removed: int) -> list[Segment]:
    """Remove the first `removed` reply characters from the segment map."""
    shifted: list[Segment] = []
    for segment in segments:
        start, source_start, length = segment.reply_start, segment.source_start, segment.length
        end = start + length
        if end <= removed:
            continue
        if start < removed:
            cut = removed - start
            source_start += cut
            length -= cut
            start = removed
        shifted.append(Segment(start - removed, source_start, length))
    return shifted
