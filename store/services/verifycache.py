"""Justering verification that does not walk the whole history on every start.

:func:`store.services.verify.verify` reads the history of every meeting
file. Between two runs almost nothing changes, so this keeps each meeting's
result with what it rests on (the file's blob at HEAD, the meeting's approval
tags and the commits they point at) and the commit it was computed at. The
next run asks git only what changed since that commit (``git log OLD..HEAD
--name-only -- meetings/``) and verifies again just the meetings that were
touched there, had tags added or moved, are edited in the working tree, or
have signed approvals (a keyring can change without any commit). When the
old commit is not an ancestor of HEAD (a reset, a rewritten branch), every
meeting is verified again.

The cache is a blob cache file (store/services/blobcache.py) in .git, keyed by
the cesam version, cesam.toml and the justering code, so a change to any of
them verifies everything again. A damaged file is ignored.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from store.core.config import CONFIG_FILE
from store.core.model import Status
from store.gitio import log as gitlog
from store.gitio import revs, worktree
from store.gitio.git import GitFailed
from store.services import verify as verifying
from store.services.approvals import Approval
from store.services.blobcache import BlobCache, text_hash
from store.services.repository import MEETINGS_DIR, MeetingRef, Repository
from store.services.signatures import SignatureCheck
from store.services.tagindex import TagIndex, read_index
from store.services.verify import ChangeAfter, Verification, VerifyState

CACHE_FILE = "cesam-verify-cache.json"
TAGS = "@tags"  # tag object id → what it says as an approval (store/services/tagindex.py)


def _change(data: Any) -> ChangeAfter:
    values = dict(data)
    values["files"] = tuple(str(f) for f in values.get("files", ()))
    change = ChangeAfter(**values)
    if not all(isinstance(getattr(change, k), str) for k in ("commit", "author", "date", "subject", "what")):
        raise ValueError("not a change")
    return change


def to_json(v: Verification) -> dict[str, Any]:
    """A result as plain JSON; approvals by their tag's name (what they say is in the tag index)."""
    return {
        "ref": str(v.ref),
        "state": v.state.value,
        "status": v.status.value if v.status else None,
        "content_hash": v.content_hash,
        "required": v.required,
        "approvals": [a.tag for a in v.approvals],
        "missing": v.missing,
        "changes": [{**c.__dict__, "files": list(c.files)} for c in v.changes],
        "bad_signatures": [[a.tag, why] for a, why in v.bad_signatures],
        "ignored": [[a.tag, why] for a, why in v.ignored],
        "adjusted_on": v.adjusted_on.isoformat() if v.adjusted_on else None,
        "signatures": [[c.approval.tag, c.signer, c.good, c.matches, c.problem] for c in v.signatures],
    }


# by value, as a dict: calling an enum with its value costs more than the rest of a cached result
_STATES = {state.value: state for state in VerifyState}
_STATUSES = {status.value: status for status in Status}


def from_json(data: Any, ref: MeetingRef, index: TagIndex, name: str = "") -> Verification:
    """A cached result (of the meeting ``name``, ``str(ref)``); ValueError (or TypeError, KeyError) where it is not one."""
    if data["ref"] != (name or str(ref)):
        raise ValueError("another meeting")
    if not (
        isinstance(data["content_hash"], str) and all(isinstance(s, str) for s in data["required"] + data["missing"])
    ):
        raise ValueError("not a verification")

    def approval(name: Any) -> Approval:
        found = index.approval(name) if isinstance(name, str) else None
        if found is None:
            raise ValueError("not an approval")
        return found

    signatures = []
    for name, signer, good, matches, problem in data["signatures"]:
        if not (isinstance(signer, str) and type(good) is bool and type(matches) is bool and isinstance(problem, str)):
            raise ValueError("not a signature check")
        signatures.append(SignatureCheck(approval(name), signer, good, matches, problem))
    return Verification(
        ref,
        _STATES[data["state"]],
        _STATUSES[data["status"]] if data["status"] else None,
        content_hash=data["content_hash"],
        required=list(data["required"]),
        approvals=[approval(a) for a in data["approvals"]],
        missing=list(data["missing"]),
        changes=[_change(c) for c in data["changes"]],
        bad_signatures=[(approval(a), str(why)) for a, why in data["bad_signatures"]],
        ignored=[(approval(a), str(why)) for a, why in data["ignored"]],
        adjusted_on=dt.date.fromisoformat(data["adjusted_on"]) if data["adjusted_on"] else None,
        signatures=signatures,
    )


def _head_blobs(repo: Repository) -> dict[str, str]:
    try:
        entries = worktree.ls_tree(repo.git, "HEAD", f"{MEETINGS_DIR}/")
    except GitFailed:
        return {}
    return {e.path: e.oid for e in entries}


