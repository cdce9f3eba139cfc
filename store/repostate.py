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

Only files are read; no git process runs.
"""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path

OWN_LOCK = "cesam.lock"  # the repository lock cesam itself takes (filelock): not git's


def common_dir(git_dir: Path) -> Path:
    """The folder shared by every worktree (refs, objects, config)."""
    with suppress(OSError):
        return (git_dir / (git_dir / "commondir").read_text().strip()).resolve()
    return git_dir


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


def git_lock_files(git_dir: Path) -> list[Path]:
    """Every lock file git has left in this repository, worktree's first; see the module's docstring."""
    common = common_dir(git_dir)
    found = _top_level_locks(git_dir)
    if common != git_dir:
        found += _top_level_locks(common)
    refs = common / "refs"
    if refs.is_dir():
        found += sorted(refs.rglob("*.lock"))
    if common != git_dir and (git_dir / "refs").is_dir():  # a worktree's own refs (bisect, rewritten)
        found += sorted((git_dir / "refs").rglob("*.lock"))
    found += commit_graph_locks(git_dir)
    return list(dict.fromkeys(found))


__all__ = ["OWN_LOCK", "commit_graph_locks", "common_dir", "git_lock_files"]
