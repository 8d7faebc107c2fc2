"""Turn character offsets into the positions adapters need: lines, columns, UTF-8/16 units.

A column is the code-point column plus the extra units of the wide characters before
it on its line, found by bisecting a per-text table of those characters: a
3,000-character single-line reply full of emoji converts 30 diagnostics without
re-encoding its prefix for each one. Lines end at "\\n" (a "\\r" before it stays in the line).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

ENCODINGS = ("utf-8", "utf-16", "utf-32")
_CODECS = {"utf-8": ("utf-8", 1), "utf-16": ("utf-16-le", 2)}
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


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
        index = text.find("\n")
        while index >= 0:
            starts.append(index + 1)
            index = text.find("\n", index + 1)
        self._line_starts = starts
        self._ascii = text.isascii()
        # encoding -> (offsets of characters wider than one unit, running extra units)
        self._wide: dict[str, tuple[list[int], list[int]]] = {}

    def position(self, offset: int) -> Position:
        line, column = self.column(offset, "utf-32")
        return Position(line=line, column=column,
                        column_utf16=self.column(offset, "utf-16")[1],
                        column_utf8=self.column(offset, "utf-8")[1])

    def column(self, offset: int, encoding: str) -> tuple[int, int]:
        """(line, column in `encoding` units) of `offset`."""
        offset = max(0, min(offset, len(self._text)))
        line = bisect.bisect_right(self._line_starts, offset) - 1
        line_start = self._line_starts[line]
        column = offset - line_start
        if encoding in _CODECS and not self._ascii:
            column += self._extra_before(offset, encoding) - self._extra_before(
                line_start, encoding)
        return line, column

    def _extra_before(self, offset: int, encoding: str) -> int:
        """Extra code units (beyond one per code point) of the characters before `offset`."""
        table = self._wide.get(encoding)
        if table is None:
            table = self._wide[encoding] = _wide_characters(self._text, encoding)
        positions, running = table
        index = bisect.bisect_left(positions, offset)
        return running[index - 1] if index else 0

    def offset(self, line: int, column: int, encoding: str = "utf-32") -> int:
        """Code-point offset of (line, column in `encoding` units), clamped to the line.

        A column inside a character (half a surrogate pair, mid UTF-8 sequence) rounds down.
        """
        if line >= len(self._line_starts):
            return len(self._text)
        start = self._line_starts[line]
        end = (self._line_starts[line + 1] - 1 if line + 1 < len(self._line_starts)
               else len(self._text))
        text = self._text[start:end]
        if encoding not in _CODECS:
            return start + min(column, len(text))
        codec, width = _CODECS[encoding]
        head = text.encode(codec, "surrogatepass")[: column * width]
        return start + len(head.decode(codec, "ignore"))


def _wide_characters(text: str, encoding: str) -> tuple[list[int], list[int]]:
    positions: list[int] = []
    running: list[int] = []
    extra = 0
    for match in _NON_ASCII.finditer(text):
        width = units(match.group(), encoding)
        if width > 1:
            extra += width - 1
            positions.append(match.start())
            running.append(extra)
    return positions, running


def units(text: str, encoding: str) -> int:
    """Length of `text` in `encoding` code units (utf-8 bytes, utf-16 units, code points)."""
    if encoding not in _CODECS or text.isascii():
        return len(text)
    codec, width = _CODECS[encoding]
    return len(text.encode(codec, "surrogatepass")) // width


def utf16_length(text: str) -> int:
    """Length of `text` in UTF-16 code units (what JavaScript's String.length counts)."""
    return units(text, "utf-16")
