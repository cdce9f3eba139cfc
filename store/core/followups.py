"""Follow-ups as records that live across meetings: listed with their refs, closed from a later meeting.

A follow-up is born in one meeting ("Arbetsgivaren återkommer") and is usually settled in a
later one. Closing it there must not touch the earlier meeting, which may be justerad: the
later meeting keeps a closing record, a FollowUp with ``closed``, ``closed_in`` (that meeting),
``closed_note`` and ``closes`` (the earlier follow-up's ref ``GROUP/DATE#ID``), in the item that
carries it (made when there is none). A follow-up is open when it is not closed in its own
meeting and no meeting holds a closing record for it.

Pure: store/services/followups.py lists them from the repository and commits a closing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from store.core.errors import UsageError, words
from store.core.ids import new_id
from store.core.model import FollowUp, Item, ItemKind, Meeting


@dataclass(frozen=True)
class FollowUpEntry:
    """One follow-up where it was raised, and where (if anywhere) it was closed."""

    ref: str  # "group/YYYY-MM-DD#id"
    meeting: str  # "group/YYYY-MM-DD"
    date: dt.date
    item_id: str
    item_title: str
    followup: FollowUp
    closed_in: str = ""  # the meeting that closed it; "" while open
    closed_note: str = ""

    @property
    def closed(self) -> bool:
        return bool(self.closed_in) or self.followup.closed

    @property
    def closed_on(self) -> dt.date | None:
        where = self.closed_in.rsplit("/", 1)[-1] if self.closed_in else ""
        try:
            return dt.date.fromisoformat(where) if where else None
        except ValueError:
            return None


def parse_ref(text: str) -> tuple[str, str]:
    """ "GROUP/DATE#ID" as (meeting name, follow-up id)."""
    meeting, sep, followup_id = text.strip().partition("#")
    if not sep or not meeting or not followup_id:
        raise UsageError(words("err.followup_ref", text=repr(text)), hint=words("err.followup_ref.hint"))
    return meeting, followup_id


def closings(meetings: Iterable[Meeting]) -> dict[str, tuple[str, str]]:
    """Closing records by the ref they close: (the meeting holding it, its note)."""
    out: dict[str, tuple[str, str]] = {}
    for meeting in meetings:
        for item in meeting.items:
            for followup in item.followups:
                if followup.closes and followup.closed:
                    out.setdefault(followup.closes, (followup.closed_in or meeting.ref, followup.closed_note))
    return out


def entries(meetings: Iterable[Meeting]) -> list[FollowUpEntry]:
    """Every follow-up raised in ``meetings`` (closing records are not follow-ups of their own), oldest first."""
    every = sorted(meetings, key=lambda m: (m.date, m.group))
    closed = closings(every)
    out: list[FollowUpEntry] = []
    for meeting in every:
        for item in meeting.items:
            for followup in item.followups:
                if followup.closes:
                    continue
                ref = f"{meeting.ref}#{followup.id}"
                where, note = closed.get(ref, ("", ""))
                if followup.closed and not where:
                    where, note = followup.closed_in or meeting.ref, followup.closed_note
                out.append(FollowUpEntry(ref, meeting.ref, meeting.date, item.id, item.title, followup, where, note))
    return out


def carry_parent(meeting: Meeting, title: str) -> str:
    """The item holding carried follow-ups in ``meeting`` (made at the end when there is none)."""
    for item in meeting.items:
        if item.carried_from and item.parent:
            return item.parent
    taken = [i.id for i in meeting.items]
    parent_id = new_id("uppfoljning", taken)
    meeting.items.append(Item(id=parent_id, title=title, kind=ItemKind.INFORMATION))
    return parent_id


def carried_item(origin: Meeting, item: Item, followup: FollowUp, parent: str, taken: list[str]) -> Item:
    """The sub-item that takes up an earlier follow-up: its whole text, and the way back to it."""
    first, _, rest = followup.text.strip().partition("\n")
    return Item(
        id=new_id(followup.text, taken),
        parent=parent,
        title=first.strip() or followup.id,  # whole: a title cut mid-word reads as a typo on the notice
        kind=ItemKind.INFORMATION,
        purpose=f"{followup.owner} återkommer ({origin.date.isoformat()}, {item.title})",
        body=rest.strip(),
        carried_from=[f"{origin.ref}#{followup.id}"],
    )


def close_in(meeting: Meeting, origin: Meeting, followup_id: str, note: str, carry_title: str) -> FollowUp:
    """Record in ``meeting`` that ``origin``'s follow-up is closed; ``origin`` is not changed."""
    ref = f"{origin.ref}#{followup_id}"
    source_item = next((i for i in origin.items if any(f.id == followup_id for f in i.followups)), None)
    if source_item is None:
        raise UsageError(
            words("err.no_followup", id=repr(followup_id), ref=origin.ref), hint=words("err.no_followup.hint")
        )
    source = source_item.followup(followup_id)
    if meeting.date <= origin.date:
        raise UsageError(
            words("err.followup_not_after", ref=meeting.ref, origin=origin.ref),
            hint=words("err.followup_not_after.hint"),
        )
    holder = next((i for i in meeting.items if ref in i.carried_from), None)
    if holder is None:
        parent = carry_parent(meeting, carry_title)
        taken = [i.id for i in meeting.items]
        holder = carried_item(origin, source_item, source, parent, taken)
        # after the parent's last sub-item, so numbering stays in order
        last = max((n for n, i in enumerate(meeting.items) if i.id == parent or i.parent == parent), default=-1)
        meeting.items.insert(last + 1, holder)
    record = FollowUp(
        id=new_id(f"stangd {source.id}", [f.id for f in holder.followups]),
        text=source.text,
        owner=source.owner,
        due=source.due,
        closed=True,
        closed_in=meeting.ref,
        closed_note=note.strip(),
        closes=ref,
    )
    holder.followups.append(record)
    return record


__all__ = ["FollowUpEntry", "carried_item", "close_in", "closings", "entries", "parse_ref"]
