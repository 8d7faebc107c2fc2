"""The batch's worker processes: results in order, a failing or dying worker reported, and
workers stopped mid-chunk without waiting on anything they held."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
import time
from pathlib import Path

import pytest

from linter.batch.processes import WorkerFailed, Workers
from linter.batch.workers import Job
from linter.config import Config

JOB = Job(Config(), None, (), None, mine=False, lint=False)  # nothing to build
CONTEXT = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")


def slow_square(number: int) -> int:
    time.sleep(0.02 * (number % 3))  # later chunks often finish first
    return number * number


def fails_on_three(number: int) -> int:
    if number == 3:
        raise ValueError("bad chunk 3")
    return number


def dies_on_three(number: int) -> int:
    if number == 3:
        os._exit(7)
    return number


def marks_then_sleeps(payload: tuple[str, int]) -> int:
    folder, number = payload
    Path(folder, str(number)).touch()  # "I am inside the chunk now"
    time.sleep(600)
    return number


def test_results_come_back_in_order_with_their_tags_and_none_passes_through() -> None:
    workers = Workers(CONTEXT, 2, JOB, slow_square)
    plan = [(n, f"tag{n}") if n % 4 else (None, f"tag{n}") for n in range(12)]
    try:
        results = list(workers.results(plan, limit=4))
    finally:
        workers.stop(finished=True)
    assert results == [(None if n % 4 == 0 else n * n, f"tag{n}") for n in range(12)]


def test_the_reader_never_runs_more_than_the_limit_ahead_of_the_results() -> None:
    workers = Workers(CONTEXT, 2, JOB, slow_square)
    taken: list[int] = []

    def plan():
        for n in range(20):
            taken.append(n)
            yield n, n

    ahead = []
    try:
        for count, _ in enumerate(workers.results(plan(), limit=3), start=1):
            ahead.append(len(taken) - count)
    finally:
        workers.stop(finished=True)
    assert max(ahead) <= 3


def test_a_chunk_that_raises_is_reported_with_its_traceback() -> None:
    workers = Workers(CONTEXT, 2, JOB, fails_on_three)
    try:
        with pytest.raises(WorkerFailed, match="(?s)ValueError: bad chunk 3"):
            list(workers.results([(n, n) for n in range(6)], limit=4))
    finally:
        workers.stop(finished=False)


def test_a_worker_that_dies_is_reported_not_waited_for() -> None:
    workers = Workers(CONTEXT, 2, JOB, dies_on_three)
    try:
        with pytest.raises(WorkerFailed, match=r"died \(exit code 7\)"):
            list(workers.results([(n, n) for n in range(6)], limit=4))
    finally:
        workers.stop(finished=False)


def test_workers_busy_mid_chunk_are_stopped_without_waiting(tmp_path: Path) -> None:
    # What an error or Ctrl-C in the batch process does: nothing a worker holds can keep
    # stop() waiting (multiprocessing.Pool.terminate could hang for ever here).
    workers = Workers(CONTEXT, 2, JOB, marks_then_sleeps)
    results = workers.results([((str(tmp_path), n), n) for n in range(4)], limit=4)

    def wait_for_results() -> None:
        with contextlib.suppress(WorkerFailed):  # what it sees once the workers are stopped
            next(results, None)

    threading.Thread(target=wait_for_results, daemon=True).start()
    deadline = time.monotonic() + 60
    while len(list(tmp_path.iterdir())) < 2:  # both workers inside a ten-minute chunk
        assert time.monotonic() < deadline, "the workers never started their chunks"
        time.sleep(0.01)
    stopper = threading.Thread(target=workers.stop, kwargs={"finished": False})
    stopper.start()
    stopper.join(timeout=60)
    assert not stopper.is_alive(), "stop() hung"
    assert all(not process.is_alive() for process in workers._processes)


ORPHAN_SCRIPT = """
import multiprocessing, os, signal, sys
from linter.batch.processes import Workers
from linter.batch.workers import Job
from linter.config import Config
workers = Workers(multiprocessing.get_context("fork"), 2, Job(Config(), None, (), None,
                  mine=False, lint=False), abs)
print(" ".join(str(process.pid) for process in workers._processes), flush=True)
os.kill(os.getpid(), signal.SIGKILL)  # as the OOM killer would: no cleanup at all
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="forked workers")
def test_workers_end_when_the_batch_process_is_killed() -> None:
    # Each worker closes its copies of the batch process's pipe ends, so the end of its
    # pipe reaches it when the batch process dies, and it exits instead of lingering.
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    # Not `run(capture_output=True)`: workers that lived on would keep its pipe open.
    script = subprocess.Popen([sys.executable, "-c", ORPHAN_SCRIPT], stdout=subprocess.PIPE,
                              text=True, cwd=root)
    assert script.stdout is not None
    pids = [int(pid) for pid in script.stdout.readline().split()]
    script.stdout.close()
    assert script.wait(timeout=120) == -9 and len(pids) == 2
    deadline = time.monotonic() + 60
    while any(Path(f"/proc/{pid}").exists() for pid in pids):
        assert time.monotonic() < deadline, "orphaned workers are still running"
        time.sleep(0.01)


def test_a_worker_that_died_while_waiting_is_reported_when_sent_its_next_chunk() -> None:
    workers = Workers(CONTEXT, 1, JOB, abs)
    try:
        [process] = workers._processes
        process.kill()
        process.join()
        with pytest.raises(WorkerFailed, match=r"died \(exit code -9\)"):
            list(workers.results([(n, n) for n in range(3)], limit=2))
    finally:
        workers.stop(finished=False)
