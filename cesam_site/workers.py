"""Rendering the meeting pages, in worker processes where there are many and more than one core.

A meeting's page is its own work: its history in words (every version of the
meeting parsed, unless the blob cache has the words of each commit), its
protocol drawn by cesam_docs, its documents and bilagor. Nothing is shared
between two meetings' pages but the site's configuration, so a pool of
processes (one per core) renders them side by side; each worker opens the
repository again, so it reads blobs through a ``git cat-file`` of its own. A worker writes its pages
itself and returns the manifest entry and the words it worked out, which
the parent adds to the blob cache.

Few pages (an incremental build) are rendered in this process: starting
processes would cost more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cesam_docs import Provenance, protocol, render
from store.core.codec import content_hash
from store.core.errors import CesamError
from store.core.model import Meeting
from store.services.history_words import Words, history_words
from store.services.repository import Repository

from . import pages
from .build import Options, Writer, meeting_dir
from .paths import segment
from .plan import PlannedMeeting
from .public import public_changes
from .render import Site

#: fewer pages than this are rendered in this process
PARALLEL_FROM = 24


@dataclass
class Task:
    """One meeting page to render: the meeting as shown and in full, its first § number, the words
    of its commits the cache already has."""

    planned: PlannedMeeting
    shown: Meeting
    full: Meeting
    first: int
    known: dict[str, Words] = field(default_factory=dict)


@dataclass
class Done:
    ref: str
    entry: dict[str, Any]  # the page's manifest entry
    documents: int
    words: dict[str, Words]  # worked out for this page, for the cache


@dataclass
class _Worker:
    repo: Repository
    site: Site
    options: Options
    writer: Writer


_worker: list[_Worker] = []


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _start(root: str, site: Site, options: Options) -> None:
    """A pool process's start: the repository opened again (its own blob reader), the site's words."""
    _worker[:] = [_Worker(Repository(Path(root)), site, options, Writer(options.out))]


def _render(task: Task) -> Done:
    return render_meeting(_worker[0], task)


def render_all(repo: Repository, site: Site, options: Options, writer: Writer, tasks: list[Task]) -> Iterator[Done]:
    """Every task's page, in this process or across the cores; in the order they finish."""
    workers = min(cores(), len(tasks) // (PARALLEL_FROM // 2))
    # spawn, never a fork of this process: a library with threads of its own (Typst's compiler keeps
    # a thread pool once it has made one PDF) leaves their locks held in a forked copy, and the child
    # waits for them for ever. A spawned worker is a fresh interpreter with this process's environment
    # as it is now; importing the rendering code costs it well under a second, once per build.
    if len(tasks) < PARALLEL_FROM or workers < 2:
        here = _Worker(repo, site, options, writer)
        for task in tasks:
            yield render_meeting(here, task)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start, initargs=(str(repo.root), site, options)
    ) as pool:
        # small chunks: a meeting with a long history must not leave the other cores idle at the end
        yield from pool.map(_render, tasks, chunksize=4)


def render_meeting(worker: _Worker, task: Task) -> Done:
    """Renders one meeting's page (and its documents and bilagor)."""
    repo, site, writer, m = worker.repo, worker.site, worker.writer, task.planned
    folder = meeting_dir(m)
    # the hash printed is the approved content's, also on a public page: it is what a reader checks
    stamp = Provenance(commit=site.head, content_hash=content_hash(task.full))
    document = protocol(task.shown, repo.config, stamp, lang=site.lang, first=task.first)
    files = [f"{folder}/index.html"]
    documents = []
    if worker.options.documents:
        for fmt in ("pdf", "docx"):
            name = f"{document.file_stem or 'protokoll'}.{fmt}"
            writer.write(f"{folder}/{segment(name)}", render(document, fmt))
            files.append(f"{folder}/{segment(name)}")
            documents.append((segment(name), fmt))
    attachments = _attachments(repo, site, writer, folder, task.shown, files)
    view = "public" if site.public else ""
    said, new = history_words(
        repo,
        m.log,
        m.ref.group,
        site.lang,
        view=view,
        keep=public_changes if site.public else None,
        known=task.known,
    )
    history = pages.history(site, m.log, said)
    html, text = pages.meeting(site, m, task.shown, document, documents, attachments, history)
    writer.write(files[0], html)
    record = pages.search_record(site, m, task.shown, text)
    return Done(str(m.ref), {"key": m.key, "files": files, "search": record}, len(documents), new)


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
