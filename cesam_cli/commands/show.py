"""cesam show MEETING: the meeting as plain text, for scripts and reviewers."""

from __future__ import annotations

import argparse

from cesam_cli.context import Context
from store.i18n import term
from store.model import ALL_UNIONS, Meeting
from store.numbering import item_numbers


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("show", help="print a meeting as plain text")
    p.add_argument("meeting", help="GROUP/DATE or DATE")
    p.set_defaults(handler=run)


def render(meeting: Meeting, group_name: str, subitem_style: object, lang: str = "sv") -> str:
    numbers = item_numbers(meeting, subitem_style)  # type: ignore[arg-type]
    out: list[str] = []
    when = meeting.date.isoformat()
    if meeting.start:
        when += f" {meeting.start}" + (f"–{meeting.end}" if meeting.end else "")
    out.append(f"{group_name} {when}" + (f", {meeting.place}" if meeting.place else ""))
    out.append(f"Status: {term(f'status.{meeting.status.value}', lang)}")
    if meeting.chair:
        out.append(f"{term('field.chair', lang).capitalize()}: {meeting.chair}")
    if meeting.secretary:
        out.append(f"{term('field.secretary', lang).capitalize()}: {meeting.secretary}")
    out.append("")
    out.append("Närvarande" if lang == "sv" else "Present")
    for a in meeting.present:
        where = ""
        if a.items:
            where = ", " + term("item_short", lang) + " " + ", ".join(numbers.get(i, i) for i in a.items)
        elif a.from_item:
            where = f", {term('present_from', lang)} {numbers.get(a.from_item, a.from_item)}"
        out.append(f"  {a.name}\t{a.role or a.party}{where}")
    if meeting.absent:
        out.append("Anmält förhinder" if lang == "sv" else "Sent apologies")
        out.extend(f"  {a.name}\t{a.role or a.party}" for a in meeting.absent)
    if meeting.adjusters:
        out.append(f"{term('field.adjusters', lang).capitalize()}: {', '.join(meeting.adjusters)}")
    for item in meeting.items:
        out.append("")
        out.append(f"§ {numbers[item.id]} {item.title}  [{term(f'kind.{item.kind.value}', lang)}]")
        if item.purpose:
            out.append(f"  {term('field.purpose', lang).capitalize()}: {item.purpose}")
        if item.body:
            out.extend(f"  {line}" for line in item.body.splitlines())
        if item.proposal:
            out.append(f"  {term('field.proposal', lang).capitalize()}:")
            out.extend(f"    {line}" for line in item.proposal.splitlines())
        for st in item.statements:
            who = st.party if st.party != ALL_UNIONS else ALL_UNIONS
            out.append(f"  - {who} ({term(f'statement.{st.kind.value}', lang)}): {st.text}")
            if st.answer:
                out.append(f"    Arbetsgivaren: {st.answer}")
        if not item.outcome.is_empty:
            o = item.outcome
            text = term(f"outcome.{o.kind.value}", lang)
            if o.parties:
                text += f" ({', '.join(o.parties)})"
            if o.postponed_to:
                text += f" → {o.postponed_to.isoformat()}"
            if o.text:
                text += f": {o.text}"
            out.append(f"  {term('record.outcome', lang).capitalize()}: {text}")
        for f in item.followups:
            state = term("action.closed", lang) if f.closed else ("öppen" if lang == "sv" else "open")
            out.append(f"  * {f.owner}: {f.text} [{state}]")
        for att in item.attachments:
            out.append(f"  Bilaga {att.number}: {att.title}")
    if meeting.next_meeting.date:
        out.append("")
        out.append(f"{term('record.next_meeting', lang).capitalize()}: {meeting.next_meeting.date.isoformat()}")
    return "\n".join(out)


def run(ctx: Context, args: argparse.Namespace) -> int:
    repo = ctx.repo()
    loaded = repo.load(args.meeting)
    group = repo.config.group(loaded.meeting.group)
    print(render(loaded.meeting, group.name, group.subitem_style, ctx.language))
    return 0
