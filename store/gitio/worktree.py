"""The work tree and the index: status, diffs, staging, and files as they are in a tree."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from store.gitio.git import Git, GitFailed


@dataclass(frozen=True)
class TreeEntry:
    path: str
    type: str  # blob, tree, commit (a submodule)
    oid: str


def ls_tree(git: Git, rev: str, path: str) -> list[TreeEntry]:
    """Every file under ``path`` in ``rev``, recursively. Raises GitFailed where ``rev`` names no tree."""
    out = git.run("ls-tree", "-r", "-z", "--end-of-options", rev, "--", path, strip=False)
    entries: list[TreeEntry] = []
    for record in out.split("\0"):
        meta, tab, name = record.partition("\t")
        parts = meta.split()
        if tab and len(parts) == 3:
            entries.append(TreeEntry(name, parts[1], parts[2]))
    return entries


def is_tracked(git: Git, relpath: str) -> bool:
    """Whether ``relpath`` is in the index."""
    return git.run("ls-files", "--", relpath) != ""


def has_changes(git: Git, relpaths: Sequence[str]) -> bool:
    """Whether any of ``relpaths`` differs from HEAD in the index or the work tree, or is untracked."""
    return bool(git.run("status", "--porcelain=v1", "--untracked-files=all", "--", *relpaths).strip())


def diff_text(git: Git, revs: Sequence[str], relpaths: Sequence[str]) -> str:
    """The plain ``git diff REVS -- PATHS`` (no revs: the work tree against the index)."""
    return git.run("diff", "--end-of-options", *revs, "--", *relpaths, strip=False)


def commit_patch(git: Git, commit: str, relpaths: Sequence[str]) -> str:
    """What ``commit`` changed in ``relpaths``, as a patch (``git show --format=``)."""
    return git.run("show", "--format=", "--end-of-options", commit, "--", *relpaths, strip=False)


def stage(git: Git, relpaths: Sequence[str]) -> None:
    """``git add`` the files."""
    git.run("add", "--", *relpaths)


def unstage(git: Git, relpaths: Sequence[str]) -> None:
    """Make the index match HEAD for the files (``git reset -q``)."""
    git.run("reset", "-q", "--", *relpaths)


def merge_file(ours: Path, base: Path, theirs: Path, labels: tuple[str, str, str]) -> bool:
    """Git's three-way line merge of three files, written into ``ours``; True where it left conflicts."""
    try:
        # merge-file exits with the number of conflicts (capped at 127); a larger status is an error
        Git(ours.parent).run(
            "merge-file", "-L", labels[0], "-L", labels[1], "-L", labels[2], "--", *map(str, (ours, base, theirs))
        )
    except GitFailed as exc:
        if not 0 < exc.status < 128:
            raise
        return True
    return False
