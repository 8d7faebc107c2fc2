"""One batch worker: turn a chunk of raw records into finished output text and tallies.

Each worker builds the pipeline and the rules once (`init_worker`), then turns a chunk
of raw records into output text, a Tally and a template tally, so the batch process
only reads, writes and adds up counters (`pool` runs the workers).
"""

from __future__ import annotations

import csv
import gc
import io
import json
import re
import signal
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from ..config import Config
from ..pipeline import MAX_REPLY_CHARS
from .fields import FieldPlan
from .mining import ChunkTally, tally_chunk
from .readers import Record
from .summary import Tally

_SURROGATES = re.compile("[\udc80-\udcff]")
# One encoder for every output record: `json.dumps(..., ensure_ascii=False)` builds a new
# one per call, which costs about as much as encoding a record.
_JSON = json.JSONEncoder(ensure_ascii=False)
_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_TWITTER_DAY = re.compile(
    r"^[A-Z][a-z]{2} ([A-Z][a-z]{2}) (\d{2}) \d\d:\d\d:\d\d [+-]\d{4} (\d{4})$")
_MONTHS = {name: number for number, name in enumerate(
    ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), start=1)}


@dataclass(frozen=True)
class Job:
    """What every chunk of a run shares; sent once to each worker."""

    config: Config
    out_format: str | None  # "jsonl", "csv" or None (no --out)
    group_labels: tuple[str, ...]
    agent_label: str | None  # which group counts as "agents" for canned templates
    mine: bool = True
    lint: bool = True  # `replylint mine` only reads and mines


@dataclass(frozen=True)
class Task:
    plan: FieldPlan
    source: str
    first_row: int
    records: list[Record]
    mine_only: bool = False  # rows a resumed run already wrote: only feed the template miner
    mine: bool = True  # False: someone else mines these rows (`early_mining`)

    def __reduce__(self) -> tuple[Any, ...]:
        # Sent to a worker as columns (line numbers, payloads, problems): pickling a
        # chunk's records one named tuple at a time cost the main process 3-4 us a row.
        columns = tuple(zip(*self.records, strict=True)) if self.records else ((), (), ())
        return (_task_from_columns, (self.plan, self.source, self.first_row, *columns,
                                     self.mine_only, self.mine))


def _task_from_columns(plan: FieldPlan, source: str, first_row: int, lines: tuple[int, ...],
                       payloads: tuple[Any, ...], problems: tuple[str | None, ...],
                       mine_only: bool, mine: bool) -> Task:
    records = list(map(Record._make, zip(lines, payloads, problems, strict=True)))
    return Task(plan, source, first_row, records, mine_only, mine)


@dataclass
class ChunkResult:
    rows: int
    text: str
    tally: Tally
    templates: ChunkTally | None
    mined_replies: int
    problems: list[str]


# --- one worker ------------------------------------------------------------------

_JOB: Job | None = None


def init_worker(job: Job) -> None:
    """First thing in a worker (and in this process for one worker): remember the job and
    build the pipeline and rules once."""
    global _JOB
    _JOB = job
    if job.lint:
        from ..engine import active_rules
        from ..pipeline import get_nlp

        get_nlp()
        active_rules(job.config)


# Rows allocate a few dozen short-lived containers each (decoded JSON, docs, findings,
# output records), so with Python's default first threshold of 700 the collector ran
# about once every 25 rows: 1.7-2.4 s of collection in a one-worker run of the 44k-row
# corpus, 0.5-0.6 s with 10,000; chunks timed alternately with each setting took 5-8%
# less CPU per row. Cyclic garbage waits for at most 10,000 new objects: a few MB.
_GC_FIRST_THRESHOLD = 10_000


def collect_less_often() -> tuple[int, int, int]:
    """Raise the first-generation threshold only; the previous thresholds are returned."""
    before = gc.get_threshold()
    gc.set_threshold(_GC_FIRST_THRESHOLD, *before[1:])
    return before


