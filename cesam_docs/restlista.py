"""The restlista: what is still owed across meetings, and the deadlines that run.

Pure functions over meetings the caller has loaded, ``cesam.toml`` and
today's date: open follow-ups with their age, meetings waiting for (or past
their window of) justering, and the last day to ask for central negotiation
after oenighet in a § 11 item.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from store.core.config import Config
from store.core.followups import closings, entries
from store.core.model import ItemKind, Meeting, OutcomeKind, Status
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

    @property
    def ref(self) -> str:
        return f"{self.meeting_ref}#{self.followup_id}"


@dataclass(frozen=True)
class ClosedFollowUp:
    """A follow-up closed in the period before ``today``, and where."""

    ref: str  # "cesam/2021-06-15#fu-nya-lokaler"
    meeting_label: str  # where it was raised
    item_number: str
    item_title: str
    text: str
    owner: str
    closed_label: str  # the meeting that closed it
    closed_on: dt.date
    note: str


#: how far back the restlista shows closed follow-ups, unless told otherwise
CLOSED_DAYS = 90


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
    followups: tuple[OpenFollowUp, ...]
    justering: tuple[JusteringWaiting, ...]
    central_negotiation: tuple[CentralNegotiation, ...]
    closed: tuple[ClosedFollowUp, ...] = ()
    closed_days: int = CLOSED_DAYS


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

    A follow-up closed in a later meeting (store/core/followups.py) is not open; those closed in
    the last ``closed_days`` are listed with the meeting that closed them.
    """
    # a meeting after ``today`` has not happened yet as far as this list is concerned
    every = sorted((m for m in meetings if m.date <= today), key=lambda m: (m.date, m.group))
    firsts = first_numbers(every, config)
    chosen = [m for m in every if group is None or m.group == group]

    taken_up: dict[str, list[str]] = {}
    for meeting in every:
        for item in meeting.items:
            for ref in item.carried_from:
                taken_up.setdefault(ref, []).append(meeting_label(meeting, config))

    closed_elsewhere = closings(every)
    labels = {m.ref: meeting_label(m, config) for m in every}
    followups: list[OpenFollowUp] = []
    justering: list[JusteringWaiting] = []
    central: list[CentralNegotiation] = []
    for meeting in chosen:
        grp = group_of(meeting, config)
        numbers = item_numbers(meeting, grp.subitem_style, first=firsts.get(meeting.ref, 1))
        label = meeting_label(meeting, config)
        for item, followup in meeting.open_followups():
            ref = f"{meeting.ref}#{followup.id}"
            if ref in closed_elsewhere:
                continue
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
                    overdue=followup.due is not None and followup.due < today,
                    taken_up_in=tuple(taken_up.get(ref, [])),
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
        for item in meeting.items:
            if item.kind != ItemKind.NEGOTIATION or item.outcome.kind != OutcomeKind.DISAGREEMENT:
                continue
            last_day = meeting.date + dt.timedelta(days=grp.central_negotiation_days)
            if last_day < today:
                continue  # the period has run out; nothing left to ask for
            central.append(
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
    groups = tuple(sorted({m.group for m in chosen} | ({group} if group else set())))
    return Restlista(
        today=today,
        groups=groups,
        followups=tuple(followups),
        justering=tuple(justering),
        central_negotiation=tuple(sorted(central, key=lambda c: c.last_day)),
        closed=_recently_closed(every, chosen, config, today, closed_days, firsts, labels),
        closed_days=closed_days,
    )


def _recently_closed(
    every: list[Meeting],
    chosen: list[Meeting],
    config: Config,
    today: dt.date,
    days: int,
    firsts: dict[str, int],
    labels: dict[str, str],
) -> tuple[ClosedFollowUp, ...]:
    wanted = {m.ref for m in chosen}
    by_ref = {m.ref: m for m in every}
    out = []
    for entry in entries(every):
        closed_on = entry.closed_on or (entry.date if entry.followup.closed else None)
        if entry.meeting not in wanted or not entry.closed or closed_on is None:
            continue
        if not today - dt.timedelta(days=days) <= closed_on <= today:
            continue
        meeting = by_ref[entry.meeting]
        numbers = item_numbers(meeting, group_of(meeting, config).subitem_style, first=firsts.get(meeting.ref, 1))
        where = entry.closed_in or meeting.ref
        out.append(
            ClosedFollowUp(
                ref=entry.ref,
                meeting_label=labels[meeting.ref],
                item_number=numbers.get(entry.item_id, ""),
                item_title=entry.item_title,
                text=entry.followup.text,
                owner=entry.followup.owner,
                closed_label=labels.get(where, where),
                closed_on=closed_on,
                note=entry.closed_note,
            )
        )
    return tuple(sorted(out, key=lambda c: (c.closed_on, c.ref)))
