"""The restlista as a document: follow-ups, justering waiting, central-negotiation deadlines.

Landscape, because the follow-up's own words need the room: a portrait page
left them a quarter of the width between seven narrow columns.
"""

from __future__ import annotations

from cesam_docs.markdown import escape, plain
from cesam_docs.restlista import OpenFollowUp, Restlista
from cesam_docs.structure import Block, DocKind, Document, Frame, Heading, Markdown, Provenance, Table
from store.core.config import Config

from .core import _Phrases, short_stamp, stamp


def _status(phrases: _Phrases, f: OpenFollowUp) -> str:
    t = phrases.t
    if f.closed:
        return t("fu_closed", meeting=f.closed_in)
    if f.overdue:
        return t("fu_overdue")
    return t("fu_open")


def _comment(phrases: _Phrases, f: OpenFollowUp) -> str:
    t = phrases.t
    parts = [f.closed_note.strip()] if f.closed_note.strip() else []
    if not f.closed:
        parts.append(t("fu_age", days=f.age_days))
    return "; ".join(parts)


def _followup_table(phrases: _Phrases, data: Restlista) -> Table:
    t = phrases.t
    header = (
        t("col_meeting"),
        t("col_item"),
        t("col_followup"),
        t("col_owner"),
        t("col_due"),
        t("col_status"),
        t("col_comment"),
        t("col_taken_up"),
    )
    rows = tuple(
        (
            f.meeting_label,
            f"{f.item_number} {f.item_title}".strip(),
            plain(phrases.followup_text(f.owner, f.text)),
            f.owner or phrases.employer,
            f.due.isoformat() if f.due else "",
            _status(phrases, f),
            _comment(phrases, f),
            ", ".join(f.taken_up_in),
        )
        for f in data.followups
    )
    return Table(header, rows, wide=(2,))


def restlista_document(
    data: Restlista,
    config: Config,
    *,
    lang: str | None = None,
    provenance: Provenance | None = None,
) -> Document:
    """The restlista as a document: open follow-ups, justering waiting, central-negotiation deadlines."""
    phrases = _Phrases(config, lang, [])
    t = phrases.t
    blocks: list[Block] = [Markdown(escape(t("as_of", date=data.today.isoformat())), style="small")]

    blocks.append(Heading(t("open_followups"), level=2))
    if data.followups:
        blocks.append(_followup_table(phrases, data))
    else:
        blocks.append(Markdown(t("none")))

    blocks.append(Heading(t("justering_waiting"), level=2))
    if data.justering:
        header: tuple[str, ...] = (t("col_meeting"), t("col_status"), t("col_deadline"), t("col_days_over"))
        rows: tuple[tuple[str, ...], ...] = tuple(
            (
                j.meeting_label,
                t(f"status_{j.status.value}"),
                j.deadline.isoformat(),
                str(j.days_over) if j.overdue else "",
            )
            for j in data.justering
        )
        blocks.append(Table(header, rows, numeric=(3,)))
    else:
        blocks.append(Markdown(t("none")))

    blocks.append(Heading(t("central_negotiation"), level=2))
    if data.central_negotiation:
        header = (t("col_meeting"), t("col_item"), t("col_parties"), t("col_last_day"), t("col_days_left"))
        rows = tuple(
            (
                c.meeting_label,
                f"{c.item_number} {c.item_title}".strip(),
                ", ".join(c.parties) or t("union_side"),
                c.last_day.isoformat(),
                str(c.days_left),
            )
            for c in data.central_negotiation
        )
        blocks.append(Table(header, rows, numeric=(4,), wide=(1,)))
    else:
        blocks.append(Markdown(t("none")))

    groups = sorted({g for g in data.groups})
    group_names = ", ".join(_group_name(config, g) for g in groups) if groups else ""
    frame = Frame(
        organisation=config.organisation.name,
        group=group_names,
        title=t("restlista"),
        date=data.today.isoformat(),
        page_word=t("page"),
        marking="",
        draft=False,
        stamp=short_stamp(t, provenance),
    )
    return Document(
        kind=DocKind.RESTLISTA,
        lang=t.lang,
        frame=frame,
        title=t("restlista"),
        subtitle=group_names,
        blocks=tuple(blocks),
        stamp=stamp(t, provenance),
        file_stem=f"restlista-{data.today.isoformat()}",
        landscape=True,
    )


def _group_name(config: Config, group_id: str) -> str:
    try:
        return config.group(group_id).name
    except KeyError:
        return group_id
