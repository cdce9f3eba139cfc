"""The kallelse: who is called, when and where, by whom, and what each item is for.

A notice goes out before the meeting, so what the secretary has not filled in
yet (place, time, purpose, the employer's förslag till beslut of a § 11 item)
is printed as missing, in the words of the catalogue, rather than left out.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from cesam_docs.markdown import escape
from cesam_docs.structure import Block, DocKind, Document, Fields, Heading, Markdown, Provenance
from store.core.config import Config, Group
from store.core.model import EMPLOYER, Attendee, Item, ItemKind, Meeting
from store.core.roster import is_member

from .core import _STANDING, _Words, stamp

#: union questions are asked for this many days before the meeting, so that the employer can prepare
UNION_QUESTION_DAYS = 7


def _missing(w: _Words, key: str) -> str:
    return f"*{escape(w.t(key))}*"


def roster(group: Group) -> list[tuple[str, str, str]]:
    """(name, role, party) of the group's standing members, where ``cesam.toml`` lists them.

    Read leniently: a ``roster`` of names, or of tables with ``name``, ``role`` and ``party``; else
    the members the app keeps from the attendance (``[[groups.members]]``, store/core/roster.py).
    """
    raw: Any = getattr(group, "roster", None) or group.extra.get("roster") or group.members or []
    members: list[tuple[str, str, str]] = []
    for entry in raw if isinstance(raw, list) else []:
        if isinstance(entry, str) and entry.strip():
            members.append((entry.strip(), "", EMPLOYER))
        elif isinstance(entry, dict) and str(entry.get("name", "")).strip():
            members.append(
                (str(entry["name"]).strip(), str(entry.get("role", "")).strip(), str(entry.get("party") or EMPLOYER))
            )
        elif hasattr(entry, "name") and str(entry.name).strip():
            members.append(
                (
                    str(entry.name).strip(),
                    str(getattr(entry, "role", "")),
                    str(getattr(entry, "party", "") or EMPLOYER),
                )
            )
    return members


def _called(w: _Words) -> list[Block]:
    """The people called: the meeting's attendees, else the group's roster, else a warning.

    As in the protocol, a guest (or, where the group keeps a roster, anyone not on it) is called
    under Övriga deltagande, not among the members."""
    t = w.t
    if w.meeting.attendees:
        present = w.meeting.attendees
        called = [a for a in present if is_member(a, w.group)]
        return w.attendance(called, t("called")) + w.people(
            t("others_present"), [a for a in present if not is_member(a, w.group)]
        )
    members = roster(w.group)
    if not members:
        warning = _missing(w, "called_missing")
        return [
            Heading(t("called"), level=2),
            Markdown(t("called_everyone", group=escape(w.group.name))),
            Markdown(warning),
        ]
    # the roster's people as attendees of this meeting, so that they read as the protocol's Närvarande
    people = [
        Attendee(id=f"roster-{n}", name=name, role=role, party=party) for n, (name, role, party) in enumerate(members)
    ]
    return w.attendance(people, t("called"))


def _facts(w: _Words, issued: dt.date) -> Fields:
    t = w.t
    meeting = w.meeting
    when = w.clock(meeting.start or w.group.start, meeting.end or w.group.end)
    place = meeting.place or w.group.place
    deadline = meeting.date - dt.timedelta(days=UNION_QUESTION_DAYS)
    sender = (
        t("notice_sender", name=escape(meeting.secretary), group=escape(w.group.name))
        if meeting.secretary
        else _missing(w, "sender_missing")
    )
    rows = [
        (t("date"), escape(t.long_date(meeting.date))),
        (t("time"), escape(when) if when else _missing(w, "time_missing")),
        (t("place"), escape(place) if place else _missing(w, "place_missing")),
        (t("issued"), escape(t.long_date(issued))),
        (t("sender"), sender),
        (t("union_questions"), escape(t("union_questions_by", date=t.long_date(deadline)))),
    ]
    return Fields(tuple(rows))


def _carried(item: Item) -> bool:
    return bool(item.carried_from)


def _item_rows(w: _Words, item: Item, children: list[Item]) -> list[tuple[str, str]]:
    t = w.t
    rows: list[tuple[str, str]] = []
    if children and all(_carried(c) for c in children):
        # follow-ups carried from earlier meetings: one item that refers to the restlista sent along,
        # where each has its full text, instead of a sub-item apiece
        rows.append((t("purpose"), escape(t("carried_purpose", count=len(children)))))
        return rows
    grouping = bool(children)
    standing = item.kind in _STANDING or grouping
    if item.purpose.strip():
        rows.append((t("purpose"), item.purpose.strip()))
    elif not standing:
        rows.append((t("purpose"), _missing(w, "purpose_missing")))
    if not standing:
        kind = t(f"kind_{item.kind.value}")
        if item.raised_by:
            kind += " – " + t("raised_by", party=item.raised_by).rstrip(".")
        rows.append((t("kind"), escape(kind)))
    section = None if standing else item.kind.mbl_section
    if section:
        rows.append((t("basis"), escape(f"{t('mbl', section=section)} ({t(f'mbl_{section}')})")))
    if item.kind == ItemKind.NEGOTIATION and not grouping:
        # a § 11 negotiation is about the employer's proposal: the unions need it before the meeting
        rows.append((t("proposal_row"), item.proposal.strip() or _missing(w, "proposal_missing")))
    if item.presenters:
        rows.append((t("presenter"), escape(", ".join(item.presenters))))
    if item.attachments:
        lines = (
            escape(t("attachment_line", number=a.number, title=a.title))
            for a in sorted(item.attachments, key=lambda a: a.number)
        )
        rows.append((t("attachments"), "  \n".join(lines)))
    return rows


def notice(
    meeting: Meeting,
    config: Config,
    provenance: Provenance | None = None,
    *,
    lang: str | None = None,
    first: int = 1,
    issued: dt.date | None = None,
) -> Document:
    """The kallelse: when, where, who, by whom, and per item its purpose, MBL basis and proposal.

    ``issued`` is the date the notice goes out (today when not given).
    """
    w = _Words(meeting, config, lang, first)
    t = w.t
    blocks: list[Block] = [_facts(w, issued or dt.date.today())]
    blocks += _called(w)
    blocks.append(Heading(t("agenda"), level=2))
    skipped: set[str] = set()
    for item in meeting.items:
        if item.id in skipped:
            continue
        children = meeting.children(item.id)
        if children and all(_carried(c) for c in children):
            skipped.update(c.id for c in children)
        blocks.append(Heading(item.title, level=3 if item.parent else 2, number=w.label(item)))
        rows = _item_rows(w, item, children)
        if rows:
            blocks.append(Fields(tuple(rows)))
    blocks.append(Markdown(t("notice_footer", secretary=_secretary(w)), style="small"))
    return Document(
        kind=DocKind.NOTICE,
        lang=t.lang,
        frame=w.frame(t("notice"), provenance, marked=False, initials=0),
        title=t("notice"),
        subtitle=w.subtitle(),
        blocks=tuple(blocks),
        stamp=stamp(t, provenance),
        file_stem=w.file_stem(t("stem.notice")),
        author=meeting.secretary,
    )


def _secretary(w: _Words) -> str:
    return w.t("notice_secretary", name=escape(w.meeting.secretary)) if w.meeting.secretary else ""


__all__ = ["UNION_QUESTION_DAYS", "notice", "roster"]
