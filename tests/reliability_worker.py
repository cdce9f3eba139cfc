"""Helper processes for the reliability tests (run as a script, not collected by pytest).

``python reliability_worker.py zygote`` imports the store once and then forks
a saver for each ``RUN`` line it reads, so that hundreds of kills do not each
pay for starting Python. Each saver leads its own process group
(git's processes included), so the test kills the whole group with SIGKILL,
as a power cut or an OOM kill would.

``python reliability_worker.py edits REPO NAME COUNT`` makes COUNT edits on
one meeting through Repository.apply, for the concurrency test; ``hold REPO``
holds the repository lock until told to let go; ``midsave REPO`` makes one
save that pauses between writing the file and committing it.

A saver appends ``INDEX COMMIT`` to its log after each save *returned*; the
test holds cesam to exactly those.
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import os
import signal
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from store.core.model import Item, ItemKind, Meeting, Statement, StatementKind  # noqa: E402
from store.services.repository import Repository  # noqa: E402

MAIN = "cesam/2023-09-05"
NEW_EVERY = 10  # every tenth save creates a meeting: the path through `git add`
FIRST_NEW = dt.date(2024, 1, 1)


def body(index: int) -> str:
    # several lines, a Markdown heading and a conflict-marker look-alike: data, not structure
    return f"save {index}\nRubrik\n=======\n<<<<<<< inte en konflikt\nrad {index}\n"


def new_meeting(index: int) -> Meeting:
    return Meeting(
        group="cesam",
        date=FIRST_NEW + dt.timedelta(days=index),
        items=[Item(id="punkt", title=f"Möte {index}", kind=ItemKind.INFORMATION, body=body(index))],
    )


def save_loop(root: str, first: int, log: str) -> None:
    repo = Repository.open(root)
    fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    index = first
    while True:
        if index % NEW_EVERY == NEW_EVERY - 1:
            result = repo.create(new_meeting(index), message=f"save {index}")
        else:

            def change(meeting: Meeting, index: int = index) -> None:
                meeting.item("koncern").body = body(index)

            result = repo.apply(MAIN, change, message=f"save {index}")
        os.write(fd, f"{index} {result.commit}\n".encode())
        index += 1


def zygote() -> None:
    # orphaned git processes of a killed saver come to us and are reaped at once
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    for line in sys.stdin:
        parts = line.split()
        if not parts or parts[0] != "RUN":
            continue
        _, root, first, log = parts
        pid = os.fork()
        if pid == 0:
            try:
                os.setpgid(0, 0)
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                save_loop(root, int(first), log)
            except BaseException as exc:  # the test reads it from the log
                with open(log, "a", encoding="utf-8") as out:
                    out.write(f"ERROR {type(exc).__name__}: {exc}\n".replace("\n", " ") + "\n")
            finally:
                os._exit(1)
        # set by both sides, so the group exists before the test can kill it
        with contextlib.suppress(OSError):
            os.setpgid(pid, pid)
        sys.stdout.write(f"{pid}\n")
        sys.stdout.flush()


def edits(root: str, name: str, count: int) -> None:
    """COUNT edits: a statement of its own each time, and the same shared field."""
    repo = Repository.open(root)
    print("trying", flush=True)
    for n in range(count):

        def change(meeting: Meeting, n: int = n) -> None:
            item = meeting.item("koncern")
            item.statements.append(Statement(f"{name}-{n}", "Vision", StatementKind.VIEW, f"{name} edit {n}"))
            item.purpose = f"last written by {name} edit {n}"

        result = repo.apply(MAIN, change, message=f"{name} {n}")
        assert result.commit, "every edit changes the meeting"
        print(f"{n} {result.commit}", flush=True)


def midsave(root: str) -> None:
    """One save that stops between writing the file and committing it until a line arrives on stdin."""
    repo = Repository.open(root)
    commit = repo._commit

    def paused(*args: object, **kwargs: object) -> str:
        print("written", flush=True)
        sys.stdin.readline()
        return commit(*args, **kwargs)  # type: ignore[arg-type]

    repo._commit = paused  # type: ignore[method-assign]

    def change(meeting: Meeting) -> None:
        meeting.place = "Rum i flykten"

    print(repo.apply(MAIN, change, message="a save in flight").commit, flush=True)


def hold(root: str) -> None:
    """Hold the repository lock until a line arrives on stdin."""
    repo = Repository.open(root)
    with repo.lock():
        print("held", flush=True)
        sys.stdin.readline()


if __name__ == "__main__":
    if sys.argv[1] == "zygote":
        zygote()
    elif sys.argv[1] == "midsave":
        midsave(sys.argv[2])
    elif sys.argv[1] == "hold":
        hold(sys.argv[2])
    elif sys.argv[1] == "edits":
        edits(sys.argv[2], sys.argv[3], int(sys.argv[4]))
