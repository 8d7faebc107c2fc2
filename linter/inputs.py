"""Reading replies from files and stdin, turning every way they can be bad into a clear message."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .pipeline import MAX_REPLY_CHARS

REPLY_SUFFIXES = (".reply", ".txt", ".md")
_BINARY_SNIFF_BYTES = 8192
MAX_INPUT_BYTES = 16 * 1024 * 1024  # read no further: a bigger "reply" is certainly not one


@dataclass(frozen=True)
class ReplyInput:
    """One input: its display path and text, or the reason it cannot be linted."""

    path: str
    text: str = ""
    error: str | None = None
    file: Path | None = None  # where to look for config; None for stdin


def decode_reply(data: bytes) -> tuple[str | None, str | None]:
    """(text, None) for a lintable reply, else (None, why not)."""
    if b"\x00" in data[:_BINARY_SNIFF_BYTES]:
        return None, "binary file (contains NUL bytes), not a reply"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return None, (f"not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}); "
                      "save the reply as UTF-8")
    if not text.strip():
        return None, "empty reply, nothing to lint"
    if len(text) > MAX_REPLY_CHARS:
        return None, (f"reply is {len(text):,} characters; replylint lints replies up to "
                      f"{MAX_REPLY_CHARS:,} characters")
    return text, None


def read_path(path: Path) -> list[ReplyInput]:
    """A file gives one input; a folder gives its reply files (sorted), or an error if none."""
    shown = str(path)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in REPLY_SUFFIXES)
        if not files:
            return [ReplyInput(shown, error="directory holds no reply files "
                               f"({', '.join('*' + s for s in REPLY_SUFFIXES)})")]
        return [item for file in files for item in read_path(file)]
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_INPUT_BYTES + 1)
    except FileNotFoundError:
        return [ReplyInput(shown, error="no such file")]
    except PermissionError:
        return [ReplyInput(shown, error="permission denied")]
    except OSError as error:
        return [ReplyInput(shown, error=f"cannot read: {error.strerror or error}")]
    if len(data) > MAX_INPUT_BYTES:
        return [ReplyInput(shown, error=f"file is over {MAX_INPUT_BYTES // (1024 * 1024)} MiB; "
                           "not a reply", file=path)]
    text, error = decode_reply(data)
    return [ReplyInput(shown, text or "", error, file=path)]


def read_stdin(data: bytes, display_name: str = "<stdin>") -> ReplyInput:
    text, error = decode_reply(data[: MAX_INPUT_BYTES + 1])
    return ReplyInput(display_name, text or "", error)
