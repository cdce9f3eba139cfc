"""What search finds and how it compares text: records, results, folding, flattening.

Pure: a meeting in, plain tuples out (see :mod:`store.services.search` for the
index that keeps them and the entry points that search them).
"""

from __future__ import annotations

import datetime as dt
import shlex
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from store.core.config import SubitemStyle
from store.core.model import Meeting
from store.core.numbering import item_numbers
from store.services.repository import MeetingRef


class Record(StrEnum):
    ITEM = "item"  # title, purpose, body, proposal
    STATEMENT = "statement"  # text, answer
    OUTCOME = "outcome"  # text
    FOLLOWUP = "followup"  # text, closing note
    ATTACHMENT = "attachment"  # title


# ------------------------------------------------------------------ results


@dataclass(slots=True)
class Match:
    """One field of a record that matched, with the matched spans as (start, end) offsets."""

    field: str  # "title", "body", "proposal", "purpose", "text", "answer", "closed_note"
    text: str
    spans: tuple[tuple[int, int], ...]


@dataclass(slots=True)
class Hit:
    group: str
    date: dt.date
    status: str
    number: str  # "4 a": the item's number in that meeting
    item_id: str  # for the TUI to jump to
    item_title: str
    item_kind: str
    record: Record
    record_id: str  # a statement's or follow-up's id; an attachment's number
    party: str  # a statement's union, a follow-up's owner, a union question's union
    kind: str  # a statement's kind, or the outcome's kind for an outcome
    parties: tuple[str, ...]  # the unions an outcome names (oenighet: who disagreed)
    matches: tuple[Match, ...]  # empty when no text was searched
    fields: tuple[tuple[str, str], ...] = ()  # every text of the record: (field, text)

    @property
    def ref(self) -> MeetingRef:
        return MeetingRef(self.group, self.date)

    @property
    def text(self) -> str:
        """The record's main text: a statement's words, an outcome's text, an item's title."""
        return self.fields[0][1] if self.fields else ""


@dataclass(frozen=True)
class OpenFollowUp:
    group: str
    date: dt.date  # the meeting where it was raised
    number: str
    item_id: str
    item_title: str
    followup_id: str
    text: str
    owner: str
    due: dt.date | None
    age_days: int  # since the meeting where it was raised
    carried: tuple[str, ...]  # meetings ("group/date") whose agenda carried it since
    overdue: bool

    @property
    def ref(self) -> MeetingRef:
        return MeetingRef(self.group, self.date)


@dataclass
class Query:
    text: str = ""
    unions: tuple[str, ...] = ()  # canonical names; a record matches when it names one of them
    statement_kinds: tuple[str, ...] = ()
    outcome_kinds: tuple[str, ...] = ()
    item_kinds: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    groups: tuple[str, ...] = ()
    joint: bool = True  # with unions: count "Fackliga parter" (all unions together) as each union
    records: tuple[Record, ...] = ()  # only these kinds of record

    def is_empty(self) -> bool:
        return not (self.text.strip() or self.unions or self.statement_kinds or self.outcome_kinds or self.item_kinds)


# ------------------------------------------------------------------ folding


def normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Case folding as a Swedish reader expects: Å→å, Ä→ä, Ö→ö; å stays å."""
    return normalise(text).casefold()


def terms(query: str) -> list[str]:
    """The folded words and "quoted phrases" of a query."""
    try:
        parts = shlex.split(query)
    except ValueError:  # an unbalanced quote: take the words as they are
        parts = query.split()
    return [fold(p) for p in parts if p.strip()]


def find_spans(text: str, wanted: Iterable[str], folded: str | None = None) -> tuple[tuple[int, int], ...]:
    """Offsets in ``text`` of every occurrence of each folded term, merged and sorted."""
    if folded is None:
        folded = text.casefold()
    if len(folded) == len(text):
        back = None
    else:  # a character folded to several (ß → ss): map folded offsets back
        back = []
        for index, ch in enumerate(text):
            back.extend([index] * len(ch.casefold()))
        back.append(len(text))
    spans: list[tuple[int, int]] = []
    for needle in wanted:
        start = folded.find(needle)
        while start >= 0 and needle:
            end = start + len(needle)
            spans.append((start, end) if back is None else (back[start], back[end - 1] + 1))
            start = folded.find(needle, end)
    if len(spans) < 2:
        return tuple(spans)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for span in spans:
        if merged and span[0] <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], span[1]))
        else:
            merged.append(span)
    return tuple(merged)


# ------------------------------------------------------------------ flattening

# A record as stored: plain tuples and strings, so marshal can keep it.
# (record, item_id, number, item_title, item_kind, record_id, party, kind, parties,
#  item_outcome, fields, extra)
Row = tuple[str, str, str, str, str, str, str, str, tuple[str, ...], str, tuple[tuple[str, str], ...], tuple[str, ...]]
# (group, date, status, rows)
Doc = tuple[str, str, str, tuple[Row, ...]]


def flatten(meeting: Meeting, style: SubitemStyle = SubitemStyle.LETTER) -> Doc:
    numbers = item_numbers(meeting, style)
    rows: list[Row] = []
    for item in meeting.items:
        number = numbers[item.id]
        head = (item.id, number, normalise(item.title), item.kind.value)
        outcome = item.outcome.kind.value
        fields = tuple(
            (name, normalise(value))
            for name, value in (
                ("title", item.title),
                ("purpose", item.purpose),
                ("body", item.body),
                ("proposal", item.proposal),
            )
            if value
        )
        rows.append((Record.ITEM.value, *head, "", item.raised_by, "", (), outcome, fields, tuple(item.carried_from)))
        for st in item.statements:
            fields = tuple((n, normalise(v)) for n, v in (("text", st.text), ("answer", st.answer)) if v)
            rows.append((Record.STATEMENT.value, *head, st.id, st.party, st.kind.value, (), outcome, fields, ()))
        if not item.outcome.is_empty:
            o = item.outcome
            fields = (("text", normalise(o.text)),) if o.text else ()
            extra: tuple[str, ...] = (o.postponed_to.isoformat() if o.postponed_to else "",)
            rows.append((Record.OUTCOME.value, *head, "", "", o.kind.value, tuple(o.parties), outcome, fields, extra))
        for fu in item.followups:
            fields = tuple((n, normalise(v)) for n, v in (("text", fu.text), ("closed_note", fu.closed_note)) if v)
            extra = (fu.due.isoformat() if fu.due else "", "1" if fu.closed else "", fu.closed_in, fu.closes)
            rows.append((Record.FOLLOWUP.value, *head, fu.id, fu.owner, "", (), outcome, fields, extra))
        for att in item.attachments:
            fields = (("title", normalise(att.title)),) if att.title else ()
            rows.append((Record.ATTACHMENT.value, *head, str(att.number), "", "", (), outcome, fields, ()))
    return (meeting.group, meeting.date.isoformat(), meeting.status.value, tuple(rows))
