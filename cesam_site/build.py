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
from pathlib import Path
from typing import Any

from store.core.errors import CesamError, ExitCode, words
from store.services.archive_stamp import archive_stamp
from store.services.repository import Repository

from .paths import segment
from .plan import SITE_FORMAT, PlannedMeeting, plan

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
    documents: bool = False  # PDF and DOCX per meeting (about 0.1 s a meeting), cached like the pages
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
            raise SiteError(words("err.site_outside", relpath=repr(relpath), out=self.out))
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
        raise SiteError(words("err.site_not_folder", out=out), hint=words("err.site_not_folder.hint"))
    if out.is_dir() and any(out.iterdir()) and not (out / MANIFEST).exists():
        raise SiteError(words("err.site_not_empty", out=out), hint=words("err.site_not_empty.hint"))
    out.mkdir(parents=True, exist_ok=True)


def _stamp(repo: Repository, options: Options) -> str:
    """What the whole site rests on, read without walking history (store.services.archive_stamp), with
    the options and the day; "" where there is no such stamp (a signed approval)."""
    archive = archive_stamp(repo)
    if archive is None:
        return ""
    parts = [SITE_FORMAT, archive, options.key(), options.today.isoformat()]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def _untouched(writer: Writer, manifest: dict[str, Any], stamp: str) -> bool:
    """Whether the folder holds the site built from ``stamp``, every file of it still there."""
    if not stamp or manifest.get("stamp") != stamp or not isinstance(manifest.get("pages"), dict):
        return False
    firsts = [(entry.get("files") or [""])[0] for entry in manifest["pages"].values() if isinstance(entry, dict)]
    return all(writer.path(f).exists() for f in [*firsts, *STATIC, "index.html", "search-index.js"] if f)


def build(repo: Repository, options: Options) -> Report:
    """Build or update the site in ``options.out``."""
    writer = Writer(options.out)
    _prepare(writer)
    manifest = _load_manifest(writer)
    # read before the plan: a commit made while the site is built leaves the next build a new stamp
    stamp = _stamp(repo, options)
    if _untouched(writer, manifest, stamp):
        # nothing the site shows can differ: neither the history nor the approvals are read
        return Report(meetings=int(manifest.get("meetings", 0)))
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
        new_pages = old_pages
    else:
        # the rendering and its libraries are loaded only when there is something to render
        from .compose import render_site

        new_pages = render_site(repo, options, writer, site_plan, todo, old_pages, report)
    manifest = {
        "format": SITE_FORMAT,
        "shared": shared_key,
        "stamp": stamp,
        "meetings": report.meetings,
        "pages": new_pages,
    }
    writer.write(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=0, sort_keys=True))
    return report
