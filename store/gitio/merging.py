"""A merge in progress: start, abort, fast-forward, and the index's conflict stages."""

from __future__ import annotations

from collections.abc import Sequence

from store.gitio.git import Git


def start_merge(git: Git, theirs: str, options: Sequence[str] = ()) -> None:
    """``git merge --no-ff --no-commit THEIRS`` with ``-c`` ``options``. Raises GitFailed (conflicts too)."""
    git.run(*options, "merge", "--no-ff", "--no-commit", "--quiet", "--end-of-options", theirs)


def abort_merge(git: Git) -> None:
    git.run("merge", "--abort")


def fast_forward(git: Git, rev: str) -> None:
    """Move the branch and the work tree to ``rev``, which must contain HEAD. Raises GitFailed."""
    git.run("merge", "--ff-only", "--quiet", "--end-of-options", rev)


def unmerged_stages(git: Git, relpath: str) -> dict[int, str]:
    """Stage number (1 base, 2 ours, 3 theirs) → blob id of an unmerged file in the index."""
    out = git.run("ls-files", "-u", "-z", "--", relpath, strip=False)
    stages: dict[int, str] = {}
    for entry in out.split("\0"):
        if entry:
            meta, _path = entry.split("\t", 1)
            _mode, oid, stage = meta.split()
            stages[int(stage)] = oid
    return stages


def take_stage(git: Git, relpath: str, *, ours: bool) -> None:
    """Settle an unmerged file as stage 2 (``ours``) or 3 has it, byte for byte, and stage it."""
    git.run("checkout", "--ours" if ours else "--theirs", "--", relpath)
    git.run("add", "--", relpath)


def remove_from_index(git: Git, relpath: str) -> None:
    """Drop ``relpath`` from the index (the file in the folder is the caller's)."""
    git.run("rm", "-q", "--cached", "--ignore-unmatch", "--", relpath)


def restore_from_head(git: Git, relpath: str) -> None:
    """Make the index and the work tree hold ``relpath`` as HEAD has it."""
    git.run("restore", "--source=HEAD", "--staged", "--worktree", "--", relpath)
