"""After the items: adjusters, chair, bilagor titles, next meeting, dates of follow-ups, signatures."""

from __future__ import annotations

import datetime as dt
import re

from store.core.ids import slug
from store.core.model import (
    EMPLOYER,
    Attachment,
    FollowUp,
    Item,
    ItemKind,
    Meeting,
    NextMeeting,
    Status,
)

from .attendance import known_name
from .dates import date_of
from .lines import first_value, split_top_level
from .said import say, verbatim
from .state import ParseState, RawItem
from .text import (
    MONTHS,
    find_dates,
    find_time_range,
    fold,
    resolve_date,
    split_sentences,
)

NEXT_MEETING_WORDS = re.compile(r"\b(nästa|kommande) (möte|sammanträde|träff|cesam|apt|fsg|samverkans\w*)", re.I)


def finish_meeting(st: ParseState, meeting: Meeting, raws: list[RawItem]) -> None:
    """What needs the whole meeting: who signs, the bilagor's titles, the next meeting, due dates, signatures."""
    items_by_kind = {item.kind: item for item in meeting.items if not item.parent}
    _adjusters(st, meeting, items_by_kind.get(ItemKind.ADJUSTERS))
    _bilagor(st, meeting)
    _next_meeting(st, meeting, items_by_kind.get(ItemKind.NEXT_MEETING))
    for record, text in st.when_later:
        when = date_in(st, text, meeting)
        if when is None:
            continue
        if isinstance(record, FollowUp):
            record.due = when
        else:
            record.postponed_to = when
    _signatures(st, meeting)


def _adjusters(st: ParseState, meeting: Meeting, adj_item: Item | None) -> None:
    """Adjusters: named in "Val av justerare", else the names under Justeras other than the chair."""
    adjusters: list[str] = []
    if adj_item is not None:
        text = f"{adj_item.title} {adj_item.body} {adj_item.outcome.text}"
        hits = []
        for attendee in meeting.attendees:
            pos = fold(text).find(fold(attendee.name))
            if pos >= 0:
                hits.append((pos, attendee.name))
        adjusters = [name for _, name in sorted(hits)]
    pre_adj = first_value(
        st.preamble, "justerare", "justeringspersoner", "justeringsperson", "justeringsmän", "justeringsmän"
    )
    if not adjusters and pre_adj:
        adjusters = [known_name(st, meeting, n) for n in split_top_level(pre_adj)]
    justeras = [known_name(st, meeting, n) for n, _ in st.justeras]
    if not meeting.chair and justeras:
        employer_names = [n for n in justeras if any(a.name == n and a.party == EMPLOYER for a in meeting.attendees)]
        candidates = [n for n in employer_names if n not in adjusters]
        if candidates:
            meeting.chair = candidates[0]
            st.report.check("chair", say("import.r.chair_guessed", name=meeting.chair))
    if not adjusters and justeras:
        adjusters = [n for n in justeras if n != meeting.chair]
    meeting.adjusters = adjusters
    if meeting.chair:
        st.report.recognised("chair", say("import.r.chair", name=meeting.chair))
    if meeting.secretary:
        st.report.recognised("secretary", say("import.r.secretary", name=meeting.secretary))
    if adjusters:
        st.report.recognised("adjusters", say("import.r.adjusters", names=", ".join(adjusters)))
    signs_as(st, meeting, justeras)
    if justeras:
        st.report.recognised("justeras", say("import.r.justeras", names=", ".join(justeras)))
        for name in justeras:
            if name != meeting.chair and name not in adjusters:
                st.report.check("justeras", say("import.r.justeras_not_adjuster", name=name))


def signs_as(st: ParseState, meeting: Meeting, justeras: list[str]) -> None:
    """The title under a signature line that is not the person's role nor union ("Kommundirektör"
    under a chair listed as "Kommunstyrelseförvaltningen, ordf."): kept as ``Attendee.signs_as``.

    The roles under Justeras come in the order of the names; when they do not pair up, none is kept.
    """
    if len(st.justeras_roles) != len(justeras):
        return
    for name, role in zip(justeras, st.justeras_roles, strict=True):
        attendee = next((a for a in meeting.attendees if a.name == name), None)
        role = role.strip()
        if attendee is None or not role:
            continue
        said = fold(f"{attendee.role} {attendee.party}")
        if fold(role) in said or st.parties.canonical(role) == attendee.party:
            continue  # it repeats the attendance list
        attendee.signs_as = role
        st.report.recognised("justeras", say("import.r.signs_as", name=name, role=role))


