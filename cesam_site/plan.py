"""Which pages the site has and what each is made from: the repository read once, in batches.

The site shows what is committed at HEAD (what can be verified), never
uncommitted edits. Per meeting the plan holds its blob id, its justering
check, its history (log entries; their changes are worked out only for pages
that are rendered again) and a key: a hash of everything its page depends on,
so an unchanged meeting is neither parsed nor rendered again.

Three batched reads make the plan: one ``git log --raw`` over ``meetings/``
(blobs and history of every file), one ``verify`` through its cache (approvals and changes after
justering), and the parsed versions, which come from store.services.history's cache.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from store.core.config import Numbering
from store.services.history import HistoryEntry, folder_log
from store.services.repository import MEETINGS_DIR, MeetingRef, Repository
from store.services.verify import Verification
from store.services.verifycache import verify_all

#: bumped when a page's HTML changes for the same data, so every page is made again
SITE_FORMAT = "1"


@dataclass(frozen=True)
class Check:
    """What the site shows of ``cesam verify`` for one meeting."""

    state: str  # a store.services.justering.VerifyState value
    content_hash: str = ""
    approvers: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    adjusted_on: str = ""
    tags: tuple[str, ...] = ()  # the approvals' tag names, "justering/…"
    approved_commits: tuple[str, ...] = ()
    changes: tuple[tuple[str, str, str, str], ...] = ()  # (commit, date, author, subject) after justering


@dataclass
class PlannedMeeting:
    ref: MeetingRef
    blob: str
    check: Check
    log: list[HistoryEntry]
    key: str = ""

    @property
    def relpath(self) -> str:
        return self.ref.relpath


@dataclass
class SitePlan:
    head: str
    meetings: list[PlannedMeeting] = field(default_factory=list)  # newest first

    def by_group(self, group: str) -> list[PlannedMeeting]:
        return [m for m in self.meetings if m.ref.group == group]


def _check_of(result: Verification | None) -> Check:
    if result is None:
        return Check("not_held")
    return Check(
        state=result.state.value,
        content_hash=result.content_hash,
        approvers=tuple(a.approver for a in result.approvals),
        missing=tuple(result.missing),
        adjusted_on=result.adjusted_on.isoformat() if result.adjusted_on else "",
        tags=tuple(a.short_tag for a in result.approvals),
        approved_commits=tuple(dict.fromkeys(a.commit for a in result.approvals)),
        changes=tuple((c.commit, c.date[:10], c.author, c.subject) for c in result.changes),
    )


def checks(repo: Repository) -> dict[MeetingRef, Check]:
    """The one place the site asks whether what it shows is what was approved: ``cesam verify``'s own
    answer, through its cache (store.services.verifycache), so only meetings changed since the last
    verify, site build or TUI start are verified again."""
    return {result.ref: _check_of(result) for result in verify_all(repo)}


def _config_digest(repo: Repository) -> str:
    try:
        text = (repo.root / "cesam.toml").read_bytes()
    except OSError:
        text = b""
    return hashlib.sha256(text).hexdigest()


def plan(repo: Repository, *, groups: tuple[str, ...] = (), since: int | None = None, options: str = "") -> SitePlan:
    """Every meeting at HEAD the site shows (``groups``, from year ``since``), newest first, with its key."""
    logs = folder_log(repo, f"{MEETINGS_DIR}/")
    found: dict[MeetingRef, list[HistoryEntry]] = {}
    for path, entries in logs.items():
        ref = MeetingRef.from_relpath(path)
        if ref is None or (groups and ref.group not in groups) or (since and ref.date.year < since):
            continue
        found[ref] = entries
    verified = checks(repo) if found else {}
    site = SitePlan(head=repo.head_id() or "")
    config = _config_digest(repo)
    for ref in sorted(found, reverse=True):
        entries = found[ref]
        blob = entries[0].new_blob or ""
        site.meetings.append(PlannedMeeting(ref, blob, verified.get(ref, Check("not_held")), entries))
    _set_keys(repo, site, config, options)
    return site


def _set_keys(repo: Repository, site: SitePlan, config: str, options: str) -> None:
    """A meeting's key: its blob, its check, its history's newest commit, the options and cesam.toml;
    where § numbers run per year, also the blobs of the group's earlier meetings that year."""
    per_year: dict[tuple[str, int], list[PlannedMeeting]] = {}
    for meeting in site.meetings:
        per_year.setdefault((meeting.ref.group, meeting.ref.date.year), []).append(meeting)
    numbering = {g.id: g.numbering for g in repo.config.groups}
    for meeting in site.meetings:
        earlier: list[str] = []
        if numbering.get(meeting.ref.group) == Numbering.YEAR:
            same = per_year[(meeting.ref.group, meeting.ref.date.year)]
            earlier = [m.blob for m in same if m.ref.date < meeting.ref.date]
        parts = {
            "format": SITE_FORMAT,
            "blob": meeting.blob,
            "check": meeting.check.__dict__,
            "history": meeting.log[0].commit.hash if meeting.log else "",
            "earlier": earlier,
            "config": config,
            "options": options,
        }
        meeting.key = hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()