def _touched_since(repo: Repository, old: str, head: str) -> set[str] | None:
    """Meeting files changed between ``old`` and HEAD; None when every meeting must be verified again.

    That is when ``old`` is not in HEAD's history, and when a file outside meetings/
    changed: a bilaga's bytes are part of what was approved, and which meetings name
    a file is only known by reading them.
    """
    if old == head:
        return set()
    if not old or not revs.is_ancestor(repo.git, old, head):
        return None
    touched = {c.path for record in gitlog.log(repo.git, [f"{old}..{head}"], raw=True) for c in record.changes}
    if any(not path.startswith(f"{MEETINGS_DIR}/") and path != CONFIG_FILE for path in touched):
        return None
    return touched


_SALT: list[str] = []


def _code_salt() -> str:
    """The code verification runs: a change to it (a development checkout) verifies everything again."""
    if not _SALT:
        digest = hashlib.sha256()
        for name in (
            "store.core.codec",
            "store.core.content_hash",
            "store.core.model",
            "store.services.approvals",
            "store.services.meeting_blobs",
            "store.services.signatures",
            "store.services.tagindex",
            "store.services.verify",
            __name__,
        ):
            module = sys.modules.get(name)
            if module is not None and module.__file__:
                digest.update(Path(module.__file__).read_bytes())
        _SALT.append(digest.hexdigest()[:16])
    return _SALT[0]


def _cache(repo: Repository) -> BlobCache:
    try:
        config = (repo.root / CONFIG_FILE).read_bytes()
    except OSError:
        config = b""
    depends = f"{text_hash(config)}|{_code_salt()}|{repo.lang}"
    return BlobCache("verify", depends_on=depends, path=repo.git_dir / CACHE_FILE)


def _head_refs(blobs: dict[str, str]) -> list[tuple[MeetingRef, str, str]]:
    """``verify.head_refs`` from the listing already made, with each meeting's name and path: newest first."""
    found = [(ref, f"{ref.group}/{path[-15:-5]}", path) for path in blobs if (ref := MeetingRef.from_relpath(path))]
    return sorted(found, key=lambda item: (item[0].date, item[0].group), reverse=True)


def _tag_index(entries: dict[str, Any], repo: Repository) -> TagIndex:
    known = entries.get(TAGS)
    if not isinstance(known, dict):
        known = entries[TAGS] = {}
    return read_index(repo, known)


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Reading the cache makes a few hundred thousand objects and no cycles; the cycle collector would
    walk them all again and again while they are made (about a third of a warm run at ten years' scale)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _reusable(
    entries: dict[str, Any],
    targets: list[tuple[MeetingRef, str, str]],
    index: TagIndex,
    unchanged: Callable[[str, str], bool],
) -> tuple[dict[str, Verification], list[MeetingRef]]:
    """The cached results that still hold, and the meetings to verify again."""
    kept: dict[str, Verification] = {}  # by name: a name's hash is kept by the string, a MeetingRef's is not
    stale: list[MeetingRef] = []
    for ref, name, path in targets:
        entry = entries.get(name)
        if isinstance(entry, dict) and unchanged(name, path) and entry.get("tags") == index.key(name):
            try:
                kept[name] = from_json(entry["result"], ref, index, name)
                continue
            except (KeyError, TypeError, ValueError, AttributeError):
                pass  # a damaged entry is never trusted
        stale.append(ref)
    return kept, stale


def verify_all(repo: Repository, *, check_signatures: bool = True) -> list[Verification]:
    """What ``verify(repo)`` says of every meeting at HEAD, verifying again only what changed since the last run."""
    head = revs.resolve_commit(repo.git, "HEAD")
    if head is None:
        return []
    cache = _cache(repo)
    with _without_cycle_collection():
        entries = cache.entries
    old = entries.get("@head")
    touched = _touched_since(repo, old if isinstance(old, str) else "", head)
    index = _tag_index(entries, repo)
    blobs = _head_blobs(repo)
    targets = _head_refs(blobs)
    dirty = set(repo.state().modified)

    def unchanged(name: str, path: str) -> bool:
        # signed approvals are verified every time: a keyring changes without a commit or a tag
        entry = entries[name]
        return (
            touched is not None
            and path not in touched
            and path not in dirty
            and entry.get("blob") == blobs[path]
            and not (check_signatures and index.signed(name))
        )

    with _without_cycle_collection():
        kept, stale = _reusable(entries, targets, index, unchanged)
    fresh: list[Verification] = []
    if stale:
        everything = len(stale) == len(targets)
        approvals = index.approvals(None if everything else [str(r) for r in stale])
        fresh = verifying.verify(
            repo, None if everything else stale, check_signatures=check_signatures, approvals=approvals
        )
    for result in fresh:
        kept[str(result.ref)] = result
        if result.ref.relpath not in dirty:
            cache.put(
                str(result.ref),
                {"blob": blobs.get(result.ref.relpath), "tags": index.key(str(result.ref)), "result": to_json(result)},
            )
    if stale or old != head or index.changed:
        cache.put("@head", head)
        names = {name for _, name, _ in targets}
        for key in [k for k in entries if not k.startswith("@") and k not in names]:
            del entries[key]  # meetings no longer at HEAD
        cache.save()
    return [kept[name] for _, name, _ in targets if name in kept]
