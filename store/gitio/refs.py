"""Refs and tags: list with their messages, create annotated or signed, verify. Never delete.

Approval tags are records: cesam only ever adds them (under a name no other
clone can make), so there is deliberately no function here that deletes or
moves a tag.
"""

from __future__ import annotations

from dataclasses import dataclass

from store.gitio.git import Git, GitFailed

_RS = "\x1e"
_FS = "\x1f"
_TAG_FORMAT = _FS.join(
    [
        "%(refname)",
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


def list_tags(git: Git, prefix: str) -> list[TagRecord]:
    """Annotated tags under ``prefix`` (``refs/tags/…/``), oldest tagger date first; lightweight tags are left out."""
    out = git.run("for-each-ref", "--sort=taggerdate", f"--format={_TAG_FORMAT}%1e", "--", prefix, strip=False)
    found: list[TagRecord] = []
    for record in out.split(_RS):
        parts = record.lstrip("\n").split(_FS)
        if len(parts) != 7 or parts[1] != "tag":
            continue
        name, _, target, tagger, date, body, signature = parts
        found.append(TagRecord(name, target, tagger, date, body, signature))
    return found


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
