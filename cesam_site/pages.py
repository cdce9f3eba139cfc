"""Each kind of page: the data it shows, gathered from the plan and the model, then rendered.

Pure: the caller (cesam_site.build) reads the repository and writes the files.
Links are relative, so the folder works from any web server path and from disk.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from cesam_docs.markdown import to_html
from cesam_docs.structure import Document
from cesam_docs.wording import statement_sentences
from store.core.config import SubitemStyle
from store.core.model import ALL_UNIONS, Meeting
from store.core.numbering import item_numbers
from store.services.history import HistoryEntry
from store.services.justering import person_slug

from .paths import segment
from .plan import PlannedMeeting
from .render import Link, Row, Said, Site, history_lines, page, page_text, protocol_body, search_script, status_of

__all__ = ["group", "history", "index", "meeting", "parties", "restlista", "search", "search_record", "search_script"]

_SHOW_CHECK = {"ok", "changed", "bad_signature", "missing"}
LATEST = 15


def meeting_href(m: PlannedMeeting) -> str:
    ref = m.ref
    return f"meetings/{segment(ref.group)}/{ref.date.year}/{ref.date.isoformat()}/index.html"


def _row(site: Site, m: PlannedMeeting, meeting: Meeting, root: str) -> Row:
    return Row(
        root + meeting_href(m),
        m.ref.date.isoformat(),
        site.group_label(m.ref.group),
        status_of(site, m.check, meeting.status),
    )


def index(site: Site, planned: list[PlannedMeeting], shown: dict[str, Meeting], groups: list[str]) -> str:
    entries = []
    for group_id in groups:
        years = sorted({m.ref.date.year for m in planned if m.ref.group == group_id}, reverse=True)
        base = f"groups/{segment(group_id)}/"
        entries.append(
            {
                "name": site.group_name(group_id),
                "href": base + "index.html",
                "restlista": base + "restlista.html",
                "years": [(y, f"{base}index.html#y{y}") for y in years],
            }
        )
    latest = [_row(site, m, shown[str(m.ref)], "") for m in planned[:LATEST]]
    return page("index.html.j2", site, "", groups=entries, latest=latest)


def group(site: Site, planned: list[PlannedMeeting], shown: dict[str, Meeting], group_id: str) -> str:
    years: dict[int, list[Row]] = {}
    for m in planned:
        years.setdefault(m.ref.date.year, []).append(_row(site, m, shown[str(m.ref)], "../../"))
    return page(
        "group.html.j2", site, "../../", name=site.group_name(group_id), years=sorted(years.items(), reverse=True)
    )


def restlista(site: Site, group_id: str, document: Document) -> str:
    return page("restlista.html.j2", site, "../../", name=site.group_name(group_id), body=protocol_body(document))


def history(site: Site, entries: list[HistoryEntry], words: list[list[str] | None]) -> list[dict[str, Any]]:
    return history_lines(site, entries, words)


def meeting(
    site: Site,
    m: PlannedMeeting,
    shown: Meeting,
    document: Document,
    documents: list[tuple[str, str]],
    attachments: list[tuple[str, str]],
    lines: list[dict[str, Any]],
) -> tuple[str, str]:
    """The meeting's page, and its protocol's words for the search index."""
    t = site.t
    check = m.check
    body = protocol_body(document)
    changes = []
    for commit, date, author, subject in check.changes:
        words = subject if not site.public else commit[:10]
        changes.append(t("site_changed_by", subject=words, date=date, author=author))
    root = "../../../../"
    html = page(
        "meeting.html.j2",
        site,
        root,
        doc=document,
        body=body,
        status=status_of(site, check, shown.status),
        show_check=check.state in _SHOW_CHECK,
        check=check,
        changes=changes,
        blob=m.blob,
        ref=str(m.ref),
        relpath=m.relpath,
        year=m.ref.date.year,
        group_name=site.group_name(m.ref.group),
        group_href=f"{root}groups/{segment(m.ref.group)}/index.html",
        documents=[Link(href, t("site_pdf" if fmt == "pdf" else "site_docx")) for href, fmt in documents],
        attachments=[Link(href, text) for href, text in attachments],
        history=lines,
    )
    return html, page_text(body)


def search_record(site: Site, m: PlannedMeeting, shown: Meeting, text: str) -> dict[str, str]:
    return {
        "u": meeting_href(m),
        "t": f"{site.group_label(m.ref.group)} {m.ref.date.isoformat()}",
        "s": status_of(site, m.check, shown.status).short,
        "x": text,
    }


def search(site: Site) -> str:
    return page("search.html.j2", site, "")


def parties(
    site: Site, planned: list[PlannedMeeting], shown: dict[str, Meeting], first: dict[str, int]
) -> list[tuple[str, str]]:
    """The parties' index and one page per union (and one for all unions together): what they said, by year."""
    names = [*site.config.union_names(), ALL_UNIONS]
    aliases = {name: {name.casefold()} for name in names}
    for union in site.config.unions:
        aliases[union.name] |= {a.casefold() for a in (union.full_name, *union.aliases) if a}
    said: dict[str, dict[int, list[Said]]] = {name: {} for name in names}
    for m in planned:
        meeting = shown[str(m.ref)]
        style = _style(site, m.ref.group)
        numbers = item_numbers(meeting, style, first=first.get(str(m.ref), 1))
        for item in meeting.items:
            for st in item.statements:
                party = next((n for n in names if st.party.casefold() in aliases[n]), None)
                if party is None:
                    continue
                said_text, answer = statement_sentences(st, site.config, lang=site.lang)
                said[party].setdefault(m.ref.date.year, []).append(
                    Said(
                        href="../" + meeting_href(m),
                        meeting=f"{site.group_label(m.ref.group)} {m.ref.date.isoformat()}",
                        item=f"{numbers.get(item.id, '')} {item.title}".strip(),
                        text=Markup(_md(said_text)),
                        answer=Markup(_md(answer)),
                    )
                )
    out: list[tuple[str, str]] = []
    links = []
    for name in names:
        slug = _party_slug(name)
        links.append(Link(f"{slug}.html", name))
        years = sorted(said[name].items(), reverse=True)
        out.append((f"parties/{slug}.html", page("party.html.j2", site, "../", party=name, years=years)))
    out.append(("parties/index.html", page("parties.html.j2", site, "../", parties=links)))
    return out


def _md(text: str) -> str:
    return to_html(text) if text else ""


def _style(site: Site, group_id: str) -> SubitemStyle:
    try:
        return site.config.group(group_id).subitem_style
    except KeyError:
        return SubitemStyle.LETTER


def _party_slug(name: str) -> str:
    return segment(person_slug(name))
