"""Turn character offsets into the positions adapters need: lines, columns, UTF-16 units."""

from __future__ import annotations

import bisect
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Position:
    """A place in a text. `line` and `column` are 0-based; `column` counts code points."""

    line: int
    column: int
    column_utf16: int
    column_utf8: int


class LineIndex:
    """Maps code-point offsets of one text to line/column positions in any encoding."""

    def __init__(self, text: str) -> None:
        self._text = text
        starts = [0]
        for index, char in enumerate(text):
            if char == "\n":
                starts.append(index + 1)
        self._line_starts = starts

    def position(self, offset: int) -> Position:
        offset = max(0, min(offset, len(self._text)))
        line = bisect.bisect_right(self._line_starts, offset) - 1
        line_start = self._line_starts[line]
        prefix = self._text[line_start:offset]
        return Position(
            line=line,
            column=offset - line_start,
            column_utf16=utf16_length(prefix),
            column_utf8=len(prefix.encode("utf-8", "surrogatepass")),
        )

    def offset(self, line: int, column: int, encoding: str = "utf-32") -> int:
        """Code-point offset of (line, column) where `column` is in `encoding` units."""
        if line >= len(self._line_starts):
            return len(self._text)
        start = self._line_starts[line]
        end = self._line_starts[line + 1] - 1 if line + 1 < len(self._line_starts) else len(self._text)
        if encoding == "utf-32":
            return min(start + column, end)
        units = 0
        for index in range(start, end):
            if units >= column:
                return index
            units += unit_length(self._text[index], encoding)
        return end


def unit_length(char: str, encoding: str) -> int:
    """How many code units one code point takes in `encoding` (utf-8, utf-16 or utf-32)."""
    code = ord(char)
    if encoding == "utf-16":
        return 2 if code > 0xFFFF else 1
    if encoding == "utf-8":
        return 1 if code < 0x80 else 2 if code < 0x800 else 3 if code < 0x10000 else 4
    return 1


def utf16_length(text: str) -> int:
    """Length of `text` in UTF-16 code units (what JavaScript's String.length counts)."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)
