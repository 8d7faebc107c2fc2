"""Worker processes that each talk to the batch process over a pipe of their own.

multiprocessing.Pool shares one task queue and one result queue between all its
processes, each guarded by a lock that every process takes. A worker stopped while it
holds one (Pool.terminate stops workers with SIGTERM) leaves it held for ever, and
terminate() then waits for ever: this project's Ctrl-C test caught exactly that. Here
each worker has its own pipe and no lock is shared, so stopping workers cannot hang,
and a worker that dies is reported instead of waited for.

A worker has one chunk at a time and gets the next one as soon as its result is in,
before the batch process adds that result up. With one chunk in flight neither side
can block the other with a full pipe: the worker is reading whenever it is sent to.
"""

from __future__ import annotations

import gc
import pickle
import traceback
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from typing import Any, TypeVar

from .workers import Job, start_child

Tag = TypeVar("Tag")


class WorkerFailed(RuntimeError):
    """A worker raised on a chunk, or died: the run cannot account for that chunk's rows."""


class Workers:
    """`count` processes, each running `function` on what it is sent, for `job`."""

    def __init__(self, context: BaseContext, count: int, job: Job,
                 function: Callable[[Any], Any]) -> None:
        self._connections: list[Connection] = []
        self._processes: list[Any] = []
        forks = context.get_start_method() == "fork"
        for number in range(count):
            ours, theirs = context.Pipe()
            # A forked worker holds copies of this process's ends of every pipe made so far,
            # its own included: it closes them first, or it would never see the end of its
            # pipe when this process dies (killed, say) and would live on, orphaned.
            ends = [ours, *self._connections] if forks else []
            process = context.Process(  # type: ignore[attr-defined]
                target=_serve, args=(job, function, theirs, ends), daemon=True,
                name=f"replylint-worker-{number + 1}")
            process.start()
            theirs.close()
            self._connections.append(ours)
            self._processes.append(process)

    @property
    def count(self) -> int:
        return len(self._processes)

    def results(self, plan: Iterable[tuple[Any | None, Tag]],
                limit: int) -> Iterator[tuple[Any | None, Tag]]:
        """(result, tag) for each (payload, tag) of `plan`, in order; a None payload needs
        no worker and gives a None result. At most `limit` items are between being read
        from `plan` and being yielded, so memory stays flat."""
        items = iter(plan)
        tags: dict[int, Tag] = {}
        done: dict[int, Any] = {}
        busy: dict[Connection, tuple[int, int]] = {}  # connection -> (sequence, worker)
        idle = list(range(len(self._processes)))
        read = yielded = 0
        exhausted = False

        def feed(worker: int) -> bool:
            """Send `worker` the next payload; False when there is none to send yet."""
            nonlocal read, exhausted
            while not exhausted and read - yielded < limit:
                try:
                    payload, tag = next(items)
                except StopIteration:
                    exhausted = True
                    break
                sequence, read = read, read + 1
                tags[sequence] = tag
                if payload is None:
                    done[sequence] = None
                    continue
                connection = self._connections[worker]
                try:
                    connection.send(payload)  # it is waiting for one: this does not block long
                except OSError:
                    raise self._died(worker) from None
                busy[connection] = (sequence, worker)
                return True
            return False

        while True:
            idle = [worker for worker in idle if not feed(worker)]
            while yielded in done:
                result = done.pop(yielded)
                yield result, tags.pop(yielded)
                yielded += 1
            if not busy:
                if exhausted and yielded == read:
                    return
                continue  # what was yielded made room under the limit: feed again
            for connection in wait(list(busy)):
                sequence, worker = busy.pop(connection)  # type: ignore[call-overload]
                data = self._receive(connection, worker)
                if not feed(worker):  # the next chunk first: the worker waits for nothing
                    idle.append(worker)
                ok, value = pickle.loads(data)
                if not ok:
                    raise WorkerFailed(f"a batch worker failed on a chunk:\n{value}")
                done[sequence] = value

    def _receive(self, connection: Connection, worker: int) -> bytes:
        try:
            return connection.recv_bytes()
        except (EOFError, OSError):
            raise self._died(worker) from None

    def _died(self, worker: int) -> WorkerFailed:
        process = self._processes[worker]
        process.join(timeout=5)
        return WorkerFailed(f"batch worker {process.pid} died (exit code {process.exitcode}); "
                            "its chunk's rows were not linted")

    def stop(self, *, finished: bool) -> None:
        """End the workers: after a finished run they are idle and told to exit; otherwise
        (an error, Ctrl-C) they are stopped where they are."""
        if finished:
            for connection in self._connections:
                try:
                    connection.send(None)
                except OSError:
                    pass  # already gone
        for process in self._processes:
            if finished:
                process.join(timeout=10)
            if process.is_alive():
                process.terminate()
            process.join()
        for connection in self._connections:
            connection.close()


def _serve(job: Job, function: Callable[[Any], Any], connection: Connection,
           others: list[Connection]) -> None:
    """A worker: build what `job` needs, freeze it (full collections then leave alone what
    lives as long as the process, and forked pages stay shared), then answer each payload
    with (True, result) or (False, the traceback), until None or the end of the pipe."""
    for end in others:
        end.close()
    start_child(job)
    gc.freeze()
    while True:
        try:
            payload = connection.recv()
        except (EOFError, OSError):
            return  # the batch process is gone
        if payload is None:
            return
        try:
            outcome: tuple[bool, Any] = (True, function(payload))
        except Exception:  # noqa: BLE001 - reported to the batch process, which raises
            outcome = (False, traceback.format_exc())
        try:
            connection.send(outcome)
        except OSError:
            return  # the batch process is gone
