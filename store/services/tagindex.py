"""The approval tags, each tag object read once and remembered by its id.

Listing thousands of approval tags with their messages (``git for-each-ref``
with ``%(contents)``) and parsing every message was most of a warm
``cesam verify``. A tag object's id names its content (target, tagger,
message, signature), so what it says as an approval is parsed once and kept
by id in the verify cache. Each run lists only the names and ids of the refs
(which git answers without reading an object) and reads the messages of the
tags whose ids it has not seen: a new, moved or replaced tag is read, a
deleted one is gone from the listing. Which meeting a tag belongs to is
checked against its name on every run (:func:`approvals.approval_at`),
because the same object may be named differently.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from store.gitio import refs
from store.services.approvals import FIELDS, TAG_REFS, Approval, approval_at, approval_fields, fields_ok
from store.services.repository import Repository

_SIGNED = [name for name, _ in FIELDS].index("signed")
_TIME = [name for name, _ in FIELDS].index("timestamp")
# above this many unknown tags one listing of all of them is cheaper than naming each
_BY_NAME = 200


def _meeting_of(refname: str) -> str:
    """The meeting ("group/date") a tag's name files it under; an approval of that meeting lives only there."""
    parts = refname[len(TAG_REFS) + 1 :].split("/", 2)
    return "/".join(parts[:2])


class TagIndex:
    """Every ref under refs/tags/justering/ with its object id, and what each tag object says."""

    def __init__(self, ids: dict[str, str], known: dict[str, Any], changed: bool = False) -> None:
        self.ids = ids  # ref name → object id
        self.known = known  # tag object id → approval fields, None where it records no approval
        self.changed = changed  # ``known`` was added to or pruned: worth saving
        self.by_meeting: dict[str, list[str]] = {}
        for name in ids:
            self.by_meeting.setdefault(_meeting_of(name), []).append(name)
        self._made: dict[str, Approval | None] = {}

    def key(self, meeting: str) -> list[str]:
        """What the meeting's verdict rests on among the tags: the name and id of every ref filed under it."""
        return sorted(f"{name} {self.ids[name]}" for name in self.by_meeting.get(meeting, ()))

    def approval(self, refname: str) -> Approval | None:
        """The approval the tag ``refname`` records now; None where it records none (or is gone)."""
        if refname not in self._made:
            fields = self.known.get(self.ids.get(refname, ""))
            self._made[refname] = approval_at(refname, fields) if fields is not None else None
        return self._made[refname]

    def approvals(self, meetings: Iterable[str] | None = None) -> dict[str, list[Approval]]:
        """What ``list_approvals`` answers, for ``meetings`` only (all where None), oldest first."""
        names = self.ids if meetings is None else [n for m in meetings for n in self.by_meeting.get(m, ())]
        found = [(self.known[self.ids[n]][_TIME], n, a) for n in names if (a := self.approval(n))]
        result: dict[str, list[Approval]] = {}
        for _, _, approval in sorted(found, key=lambda item: (item[0], item[1])):
            result.setdefault(approval.meeting, []).append(approval)
        return result

    def signed(self, meeting: str) -> bool:
        """Whether a tag filed under the meeting is signed (read from the fields: no approval is built)."""
        return any(
            (f := self.known.get(self.ids[n])) is not None and f[_SIGNED] for n in self.by_meeting.get(meeting, ())
        )


def read_index(repo: Repository, known: dict[str, Any]) -> TagIndex:
    """The approval tags now, reading only the tag objects ``known`` (id → fields) does not hold.

    ``known`` is updated in place: new tag objects are added, those no ref names any more are
    dropped. A remembered entry of the wrong shape is read again, never trusted.
    """
    prefix = f"{TAG_REFS}/"
    ids = refs.ref_ids(repo.git, prefix)
    unknown = [name for name, oid in ids.items() if not _usable(known.get(oid, False))]
    if unknown:
        tags, others = refs.read_tags(repo.git, *(unknown if len(unknown) <= _BY_NAME else [prefix]))
        for tag in tags:
            known[tag.oid] = approval_fields(tag)
            if ids.get(tag.name, tag.oid) != tag.oid:
                ids[tag.name] = tag.oid  # moved between the two listings: the object read is what counts
        for name, oid in others.items():
            known[oid] = None  # a lightweight tag: no approval
            ids[name] = oid
        for name in unknown:
            if not _usable(known.get(ids[name], False)):
                del ids[name]  # deleted between the two listings
    listed = set(ids.values())
    gone = [oid for oid in known if oid not in listed]
    for oid in gone:
        del known[oid]
    return TagIndex(ids, known, changed=bool(unknown or gone))


def _usable(fields: Any) -> bool:
    return fields is None or fields_ok(fields)
