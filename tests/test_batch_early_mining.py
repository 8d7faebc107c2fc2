"""The helper that mines the first chunks while the batch process builds the linter, and the
chunk sizes that shrink near the end of the input: the results are those of a plain run."""

from __future__ import annotations

import json
import mmap
import os
import time
from dataclasses import replace
from pathlib import Path

import pytest

from linter.batch.early_mining import EarlyMiner, TaskStash, read_ahead
from linter.batch.fields import FieldOptions
from linter.batch.pool import _finish, _pooled, _start_pool
from linter.batch.run import BatchOptions, _tasks, open_inputs
from linter.batch.workers import ChunkResult, Job, Task, init_worker, process_chunk
from linter.config import Config
from linter.pipeline import MAX_REPLY_CHARS

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="the helper is forked")

AGENTS = ["ana", "ben", "chloe", "dev"]
OPENERS = ["Sorry to hear the parcel is late.", "Thanks for waiting while we checked.",
           "We understand how frustrating a missed delivery is."]


def write_export(path: Path, rows: int) -> Path:
    """Replies that share canned sentences across agents, with varying order numbers."""
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(rows):
            reply = (f"@cust{i} {OPENERS[i % 3]} Order {1000 + i} left our depot today and "
                     f"should arrive within two working days. ^{AGENTS[i % 4][:2].upper()}")
            handle.write(json.dumps({"id": f"r{i}", "agent": AGENTS[i % 4], "reply": reply}) + "\n")
    return path


def chunked(path: Path, chunk_size: int, workers: int = 1, skip: int = 0) -> list[Task]:
    options = BatchOptions(inputs=(str(path),), fields=FieldOptions(group_by=("agent",)))
    sources, plans = open_inputs(options)
    return list(_tasks(sources, plans, chunk_size, skip, workers=workers))


JOB = Job(Config(), "jsonl", ("agent",), "agent")


def comparable(result: ChunkResult) -> tuple:
    templates = result.templates
    mined = None if templates is None else (
        templates.keys, templates.counts, templates.first, templates.examples,
        templates.agents, {k: sorted(v) for k, v in templates.agent_sets.items()})
    return result.rows, result.text, result.tally.rows, mined, result.mined_replies


def plain(tasks: list[Task]) -> list[tuple]:
    init_worker(JOB)
    return [comparable(process_chunk(task)) for task in tasks]


def wait_until_claimed(miner: EarlyMiner, chunks: int) -> None:
    deadline = time.monotonic() + 60
    while miner.claimed() < chunks:
        assert time.monotonic() < deadline, "the helper never started mining"
        time.sleep(0.005)


@needs_fork
@pytest.mark.parametrize("claimed", [1, 3, 6])
def test_chunks_the_helper_mined_are_mined_once_and_match_a_plain_run(
        tmp_path: Path, claimed: int) -> None:
    tasks = chunked(write_export(tmp_path / "export.jsonl", 120), chunk_size=20)
    assert len(tasks) == 6
    miner = EarlyMiner(tasks, JOB)
    try:
        wait_until_claimed(miner, claimed)
        plan = list(miner.plan(iter([])))
        assert miner.taken is not None and miner.taken >= claimed
        # The workers are told not to mine what the helper took, and to mine the rest.
        assert [task.mine for task, _ in plan] == [i >= miner.taken for i in range(6)]
        assert [early for _, early in plan] == [i if i < miner.taken else None for i in range(6)]
        results = [comparable(r) for r in _pooled(_start_pool(JOB, 2), plan, miner)]
        # What the helper mined was handed over and let go of, and the helper reaped.
        assert miner._mined == [None] * miner.taken
        assert miner._process.exitcode == 0
    finally:
        miner.close()
    assert results == plain(tasks)


