"""Building the site into a folder, incrementally.

A manifest in the output folder (``.cesam-site.json``) records each meeting
page's key (see :mod:`cesam_site.plan`) and the files it made. A rebuild
renders only meetings whose key changed, removes the files of meetings no
longer shown, and rewrites the shared pages (start, groups, restlista,
parties, search index) only when any key, the options or the day changed.
Every path written is checked to stay inside the output folder.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from cesam_docs import Provenance, build_restlista, first_numbers, protocol, render, restlista_document
from store.codec import content_hash
from store.errors import CesamError, ExitCode
from store.history import versions, with_changes
from store.model import Meeting
from store.repository import Repository

from . import pages
from .paths import segment
from .plan import SITE_FORMAT, PlannedMeeting, SitePlan, plan
from .public import public_view
from .render import Site

MANIFEST = ".cesam-site.json"
STATIC = ("site.css", "search.js")


class SiteError(CesamError):
    """The site cannot be written where asked."""

    exit_code = ExitCode.USAGE


@dataclass(frozen=True)
class Options:
    out: Path
    groups: tuple[str, ...] = ()
    since: int | None = None
    public: bool = False
    lang: str = "sv"
    documents: bool = False  # PDF and DOCX per meeting (slow: WeasyPrint), cached like the pages
    today: dt.date = field(default_factory=dt.date.today)

    def key(self) -> str:
        return json.dumps([self.groups, self.since, self.public, self.lang, self.documents])


@dataclass
class Report:
    meetings: int = 0
    rendered: int = 0  # meeting pages made again
    documents: int = 0  # PDF/DOCX files made
    shared: bool = False  # the shared pages were made again
    removed: int = 0  # files of meetings no longer shown
    rendered_refs: list[str] = field(default_factory=list)


def meeting_dir(planned: PlannedMeeting) -> str:
    ref = planned.ref
    return f"meetings/{segment(ref.group)}/{ref.date.year}/{ref.date.isoformat()}"


class Writer:
    """Writes files under one folder, never outside it, and only when the bytes differ."""

    def __init__(self, out: Path) -> None:
        self.out = out.resolve()

    def path(self, relpath: str) -> Path:
        target = (self.out / relpath).resolve()
        if not target.is_relative_to(self.out) or target == self.out:
            raise SiteError(f"refusing to write {relpath!r}: it is outside {self.out}")
        return target

    def write(self, relpath: str, data: bytes | str) -> None:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        target = self.path(relpath)
        try:
            if target.read_bytes() == raw:
                return
        except OSError:
            pass
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_bytes(raw)
        tmp.replace(target)

    def remove(self, relpath: str) -> bool:
        target = self.path(relpath)
        try:
            target.unlink()
        except OSError:
            return False
        return True


def _load_manifest(writer: Writer) -> dict[str, Any]:
    try:
        data = json.loads(writer.path(MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and data.get("format") == SITE_FORMAT else {}


def _prepare(writer: Writer) -> None:
    out = writer.out
    if out.exists() and not out.is_dir():
        raise SiteError(f"{out} is not a folder", hint="Name a folder for the site with -o.")
    if out.is_dir() and any(out.iterdir()) and not (out / MANIFEST).exists():
        raise SiteError(
            f"{out} is not empty and holds no cesam site",
            hint="Give an empty or new folder: the site's files would be mixed with others.",
        )
    out.mkdir(parents=True, exist_ok=True)


def build(repo: Repository, options: Options) -> Report:
    """Build or update the site in ``options.out``."""
    writer = Writer(options.out)
    _prepare(writer)
    manifest = _load_manifest(writer)
    old_pages: dict[str, Any] = manifest.get("pages", {})
    site_plan = plan(repo, groups=options.groups, since=options.since, options=options.key())
    report = Report(meetings=len(site_plan.meetings))

    def fresh(m: PlannedMeeting) -> bool:
        entry = old_pages.get(str(m.ref))
        if not isinstance(entry, dict) or entry.get("key") != m.key:
            return False
        return writer.path(entry["files"][0]).exists()

    todo = [m for m in site_plan.meetings if not fresh(m)]
    shared_key = hashlib.sha256(
        json.dumps([[m.key for m in site_plan.meetings], options.today.isoformat(), options.key()]).encode()
    ).hexdigest()
    if not todo and manifest.get("shared") == shared_key and all(writer.path(s).exists() for s in STATIC):
        return report

    parsed = versions(repo, [m.blob for m in site_plan.meetings])
    site = Site(repo.config, options.lang, options.public, site_plan.head, options.today)
    shown = _views(site, site_plan, parsed)
    first = first_numbers(shown.values(), repo.config)
    new_pages: dict[str, Any] = {}
    for m in site_plan.meetings:
        ref = str(m.ref)
        if ref in shown and m in todo:
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
    manifest = {"format": SITE_FORMAT, "shared": shared_key, "pages": new_pages}
    writer.write(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=0, sort_keys=True))
    return report


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
