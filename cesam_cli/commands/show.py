"""cesam show MEETING: the meeting as plain text, for scripts and reviewers."""

from __future__ import annotations

import argparse

from cesam_cli.context import Context
from cesam_cli.terminal import out, safe
from store.core.catalogue import Catalogue, term
from store.core.config import SubitemStyle
from store.core.model import EMPLOYER, Meeting
from store.core.numbering import item_numbers


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("show", help="print a meeting as plain text")
    p.add_argument("meeting", help="GROUP/DATE or DATE")
    p.set_defaults(handler=run)


def _one(value: str) -> str:
    return safe(value, oneline=True)


def _lines(text: str) -> list[str]:
    # only "\n" breaks a line: a CR, form feed or U+2028 in the data is shown as an escape
    lines = text.split("\n")
    return lines[:-1] if len(lines) > 1 and not lines[-1] else lines


def _block(text: str, indent: str) -> list[str]:
    """Text of many lines, each indented, so no line of the data can pass for a line of the layout."""
    return [f"{indent}{_one(line)}" for line in _lines(text)] if text else []


def _lead(first: str, text: str, indent: str) -> list[str]:
    """``first`` followed by the text's first line, its further lines indented below."""
    lines = _lines(text)
    return [f"{first}{_one(lines[0])}", *(f"{indent}{_one(line)}" for line in lines[1:])]


def render(meeting: Meeting, group_name: str, subitem_style: SubitemStyle, lang: str = "sv") -> str:
    """The meeting as plain text; every value from the data is made terminal-safe here."""
    numbers = item_numbers(meeting, subitem_style)
    t = Catalogue(lang).t
    out: list[str] = []
    when = meeting.date.isoformat()
    if meeting.start:
        when += f" {_one(meeting.start)}" + (f"–{_one(meeting.end)}" if meeting.end else "")
    out.append(f"{_one(group_name)} {when}" + (f", {_one(meeting.place)}" if meeting.place else ""))
    out.append(f"Status: {term(f'status.{meeting.status.value}', lang)}")
    if meeting.chair:
        out.append(f"{term('field.chair', lang).capitalize()}: {_one(meeting.chair)}")
    if meeting.secretary:
        out.append(f"{term('field.secretary', lang).capitalize()}: {_one(meeting.secretary)}")
    out.append("")
    out.append(t("show.present"))
    for a in meeting.present:
        where = ""
        if a.items:
            where = ", " + term("item_short", lang) + " " + ", ".join(_one(numbers.get(i, i)) for i in a.items)
        elif a.from_item:
            where = f", {term('present_from', lang)} {_one(numbers.get(a.from_item, a.from_item))}"
        out.append(f"  {_one(a.name)}\t{_one(a.role or a.party)}{where}")
    if meeting.absent:
        out.append(t("show.absent"))
        out.extend(f"  {_one(a.name)}\t{_one(a.role or a.party)}" for a in meeting.absent)
    if meeting.adjusters:
        out.append(f"{term('field.adjusters', lang).capitalize()}: {', '.join(_one(a) for a in meeting.adjusters)}")
    for item in meeting.items:
        out.append("")
        out.append(f"§ {_one(numbers[item.id])} {_one(item.title)}  [{term(f'kind.{item.kind.value}', lang)}]")
        if item.purpose:
            out.extend(_lead(f"  {term('field.purpose', lang).capitalize()}: ", item.purpose, "    "))
        if item.body:
            out.extend(_block(item.body, "  "))
        if item.proposal:
            out.append(f"  {term('field.proposal', lang).capitalize()}:")
            out.extend(_block(item.proposal, "    "))
        for st in item.statements:
            who = _one(st.party)
            out.extend(_lead(f"  - {who} ({term(f'statement.{st.kind.value}', lang)}): ", st.text, "    "))
            if st.answer:
                out.extend(_lead(f"    {EMPLOYER}: ", st.answer, "      "))
        if not item.outcome.is_empty:
            o = item.outcome
            text = term(f"outcome.{o.kind.value}", lang)
            if o.parties:
                text += f" ({', '.join(_one(p) for p in o.parties)})"
            if o.postponed_to:
                text += f" → {o.postponed_to.isoformat()}"
            out.extend(
                _lead(
                    f"  {term('record.outcome', lang).capitalize()}: {text}" + (": " if o.text else ""), o.text, "    "
                )
            )
        for f in item.followups:
            state = term("action.closed", lang) if f.closed else t("show.open")
            lines = _lead(f"  * {_one(f.owner)}: ", f.text, "    ")
            lines[-1] += f" [{state}]"
            out.extend(lines)
        for att in item.attachments:
            out.append("  " + t("show.attachment", number=att.number, title=_one(att.title)))
    if meeting.next_meeting.date:
        out.append("")
        out.append(f"{term('record.next_meeting', lang).capitalize()}: {meeting.next_meeting.date.isoformat()}")
    return "\n".join(out)


def run(ctx: Context, args: argparse.Namespace) -> int:
    repo = ctx.repo()
    loaded = repo.load(args.meeting)
    group = repo.config.group(loaded.meeting.group)
    out(render(loaded.meeting, group.name, group.subitem_style, ctx.language))
    return 0