def start_child(job: Job) -> None:
    """First steps of a worker or helper process: build what `job` needs, collect garbage
    less often, and leave Ctrl-C to the batch process. Ctrl-C reaches the whole process
    group, and only the batch process should answer it (it stops the others and says how
    to resume); otherwise every worker would print its own KeyboardInterrupt traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    init_worker(job)
    collect_less_often()


@dataclass(slots=True)
class Parsed:
    text: str
    customer: str | None
    row_id: str
    groups: dict[str, str]
    day: str | None
    error: str | None


def process_chunk(task: Task) -> ChunkResult:
    job = _JOB
    assert job is not None, "init_worker was not called"
    parsed = [parse_record(task.plan, record, job.group_labels) for record in task.records]
    if task.mine_only:
        # The rows the lint path below would mine: linting refuses over-long replies.
        items = [(p.text, p.groups.get(job.agent_label or "")) for p in parsed
                 if p.error is None and p.text and len(p.text) <= MAX_REPLY_CHARS]
        return ChunkResult(len(parsed), "", Tally(), tally_chunk(items) if job.mine else None,
                           len(items), [])
    mine = job.mine and task.mine
    results = _lint(job, parsed)
    tally = Tally()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n") if job.out_format == "csv" else None
    problems: list[str] = []
    mining: list[tuple[str, str | None]] = []
    for offset, (item, record) in enumerate(zip(parsed, task.records, strict=True)):
        diagnostics = results[offset]
        if isinstance(diagnostics, str):
            item.error = diagnostics
        if item.error is not None:
            tally.add_error(item.error)
            problems.append(f"{task.source}:{record.line}: {item.error}")
        else:
            _count(tally, item, diagnostics)
            if mine and item.text:
                mining.append((item.text, item.groups.get(job.agent_label or "")))
        if job.out_format:
            _write_record(out, writer, job, task.source, task.first_row + offset, record.line,
                          item, None if item.error else diagnostics)
    templates = tally_chunk(mining) if mine else None
    return ChunkResult(len(parsed), out.getvalue(), tally, templates, len(mining), problems)


def _lint(job: Job, parsed: list[Parsed]) -> list[Any]:
    """Diagnostics per parsed row (a message string when linting refused the row)."""
    results: list[Any] = [None] * len(parsed)
    if not job.lint:
        return [[] for _ in parsed]
    from ..engine import lint_many

    wanted = [index for index, item in enumerate(parsed) if item.error is None]
    outcomes = lint_many(((parsed[i].text, parsed[i].customer) for i in wanted), job.config)
    for index, outcome in zip(wanted, outcomes, strict=True):
        results[index] = str(outcome) if isinstance(outcome, ValueError) else outcome
    return results


def _count(tally: Tally, item: Parsed, diagnostics: list[Any]) -> None:
    fired = [(d.code, d.name, d.severity.value) for d in diagnostics]
    tally.add_linted(item.groups, item.day, fired)
    by_code: dict[str, list[tuple[int, int, str]]] = {}
    for d in diagnostics:
        by_code.setdefault(d.code, []).append((d.start, d.end, d.message))
    for code, spans in by_code.items():
        if code not in tally.examples or len(tally.examples[code]) < 2:
            tally.add_example(code, item.text, spans, item.row_id, item.groups)


def _write_record(out: io.StringIO, writer: Any, job: Job, source: str, row: int, line: int,
                  item: Parsed, diagnostics: list[Any] | None) -> None:
    found = None if diagnostics is None else [d.to_dict() for d in diagnostics]
    if writer is None:
        record: dict[str, Any] = {"row": row, "file": source, "line": line, "id": item.row_id,
                                  "groups": item.groups}
        if item.day is not None:
            record["date"] = item.day
        record["diagnostics"] = found
        record["error"] = item.error
        out.write(_JSON.encode(record))
        out.write("\n")
        return
    codes = "" if diagnostics is None else " ".join(d.code for d in diagnostics)
    writer.writerow([
        row, _one_line(source), line, _one_line(item.row_id),
        *(_one_line(item.groups.get(label, "")) for label in job.group_labels),
        item.day or "", codes,
        "" if found is None else _JSON.encode(found),
        _one_line(item.error or ""),
    ])


def csv_header(group_labels: tuple[str, ...]) -> list[str]:
    return ["row", "file", "line", "id", *group_labels, "date", "codes", "diagnostics", "error"]


def _one_line(value: str) -> str:
    # One physical line per CSV record keeps --resume a matter of counting lines.
    return value.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")


# --- turning a raw record into fields ---------------------------------------------


def parse_record(plan: FieldPlan, record: Record, labels: tuple[str, ...]) -> Parsed:
    if plan.kind == "csv":
        return _parse_csv(plan, record)
    return _parse_json(plan, record)


def _parse_csv(plan: FieldPlan, record: Record) -> Parsed:
    cells: list[str] = record.payload or []
    error = record.problem
    if error is None and record.payload is None:
        error = "malformed CSV"
    if error is None and len(cells) != plan.width:
        error = (f"row has {len(cells)} fields, the header has {plan.width}"
                 + (" (a field is missing)" if len(cells) < plan.width
                    else " (an unquoted delimiter?)"))

    def cell(index: object) -> str:
        if index is None or not isinstance(index, int) or index >= len(cells):
            return ""
        return _clean(cells[index])

    text = cells[plan.text] if isinstance(plan.text, int) and plan.text < len(cells) else ""
    customer = cell(plan.customer) if plan.customer is not None else None
    return Parsed(text, customer or None, cell(plan.id),
                  {label: cell(index) for label, index in plan.groups},
                  parse_day(cell(plan.date)) if plan.date is not None else None, error)


def _parse_json(plan: FieldPlan, record: Record) -> Parsed:
    raw: bytes = record.payload
    error: str | None = None
    obj: Any = None
    try:
        obj = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        error = f"undecodable bytes (not UTF-8 at byte {exc.start})"
    except ValueError as exc:
        truncated = not raw.endswith(b"\n")
        error = ("truncated last line (invalid JSON at the end of the input)" if truncated
                 else f"invalid JSON ({exc})")
    if error is None and not isinstance(obj, dict):
        error = f"not a JSON object (got {_json_type(obj)})"
    if not isinstance(obj, dict):
        return Parsed("", None, "", {label: "" for label, _ in plan.groups}, None, error)

    text_value = _get(obj, plan.text)
    text = ""
    if error is None:
        if text_value is _MISSING:
            error = f"missing field {plan.names[0]!r}"
        elif not isinstance(text_value, str):
            error = f"field {plan.names[0]!r} is not text (got {_json_type(text_value)})"
        else:
            text = text_value
    customer = _get(obj, plan.customer) if plan.customer is not None else None
    return Parsed(
        text,
        customer if isinstance(customer, str) and customer else None,
        _scalar(_get(obj, plan.id)) if plan.id is not None else "",
        {label: _scalar(_get(obj, key)) for label, key in plan.groups},
        parse_day(_scalar(_get(obj, plan.date))) if plan.date is not None else None,
        error,
    )


_MISSING = object()


def _get(obj: dict[str, Any], path: object) -> Any:
    if not isinstance(path, tuple):
        return _MISSING
    if len(path) > 1 and ".".join(path) in obj:  # a top-level key that contains a dot
        return obj[".".join(path)]
    value: Any = obj
    for part in path:
        if not isinstance(value, dict) or part not in value:
            return _MISSING
        value = value[part]
    return value


def _scalar(value: Any) -> str:
    if value is _MISSING or value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool | int | float):
        return json.dumps(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _json_type(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false", int: "a number",
            float: "a number", type(None): "null"}.get(type(value), type(value).__name__)


def _clean(value: str) -> str:
    """Cell text with undecodable bytes shown as U+FFFD (so the output stays valid UTF-8)."""
    return _SURROGATES.sub("\ufffd", value)


def parse_day(value: str) -> str | None:
    """The calendar day of a timestamp (ISO 8601, Twitter's format, RFC 2822, epoch seconds)."""
    value = value.strip()
    if not value:
        return None
    match = _ISO_DAY.match(value)
    if match:
        return f"{match[1]}-{match[2]}-{match[3]}"
    match = _TWITTER_DAY.match(value)  # "Tue Oct 31 22:10:47 +0000 2017"; strptime is slow
    if match and match[1] in _MONTHS:
        return f"{match[3]}-{_MONTHS[match[1]]:02d}-{match[2]}"
    if value.replace(".", "", 1).isdigit():
        seconds = float(value)
        if seconds > 1e11:  # milliseconds
            seconds /= 1000
        try:
            return datetime.fromtimestamp(seconds, tz=UTC).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None
