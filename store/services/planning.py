"""Making a new meeting: standing items, the date, and follow-ups carried forward."""

from __future__ import annotations

import datetime as dt

from store.core.errors import CesamError, UsageError
from store.core.ids import new_id
from store.core.model import FollowUp, Item, ItemKind, Meeting
from store.services.repository import Repository

CARRY_TITLE = {"sv": "Uppföljning från tidigare möten", "en": "Follow-ups from earlier meetings"}


def open_followups(repo: Repository, group: str, before: dt.date | None = None) -> list[tuple[Meeting, Item, FollowUp]]:
    """Every follow-up still open in the group's meetings, oldest first."""
    out: list[tuple[Meeting, Item, FollowUp]] = []
    for ref in sorted(repo.list_refs()):
        if ref.group != group or (before and ref.date >= before):
            continue
        try:
            meeting = repo.load(ref).meeting
        except CesamError:
            continue  # `cesam check` reports broken files; planning goes on without them
        out.extend((meeting, item, f) for item, f in meeting.open_followups())
    return out


def new_meeting(repo: Repository, group_id: str, date: dt.date | None) -> Meeting:
    try:
        group = repo.config.group(group_id)
    except KeyError:
        raise UsageError(f"unknown group {group_id!r}; known groups: {', '.join(repo.group_ids())}") from None
    earlier = [r for r in repo.list_refs() if r.group == group_id]
    if date is None:
        previous = repo.load(earlier[0]).meeting if earlier else None
        if previous is None or previous.next_meeting.date is None:
            raise UsageError("give the date with --date YYYY-MM-DD (no earlier meeting names the next one)")
        date = previous.next_meeting.date
    meeting = Meeting(group=group_id, date=date, start=group.start, end=group.end, place=group.place)
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


def _add_carried(meeting: Meeting, carried: list[tuple[Meeting, Item, FollowUp]], lang: str, taken: list[str]) -> None:
    parent_id = new_id("uppfoljning", taken)
    taken.append(parent_id)
    meeting.items.append(Item(id=parent_id, title=CARRY_TITLE.get(lang, CARRY_TITLE["sv"]), kind=ItemKind.INFORMATION))
    for origin, item, followup in carried:
        item_id = new_id(followup.text, taken)
        taken.append(item_id)
        meeting.items.append(
            Item(
                id=item_id,
                parent=parent_id,
                # the whole first line: a title cut mid-word reads as a typo on the notice
                title=(followup.text.strip().splitlines() or [followup.id])[0].strip(),
                kind=ItemKind.INFORMATION,
                purpose=f"{followup.owner} återkommer ({origin.date.isoformat()}, {item.title})",
                carried_from=[f"{origin.ref}#{followup.id}"],
            )
        )
