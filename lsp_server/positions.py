"""Character offsets <-> LSP positions, in the encoding negotiated at initialize."""

from __future__ import annotations

from lsprotocol import types

from linter.positions import ENCODINGS, LineIndex


class PositionMap:
    """Positions of one text version. Offsets are code points, as the engine reports them."""

    def __init__(self, text: str, encoding: str) -> None:
        # LSP's default is UTF-16; an unknown name must not shift every squiggle.
        self._encoding = encoding if encoding in ENCODINGS else "utf-16"
        self._index = LineIndex(text)

    def position(self, offset: int) -> types.Position:
        line, character = self._index.column(offset, self._encoding)
        return types.Position(line=line, character=character)

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(end))

    def offset(self, position: types.Position) -> int:
        """Code-point offset of a client position (clamped to its line, as LSP asks)."""
        return self._index.offset(position.line, position.character, self._encoding)
