"""Refs and tags: list with their messages, create annotated or signed, verify; branches and remotes.

Approval tags are records: cesam only ever adds them (under a name no other
clone can make), so nothing here deletes or moves a tag (``delete_ref``
refuses ``refs/tags/``; ``create_tag`` never overwrites).
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass

from store.gitio.git import Git, GitFailed

_RS = "\x1e"
_FS = "\x1f"
_TAG_FORMAT = _FS.join(
    [
        "%(refname)",
        "%(objectname)",
        "%(taggerdate:unix)",
        "%(objecttype)",
        "%(*objectname)",
        "%(taggername) %(taggeremail)",
        "%(taggerdate:iso-strict)",
        "%(contents:body)",
        "%(contents:signature)",
    ]
)


@dataclass(frozen=True)
class TagRecord:
    """An annotated tag as ``git for-each-ref`` describes it."""

    name: str  # the full ref name, refs/tags/…
    target: str  # the commit (object) the tag points at
    tagger: str  # "Name <email>"
    date_iso: str  # the tagger date, strict ISO 8601
    body: str  # the message after the subject (trailers live here)
    signature: str  # the armoured signature, "" when unsigned
    oid: str = ""  # the tag object's own id
    timestamp: int = 0  # the tagger date in seconds since the epoch (what --sort=taggerdate orders by)


def read_tags(git: Git, *patterns: str) -> tuple[list[TagRecord], dict[str, str]]:
    """The annotated tags whose names match ``patterns`` (prefixes or full names), and every other ref matched (name → id).

    Not sorted: the caller orders by ``(timestamp, name)`` as ``--sort=taggerdate`` would.
    """
    out = git.run("for-each-ref", f"--format={_TAG_FORMAT}%1e", "--", *patterns, strip=False)
    found: list[TagRecord] = []
    others: dict[str, str] = {}
    for record in out.split(_RS):
        parts = record.lstrip("\n").split(_FS)
        if len(parts) != 9:
            continue
        name, oid, stamp, kind, target, tagger, date, body, signature = parts
        if kind != "tag":
            others[name] = oid  # a lightweight tag (or another kind of object): not a record cesam made
            continue
        timestamp = int(stamp) if stamp.lstrip("-").isdigit() else 0
        found.append(TagRecord(name, target, tagger, date, body, signature, oid, timestamp))
    return found, others


def list_tags(git: Git, prefix: str) -> list[TagRecord]:
    """Annotated tags under ``prefix`` (``refs/tags/…/``), oldest tagger date first; lightweight tags are left out."""
    found, _ = read_tags(git, prefix)
    return sorted(found, key=lambda tag: (tag.timestamp, tag.name))


def ref_ids(git: Git, prefix: str) -> dict[str, str]:
    """Every ref under ``prefix`` and the object it names, without reading any object (cheap at thousands of tags)."""
    out = git.run("for-each-ref", "--format=%(objectname) %(refname)", "--", prefix)
    ids: dict[str, str] = {}
    for line in out.splitlines():
        oid, _, name = line.partition(" ")
        if name:
            ids[name] = oid
    return ids


def valid_ref_name(git: Git, name: str) -> bool:
    """Whether git accepts ``name`` as a ref name (``git check-ref-format``)."""
    if name.startswith("-"):
        return False
    try:
        git.run("check-ref-format", name)
    except GitFailed:
        return False
    return True


def create_tag(git: Git, name: str, commit: str, message: str, *, sign: bool) -> None:
    """Create the annotated tag ``name`` (``refs/tags/…`` or short) on ``commit``; signed where ``sign``.

    Never overwrites: git refuses a name that exists. The message goes in on
    stdin, so nothing in it is read as an option. Raises GitFailed.
    """
    short = name.removeprefix("refs/tags/")
    if not valid_ref_name(git, f"refs/tags/{short}"):
        raise GitFailed(["check-ref-format", name], 1, f"{name!r} is not a valid tag name")
    args = ["-c", "user.useConfigOnly=true", "tag", "-s" if sign else "-a"]
    if not sign:
        args.append("--no-sign")  # tag.gpgSign would sign an -a tag anyway
    git.run(*args, "-F", "-", "--cleanup=whitespace", "--end-of-options", short, commit, stdin=message)


def verify_tag(git: Git, name: str, *, raw: bool = False) -> str:
    """Verify a tag's signature; returns what gpg reported (``raw``: gpg's status lines). Raises GitFailed."""
    _, report = git.run_with_stderr("verify-tag", *(["--raw"] if raw else []), "--", name)
    return report


# ---------------------------------------------------------------- branches, refs, remotes


def current_branch(git: Git) -> str | None:
    """The short name of the branch HEAD is on; None when detached (or no repository)."""
    try:
        return git.run("symbolic-ref", "-q", "--short", "HEAD") or None
    except GitFailed:
        return None


def create_branch(git: Git, name: str, start: str) -> None:
    """A new branch ``name`` at ``start``, tracking nothing. Raises GitFailed where it exists."""
    git.run("branch", "--no-track", "--end-of-options", name, start)


def delete_merged_branch(git: Git, name: str) -> bool:
    """Delete branch ``name`` only where it is merged (``git branch -d``); True when it was."""
    try:
        git.run("branch", "-d", "--end-of-options", name)
    except GitFailed:
        return False
    return True


def set_ref(git: Git, ref: str, oid: str) -> None:
    """Point ``ref`` (cesam's own bookkeeping, a tracking ref) at ``oid``."""
    git.run("update-ref", "--end-of-options", ref, oid)


def delete_ref(git: Git, ref: str) -> None:
    """Delete one of cesam's bookkeeping refs where it exists. Tags are records: never deleted."""
    if ref.startswith("refs/tags/") or not ref.startswith("refs/"):
        raise ValueError(f"only cesam's own refs are deleted, never {ref!r}")
    with suppress(GitFailed):
        git.run("update-ref", "-d", "--end-of-options", ref)


def name_of(git: Git, commit: str) -> str | None:
    """A readable name for ``commit`` from the refs that contain it (``git name-rev``), or None."""
    try:
        return git.run("name-rev", "--name-only", "--no-undefined", "--end-of-options", commit) or None
    except GitFailed:
        return None


def remotes(git: Git) -> list[str]:
    return git.run("remote").split()


def remote_url(git: Git, name: str) -> str:
    """The URL of remote ``name``. Raises GitFailed where there is no such remote."""
    return git.run("remote", "get-url", "--", name)


def tag_kinds(git: Git) -> list[tuple[str, str]]:
    """(object type, short name) of every tag: "tag" for annotated, "commit" for lightweight."""
    out = git.run("for-each-ref", "--format=%(objecttype) %(refname:strip=2)", "refs/tags")
    return [(kind, name) for kind, _, name in (line.partition(" ") for line in out.splitlines())]
