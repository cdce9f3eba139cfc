"""Finishing what a killed cesam left: an interrupted save and stale temp files.

A save writes a small journal in the git folder before it touches the
meeting file (which file, a hash of the bytes before and after, the commit
message) and removes it once the commit is made. If the process dies in
between (power cut, kill, a crash in git), the next writer finds the
journal while holding the repository lock and:

* the file holds exactly the journaled new bytes and HEAD has them too:
  the commit was made; only git's index may lag behind, and is refreshed;
* the file holds the new bytes and HEAD does not: the user's confirmed
  change reached the disk but not git, and is committed with the message
  it was going to have;
* the file holds the old bytes: the save never reached the file; nothing
  to finish, and the user is told which change was not made;
* anything else: the file was changed after the crash (by hand, or by
  git); it is left alone and reported, like any uncommitted edit.

A temp file is written only under the lock, so one found while holding the
lock, whose writer is no longer running, is the remains of a killed save:
its content never replaced the meeting and is removed.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from store.core.errors import UsageError
from store.gitio import revs, worktree
from store.gitio.fileio import TMP_MARK
from store.gitio.locking import pid_alive

if TYPE_CHECKING:
    from store.services.repository import Repository

JOURNAL = "cesam-journal.json"


def digest(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()


@dataclass
class Journal:
    path: str
    old: str | None  # sha256 of the file before the save; None when it did not exist
    new: str
    message: str
    pid: int


def journal_path(repo: Repository) -> Path:
    return repo.git_dir / JOURNAL


def write_journal(repo: Repository, relpath: str, old: bytes | None, new: bytes, message: str) -> None:
    record = {"path": relpath, "old": digest(old), "new": digest(new), "message": message, "pid": os.getpid()}
    # no fsync: after a power cut without the journal, the changed file is still
    # found at start and reported as uncommitted; nothing is lost either way
    journal_path(repo).write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")


def clear_journal(repo: Repository) -> None:
    with suppress(FileNotFoundError):
        journal_path(repo).unlink()


def read_journal(repo: Repository) -> Journal | None:
    """The journal of an interrupted save; None when there is none or it was cut short."""
    try:
        data = json.loads(journal_path(repo).read_text(encoding="utf-8"))
        return Journal(str(data["path"]), data["old"], str(data["new"]), str(data["message"]), int(data["pid"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _first_line(message: str) -> str:
    return message.split("\n", 1)[0]


def recover(repo: Repository) -> list[str]:
    """Finish or report an interrupted save; the caller holds the lock. Returns notes for the user.

    Raises RepoStateError (and keeps the journal) when git is in a state
    that stops the commit, e.g. a stale index.lock left by the same crash.
    """
    journal = read_journal(repo)
    if journal is None:
        # none, or cut short by the kill: it is written before the meeting file is touched
        clear_journal(repo)
        return []
    relpath = journal.path
    subject = _first_line(journal.message)
    try:
        path = repo.safe_path(relpath)
        current = digest(path.read_bytes()) if path.is_file() else None
    except (UsageError, OSError):
        current = ""
    notes: list[str] = []
    if current == journal.new:
        head_blob = _head_blob(repo, relpath)
        file_blob = revs.hash_objects(repo.git, [relpath])[0]
        if head_blob == file_blob:
            state = repo.state([relpath])
            if relpath in state.modified:
                repo.ensure_writable()  # a stale index.lock is reported, never removed
                worktree.unstage(repo.git, [relpath])  # HEAD and the file agree; the index lagged
        else:
            repo.ensure_writable()
            worktree.stage(repo.git, [relpath])
            repo._commit([relpath], journal.message)
            notes.append(f"an interrupted save was completed: {subject}")
    elif current == journal.old:
        notes.append(f"an interrupted save did not reach {relpath} and was not made: {subject}")
    else:
        notes.append(
            f"an interrupted save of {relpath} was found, but the file has changed since; "
            "it is left as it is (`cesam status` shows it)"
        )
    clear_journal(repo)
    return notes


def _head_blob(repo: Repository, relpath: str) -> str | None:
    return revs.blob_id(repo.git, "HEAD", relpath)


def _temp_files(repo: Repository) -> Iterator[Path]:
    from store.services.repository import MEETINGS_DIR

    for folder in (repo.root, repo.git_dir):
        with suppress(OSError):
            for entry in os.scandir(folder):
                if TMP_MARK in entry.name and entry.is_file(follow_symlinks=False):
                    yield Path(entry.path)
    base = repo.root / MEETINGS_DIR
    if base.is_symlink():
        return
    yield from _temp_files_under(str(base))


def _temp_files_under(folder: str) -> Iterator[Path]:
    """Temp files in ``folder`` and below, linked folders not entered: os.walk's answer, at a third
    of the cost (`cesam status` looks at 9,600 meeting files at ten years of 80 groups)."""
    try:
        with os.scandir(folder) as entries:
            found = list(entries)
    except OSError:
        return
    for entry in found:
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if not is_dir:
            if TMP_MARK in entry.name:
                yield Path(entry.path)
        elif not entry.is_symlink():
            yield from _temp_files_under(entry.path)


def _alive(pid: int) -> bool:
    # we hold the lock and write nothing else at this moment: our own temp file is stale too
    return pid != os.getpid() and pid_alive(pid)


def stale_temp_files(repo: Repository) -> list[Path]:
    out = []
    for path in _temp_files(repo):
        pid_text = path.name.rsplit(TMP_MARK, 1)[-1].partition(".")[0]
        if pid_text.isdigit() and not _alive(int(pid_text)):
            out.append(path)
    return sorted(out)


def sweep_temp_files(repo: Repository) -> list[str]:
    """Remove the temp files of killed saves; the caller holds the lock. Returns their relative paths."""
    removed = []
    for path in stale_temp_files(repo):
        with suppress(FileNotFoundError):
            path.unlink()
            try:
                removed.append(path.relative_to(repo.root).as_posix())
            except ValueError:
                removed.append(str(path))
    return removed
