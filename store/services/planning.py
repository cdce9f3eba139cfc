"""Making a new meeting: standing items, the date, and follow-ups carried forward."""

from __future__ import annotations

import datetime as dt

from store.core.catalogue import Catalogue
from store.core.errors import CesamError, UsageError, words
from store.core.followups import carried_item, closings, entries
from store.core.ids import new_id
from store.core.model import FollowUp, Item, ItemKind, Meeting
from store.core.roster import starting_attendees
from store.services.repository import MeetingRef, Repository


def open_followups(repo: Repository, group: str, before: dt.date | None = None) -> list[tuple[Meeting, Item, FollowUp]]:
    """Every follow-up still open in the group's meetings before ``before``, oldest first.

    Open: not closed in its own meeting, and no meeting (a later one, justerad or not) holds a
    closing record for it (store/core/followups.py).
    """
    meetings: list[Meeting] = []
    for ref in sorted(repo.list_refs()):
        if ref.group != group:
            continue
        try:
            meetings.append(repo.load(ref).meeting)
        except CesamError:
            continue  # `cesam check` reports broken files; planning goes on without them
    closed = closings(meetings)
    by_ref = {m.ref: m for m in meetings}
    out: list[tuple[Meeting, Item, FollowUp]] = []
    for entry in entries(meetings):
        if entry.closed or entry.ref in closed or (before and entry.date >= before):
            continue
        meeting = by_ref[entry.meeting]
        out.append((meeting, meeting.item(entry.item_id), entry.followup))
    return out


def new_meeting(repo: Repository, group_id: str, date: dt.date | None) -> Meeting:
    try:
        group = repo.config.group(group_id)
    except KeyError:
        raise UsageError(
            words("err.unknown_group.known", group=repr(group_id), known=", ".join(repo.group_ids()))
        ) from None
    earlier = [r for r in repo.list_refs() if r.group == group_id]
    if date is None:
        previous = repo.load(earlier[0]).meeting if earlier else None
        if previous is None or previous.next_meeting.date is None:
            raise UsageError(words("err.give_date"))
        date = previous.next_meeting.date
    meeting = Meeting(group=group_id, date=date, start=group.start, end=group.end, place=group.place)
    meeting.attendees = starting_attendees(group, _previous(repo, earlier, date))
    lang = repo.lang
    taken: list[str] = []
    carried = open_followups(repo, group_id, date)
    for standing in group.standing_items:
        if standing.kind in (ItemKind.OTHER_BUSINESS, ItemKind.NEXT_MEETING) and carried:
            _add_carried(meeting, carried, lang, taken)
            carried = []
        item_id = new_id(standing.title, taken)
        taken.append(item_id)
        meeting.items.append(Item(id=item_id, title=standing.title, kind=standing.kind, purpose=standing.purpose))
    if carried:
        _add_carried(meeting, carried, lang, taken)
    return meeting


def _previous(repo: Repository, refs: list[MeetingRef], date: dt.date) -> Meeting | None:
    """The group's latest meeting before ``date`` that reads (a broken file is skipped)."""
    for ref in sorted((r for r in refs if r.date < date), key=lambda r: r.date, reverse=True):
        try:
            return repo.load(ref).meeting
        except CesamError:
            continue
    return None


def _add_carried(meeting: Meeting, carried: list[tuple[Meeting, Item, FollowUp]], lang: str, taken: list[str]) -> None:
    parent_id = new_id("uppfoljning", taken)
    taken.append(parent_id)
    meeting.items.append(Item(id=parent_id, title=Catalogue(lang).t("planning.carry_title"), kind=ItemKind.INFORMATION))
    for origin, item, followup in carried:
        # the whole text: the first line as the title (never cut mid-word), the rest as its body
        sub = carried_item(origin, item, followup, parent_id, taken)
        taken.append(sub.id)
        meeting.items.append(sub)
