"""Mine the first chunks in a helper process while the batch process builds the linter.

With two or more workers, the batch process builds the pipeline and the rules once
(about a second: importing spaCy, compiling the rules' patterns, loading textstat)
and then forks the workers, so for that second every other core is idle, and that
second is paid again however many workers there are. Mining templates needs neither
spaCy nor the rules, and is about a fifth of a worker's work a row. So a helper forked
before the build mines the first chunks meanwhile, and the workers lint those chunks
without mining them.

When the build is done the helper is stopped: it finishes the chunk it is on and mines
no more, and the chunks it did not reach are mined by the workers as usual. Either
way every chunk is mined exactly once and its tally is merged in input order, so the
templates and counts are the same as without the helper.
"""

from __future__ import annotations

import mmap
import multiprocessing
import pickle
from collections.abc import Iterator
from dataclasses import replace
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from .workers import ChunkResult, Job, Task, process_chunk, start_child

# How far the batch process reads ahead before the build, for the helper to mine: about
# what one core mines in the time the build takes (a second at ~35 us a row here). What
# the helper does not reach costs only its reading (under 1 us a row) and is mined by
# the workers. The rows wait in memory until they are linted: a few tens of MB at most.
READ_AHEAD_ROWS = 32_000

# `claimed` holds the number of chunks the helper has started, or this once stopped.
_STOPPED = -1


def read_ahead(tasks: Iterator[Task], rows: int) -> tuple[list[Task], Iterator[Task]]:
    """The first whole tasks holding at least `rows` rows (or all of them), and the rest."""
    head: list[Task] = []
    count = 0
    for task in tasks:
        head.append(task)
        count += len(task.records)
        if count >= rows:
            break
    return head, tasks


class TaskStash:
    """Tasks kept pickled in memory that processes forked later do not inherit.

    The read-ahead (some 20 MB of rows) is still waiting to be linted when the pool
    forks; held as objects, every worker would carry a copy of those pages for the whole
    run (about 45 MB more RSS, 30 MB more PSS over a run with two workers). Pickled into
    an anonymous mapping marked MADV_DONTFORK (Linux), only this process keeps them, and
    the objects' memory is free for the build to reuse. Elsewhere the mapping is simply
    inherited, as the objects were.
    """

    def __init__(self, tasks: list[Task]) -> None:
        blobs = [pickle.dumps(task, protocol=pickle.HIGHEST_PROTOCOL) for task in tasks]
        self._region = mmap.mmap(-1, max(1, sum(map(len, blobs))))
        if hasattr(mmap, "MADV_DONTFORK"):
            self._region.madvise(mmap.MADV_DONTFORK)
        self._spans: list[tuple[int, int]] = []
        for blob in blobs:
            start = self._region.tell()
            self._region.write(blob)
            self._spans.append((start, self._region.tell()))

    def __len__(self) -> int:
        return len(self._spans)

    def __getitem__(self, index: int) -> Task:
        start, end = self._spans[index]
        task: Task = pickle.loads(self._region[start:end])
        return task

    def close(self) -> None:
        self._region.close()


class EarlyMiner:
    """A forked helper mining `tasks` in order until `stop` is called."""

    def __init__(self, tasks: list[Task], job: Job) -> None:
        context = multiprocessing.get_context("fork")
        self._claimed: Any = context.Value("i", 0)
        receiver, sender = context.Pipe(duplex=False)
        self._receiver: Connection = receiver
        handoff = list(tasks)
        # Forked, not spawned: the helper sees `tasks` as they are here, nothing is pickled.
        # It closes its copy of `receiver`, so that if this process dies its send fails
        # instead of waiting for ever on a pipe only it still holds.
        self._process: BaseProcess = context.Process(
            target=_mine, args=(handoff, replace(job, lint=False), self._claimed, sender,
                                receiver),
            name="replylint-early-miner", daemon=True)
        self._process.start()
        handoff.clear()  # the helper has its own copy; the Process object would keep this one
        sender.close()
        self.taken: int | None = None
        self._mined: list[ChunkResult | None] | None = None
        try:
            # Pickled while the helper starts; the caller then lets go of the objects.
            self.tasks = TaskStash(tasks)
        except BaseException:  # Ctrl-C, say: the caller never gets a miner to close
            self._process.terminate()
            self._process.join()
            receiver.close()
            raise
        self._mine_only = [task.mine_only for task in tasks]

    def claimed(self) -> int:
        """How many chunks the helper has started (all it will mine, once stopped)."""
        return self.taken if self.taken is not None else self._claimed.value

    def stop(self) -> int:
        """Let the helper finish the chunk it is on and start no other; how many it mines."""
        if self.taken is None:
            lock = self._claimed.get_lock()
            # A helper killed while holding the lock (by the OOM killer, say) would hold it
            # for ever; then whatever it claimed comes from `take`'s fallback.
            locked = lock.acquire(timeout=5)
            try:
                self.taken = max(self._claimed.value, 0)
                self._claimed.value = _STOPPED
            finally:
                if locked:
                    lock.release()
        return self.taken

    def plan(self, rest: Iterator[Task]) -> Iterator[tuple[Task | None, int | None]]:
        """Stop the helper now; then what the workers still do, chunk by chunk in input
        order: a task (None where the helper did all of a chunk's work) and the index of
        the helper's result to add to it (None where the workers mine the chunk)."""
        taken = self.stop()

        def chunks() -> Iterator[tuple[Task | None, int | None]]:
            for index in range(len(self.tasks)):
                if index >= taken:
                    yield self.tasks[index], None
                elif self._mine_only[index]:  # a resumed run's written rows: mining was all
                    yield None, index
                else:
                    yield replace(self.tasks[index], mine=False), index
            for task in rest:
                yield task, None

        return chunks()

    def take(self, index: int) -> ChunkResult:
        """The templates of task `index`, which the helper took: its result, or mined here
        if the helper died before sending. The helper's result is forgotten afterwards."""
        assert self.taken is not None and index < self.taken, "not a task the helper took"
        if self._mined is None:
            try:
                self._mined = self._receiver.recv()
            except (EOFError, OSError):
                self._mined = []
            self._receiver.close()
            self._process.join(timeout=5)  # it exits once it has sent: reap it now
        mined = self._mined[index] if index < len(self._mined) else None
        if mined is None:
            return process_chunk(_mining_only(self.tasks[index]))
        self._mined[index] = None
        return mined

    def close(self) -> None:
        self.stop()
        if self._process.is_alive() and self._mined is not None:
            self._process.join(timeout=5)
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._receiver.close()
        self.tasks.close()


def _mine(tasks: list[Task], job: Job, claimed: Any, results: Connection,
          theirs: Connection) -> None:
    theirs.close()
    start_child(job)
    mined: list[ChunkResult] = []
    for number, task in enumerate(tasks, start=1):
        with claimed.get_lock():
            if claimed.value == _STOPPED:
                break
            claimed.value = number
        mined.append(process_chunk(_mining_only(task)))
    try:
        results.send(mined)
    except OSError:
        pass  # the batch process is gone (killed): nobody to tell
    results.close()


def _mining_only(task: Task) -> Task:
    return replace(task, mine_only=True)
