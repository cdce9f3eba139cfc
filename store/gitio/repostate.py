"""Reading git's state from its files: which lock files git has left.

git takes a lock by creating ``NAME.lock`` beside the file it changes and
renaming it into place; a git killed in between leaves the lock, and every
later git command that needs that file fails. cesam reports every such
file by name (exit 4) and never removes one itself: only the user can know
that no git is still running.

Besides ``index.lock`` and ``HEAD.lock`` these are: ``next-index-PID.lock``
(``git commit --only``), any other ``*.lock`` at the top of the git folder
(``ORIG_HEAD.lock``, ``MERGE_HEAD.lock``, …), ``packed-refs.lock``,
``config.lock`` and ``shallow.lock`` in the common folder, any ref lock under
``refs/`` (branches, tags, remotes), and the commit-graph's locks
(``objects/info/commit-graph.lock``, ``objects/info/commit-graphs/*.lock``):
a stale ``commit-graph-chain.lock`` stopped the graph from ever updating.

A lock a commit needs (the index's, HEAD's, ``next-index-*``, a branch's,
``packed-refs``, ``config``) stops a save at once, as before. Any other is
held for milliseconds by a git that is running (a `git fetch` in another
terminal updates ``refs/remotes/…``, an editor's background fetch, `git gc`
the commit-graph): such a lock stops a save only once it is
``STALE_AFTER`` seconds old, so a running git never makes a save fail, and a
lock left by a killed git is still reported.

Only files are read; no git process runs.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from store.gitio.state import common_dir

OWN_LOCK = "cesam.lock"  # the repository lock cesam itself takes (filelock): not git's
STALE_AFTER = 10.0  # seconds: no git holds a lock a commit does not need for this long
_COMMIT_TOP = ("index.lock", "HEAD.lock", "packed-refs.lock", "config.lock")


def _top_level_locks(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.glob("*.lock") if p.name != OWN_LOCK and not p.is_dir())
    except OSError:
        return []


def commit_graph_locks(git_dir: Path) -> list[Path]:
    """The commit-graph's lock files (single-file graph and split-graph chain)."""
    info = common_dir(git_dir) / "objects" / "info"
    found = [info / "commit-graph.lock"] if (info / "commit-graph.lock").exists() else []
    graphs = info / "commit-graphs"
    if graphs.is_dir():
        found += sorted(graphs.glob("*.lock"))
    return found


# folder -> (its mtime, when it was read, its subfolders, its lock files): refs/ of a repository
# with hundreds of approval tags is thousands of folders (refs/tags/justering/GROUP/DATE/PERSON/)
# until git packs them, and walking them all on every save cost more than the commit
_FOLDERS: dict[str, tuple[int, int, list[str], list[str]]] = {}
_SETTLED_NS = 2_000_000_000  # a folder's mtime this old cannot change within the same clock tick


def _locks_below(top: Path) -> list[Path]:
    """Every ``*.lock`` file under ``top``, as ``rglob`` finds them, reading only folders that changed.

    Creating or removing a file changes its folder's mtime, so a folder whose
    mtime is what it was when it was read (and was already old then, so that
    no change within the same clock tick can hide) holds what it held. Each
    call still stats every folder: nothing is taken on trust for longer.
    """
    found: list[str] = []
    stack = [str(top)]
    while stack:
        folder = stack.pop()
        try:
            mtime = os.stat(folder).st_mtime_ns
        except OSError:
            _FOLDERS.pop(folder, None)
            continue
        known = _FOLDERS.get(folder)
        if known is None or known[0] != mtime or known[1] - mtime < _SETTLED_NS:
            known = (mtime, time.time_ns(), *_read_folder(folder))
            _FOLDERS[folder] = known
        stack += known[2]
        found += known[3]
    return sorted(Path(p) for p in found)


def _read_folder(folder: str) -> tuple[list[str], list[str]]:
    subfolders, locks = [], []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    subfolders.append(entry.path)
                elif entry.name.endswith(".lock"):
                    locks.append(entry.path)
    except OSError:
        pass
    return subfolders, locks


def git_lock_files(git_dir: Path) -> list[Path]:
    """Every lock file git has left in this repository, worktree's first; see the module's docstring."""
    common = common_dir(git_dir)
    found = _top_level_locks(git_dir)
    if common != git_dir:
        found += _top_level_locks(common)
    found += _locks_below(common / "refs")
    if common != git_dir:  # a worktree's own refs (bisect, rewritten)
        found += _locks_below(git_dir / "refs")
    found += commit_graph_locks(git_dir)
    return list(dict.fromkeys(found))


def commit_needs(path: Path, git_dir: Path) -> bool:
    """Whether ``git commit`` fails while this lock exists."""
    if path.name in _COMMIT_TOP or (path.name.startswith("next-index-") and path.parent == git_dir):
        return True
    heads = common_dir(git_dir) / "refs" / "heads"
    return heads in path.parents


def blocking_locks(git_dir: Path, now: float | None = None) -> list[Path]:
    """The lock files that stop a save: those a commit needs, and any other once it is stale."""
    now = time.time() if now is None else now
    found = []
    for path in git_lock_files(git_dir):
        if commit_needs(path, git_dir):
            found.append(path)
            continue
        try:
            age = now - path.stat().st_mtime
        except OSError:
            continue  # gone meanwhile: its git finished
        if age >= STALE_AFTER:
            found.append(path)
    return found


__all__ = [
    "OWN_LOCK",
    "STALE_AFTER",
    "blocking_locks",
    "commit_graph_locks",
    "commit_needs",
    "common_dir",
    "git_lock_files",
]
