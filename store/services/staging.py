"""Committing exactly the bytes cesam validated, from a file someone edits by hand.

`cesam commit-edits` reads a hand-edited file, validates it, and commits
it. ``git add`` and ``git commit --only`` read the file again: an editor
that saves in between would have its unvalidated text committed. Here the
validated bytes become a blob first, and the commit is made from a
temporary index (HEAD's tree plus that blob), as ``git commit --only``
does internally; the user's real index then gets the same entry. Nothing
is staged until the commit is made, so a refused commit (a hook, a lock,
no identity) leaves the index as it was.
"""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING

from store.gitio import revs, worktree
from store.gitio.git import Git, GitFailed

if TYPE_CHECKING:
    from store.services.repository import Repository


def _mode(git: Git, relpath: str) -> str:
    entry = worktree.index_entry(git, relpath)
    mode = entry.split(" ", 1)[0] if entry else ""
    return mode if mode in ("100644", "100755") else "100644"


def commit_exact(repo: Repository, relpath: str, data: bytes, message: str) -> str:
    """Commit ``data`` as ``relpath`` (its other files as at HEAD) with ``message``; returns the commit id.

    The caller holds the repository lock and has checked that git's own lock
    files are absent.
    """
    git = repo.git
    # --path applies the repository's filters (eol=lf) as `git add` would
    blob = worktree.write_blob(git, relpath, data)
    mode = _mode(git, relpath)
    index = repo.git_dir / f"cesam-index-{os.getpid()}"
    private = Git(repo.root, {**git.env, "GIT_INDEX_FILE": str(index)})
    try:
        has_head = repo.head_id() or revs.resolve(git, "HEAD")
        worktree.read_tree(private, "HEAD" if has_head else None)
        worktree.set_index_entry(private, mode, blob, relpath)
        commit = repo._commit([], message, git=private)
    finally:
        with contextlib.suppress(FileNotFoundError):
            index.unlink()
    # the real index gets the committed entry, so the file shows as committed (or as changed again, if it was)
    with contextlib.suppress(GitFailed):
        worktree.set_index_entry(git, mode, blob, relpath)
    return commit


__all__ = ["commit_exact"]
