"""Composing the site: each meeting's page, documents and bilagor, and the shared pages.

Loaded by :func:`cesam_site.build.build` only when something is to be rendered, so an
unchanged rebuild imports neither Jinja2 nor the document wording.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from cesam_docs import Provenance, build_restlista, first_numbers, protocol, render, restlista_document
from store.core.codec import content_hash
from store.core.errors import CesamError
from store.core.model import Meeting
from store.services.history import versions, with_changes
from store.services.repository import Repository

from . import pages
from .build import STATIC, Options, Report, Writer, meeting_dir
from .paths import segment
from .plan import PlannedMeeting, SitePlan
from .public import public_view
from .render import Site


def render_site(
    repo: Repository,
    options: Options,
    writer: Writer,
    site_plan: SitePlan,
    todo: list[PlannedMeeting],
    old_pages: dict[str, Any],
    report: Report,
) -> dict[str, Any]:
    """Renders the meetings in ``todo`` and the shared pages; returns the manifest's pages."""
    parsed = versions(repo, [m.blob for m in site_plan.meetings])
    site = Site(repo.config, options.lang, options.public, site_plan.head, options.today)
    shown = _views(site, site_plan, parsed)
    first = first_numbers(shown.values(), repo.config)
    new_pages: dict[str, Any] = {}
    again = {m.ref for m in todo}
    for m in site_plan.meetings:
        ref = str(m.ref)
        if ref in shown and m.ref in again:
            full = parsed[m.blob]
            assert full is not None  # _views keeps only meetings that parse
            new_pages[ref] = _meeting(repo, site, options, writer, m, shown[ref], full, first[ref], report)
            report.rendered += 1
            report.rendered_refs.append(ref)
        elif ref in old_pages and ref in shown:
            new_pages[ref] = old_pages[ref]
    for ref, entry in old_pages.items():
        stale = set(entry.get("files", [])) - set(new_pages.get(ref, {}).get("files", []))
        report.removed += sum(writer.remove(f) for f in stale)
    _shared(repo, site, options, writer, site_plan, shown, first, new_pages)
    report.shared = True
    return new_pages


def _views(site: Site, site_plan: SitePlan, parsed: dict[str, Meeting | None]) -> dict[str, Meeting]:
    """Each shown meeting as the site may show it; a version that does not parse is left out."""
    shown: dict[str, Meeting] = {}
    for m in site_plan.meetings:
        meeting = parsed.get(m.blob)
        if meeting is None:
            continue
        shown[str(m.ref)] = public_view(meeting, site.t("site_confidential_item")) if site.public else meeting
    return shown


def _meeting(
    repo: Repository,
    site: Site,
    options: Options,
    writer: Writer,
    m: PlannedMeeting,
    meeting: Meeting,
    full: Meeting,
    first: int,
    report: Report,
) -> dict[str, Any]:
    """Renders one meeting's page (and its documents and bilagor); returns its manifest entry."""
    folder = meeting_dir(m)
    # the hash printed is the approved content's, also on a public page: it is what a reader checks
    stamp = Provenance(commit=site.head, content_hash=content_hash(full))
    document = protocol(meeting, repo.config, stamp, lang=site.lang, first=first)
    files = [f"{folder}/index.html"]
    documents = []
    if options.documents:
        for fmt in ("pdf", "docx"):
            name = f"{document.file_stem or 'protokoll'}.{fmt}"
            writer.write(f"{folder}/{segment(name)}", render(document, fmt))
            files.append(f"{folder}/{segment(name)}")
            documents.append((segment(name), fmt))
            report.documents += 1
    attachments = _attachments(repo, site, writer, folder, meeting, files)
    with_changes(repo, m.log, m.ref.group)
    blobs = [b for e in m.log for b in (e.old_blob, e.new_blob) if b]
    history = pages.history(site, m.log, versions(repo, blobs) if site.public else {})
    html, text = pages.meeting(site, m, meeting, document, documents, attachments, history)
    writer.write(files[0], html)
    record = pages.search_record(site, m, meeting, text)
    return {"key": m.key, "files": files, "search": record}


def _attachments(
    repo: Repository, site: Site, writer: Writer, folder: str, meeting: Meeting, files: list[str]
) -> list[tuple[str, str]]:
    """Copies the bilagor's files the site may publish; returns (href, title) per bilaga copied."""
    out: list[tuple[str, str]] = []
    for item in meeting.items:
        for att in sorted(item.attachments, key=lambda a: a.number):
            if not att.file or (site.public and not att.public):
                continue
            try:
                data = repo.safe_path(att.file).read_bytes()
            except (CesamError, OSError):
                continue  # `cesam check` names a missing bilaga file; the page lists what exists
            name = f"bilagor/{att.number}-{segment(Path(att.file).name)}"
            writer.write(f"{folder}/{name}", data)
            files.append(f"{folder}/{name}")
            out.append((name, site.t("attachment_line", number=att.number, title=att.title)))
    return out


def _shared(
    repo: Repository,
    site: Site,
    options: Options,
    writer: Writer,
    site_plan: SitePlan,
    shown: dict[str, Meeting],
    first: dict[str, int],
    entries: dict[str, Any],
) -> None:
    """The pages every meeting feeds: start, groups, restlista, parties, search."""
    planned = [m for m in site_plan.meetings if str(m.ref) in shown]
    groups = [g.id for g in repo.config.groups if any(m.ref.group == g.id for m in planned)]
    writer.write("index.html", pages.index(site, planned, shown, groups))
    for group in groups:
        mine = [m for m in planned if m.ref.group == group]
        writer.write(f"groups/{segment(group)}/index.html", pages.group(site, mine, shown, group))
        data = build_restlista(list(shown.values()), repo.config, options.today, group=group)
        document = restlista_document(data, repo.config, lang=site.lang)
        writer.write(f"groups/{segment(group)}/restlista.html", pages.restlista(site, group, document))
    for relpath, html in pages.parties(site, planned, shown, first):
        writer.write(relpath, html)
    writer.write("search.html", pages.search(site))
    records = [entries[str(m.ref)]["search"] for m in planned if str(m.ref) in entries]
    writer.write("search-index.js", pages.search_script(records))
    for name in STATIC:
        writer.write(name, resources.files("cesam_site").joinpath(f"static/{name}").read_bytes())
