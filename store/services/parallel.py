"""Work over many files shared with worker processes, when there is enough of it and more than one core.

A fresh clone parses every meeting file once (the caches then keep what was
found by blob id). That is CPU-bound Python, so threads do not help; worker
processes do. The caller's own process takes the first share (the newest
meetings, so a UI shows rows at once) and reports as it goes; workers take the
rest in chunks. A worker is a new interpreter (the "spawn" start method:
forking a process that runs threads, as the TUI does, can deadlock), which
costs about 0.15 s of imports, so below :data:`MIN_ITEMS` everything is done
in the caller's process. When a worker cannot be started or dies, its chunks
are done in the caller's process: the answer never depends on the pool.

``CESAM_WORKERS`` sets how many processes share the work (1: no workers).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")
A = TypeVar("A")

MIN_ITEMS = 200  # fewer files than this are parsed faster than a worker starts
CHUNK = 50


def processes() -> int:
    """How many processes may share the work: the CPUs this process may use, or ``CESAM_WORKERS``."""
    wanted = os.environ.get("CESAM_WORKERS", "").strip()
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


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
    batch per item); worker processes run ``remote(context, chunk)`` over the
    rest (one batch per chunk, in the order they finish). ``remote`` must be a
    module-level function and ``context`` picklable; both must give what
    ``local`` gives.
    """
    count = processes()
    if count < 2 or len(items) < max(MIN_ITEMS if min_items is None else min_items, 2):
        for item in items:
            yield [(item, local(item))]
        return
    mine = len(items) // count
    rest = list(items[mine:])
    chunks = [rest[i : i + CHUNK] for i in range(0, len(rest), CHUNK)]
    pool: ProcessPoolExecutor | None = None
    futures: dict[Future[list[R]], list[T]] = {}
    try:
        try:
            import multiprocessing

            pool = ProcessPoolExecutor(count - 1, mp_context=multiprocessing.get_context("spawn"))
            futures = {pool.submit(remote, context, chunk): chunk for chunk in chunks}
        except (OSError, RuntimeError):  # no processes here (a sandbox, a limit): all in this one
            futures = {}
        if not futures:
            mine = len(items)
        for item in items[:mine]:
            yield [(item, local(item))]
        yield from _collect(futures, local)
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _collect(futures: dict[Future[list[R]], list[T]], local: Callable[[T], R]) -> Iterator[list[tuple[T, R]]]:
    for future in as_completed(futures):
        chunk = futures[future]
        try:
            results = future.result()
        except Exception:  # a worker that died (killed, out of memory): do its share here
            results = [local(item) for item in chunk]
        yield list(zip(chunk, results, strict=True))