@needs_fork
def test_a_helper_that_dies_leaves_its_chunks_to_the_batch_process(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from linter.batch import early_mining

    tasks = chunked(write_export(tmp_path / "export.jsonl", 120), chunk_size=20)
    # The helper (forked with this patch) dies in its first chunk, before sending anything.
    monkeypatch.setattr(early_mining, "process_chunk", lambda task: os._exit(3))
    miner = EarlyMiner(tasks, JOB)
    try:
        wait_until_claimed(miner, 1)
        monkeypatch.undo()
        plan = list(miner.plan(iter([])))
        assert miner.taken == 1
        results = [comparable(r) for r in _pooled(_start_pool(JOB, 2), plan, miner)]
        assert miner._mined == []  # nothing came from the helper: mined here instead
    finally:
        miner.close()
    assert results == plain(tasks)


@needs_fork
def test_rows_a_resumed_run_already_wrote_are_only_mined_by_the_helper(tmp_path: Path) -> None:
    tasks = chunked(write_export(tmp_path / "export.jsonl", 60), chunk_size=20, skip=40)
    assert [task.mine_only for task in tasks] == [True, True, False]
    miner = EarlyMiner(tasks, JOB)
    try:
        wait_until_claimed(miner, 3)
        plan = list(miner.plan(iter([])))
        # Nothing is left to lint in the written chunks: the pool never sees them.
        assert [task for task, _ in plan[:2]] == [None, None]
        results = [comparable(_finish(None, index, miner)) for index in (0, 1)]
    finally:
        miner.close()
    assert results == plain(tasks[:2])


def test_mining_only_skips_the_replies_linting_refuses(tmp_path: Path) -> None:
    # A resumed run mines its written rows without linting them: an over-long reply must
    # be left out there too, as the lint path leaves it out.
    path = write_export(tmp_path / "export.jsonl", 6)
    with open(path, "a", encoding="utf-8") as handle:
        long_reply = f"{OPENERS[0]} " + "word " * (MAX_REPLY_CHARS // 5)
        handle.write(json.dumps({"id": "long", "agent": "ana", "reply": long_reply}) + "\n")
    [task] = chunked(path, chunk_size=20)
    init_worker(JOB)
    linted, mined = process_chunk(task), process_chunk(replace(task, mine_only=True))
    assert linted.mined_replies == mined.mined_replies == 6
    assert comparable(linted)[3] == comparable(mined)[3]


def test_read_ahead_takes_whole_tasks_and_leaves_the_rest(tmp_path: Path) -> None:
    tasks = chunked(write_export(tmp_path / "export.jsonl", 100), chunk_size=20)
    head, rest = read_ahead(iter(tasks), rows=30)
    assert [len(task.records) for task in head] == [20, 20]
    assert [task.first_row for task in rest] == [41, 61, 81]


def test_chunks_shrink_near_the_end_of_the_input_and_cover_every_row(tmp_path: Path) -> None:
    path = write_export(tmp_path / "export.jsonl", 4000)
    tasks = chunked(path, chunk_size=400, workers=2)
    sizes = [len(task.records) for task in tasks]
    assert sum(sizes) == 4000 and max(sizes) == 400
    assert sizes[:4] == [400] * 4  # far from the end: full chunks
    assert sizes[-3:] == sorted(sizes[-3:], reverse=True) and sizes[-2] < 400  # then smaller
    assert min(sizes[:-1]) == 100  # but never below the floor (the last takes what is left)
    assert [task.first_row for task in tasks] == [1 + sum(sizes[:i]) for i in range(len(tasks))]
    # One worker has nobody to wait for: fixed chunks.
    assert {len(task.records) for task in chunked(path, chunk_size=400)} == {400}


def test_a_source_read_to_its_end_reports_its_whole_size(tmp_path: Path) -> None:
    path = write_export(tmp_path / "export.jsonl", 50)
    options = BatchOptions(inputs=(str(path),), fields=FieldOptions(group_by=("agent",)))
    [source], _ = open_inputs(options)
    assert source.position() < path.stat().st_size  # only the first row was read
    assert sum(1 for _ in source.records) == 50
    assert source.position() == path.stat().st_size


def test_two_workers_write_and_mine_what_one_worker_does(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from linter.cli import main

    path = write_export(tmp_path / "export.jsonl", 600)
    outputs = {}
    for workers in ("1", "2"):
        out, summary = tmp_path / f"out{workers}.jsonl", tmp_path / f"summary{workers}.json"
        result = CliRunner().invoke(main, [
            "batch", str(path), "--out", str(out), "--summary-json", str(summary),
            "--workers", workers, "--chunk-size", "50", "-q"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        outputs[workers] = out.read_text(encoding="utf-8"), json.loads(summary.read_text())
    assert outputs["1"] == outputs["2"]
    # Every chunk was mined exactly once, whoever mined it: the counts are exact.
    counts = {template["text"]: template["count"] for template in outputs["2"][1]["canned"]}
    assert counts["order <n> left our depot today and should arrive within two working days"] == 600
    assert counts["sorry to hear the parcel is late"] == 200


@needs_fork
@pytest.mark.skipif(not hasattr(mmap, "MADV_DONTFORK"), reason="MADV_DONTFORK is Linux's")
def test_stashed_tasks_come_back_whole_and_stay_out_of_processes_forked_later(
        tmp_path: Path) -> None:
    import ctypes

    tasks = chunked(write_export(tmp_path / "export.jsonl", 120), chunk_size=20)
    stash = TaskStash(tasks)
    assert [stash[index] for index in range(len(stash))] == tasks
    view = ctypes.c_char.from_buffer(stash._region)  # type: ignore[arg-type]
    address = ctypes.addressof(view)
    del view
    child = os.fork()
    if child == 0:  # the pool's workers are forked like this: the stash must not be there
        maps = Path("/proc/self/maps").read_text().splitlines()
        spans = [tuple(int(part, 16) for part in line.split()[0].split("-")) for line in maps]
        os._exit(1 if any(start <= address < end for start, end in spans) else 0)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    stash.close()
