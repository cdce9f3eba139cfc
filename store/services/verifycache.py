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
import hashlib
import sys
from pathlib import Path
from typing import Any

from store.core.config import CONFIG_FILE
from store.core.model import Status
from store.gitio import log as gitlog
from store.gitio import revs, worktree
from store.gitio.git import GitFailed
from store.services import verify as verifying
from store.services.approvals import Approval, list_approvals
from store.services.blobcache import BlobCache, text_hash
from store.services.repository import MEETINGS_DIR, MeetingRef, Repository
from store.services.signatures import SignatureCheck
from store.services.verify import ChangeAfter, Verification, VerifyState

CACHE_FILE = "cesam-verify-cache.json"


def _approval_json(a: Approval) -> dict[str, Any]:
    return {**a.__dict__, "date": a.date.isoformat() if a.date else None}


def _approval(data: Any) -> Approval:
    values = dict(data)
    values["date"] = dt.date.fromisoformat(values["date"]) if values["date"] else None
    approval = Approval(**values)
    if not all(isinstance(getattr(approval, k), str) for k in ("tag", "meeting", "approver", "content_hash", "commit")):
        raise ValueError("not an approval")
    if type(approval.hash_version) is not int or type(approval.by_secretary) is not bool:
        raise ValueError("not an approval")
    return approval


def _signature_json(check: SignatureCheck) -> dict[str, Any]:
    return {**check.__dict__, "approval": _approval_json(check.approval)}


def _signature(data: Any) -> SignatureCheck:
    values = dict(data)
    values["approval"] = _approval(values["approval"])
    check = SignatureCheck(**values)
    if not (isinstance(check.signer, str) and type(check.good) is bool and type(check.matches) is bool):
        raise ValueError("not a signature check")
    return check


def _change(data: Any) -> ChangeAfter:
    values = dict(data)
    values["files"] = tuple(str(f) for f in values.get("files", ()))
    change = ChangeAfter(**values)
    if not all(isinstance(getattr(change, k), str) for k in ("commit", "author", "date", "subject", "what")):
        raise ValueError("not a change")
    return change


def to_json(v: Verification) -> dict[str, Any]:
    return {
        "ref": str(v.ref),
        "state": v.state.value,
        "status": v.status.value if v.status else None,
        "content_hash": v.content_hash,
        "required": v.required,
        "approvals": [_approval_json(a) for a in v.approvals],
        "missing": v.missing,
        "changes": [{**c.__dict__, "files": list(c.files)} for c in v.changes],
        "bad_signatures": [[_approval_json(a), why] for a, why in v.bad_signatures],
        "ignored": [[_approval_json(a), why] for a, why in v.ignored],
        "adjusted_on": v.adjusted_on.isoformat() if v.adjusted_on else None,
        "signatures": [_signature_json(c) for c in v.signatures],
    }


def from_json(data: Any, ref: MeetingRef) -> Verification:
    """A cached result; ValueError (or TypeError, KeyError) where it is not one."""
    if data["ref"] != str(ref):
        raise ValueError("another meeting")
    strings = [data["content_hash"], *data["required"], *data["missing"]]
    if not all(isinstance(s, str) for s in strings):
        raise ValueError("not a verification")
    return Verification(
        ref,
        VerifyState(data["state"]),
        Status(data["status"]) if data["status"] else None,
        content_hash=data["content_hash"],
        required=list(data["required"]),
        approvals=[_approval(a) for a in data["approvals"]],
        missing=list(data["missing"]),
        changes=[_change(c) for c in data["changes"]],
        bad_signatures=[(_approval(a), str(why)) for a, why in data["bad_signatures"]],
        ignored=[(_approval(a), str(why)) for a, why in data["ignored"]],
        adjusted_on=dt.date.fromisoformat(data["adjusted_on"]) if data["adjusted_on"] else None,
        signatures=[_signature(c) for c in data["signatures"]],
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


def _tag_key(approvals: list[Approval]) -> list[str]:
    return sorted(f"{a.tag} {a.commit} {a.content_hash}" for a in approvals)


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


def verify_all(repo: Repository, *, check_signatures: bool = True) -> list[Verification]:
    """What ``verify(repo)`` says of every meeting at HEAD, verifying again only what changed since the last run."""
    head = revs.resolve_commit(repo.git, "HEAD")
    if head is None:
        return []
    cache = _cache(repo)
    entries = cache.entries
    old = entries.get("@head")
    touched = _touched_since(repo, old if isinstance(old, str) else "", head)
    targets = verifying.head_refs(repo)
    tags = list_approvals(repo)
    blobs = _head_blobs(repo)
    dirty = set(repo.state().modified)
    kept: dict[MeetingRef, Verification] = {}
    stale: list[MeetingRef] = []
    for ref in targets:
        approvals = tags.get(str(ref), [])
        entry = entries.get(str(ref))
        ok = (
            touched is not None
            and isinstance(entry, dict)
            and ref.relpath not in touched
            and ref.relpath not in dirty
            and entry.get("blob") == blobs.get(ref.relpath)
            and entry.get("tags") == _tag_key(approvals)
            and not (check_signatures and any(a.signed for a in approvals))
        )
        if ok and isinstance(entry, dict):
            try:
                kept[ref] = from_json(entry["result"], ref)
                continue
            except (KeyError, TypeError, ValueError, AttributeError):
                pass  # a damaged entry is never trusted
        stale.append(ref)
    fresh: list[Verification] = []
    if stale:
        everything = len(stale) == len(targets)
        fresh = verifying.verify(repo, None if everything else stale, check_signatures=check_signatures)
    for result in fresh:
        kept[result.ref] = result
        if result.ref.relpath not in dirty:
            cache.put(
                str(result.ref),
                {
                    "blob": blobs.get(result.ref.relpath),
                    "tags": _tag_key(tags.get(str(result.ref), [])),
                    "result": to_json(result),
                },
            )
    if stale or old != head:
        cache.put("@head", head)
        names = {str(ref) for ref in targets}
        for key in [k for k in entries if k != "@head" and k not in names]:
            del entries[key]  # meetings no longer at HEAD
        cache.save()
    return [kept[ref] for ref in targets if ref in kept]