def _bilagor(st: ParseState, meeting: Meeting) -> None:
    """Titles from the Bilagor list; a listed bilaga no item refers to goes on the last item."""
    for item in meeting.items:
        for attachment in item.attachments:
            attachment.title = st.bilagor.get(attachment.number, "")
    for number, title in sorted(st.bilagor.items()):
        if number not in st.referenced:
            target = next((i for i in reversed(meeting.items) if i.kind != ItemKind.NEXT_MEETING), None)
            if target is None:
                continue
            target.attachments.append(Attachment(number=number, title=title))
            st.report.check(
                "attachment", say("import.r.bilaga_unmentioned", number=number, title=title, item=target.title)
            )
    for number, places in sorted(st.referenced.items()):
        if st.bilagor and number not in st.bilagor:
            st.report.check("attachment", say("import.r.bilaga_unlisted", number=number), places[0])
    if st.bilagor:
        st.report.recognised("attachments", say("import.r.bilagor", n=len(st.bilagor)))


def _next_meeting(st: ParseState, meeting: Meeting, next_item: Item | None) -> None:
    sources = [next_item.body] if next_item is not None else []
    sources += [s for item in meeting.items for s in split_sentences(item.body) if NEXT_MEETING_WORDS.search(s)]
    for text in sources:
        dates = find_dates(text)
        if not dates:
            continue
        nm = NextMeeting(date=resolve_date(dates[0], meeting.date))
        times = find_time_range(text)
        if times:
            nm.start, nm.end = times
        meeting.next_meeting = nm
        when = nm.date.isoformat() if nm.date else dates[0].text
        st.report.recognised(
            "next_meeting", say("import.r.next_meeting", when=f"{when} {nm.start}–{nm.end}".rstrip(" –"))
        )
        if dates[0].year is None or len(dates) > 1 or re.search(rf"{dates[0].text}\s+[a-zåäö]+\s+\d{{4}}", text):
            st.report.check("next_meeting", say("import.r.next_meeting_read", when=when, text=text.strip()))
        break


def _signatures(st: ParseState, meeting: Meeting) -> None:
    """E-signatures make the meeting justerad on the latest signing day; names under Justeras without a day."""
    for signature in st.signers:
        signature.name = signer_name(st, meeting, signature.name)
    meeting.signatures = st.signers
    if st.signers:
        meeting.status = Status.ADJUSTED
        signed = [d for s in st.signers if (d := date_of(s.signed_at))]
        if signed:
            meeting.adjusted_on = max(signed)
        if meeting.adjusted_on:
            said = say("import.r.signatures_on", n=len(st.signers), date=meeting.adjusted_on.isoformat())
        else:
            said = say("import.r.signatures", n=len(st.signers))
        st.report.recognised("signatures", said)
    elif st.justeras:
        meeting.status = Status.ADJUSTED
        st.report.check("status", say("import.r.justeras_names_only"))
    else:
        st.report.check("status", say("import.r.no_signatures"))


def date_in(st: ParseState, text: str, meeting: Meeting) -> dt.date | None:
    """The date a follow-up or postponement points at: a written date, "nästa möte", or a month of it."""
    for found in find_dates(text):
        if (when := resolve_date(found, meeting.date)) is not None:
            return when
    upcoming = meeting.next_meeting.date
    if upcoming is None:
        return None
    if NEXT_MEETING_WORDS.search(text):
        return upcoming
    m = re.search(r"\b(?:mötet|sammanträdet|möte|sammanträde|träffen)\s+i\s+([a-zåäö]+)", text, re.I)
    if m and MONTHS.get(m.group(1).casefold()) == upcoming.month:
        return upcoming
    return None


def signer_name(st: ParseState, meeting: Meeting, text: str) -> str:
    local = text.split("@")[0] if "@" in text else text
    wanted = re.sub(r"[^a-z0-9]+", "-", fold(local)).strip("-")
    for attendee in meeting.attendees:
        if slug(attendee.name, 80) == wanted or re.sub(r"[^a-z0-9]+", "-", fold(attendee.name)).strip("-") == wanted:
            return attendee.name
    st.report.check("signatures", say("import.r.signer_unknown", name=text))
    return text


def summarise(st: ParseState, meeting: Meeting, raws: list[RawItem]) -> None:
    tops = [i for i in meeting.items if not i.parent]
    subs = [i for i in meeting.items if i.parent]
    statements = sum(len(i.statements) for i in meeting.items)
    followups = sum(len(i.followups) for i in meeting.items)
    outcomes = sum(1 for i in meeting.items if not i.outcome.is_empty)
    counts = {"items": len(tops), "subs": len(subs), "statements": statements, "outcomes": outcomes}
    st.report.recognised("summary", say("import.r.summary", **counts, followups=followups))
    for raw in raws:
        st.report.recognised("item", verbatim(raw.title), raw.where)
        for child in raw.children:
            st.report.recognised("item", verbatim(child.title), child.where)
