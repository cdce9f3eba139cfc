"""Compare a meeting with the one imported from its own export: what differs, field by field."""

from __future__ import annotations

from typing import Any

from store.core.model import Meeting, Status


def _item_key(meeting: Meeting, item_id: str) -> str:
    try:
        return meeting.item(item_id).title
    except KeyError:
        return f"?{item_id}"


def _said(text: str) -> str:
    """A statement as written; the full stop a document adds to end its sentence does not count."""
    return " ".join(text.split()).removesuffix(".")


def facts(meeting: Meeting, followups: bool = True) -> dict[str, Any]:
    """What a protocol shows of a meeting, keyed so that ids (which the import makes anew) do not matter."""
    m = meeting
    return {
        "date": m.date,
        "time": (m.start, m.end),
        "place": m.place,
        "registry": (m.case_number, m.distribution),
        "chair": m.chair,
        "secretary": m.secretary,
        "adjusters": sorted(m.adjusters),
        "attendees": sorted(
            (
                a.name,
                a.party,
                a.role,
                a.absent,
                a.guest,
                tuple(_item_key(m, i) for i in a.items),
                _item_key(m, a.from_item) if a.from_item else "",
            )
            for a in m.attendees
        ),
        "items": [(i.title, _item_key(m, i.parent) if i.parent else "") for i in m.items],
        "statements": [
            (i.title, s.party, s.kind.value, _said(s.text), _said(s.answer)) for i in m.items for s in i.statements
        ],
        "outcomes": [(i.title, i.outcome.kind.value, sorted(i.outcome.parties)) for i in m.items],
        # a justerat protocol prints only what was approved: follow-ups are the restlista's records
        # (docs/documents.md), so its export shows none and its import has none to find
        "followups": [
            (i.title, " ".join(f.text.split()), f.owner, f.due) for i in m.items for f in i.followups if followups
        ],
        "attachments": [(i.title, a.number, a.title) for i in m.items for a in i.attachments],
        "signatures": [(s.name, s.signed_at, s.method) for s in m.signatures],
        "next_meeting": (m.next_meeting.date, m.next_meeting.start, m.next_meeting.end),
    }


def differences(original: Meeting, imported: Meeting) -> dict[str, tuple[Any, Any]]:
    """Fields whose facts differ: (only in the original, only in the import) for lists, else both values."""
    shown = original.status != Status.ADJUSTED  # what the export printed decides, not what the import read
    a, b = facts(original, shown), facts(imported, shown)
    out: dict[str, tuple[Any, Any]] = {}
    for key in a:
        if a[key] == b[key]:
            continue
        if isinstance(a[key], list):
            out[key] = ([x for x in a[key] if x not in b[key]], [x for x in b[key] if x not in a[key]])
        else:
            out[key] = (a[key], b[key])
    return out
