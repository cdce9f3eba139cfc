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

So ``refs/`` outside ``refs/heads`` need not be walked on every save (a
repository with hundreds of approval tags not yet packed by git has
thousands of folders there, and stating each of them cost more than the
save's own work): it is walked at most once every ``STALE_AFTER`` seconds,
and in between only the locks the last walk found are looked at again. No
stale lock is missed by this. A lock file's mtime is when its git created
it (or wrote it last), so a lock that is ``STALE_AFTER`` old now existed
``STALE_AFTER`` seconds ago, before a walk made less than ``STALE_AFTER``
seconds ago: that walk found it. Only a lock given an old mtime from outside
(``touch -d``, a copy that keeps times) may wait until the next walk, at
most ``STALE_AFTER`` seconds, to be reported.

Only files are read; no git process runs.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
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
    return _lock_files(git_dir, _locks_below)


def _lock_files(git_dir: Path, below_refs: Callable[[Path], list[Path]]) -> list[Path]:
    common = common_dir(git_dir)
    found = _top_level_locks(git_dir)
    if common != git_dir:
        found += _top_level_locks(common)
    found += below_refs(common / "refs")
    if common != git_dir:  # a worktree's own refs (bisect, rewritten)
        found += below_refs(git_dir / "refs")
    found += commit_graph_locks(git_dir)
    return list(dict.fromkeys(found))


def _clock() -> float:
    """Now, on the clock git's lock files are dated by (a test moves it on)."""
    return time.time()


# refs folder -> (wall-clock time its last full walk started, the lock files that walk found)
_WALKS: dict[str, tuple[float, list[Path]]] = {}


def _ref_locks_now(refs: Path, now: float) -> list[Path]:
    """The lock files under ``refs`` that may stop a save at ``now``: see the module's docstring.

    ``refs/heads`` is walked every time (a commit needs its branch's ref);
    the rest is walked again once the last walk is ``STALE_AFTER`` old, or
    when the clock went back. Locks the last walk found are returned while
    they exist, so the caller sees each one turn stale.
    """
    key = str(refs)
    walk = _WALKS.get(key)
    if walk is None or not 0 <= now - walk[0] < STALE_AFTER:
        walk = (now, _locks_below(refs))
        _WALKS[key] = walk
        return walk[1]
    heads = _locks_below(refs / "heads")
    return sorted({*heads, *(path for path in walk[1] if path.exists())})


def commit_needs(path: Path, git_dir: Path) -> bool:
    """Whether ``git commit`` fails while this lock exists."""
    if path.name in _COMMIT_TOP or (path.name.startswith("next-index-") and path.parent == git_dir):
        return True
    heads = common_dir(git_dir) / "refs" / "heads"
    return heads in path.parents


def blocking_locks(git_dir: Path, now: float | None = None) -> list[Path]:
    """The lock files that stop a save: those a commit needs, and any other once it is stale."""
    at = _clock() if now is None else now
    found = []
    for path in _lock_files(git_dir, lambda refs: _ref_locks_now(refs, at)):
        if commit_needs(path, git_dir):
            found.append(path)
            continue
        try:
            age = at - path.stat().st_mtime
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
