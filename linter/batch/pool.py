"""Run chunks through worker processes, in input order, with flat memory.

One worker lints in this process. With more, the pipeline and rules are built here
once and the pool forks from it (where processes fork), while a helper forked before
the build mines the first chunks (`early_mining`). At most a few chunks are in flight
at a time: the reader never runs ahead of the writer by more than that, which keeps
memory flat however long the input is.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from .early_mining import READ_AHEAD_ROWS, EarlyMiner, read_ahead
from .processes import Workers
from .workers import (
    ChunkResult,
    Job,
    Task,
    collect_less_often,
    init_worker,
    process_chunk,
)


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """The same threshold while chunks are linted in this process, restored afterwards
    (this process may be someone's program calling `run_batch`)."""
    before = collect_less_often()
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _start_pool(job: Job, workers: int, function: Callable[[Any], Any] = process_chunk) -> Workers:
    """`workers` processes, each ready to lint.

    Where processes fork, the pipeline and rules are built here, once, and every worker
    starts with them: building them (importing spaCy, compiling the rules' patterns,
    loading textstat) costs each process about a second of CPU, which forked workers
    would otherwise each spend again. What was built is frozen (`gc.freeze`) before
    forking and stays frozen until the workers are done (`_pooled` unfreezes it):
    garbage collections, the workers' and this process's, then leave those objects
    alone, so their pages stay shared instead of being copied into each process (17 MB
    less PSS on a 300,000-row run than unfreezing right after the fork).
    """
    if not _forks():
        return Workers(multiprocessing.get_context("spawn"), workers, job, function)
    init_worker(job)
    gc.freeze()
    try:
        return Workers(multiprocessing.get_context("fork"), workers, job, function)
    except BaseException:
        gc.unfreeze()
        raise


def _forks() -> bool:
    return hasattr(os, "fork")


def run_chunks(tasks: Iterable[Task], job: Job, workers: int) -> Iterator[ChunkResult]:
    """Results of `tasks`, in order. One worker runs in this process (no pickling at all)."""
    if workers <= 1:
        init_worker(job)
        with _fewer_collections():
            for task in tasks:
                yield process_chunk(task)
        return
    if not (_forks() and job.lint and job.mine):  # nothing to build, or nothing to mine
        yield from _pooled(_start_pool(job, workers), ((task, None) for task in tasks), None)
        return
    head, rest = read_ahead(iter(tasks), READ_AHEAD_ROWS)
    if not head:  # an empty input
        return
    miner = EarlyMiner(head, job)
    del head  # the miner keeps them pickled, out of the workers' way
    try:
        init_worker(job)  # the build, while the helper mines
        plan = miner.plan(rest)
        yield from _pooled(_start_pool(job, workers), plan, miner)
    finally:
        miner.close()


def _pooled(pool: Workers, plan: Iterable[tuple[Task | None, int | None]],
            miner: EarlyMiner | None) -> Iterator[ChunkResult]:
    """Run `plan` (see `EarlyMiner.plan`) on `pool`, results in order, then end the pool."""
    finished = False
    try:
        # Two chunks a worker between reading and writing: each has one to lint and one
        # result waiting its turn, and the reader never runs further ahead than that.
        for result, early in pool.results(plan, limit=2 * pool.count):
            yield _finish(result, early, miner)
        finished = True
    finally:
        pool.stop(finished=finished)
        gc.unfreeze()  # frozen by `_start_pool`: this process may go on (a program's call)


def _finish(result: ChunkResult | None, early: int | None,
            miner: EarlyMiner | None) -> ChunkResult:
    """A chunk's result: what a worker did, with the helper's templates where it mined."""
    if early is None or miner is None:
        assert result is not None
        return result
    mined = miner.take(early)
    if result is None:
        return mined
    result.templates, result.mined_replies = mined.templates, mined.mined_replies
    return result
