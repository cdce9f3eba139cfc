"""One line per meeting without parsing every meeting: a summary cache keyed by git blob id.

A blob id names file content, so a summary computed once for a blob is right
forever, whatever branch, clone or commit the blob turns up in. One
``git ls-tree`` call gives the ids of every committed meeting file; the few
files changed in the working tree are hashed with one ``git hash-object``
call. Only blobs never seen before are parsed. The cache (store/services/blobcache.py)
lives in the user's cache folder, outside the repository, is shared by the TUI
and ``cesam list``, and losing it costs one slow start.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from store.core.errors import CesamError, InvalidFileError
from store.gitio import revs, worktree
from store.services import parallel
from store.services.blobcache import BlobCache
from store.services.repository import MEETINGS_DIR, MeetingRef, Repository, RepoState

if TYPE_CHECKING:
    from store.services.listing import Listing


@dataclass
class MeetingSummary:
    group: str
    date: dt.date
    status: str = ""
    start: str = ""
    place: str = ""
    items: int = 0
    #: open follow-ups raised here and not closed by a later meeting (see settle_closings)
    open_followups: int = 0
    error: str = ""  # first problem ("file:line: message") when the file does not load
    blob: str = ""
    #: refs ("group/date#id") of the follow-ups open in this meeting's own file
    open_refs: list[str] = field(default_factory=list)
    #: refs of earlier meetings' follow-ups this meeting closes (its closing records)
    closes: list[str] = field(default_factory=list)

    @property
    def ref(self) -> MeetingRef:
        return MeetingRef(self.group, self.date)

    def to_json(self) -> dict[str, object]:
        # what dataclasses.asdict gives (its deep copy of every field was a tenth of a cold list)
        return {
            "group": self.group,
            "date": self.date.isoformat(),
            "status": self.status,
            "start": self.start,
            "place": self.place,
            "items": self.items,
            "open_followups": self.open_followups,
            "error": self.error,
            "blob": self.blob,
            "open_refs": list(self.open_refs),
            "closes": list(self.closes),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> MeetingSummary:
        # JSON from the cache: a wrong key raises TypeError, a wrong value is checked below
        values = dict(data)
        values["date"] = dt.date.fromisoformat(str(values["date"]))
        summary = cls(**values)
        texts = (summary.group, summary.status, summary.start, summary.place, summary.error, summary.blob)
        if "open_refs" not in values or "closes" not in values:
            raise ValueError("a summary without follow-up refs")  # an older entry: parsed again
        refs = [*summary.open_refs, *summary.closes]
        if (
            not all(isinstance(v, str) for v in (*texts, *refs))
            or not all(type(v) is int for v in (summary.items, summary.open_followups))
            or not isinstance(summary.open_refs, list)
            or not isinstance(summary.closes, list)
        ):
            raise ValueError("not a meeting summary")  # a cache entry of the wrong shape is never trusted
        return summary


class SummaryCache:
    """Summaries of every meeting of a repository, newest first."""

    def __init__(self, repo: Repository, path: Path | None = None) -> None:
        self.repo = repo
        self.cache = BlobCache("summaries", path=path)
        self.parsed = 0  # how many files the last call had to parse (for tests and benchmarks)

    def blob_ids(self, state: RepoState | None = None) -> dict[str, str]:
        return blob_ids(self.repo, state)

    def summaries(
        self,
        state: RepoState | None = None,
        progress: Callable[[list[MeetingSummary]], None] | None = None,
        every: int = 50,
    ) -> list[MeetingSummary]:
        """Every meeting's summary, newest first.

        With a cold cache each new blob is parsed; ``progress`` then receives the
        summaries so far after ``every`` parses, then each time as many again as were
        reported (``every``, 2×, 4×, …), newest meetings first, so a UI can show them
        while the older ones are read.
        """
        self.parsed = 0
        state = state or self.repo.state([MEETINGS_DIR])
        # an unchanged repository: the whole list in one read (store/services/listing.py)
        listing, head, names = self._listing_of(state)
        if listing is not None and (known := listing.read(listing.key(head, names))) is not None:
            return known
        entries = self.cache.entries
        out: list[MeetingSummary] = []
        todo: list[tuple[str, str]] = []
        ids, hashed = _blob_ids(self.repo, state)
        for path in sorted(ids, key=lambda p: p.rsplit("/", 1)[-1], reverse=True):
            blob = ids[path]
            ref = MeetingRef.from_relpath(path)
            if ref is None:
                continue
            cached = entries.get(blob)
            if cached is not None:
                try:
                    summary: MeetingSummary | None = MeetingSummary.from_json(cached)
                except (TypeError, ValueError, KeyError, AttributeError):  # not a summary: never trusted
                    summary = None
                if summary is not None and summary.ref == ref:
                    out.append(summary)
                    continue
            todo.append((path, blob))
        # a fresh clone: every file parsed once, the newest here, the older ones in workers
        reported = 0
        context = (str(self.repo.root), _lang(self.repo) if todo else None)
        for batch in parallel.shared(todo, self._summarise, _summarise_chunk, context):
            for _, summary in batch:
                self.parsed += 1
                out.append(summary)
                if not summary.error:  # broken files are parsed again, so a fix shows at once
                    self.cache.put(summary.blob, summary.to_json())
            # then after twice as many, and so on: each report redraws every row listed so far, so
            # a report every ``every`` parses cost as much CPU as the parse itself at 10k meetings
            if progress is not None and self.parsed >= reported + max(every, reported):
                reported = self.parsed
                progress(settle_closings(sorted(out, key=lambda s: (s.date, s.group), reverse=True)))
        self.cache.save()
        done = settle_closings(sorted(out, key=lambda s: (s.date, s.group), reverse=True))
        # only a list that is HEAD's alone (no file hashed from disk, none broken) is kept by commit
        # (and no commit landed while we read)
        if listing is not None and not hashed and not any(s.error for s in done) and self.repo.head_id() == head:
            listing.write(listing.key(head, names), done)  # keyed by the blob cache as just saved
        return done

    def _listing_of(self, state: RepoState) -> tuple[Listing | None, str, str]:
        """The listing of this repository, HEAD and the digest of the file names; no listing when any file differs."""
        from store.services.listing import Listing, file_names, meetings_untouched

        head = self.repo.head_id()
        if head is None or not meetings_untouched(state):
            return None, "", ""
        return Listing(self.repo, self.cache.path), head, file_names(self.repo)

    def _summarise(self, todo: tuple[str, str]) -> MeetingSummary:
        path, blob = todo
        ref = MeetingRef.from_relpath(path)
        assert ref is not None  # only meeting paths are queued
        return summarise(self.repo, ref, blob)


def settle_closings(summaries: list[MeetingSummary]) -> list[MeetingSummary]:
    """Each meeting's open count, less what later meetings closed; returns ``summaries``.

    A summary is cached by its own file's blob, but a follow-up raised in 2021 is closed by a
    record in the 2024 meeting (``closes``), and the 2021 file is never touched: the counts are
    settled across the summaries each time, from the refs each one keeps.
    """
    closed = {ref for summary in summaries for ref in summary.closes}
    for summary in summaries:
        if not summary.error:
            summary.open_followups = sum(1 for ref in summary.open_refs if ref not in closed)
    return summaries


def _lang(repo: Repository) -> str | None:
    try:
        return repo.lang
    except CesamError:  # cesam.toml unreadable: each file's summary says so, in a worker too
        return None


def _summarise_chunk(context: tuple[str, str | None], todo: list[tuple[str, str]]) -> list[MeetingSummary]:
    """Summaries of files in a worker process (store/services/parallel.py): what ``summarise`` gives."""
    root, lang = context
    repo = Repository(Path(root), lang=lang)
    out = []
    for path, blob in todo:
        ref = MeetingRef.from_relpath(path)
        assert ref is not None
        out.append(summarise(repo, ref, blob))
    return out


def blob_ids(repo: Repository, state: RepoState | None = None) -> dict[str, str]:
    """Repository-relative path → blob id of each meeting file as it is in the working tree.

    ``state`` is the repository's status when the caller has it already (one git call less).
    """
    return _blob_ids(repo, state)[0]


def _blob_ids(repo: Repository, state: RepoState | None = None) -> tuple[dict[str, str], int]:
    """``blob_ids``, and how many of them were hashed from the working tree (not HEAD's)."""
    try:
        entries = worktree.ls_tree(repo.git, "HEAD", MEETINGS_DIR)
    except CesamError:
        entries = []  # no commit yet
    ids = {e.path: e.oid for e in entries if e.type == "blob"}
    on_disk = {ref.relpath for ref in repo.list_refs()}
    state = state or repo.state([MEETINGS_DIR])
    changed = sorted(p for p in on_disk if p not in ids or p in state.modified or p in state.untracked)
    for path in list(ids):
        if path not in on_disk:
            del ids[path]
    if changed:
        hashed = revs.hash_objects(repo.git, changed)
        ids.update(zip(changed, hashed, strict=True))
    return ids, len(changed)


def summarise(repo: Repository, ref: MeetingRef, blob: str = "") -> MeetingSummary:
    try:
        meeting = repo.load(ref).meeting
    except InvalidFileError as exc:
        first = str(exc.problems[0]) if exc.problems else exc.headline(repo.lang)
        return MeetingSummary(ref.group, ref.date, error=first, blob=blob)
    except CesamError as exc:
        return MeetingSummary(ref.group, ref.date, error=exc.headline(repo.lang), blob=blob)
    open_followups = meeting.open_followups()
    return MeetingSummary(
        group=ref.group,
        date=ref.date,
        status=meeting.status.value,
        start=meeting.start,
        place=meeting.place,
        items=len(meeting.items),
        open_followups=len(open_followups),
        blob=blob,
        open_refs=[f"{meeting.ref}#{followup.id}" for _, followup in open_followups],
        closes=[f.closes for item in meeting.items for f in item.followups if f.closes and f.closed],
    )


def fingerprint(repo: Repository) -> tuple[str, tuple[tuple[str, int, int], ...]]:
    """HEAD and the (path, mtime, size) of every meeting file: changes when anything changes on disk."""
    head = ""
    git_dir = repo.git_dir
    try:
        head = (git_dir / "HEAD").read_text().strip()
        if head.startswith("ref: "):
            ref_path = git_dir / head[5:]
            head = ref_path.read_text().strip() if ref_path.exists() else _packed_ref(git_dir, head[5:])
    except OSError:
        pass
    files: list[tuple[str, int, int]] = []
    _stat_tree(os.path.join(str(repo.root), MEETINGS_DIR), MEETINGS_DIR + os.sep, files)
    config = repo.root / "cesam.toml"
    try:
        st = config.stat()
        files.append(("cesam.toml", st.st_mtime_ns, st.st_size))
    except OSError:
        pass
    return head, tuple(sorted(files))


def _stat_tree(folder: str, relative: str, out: list[tuple[str, int, int]]) -> None:
    """(path relative to the repository, mtime, size) of every .toml file under ``folder``, into ``out``.

    What os.walk and os.path.relpath gave, at a third of the cost: the UI
    takes this fingerprint at start, after each save and every two seconds.
    Like os.walk, it does not enter linked folders, and skips what it cannot read.
    """
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_dir():
                if not entry.is_symlink():
                    _stat_tree(entry.path, relative + entry.name + os.sep, out)
                continue
            if entry.name.endswith(".toml"):
                st = entry.stat()
                out.append((relative + entry.name, st.st_mtime_ns, st.st_size))
        except OSError:
            continue


def _packed_ref(git_dir: Path, name: str) -> str:
    try:
        for line in (git_dir / "packed-refs").read_text().splitlines():
            if line.endswith(" " + name):
                return line.split()[0]
    except OSError:
        pass
    return ""
