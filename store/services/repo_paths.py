"""Where meetings live in a repository, and the file-level safety every writer relies on.

Paths from the data (or from a pushed commit) never leave the repository or go
through a symbolic link; a file is replaced with store.gitio.fileio's one atomic
write, so a crash leaves the old file or the new one, never half.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from store.core.errors import (
    UsageError,
    words,
)
from store.core.paths import GROUP_ID, repo_path_problem
from store.gitio.fileio import atomic_write as atomic_write  # re-exported: the one atomic write

MEETINGS_DIR = "meetings"
LOCK_TIMEOUT = 15.0  # seconds a writer waits for another; CESAM_LOCK_TIMEOUT overrides

MEETING_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}\Z")
_GROUP = GROUP_ID


@dataclass(frozen=True, order=True)
class MeetingRef:
    group: str
    date: dt.date

    def __str__(self) -> str:
        return f"{self.group}/{self.date.isoformat()}"

    @property
    def relpath(self) -> str:
        return f"{MEETINGS_DIR}/{self.group}/{self.date.year}/{self.date.isoformat()}.toml"

    @classmethod
    def from_relpath(cls, relpath: str) -> MeetingRef | None:
        parts = relpath.replace(os.sep, "/").split("/")
        if len(parts) != 4 or parts[0] != MEETINGS_DIR or not parts[3].endswith(".toml"):
            return None
        group, year, stem = parts[1], parts[2], parts[3][:-5]
        if not _GROUP.match(group) or not MEETING_DATE.match(stem) or stem[:4] != year:
            return None
        try:
            return cls(group, dt.date.fromisoformat(stem))
        except ValueError:
            return None


def file_stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def safe_path(root: Path, relpath: str) -> Path:
    """The file for a repository-relative path; refuses anything that leaves the repository.

    Symbolic links are refused anywhere on the way: anyone who can push
    can commit one, and a meeting file linked to ~/.ssh/id_rsa would be
    shown, or one linked to cesam.toml overwritten by a save.
    """
    problem = repo_path_problem(relpath)
    if problem:
        raise UsageError(f"{relpath!r} {problem}")
    if not PurePosixPath(relpath).parts:
        raise UsageError(words("err.path_is_root", relpath=repr(relpath)))
    # on strings, not Path objects: every meeting file read goes through here, and pathlib's
    # objects were half of its cost; the checks are those of Path.is_symlink and Path.resolve
    base = str(root)
    path = base
    for part in PurePosixPath(relpath).parts:
        path = os.path.join(path, part)
        if _is_symlink(path):
            raise UsageError(
                words("err.path_symlink", relpath=repr(relpath), link=Path(path).relative_to(root).as_posix()),
                hint=words("err.path_symlink.hint"),
            )
    resolved = os.path.realpath(path)
    if resolved != base and not resolved.startswith(base.rstrip(os.sep) + os.sep):
        raise UsageError(words("err.path_outside", relpath=repr(relpath)))
    return Path(resolved)


def _is_symlink(path: str) -> bool:
    """``Path(path).is_symlink()``: False where nothing is, errors other than that raised."""
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError as exc:
        if exc.errno not in (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP):
            raise
        return False
    except ValueError:  # a name the system cannot take (a NUL; refused above anyway)
        return False
