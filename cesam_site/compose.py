"""Composing the site: each meeting's page, documents and bilagor, and the shared pages.

Loaded by :func:`cesam_site.build.build` only when something is to be rendered, so an
unchanged rebuild imports neither Jinja2 nor the document wording.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

from cesam_docs import build_restlista, first_numbers, restlista_document
from store.core.model import Meeting
from store.services.history import versions
from store.services.history_words import keys_of, known_words, words_cache
from store.services.repository import Repository

from . import pages
from .build import STATIC, Options, Report, Writer
from .paths import segment
from .plan import PlannedMeeting, SitePlan
from .public import public_view
from .render import Site
from .workers import Task, render_all


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
    cache = words_cache()
    tasks = []
    for m in site_plan.meetings:
        ref = str(m.ref)
        if ref in shown and m.ref in again:
            full = parsed[m.blob]
            assert full is not None  # _views keeps only meetings that parse
            keys = keys_of(repo, m.log, m.ref.group, site.lang, "public" if site.public else "")
            tasks.append(Task(m, shown[ref], full, first[ref], known_words(cache, keys)))
        elif ref in old_pages and ref in shown:
            new_pages[ref] = old_pages[ref]
    for done in render_all(repo, site, options, writer, tasks):
        new_pages[done.ref] = done.entry
        report.rendered += 1
        report.documents += done.documents
        report.rendered_refs.append(done.ref)
        for key, words in done.words.items():
            cache.put(key, words)
    cache.save()
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
