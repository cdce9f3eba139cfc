"""The restlista: what is still owed across meetings, and the deadlines that run.

Pure functions over meetings the caller has loaded, ``cesam.toml`` and
today's date: open follow-ups with their age (and those closed lately, with
where), meetings waiting for (or past their window of) justering, and the last day to ask for central negotiation
after oenighet in a § 11 item.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from store.core.config import Config, Group
from store.core.followups import FollowUpEntry, entries
from store.core.mbl import central_negotiation_last_day, negotiation_closed
from store.core.model import FollowUp, Item, Meeting, OutcomeKind, Status
from store.core.numbering import item_numbers

from .numbering import first_numbers, group_of


@dataclass(frozen=True)
class OpenFollowUp:
    meeting_ref: str  # "cesam/2023-09-05"
    meeting_label: str  # "CESAM 2023-09-05"
    meeting_date: dt.date
    item_id: str
    item_number: str
    item_title: str
    followup_id: str
    text: str  # Markdown, as recorded
    owner: str
    due: dt.date | None
    age_days: int
    overdue: bool
    taken_up_in: tuple[str, ...]  # labels of later meetings whose items carry it
    closed_in: str = ""  # label of the meeting that closed it; empty while open
    closed_note: str = ""

    @property
    def closed(self) -> bool:
        return bool(self.closed_in)

    @property
    def ref(self) -> str:
        return f"{self.meeting_ref}#{self.followup_id}"


@dataclass(frozen=True)
class JusteringWaiting:
    meeting_ref: str
    meeting_label: str
    status: Status
    deadline: dt.date  # meeting date + the group's justering_days
    days_over: int  # > 0: past the window

    @property
    def overdue(self) -> bool:
        return self.days_over > 0


@dataclass(frozen=True)
class CentralNegotiation:
    meeting_ref: str
    meeting_label: str
    item_id: str
    item_number: str
    item_title: str
    parties: tuple[str, ...]  # the unions that disagreed; empty = all
    last_day: dt.date
    days_left: int


@dataclass(frozen=True)
class Restlista:
    today: dt.date
    groups: tuple[str, ...]
    followups: tuple[OpenFollowUp, ...]  # open ones first, then those closed within ``closed_days``
    justering: tuple[JusteringWaiting, ...]
    central_negotiation: tuple[CentralNegotiation, ...]


#: how long a closed follow-up stays on the list: about the time between two meetings and the next
CLOSED_DAYS = 90


def _closed_on(entry: FollowUpEntry) -> dt.date | None:
    """The date of the meeting that closed ``entry`` (its own, for one closed where it was raised)."""
    return entry.closed_on or (entry.date if entry.followup.closed else None)


def _listed(
    meeting: Meeting, status: dict[int, FollowUpEntry], today: dt.date, closed_days: int
) -> list[tuple[Item, FollowUp, FollowUpEntry]]:
    """The meeting's open follow-ups and those closed at a meeting of the last ``closed_days``.

    Open or closed is store/core/followups.py's word: closed in its own meeting or by a closing
    record in a later one. A closing record is no follow-up of its own meeting: it is not listed.
    """
    listed: list[tuple[Item, FollowUp, FollowUpEntry]] = []
    for item in meeting.items:
        for followup in item.followups:
            entry = status.get(id(followup))
            if entry is None:
                continue  # a closing record
            closed_on = _closed_on(entry)
            if not entry.closed or (closed_on is not None and 0 <= (today - closed_on).days <= closed_days):
                listed.append((item, followup, entry))
    return listed


def meeting_label(meeting: Meeting, config: Config) -> str:
    return f"{group_of(meeting, config).label} {meeting.date.isoformat()}"


def build(
    meetings: Iterable[Meeting],
    config: Config,
    today: dt.date,
    group: str | None = None,
    closed_days: int = CLOSED_DAYS,
) -> Restlista:
    """The restlista of ``meetings`` (of one ``group`` when given) as of ``today``.

    A follow-up closed in a later meeting (store/core/followups.py) is not open. Those closed at a
    meeting within ``closed_days`` before ``today`` are listed too, after the open ones and with the
    meeting that closed them, so that the parties see what was settled since the last list went out.
    """
    loaded = list(meetings)
    # a meeting after ``today`` has not happened yet as far as this list is concerned ...
    every = sorted((m for m in loaded if m.date <= today), key=lambda m: (m.date, m.group))
    firsts = first_numbers(every, config)
    chosen = [m for m in every if group is None or m.group == group]
    labels = {m.ref: meeting_label(m, config) for m in loaded}

    # ... but one already planned does take a follow-up up: that is where the notice sends it
    taken_up: dict[str, list[str]] = {}
    for meeting in sorted(loaded, key=lambda m: (m.date, m.group)):
        for item in meeting.items:
            for ref in item.carried_from:
                taken_up.setdefault(ref, []).append(meeting_label(meeting, config))

    # by the FollowUp object itself: a ref would mix up two follow-ups under one id
    status = {id(e.followup): e for e in entries(every)}
    followups: list[OpenFollowUp] = []
    justering: list[JusteringWaiting] = []
    central: list[CentralNegotiation] = []
    for meeting in chosen:
        grp = group_of(meeting, config)
        numbers = item_numbers(meeting, grp.subitem_style, first=firsts.get(meeting.ref, 1))
        label = meeting_label(meeting, config)
        for item, followup, entry in _listed(meeting, status, today, closed_days):
            ref = f"{meeting.ref}#{followup.id}"
            closer = labels.get(entry.closed_in, entry.closed_in)
            followups.append(
                OpenFollowUp(
                    meeting_ref=meeting.ref,
                    meeting_label=label,
                    meeting_date=meeting.date,
                    item_id=item.id,
                    item_number=numbers[item.id],
                    item_title=item.title,
                    followup_id=followup.id,
                    text=followup.text,
                    owner=followup.owner,
                    due=followup.due,
                    age_days=(today - meeting.date).days,
                    overdue=not entry.closed and followup.due is not None and followup.due < today,
                    taken_up_in=tuple(taken_up.get(ref, [])),
                    closed_in=closer if entry.closed else "",
                    closed_note=entry.closed_note if entry.closed else "",
                )
            )
        if meeting.status != Status.ADJUSTED and meeting.date <= today:
            deadline = meeting.date + dt.timedelta(days=grp.justering_days)
            justering.append(
                JusteringWaiting(
                    meeting_ref=meeting.ref,
                    meeting_label=label,
                    status=meeting.status,
                    deadline=deadline,
                    days_over=(today - deadline).days,
                )
            )
        central += _central_negotiation(meeting, label, numbers, grp, today)
    groups = tuple(sorted({m.group for m in chosen} | ({group} if group else set())))
    return Restlista(
        today=today,
        groups=groups,
        followups=tuple(sorted(followups, key=lambda f: f.closed)),
        justering=tuple(justering),
        central_negotiation=tuple(sorted(central, key=lambda c: c.last_day)),
    )


def _central_negotiation(
    meeting: Meeting, label: str, numbers: dict[str, str], grp: Group, today: dt.date
) -> list[CentralNegotiation]:
    """The meeting's negotiations that ended in disagreement and can still go to central negotiation;
    the days count from the date the protocol prints in "Förhandlingen förklaras avslutad" (store/core/mbl.py)."""
    out: list[CentralNegotiation] = []
    for item in meeting.items:
        if not negotiation_closed(item) or item.outcome.kind != OutcomeKind.DISAGREEMENT:
            continue
        last_day = central_negotiation_last_day(meeting, grp)
        if last_day < today:
            continue  # the period has run out; nothing left to ask for
        out.append(
            CentralNegotiation(
                meeting_ref=meeting.ref,
                meeting_label=label,
                item_id=item.id,
                item_number=numbers[item.id],
                item_title=item.title,
                parties=tuple(item.outcome.parties),
                last_day=last_day,
                days_left=(last_day - today).days,
            )
        )
    return out
