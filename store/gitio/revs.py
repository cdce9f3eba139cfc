"""Revisions: what a name resolves to, and how commits relate."""

from __future__ import annotations

from collections.abc import Sequence

from store.gitio.git import Git, GitFailed

#: the id git writes for "no object" (a file added or deleted, a root commit's parent)
NULL_OID = "0" * 40


def is_safe_rev(rev: str) -> bool:
    """Whether ``rev`` can go on git's command line as a revision, never read as an option."""
    return bool(rev) and not rev.startswith("-") and "\x00" not in rev and "\n" not in rev


def resolve(git: Git, spec: str) -> str | None:
    """The object id ``spec`` names (``HEAD``, ``TAG^{commit}``, ``REV:PATH``…), or None."""
    if not is_safe_rev(spec):
        return None
    try:
        return git.run("rev-parse", "--verify", "--quiet", "--end-of-options", spec) or None
    except GitFailed:
        return None


def resolve_commit(git: Git, rev: str) -> str | None:
    """The full id of the commit ``rev`` names, or None where it names none."""
    return resolve(git, f"{rev}^{{commit}}")


def blob_id(git: Git, rev: str, relpath: str) -> str | None:
    """The blob id of ``relpath`` in ``rev``, or None where the file is not there."""
    return resolve(git, f"{rev}:{relpath}")


def is_ancestor(git: Git, ancestor: str, descendant: str) -> bool:
    """Whether ``ancestor`` is in ``descendant``'s history (a commit is its own ancestor)."""
    try:
        git.run("merge-base", "--is-ancestor", ancestor, descendant)
    except GitFailed:
        return False
    return True


def merge_base(git: Git, *commits: str) -> str | None:
    """The best common ancestor of ``commits``, or None where they share no history."""
    try:
        return git.run("merge-base", *commits) or None
    except GitFailed:
        return None


def hash_objects(git: Git, relpaths: Sequence[str]) -> list[str]:
    """The blob id each work-tree file would have (``git hash-object``), in order."""
    if not relpaths:
        return []
    return git.run("hash-object", "--", *relpaths).split()
