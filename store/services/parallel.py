"""Work over many files shared with worker processes, when there is enough of it and more than one core.

A fresh clone parses every meeting file once (the caches then keep what was
found by blob id). That is CPU-bound Python, so threads do not help; worker
processes do. The caller's own process takes the first share (the newest
meetings, so a UI shows rows at once) and reports as it goes; each worker, a
new interpreter running this module, takes an equal share of the rest.

Workers are plain subprocesses fed by a pipe, not ``multiprocessing``: its
start methods need a resource-tracker process started with this process's
stderr, which the TUI has replaced (``bad value(s) in fds_to_keep``), and
forking a process that runs threads can deadlock. A worker costs about
0.15 s of imports, so below :data:`MIN_ITEMS` everything is done in the
caller's process. When a worker cannot be started or fails, its share is done
in the caller's process: the answer never depends on the workers.

``CESAM_WORKERS`` sets how many processes share the work (1: no workers).
"""

from __future__ import annotations

import importlib
import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")
A = TypeVar("A")

MIN_ITEMS = 200  # fewer files than this are parsed faster than a worker starts


def processes() -> int:
    """How many processes may share the work: the CPUs this process may use, or ``CESAM_WORKERS``."""
    wanted = os.environ.get("CESAM_WORKERS", "").strip()
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


class _Worker:
    """One worker process with its share; its answer is read on a thread so that its pipe never fills."""

    def __init__(self, remote: Callable[[Any, list[Any]], list[Any]], context: object, share: list[Any]) -> None:
        self.share = share
        self.results: list[Any] | None = None
        job = pickle.dumps((remote.__module__, remote.__qualname__, context, share), pickle.HIGHEST_PROTOCOL)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", __name__],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.thread = threading.Thread(target=self._talk, args=(job,), daemon=True)
        self.thread.start()

    def _talk(self, job: bytes) -> None:
        try:
            out, _ = self.proc.communicate(job)
            if self.proc.returncode == 0:
                results = pickle.loads(out)
                if isinstance(results, list) and len(results) == len(self.share):
                    self.results = results
        except Exception:  # a worker that died (killed, out of memory): its share is done here
            self.results = None

    def wait(self) -> list[Any] | None:
        self.thread.join()
        return self.results


def shared(
    items: Sequence[T],
    local: Callable[[T], R],
    remote: Callable[[A, list[T]], list[R]],
    context: A,
    *,
    min_items: int | None = None,
) -> Iterator[list[tuple[T, R]]]:
    """``(item, result)`` for every item, in batches as they are done.

    The caller's process runs ``local`` over the first share of ``items`` (one
    batch per item); worker processes run ``remote(context, share)`` over the
    rest (one batch per worker). ``remote`` must be a module-level function and
    ``context`` and the items picklable; both must give what ``local`` gives.
    """
    count = processes()
    if count < 2 or len(items) < max(MIN_ITEMS if min_items is None else min_items, 2):
        for item in items:
            yield [(item, local(item))]
        return
    mine = len(items) // count
    rest = list(items[mine:])
    size = -(-len(rest) // (count - 1))
    workers: list[_Worker] = []
    here: list[T] = list(items[:mine])
    for start in range(0, len(rest), size):
        share = rest[start : start + size]
        try:
            workers.append(_Worker(remote, context, share))
        except OSError:  # no process to be had (a limit, a sandbox): done here
            here += share
    for item in here:
        yield [(item, local(item))]
    for worker in workers:
        results = worker.wait()
        if results is None:
            results = [local(item) for item in worker.share]
        yield list(zip(worker.share, results, strict=True))


def _serve() -> None:
    """A worker: read one job from stdin, write its results to stdout (both pickled)."""
    module, name, context, share = pickle.loads(sys.stdin.buffer.read())
    function: Any = importlib.import_module(module)
    for part in name.split("."):
        function = getattr(function, part)
    results = function(context, share)
    sys.stdout.buffer.write(pickle.dumps(results, pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    _serve()
