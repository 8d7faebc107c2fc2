"""One batch run: open the inputs, resume from the output, stream chunks through the workers,
write one record per row in order, and add up the summary."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

from ..config import Config
from .fields import FieldOptions, FieldPlan, group_labels, plan_fields
from .mining import CannedMiner, default_min_count
from .pool import run_chunks
from .progress import Progress
from .readers import InputError, Source, open_source
from .summary import Tally, build_summary
from .workers import ChunkResult, Job, Task, csv_header

# Test seam: after this many chunks, write half of the next one and SIGKILL ourselves,
# exactly what an OOM killer or a closed laptop does mid-write (tests/test_batch_resume.py).
_KILL_AFTER_ENV = "REPLYLINT_BATCH_KILL_AFTER_CHUNKS"


@dataclass(frozen=True)
class BatchOptions:
    inputs: tuple[str, ...]
    fields: FieldOptions = FieldOptions()
    input_format: str | None = None
    encoding: str = "utf-8"
    out: Path | None = None
    resume: bool = False
    workers: int = 1
    chunk_size: int = 2000
    quiet: bool = False
    lint: bool = True
    mine: bool = True
    canned_min_count: int | None = None
    canned_min_agents: int | None = None
    canned_top: int = 50


@dataclass
class BatchResult:
    summary: dict[str, Any]
    miner: CannedMiner
    tally: Tally
    labels: tuple[str, ...]
    agent_label: str | None
    warnings: list[str] = field(default_factory=list)
    min_count: int = 3
    min_agents: int = 1


def out_format(path: Path | None) -> str | None:
    if path is None:
        return None
    return "csv" if path.name.lower().endswith(".csv") else "jsonl"


def open_inputs(options: BatchOptions) -> tuple[list[Source], list[FieldPlan]]:
    """Open every input and resolve its fields up front, so a typo fails before any work."""
    sources: list[Source] = []
    plans: list[FieldPlan] = []
    field_options = options.fields
    for name in options.inputs:
        source = open_source(name, options.input_format, options.encoding)
        plan = plan_fields(source.kind, source.fields, field_options, source.name)
        if not plans and not field_options.group_by:
            # Every input must offer the groups the first one had, or the output would shift.
            field_options = replace(field_options, group_by=group_labels(plan), auto_groups=False)
        sources.append(source)
        plans.append(plan)
    return sources, plans


def run_batch(options: BatchOptions, config: Config,
              note: Callable[[str], None] | None = None) -> BatchResult:
    sources, plans = open_inputs(options)
    labels = group_labels(plans[0]) if plans else ()
    agent_label = "agent" if "agent" in labels else next(
        (label for label in labels if label != "date"), None)
    fmt = out_format(options.out)
    progress = Progress(_total_size(sources), enabled=False if options.quiet else None)
    say = note or progress.note

    tally = Tally()
    already = 0
    out: IO[str] | None = None
    if options.out is not None:
        already, tally = _prepare_output(options.out, fmt or "jsonl", labels, options.resume)
        out = _open_output(options.out, fmt or "jsonl", labels, append=already > 0 or (
            options.resume and options.out.exists() and options.out.stat().st_size > 0))

    job = Job(config, fmt, labels, agent_label, mine=options.mine, lint=options.lint)
    miner = CannedMiner()
    rows_done = already
    written = already
    warnings: list[str] = []
    kill_after = int(os.environ.get(_KILL_AFTER_ENV, "0") or 0)
    done_bytes = _done_bytes(sources)
    try:
        tasks = _tasks(sources, plans, options.chunk_size, skip=already,
                       workers=options.workers)
        for count, result in enumerate(run_chunks(tasks, job, options.workers), start=1):
            if out is not None and result.text:
                if kill_after and count > kill_after:
                    _die_mid_write(out, result.text)
                out.write(result.text)
                out.flush()
                written += result.rows
            _absorb(result, tally, miner, say)
            rows_done += result.rows if (result.text or not options.out) else 0
            progress.update(rows_done, done_bytes())
        for source in sources:
            warnings.extend(source.warnings)
            for warning in source.warnings:
                say(f"replylint: warning: {warning}")
    finally:
        progress.close()
        if out is not None:
            out.close()

    if not options.out:
        written = tally.rows  # nothing to write: every row "written" to the summary only
    min_agents = options.canned_min_agents if options.canned_min_agents is not None else (
        2 if agent_label else 1)
    min_count = options.canned_min_count or default_min_count(miner.replies)
    canned = [
        {"kind": t.kind, "text": t.text, "count": t.count, "agents": t.agents,
         "example": t.example}
        for t in miner.templates(min_count=min_count, min_agents=min_agents,
                                 limit=options.canned_top)
    ]
    rules = _enabled_rules(config) if options.lint else []
    summary = build_summary(tally, records_written=written, rules=rules, group_labels=labels,
                            canned=canned, canned_floor=miner.floor,
                            inputs=[s.name for s in sources])
    summary["canned_min_count"] = min_count
    summary["canned_min_agents"] = min_agents
    summary["agent_group"] = agent_label
    summary["resumed_rows"] = already
    return BatchResult(summary, miner, tally, labels, agent_label, warnings, min_count, min_agents)


def _absorb(result: ChunkResult, tally: Tally, miner: CannedMiner,
            say: Callable[[str], None]) -> None:
    for problem in result.problems:
        say(f"replylint: row error: {problem}")
    tally.merge(result.tally)
    if result.templates is not None:
        miner.merge(result.templates, result.mined_replies)


def _die_mid_write(out: IO[str], text: str) -> None:
    out.write(text[: len(text) // 2 + 7])
    out.flush()
    os.kill(os.getpid(), signal.SIGKILL)


def _tasks(sources: list[Source], plans: list[FieldPlan], chunk_size: int,
           skip: int, workers: int = 1) -> Iterator[Task]:
    row = 0
    sizes = _ChunkSizes(sources, chunk_size, workers)
    for source, plan in zip(sources, plans, strict=True):
        chunk: list[Any] = []
        first = row + 1
        limit = sizes.next(row)
        for record in source.records:
            row += 1
            if not chunk:
                first = row
            chunk.append(record)
            # A chunk never straddles the resume point or a file boundary.
            if len(chunk) >= limit or row == skip:
                yield Task(plan, source.name, first, chunk, mine_only=first <= skip)
                chunk = []
                limit = sizes.next(row)
        if chunk:
            yield Task(plan, source.name, first, chunk, mine_only=first <= skip)
    if row < skip:
        raise InputError(f"--resume: the output already has {skip:,} records but the input has "
                         f"only {row:,} rows; is it the output of another input?")


# The smallest chunk near the end of the input: below this a chunk's own cost (pickling,
# a round trip to the worker, merging its tallies) starts to show.
_TAIL_CHUNK_ROWS = 100


@dataclass
class _ChunkSizes:
    """Chunk sizes that shrink near the end of the input, so the workers finish together.

    With fixed chunks one worker may still be on the last chunk (a third of a second at
    2,000 rows) while the others are done. Where the inputs' sizes are known, a chunk
    holds at most a `2 * workers`-th of the rows estimated to be left (from the bytes
    left and the bytes a row took so far), the "guided" schedule of OpenMP.
    """

    sources: list[Source]
    chunk_size: int
    workers: int
    total: int | None = field(init=False)  # bytes of all inputs, where that matters

    def __post_init__(self) -> None:
        self.total = _total_size(self.sources) if self.workers > 1 else None

    def next(self, rows_read: int) -> int:
        if self.total is None or rows_read == 0:
            return self.chunk_size
        done = _done_bytes(self.sources)()
        if done <= 0:
            return self.chunk_size
        rows_left = max(0, self.total - done) * rows_read / done
        guided = int(rows_left / (2 * self.workers))
        return max(min(guided, self.chunk_size), min(_TAIL_CHUNK_ROWS, self.chunk_size))


def _total_size(sources: list[Source]) -> int | None:
    sizes = [s.size for s in sources]
    return None if any(size is None for size in sizes) else sum(sizes)  # type: ignore[misc]


def _done_bytes(sources: list[Source]) -> Callable[[], int]:
    def done() -> int:
        return sum(s.position() for s in sources)

    return done


def _enabled_rules(config: Config) -> list[tuple[str, str]]:
    from rules import catalogue

    return [(rule.code, rule.name) for rule in catalogue()
            if config.is_enabled(rule.code, rule.name)]


# --- the output file is the checkpoint ------------------------------------------------


def _open_output(path: Path, fmt: str, labels: tuple[str, ...], append: bool) -> IO[str]:
    if str(path) == "-":
        return io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="",
                                write_through=False)
    handle = open(path, "a" if append else "w", encoding="utf-8", newline="")  # noqa: SIM115
    if not append and fmt == "csv":
        csv.writer(handle, lineterminator="\n").writerow(csv_header(labels))
    return handle


def _prepare_output(path: Path, fmt: str, labels: tuple[str, ...],
                    resume: bool) -> tuple[int, Tally]:
    """With --resume: how many complete records `path` holds (a torn last one is cut off),
    and their counts rebuilt into a Tally. Without it: start afresh."""
    tally = Tally()
    if not resume or str(path) == "-" or not path.exists():
        return 0, tally
    keep = 0  # bytes of complete records
    count = 0
    with open(path, "rb") as handle:
        if fmt == "csv":
            header = handle.readline()
            if not header.endswith(b"\n"):
                return 0, tally  # not even a header survived: start again
            columns = next(csv.reader([header.decode("utf-8")]))
            if columns != csv_header(labels):
                raise InputError(f"--resume: {path} has columns {columns}, expected "
                                 f"{csv_header(labels)}; is it the output of another run?")
            keep = len(header)
        for raw in handle:
            record = _complete_record(raw, fmt, labels)
            if record is None:
                break
            count += 1
            if record.get("row") not in (None, count):
                raise InputError(f"--resume: record {count} of {path} says row "
                                 f"{record.get('row')}; the file is not a batch output in order")
            _recount(tally, record)
            keep += len(raw)
    with open(path, "r+b") as handle:
        handle.truncate(keep)
    return count, tally


def _complete_record(raw: bytes, fmt: str, labels: tuple[str, ...]) -> dict[str, Any] | None:
    if not raw.endswith(b"\n"):
        return None  # the run died while writing this one
    try:
        text = raw.decode("utf-8")
        if fmt == "jsonl":
            record = json.loads(text)
            return record if isinstance(record, dict) else None
        cells = next(csv.reader([text]))
    except (UnicodeDecodeError, ValueError, csv.Error, StopIteration):
        return None
    header = csv_header(labels)
    if len(cells) != len(header):
        return None
    values = dict(zip(header, cells, strict=True))
    return {
        "row": int(values["row"]) if values["row"].isdigit() else None,
        "groups": {label: values[label] for label in labels},
        "date": values["date"] or None,
        "diagnostics": json.loads(values["diagnostics"]) if values["diagnostics"] else None,
        "error": values["error"] or None,
    }


def _recount(tally: Tally, record: dict[str, Any]) -> None:
    if record.get("error"):
        tally.add_error(str(record["error"]))
        return
    fired = [(d["code"], d["name"], d.get("severity", "warning"))
             for d in record.get("diagnostics") or []]
    tally.add_linted(record.get("groups") or {}, record.get("date"), fired)
