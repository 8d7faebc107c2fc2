"""A one-line progress bar on stderr: rows, rows/s and, when the input size is known, an ETA.

Silent unless stderr is a terminal (so pipes and CI logs stay clean) and never with --quiet.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

REDRAW_SECONDS = 0.2


class Progress:
    def __init__(self, total_bytes: int | None, *, enabled: bool | None = None,
                 stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.total = total_bytes or None
        self.started = time.monotonic()
        self._drawn = 0.0
        self._width = 0

    def update(self, rows: int, done_bytes: int, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._drawn < REDRAW_SECONDS:
            return
        self._drawn = now
        self._draw(line(rows, done_bytes, self.total, now - self.started))

    def note(self, message: str) -> None:
        """Print a message above the bar without tearing it."""
        if self.enabled and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self._width = 0
        self.stream.write(message + "\n")

    def close(self) -> None:
        if self.enabled and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0

    def _draw(self, text: str) -> None:
        padded = text.ljust(self._width)
        self._width = len(text)
        self.stream.write("\r" + padded)
        self.stream.flush()


def line(rows: int, done_bytes: int, total: int | None, elapsed: float) -> str:
    """The bar's text, e.g. `[#####.....] 48% 120,000 rows 6,100 rows/s ETA 0:21`."""
    speed = rows / elapsed if elapsed > 0 else 0.0
    text = f"{rows:,} rows  {speed:,.0f} rows/s"
    if total:
        fraction = min(done_bytes / total, 1.0)
        filled = int(fraction * 24)
        eta = ""
        if 0 < fraction < 1:
            eta = "  ETA " + _clock(elapsed * (1 - fraction) / fraction)
        text = f"[{'#' * filled}{'.' * (24 - filled)}] {fraction:4.0%}  {text}{eta}"
    return text


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
