"""Taking the repository lock fairly.

filelock polls a non-blocking flock, by default every 50 ms. A writer that
saves in a loop (a script, an import) releases the lock and takes it again
within a fraction of a millisecond, so a second writer polling every 50 ms
almost never finds it free and gives up after LOCK_TIMEOUT: starvation, seen
when two processes made 500 edits each. Here a waiter polls often and leaves
its pid in ``cesam.lock.waiting``; a process about to take the lock while
another is waiting gives it a moment to go first. Two writers then take
turns.
"""

from __future__ import annotations

import os
import time
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when a lock is taken: reading commands never pay for it
    import filelock

POLL = 0.002  # seconds between tries while waiting
COURTESY = 0.2  # at most this long a process lets a waiting one go first


def pid_alive(pid: int) -> bool:
    """Whether a process with this pid runs on this machine."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def _waiter(marker: Path) -> int | None:
    try:
        pid = int(marker.read_text().strip() or "0")
    except (OSError, ValueError):
        return None
    return pid if pid and pid != os.getpid() and pid_alive(pid) else None


def acquire(lock: filelock.BaseFileLock, marker: Path, timeout: float) -> None:
    """Take ``lock`` within ``timeout`` seconds, letting a waiting process go first; raise filelock.Timeout."""
    import filelock

    start = time.monotonic()
    deadline = start + timeout
    # let a process already waiting have its turn (it removes its mark when it gets the lock)
    while _waiter(marker) is not None and time.monotonic() < min(deadline, start + COURTESY):
        time.sleep(POLL)
    marked = False
    try:
        while True:
            try:
                lock.acquire(timeout=0)
                return
            except filelock.Timeout:
                if time.monotonic() >= deadline:
                    raise
            if not marked:
                with suppress(OSError):
                    marker.write_text(str(os.getpid()))
                    marked = True
            time.sleep(POLL)
    finally:
        if marked:
            with suppress(OSError, ValueError):
                if int(marker.read_text().strip() or "0") == os.getpid():
                    marker.unlink()
