"""Stream raw records out of CSV and JSON Lines exports (plain or gzip'd, files or stdin).

The reader only splits the input into records and notes where each starts; turning a
record into fields happens in the workers, so the one reading process stays light.
A record the reader can already tell is broken (undecodable bytes, a quote left open
by a truncated file) carries a `problem` and still becomes an output row.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any, NamedTuple

GZIP_MAGIC = b"\x1f\x8b"
SNIFF_BYTES = 64 * 1024
DELIMITERS = ",;\t|"
# Non-UTF-8 bytes survive decoding as lone surrogates (errors="surrogateescape").
_SURROGATE = re.compile("[\udc80-\udcff]")
# A header cell that is too long or multi-line is not a header: fields are short names.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


class InputError(Exception):
    """An input that cannot be read at all (missing file, no header, unknown field)."""


class Record(NamedTuple):
    """One input row before parsing: where it starts and its raw payload (cheap to pickle)."""

    line: int
    payload: Any  # bytes (one JSON line) or list[str] (CSV cells)
    problem: str | None = None


@dataclass
class Source:
    """One opened input: its name, kind, available fields and a stream of records."""

    name: str
    kind: str  # "csv" or "jsonl"
    fields: list[str]
    records: Iterator[Record]
    size: int | None  # bytes on disk, for the ETA; None for stdin
    position: Callable[[], int]  # bytes of the (possibly compressed) file consumed so far
    warnings: list[str] = field(default_factory=list)
    header: tuple[str, ...] = ()  # CSV only


def open_source(name: str, fmt: str | None = None, encoding: str = "utf-8") -> Source:
    """Open `name` (`-` is stdin) and read just enough to know its fields."""
    raw = _open_raw(name)
    size = None if name == "-" else _file_size(name)
    position = _position_of(raw, size)
    stream: IO[bytes] = raw
    if raw.peek(2)[:2] == GZIP_MAGIC:
        stream = io.BufferedReader(gzip.GzipFile(fileobj=raw, mode="rb"))  # type: ignore[arg-type]
    kind = fmt or _guess_kind(name, stream)
    display = "<stdin>" if name == "-" else name
    if kind == "jsonl":
        return _open_jsonl(display, stream, size, position, encoding)
    return _open_csv(display, stream, size, position, encoding)


def _open_raw(name: str) -> io.BufferedReader:
    if name == "-":
        stdin = sys.stdin.buffer
        if not isinstance(stdin, io.BufferedReader):  # e.g. a test runner's replacement
            stdin = io.BufferedReader(stdin)  # type: ignore[arg-type]
        return stdin
    try:
        return open(name, "rb")  # noqa: SIM115 - closed when the source is exhausted
    except OSError as error:
        raise InputError(f"{name}: cannot open ({error.strerror or error})") from None


def _file_size(name: str) -> int | None:
    try:
        return os.stat(name).st_size
    except OSError:
        return None


def _position_of(raw: io.BufferedReader, size: int | None) -> Callable[[], int]:
    last = 0

    def position() -> int:
        nonlocal last
        if raw.closed:  # read to its end (or given up on): all of it is consumed
            return size if size is not None else last
        try:
            last = raw.tell()
        except (OSError, ValueError):
            pass  # a pipe: no position
        return last

    return position


def _guess_kind(name: str, stream: IO[bytes]) -> str:
    lowered = name.lower().removesuffix(".gz")
    if lowered.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    if lowered.endswith((".csv", ".tsv", ".txt")):
        return "csv"
    head = stream.peek(SNIFF_BYTES)[:SNIFF_BYTES] if hasattr(stream, "peek") else b""
    return "jsonl" if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") else "csv"


# --- JSON Lines --------------------------------------------------------------


def _open_jsonl(name: str, stream: IO[bytes], size: int | None, position: Callable[[], int],
                encoding: str) -> Source:
    warnings: list[str] = []
    lines = _numbered_lines(stream, name, warnings)
    # The fields are those of the first object that parses; keep the lines read to find it.
    buffered: list[tuple[int, bytes]] = []
    fields: list[str] = []
    for number, line in lines:
        buffered.append((number, line))
        try:
            first = json.loads(line.decode(encoding))
        except (UnicodeDecodeError, ValueError):
            continue
        if isinstance(first, dict):
            fields = flatten_keys(first)
            break

    def records() -> Iterator[Record]:
        for number, line in _chain(buffered, lines):
            yield Record(number, line)

    return Source(name, "jsonl", fields, records(), size, position, warnings)


def _numbered_lines(stream: IO[bytes], name: str,
                    warnings: list[str]) -> Iterator[tuple[int, bytes]]:
    """Non-blank lines with their 1-based numbers; a broken gzip stream ends them with a warning."""
    number = 0
    try:
        for number, line in enumerate(stream, start=1):  # noqa: B007 - number used after the loop
            if line and not line.isspace():  # `line.strip()` would copy every line
                yield number, line
    except (EOFError, OSError, gzip.BadGzipFile) as error:
        warnings.append(f"{name}:{number + 1}: input ends early ({error}); later rows are lost")
    finally:
        stream.close()


def _chain(first: list[tuple[int, bytes]],
           rest: Iterator[tuple[int, bytes]]) -> Iterator[tuple[int, bytes]]:
    yield from first
    first.clear()  # let the buffered lines go
    yield from rest


def flatten_keys(obj: dict[str, Any]) -> list[str]:
    """Top-level keys plus one level of nesting as `parent.child` (e.g. `meta.created_at`)."""
    keys: list[str] = []
    for key, value in obj.items():
        keys.append(key)
        if isinstance(value, dict):
            keys.extend(f"{key}.{child}" for child in value)
    return keys


# --- CSV ---------------------------------------------------------------------


def _open_csv(name: str, stream: IO[bytes], size: int | None, position: Callable[[], int],
              encoding: str) -> Source:
    text = io.TextIOWrapper(stream, encoding=_bom_aware(encoding), errors="surrogateescape",
                            newline="")
    sample = text.read(SNIFF_BYTES)
    dialect = _sniff(sample)
    lines = _LineTracker(_rejoin(sample, text), name)
    reader = csv.reader(lines, dialect)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(f"{name}: empty input, expected a header row") from None
    except csv.Error as error:
        raise InputError(f"{name}: cannot read the header row ({error})") from None
    header = [_SURROGATE.sub("\ufffd", cell).strip() for cell in header]
    if not any(header):
        raise InputError(f"{name}: the first row is empty, expected a header row")
    quote = dialect.quotechar or '"'

    def records() -> Iterator[Record]:
        while True:
            start = lines.line + 1
            lines.start_record()
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                yield Record(start, None, f"malformed CSV ({error})")
                continue
            raw = lines.record_text()
            problem = None
            if _SURROGATE.search(raw):
                problem = f"undecodable bytes (not {encoding})"
            elif lines.at_eof and not raw.endswith(("\n", "\r")) and raw.count(quote) % 2:
                problem = ("truncated record (a quoted field is never closed at the end "
                           "of the input)")
            if not cells and not problem:
                continue  # blank line between records: not a row
            yield Record(start, cells, problem)
        text.close()

    return Source(name, "csv", header, records(), size, position, lines.warnings, tuple(header))


def _bom_aware(encoding: str) -> str:
    return "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding


def _sniff(sample: str) -> type[csv.Dialect] | csv.Dialect:
    """The sample's dialect; the header line decides the delimiter when the sniffer cannot."""
    # Sniff whole lines only; a half-read quoted field confuses the sniffer.
    cut = sample.rfind("\n")
    body = sample[: cut + 1] if cut > 0 else sample
    header = body.split("\n", 1)[0]
    try:
        dialect = csv.Sniffer().sniff(body, delimiters=DELIMITERS)
        if dialect.delimiter in header:
            return dialect
    except csv.Error:
        pass
    counts = {delimiter: header.count(delimiter) for delimiter in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    if not counts[best] or best == ",":
        return csv.excel
    return type("SniffedDialect", (csv.excel,), {"delimiter": best})


def _rejoin(sample: str, rest: IO[str]) -> Iterator[str]:
    """The lines of sample + rest, as if the sample had never been read."""
    pending = io.StringIO(sample)
    carry = ""
    for line in pending:
        if line.endswith(("\n", "\r")):
            yield carry + line
            carry = ""
        else:
            carry += line
    for line in rest:
        if carry:
            line, carry = carry + line, ""
        yield line
    if carry:
        yield carry


class _LineTracker:
    """Feeds lines to csv.reader while remembering the line numbers and raw text of a record."""

    def __init__(self, lines: Iterator[str], name: str) -> None:
        self._lines = lines
        self._name = name
        self.line = 0
        self.at_eof = False
        self._record: list[str] = []
        self.warnings: list[str] = []

    def __iter__(self) -> _LineTracker:
        return self

    def __next__(self) -> str:
        try:
            line = next(self._lines)
        except StopIteration:
            self.at_eof = True
            raise
        except (EOFError, OSError) as error:
            self.at_eof = True
            self.warnings.append(
                f"{self._name}:{self.line + 1}: input ends early ({error}); later rows are lost")
            raise StopIteration from None
        self.line += 1
        self._record.append(line)
        return line

    def start_record(self) -> None:
        self._record.clear()

    def record_text(self) -> str:
        return "".join(self._record)
