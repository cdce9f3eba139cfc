"""The whole meeting list of an unchanged repository in one read.

The summary cache (store/services/summary.py) looks every meeting up by its
blob id: right for any working tree, but at 9,600 meetings that is a
``git ls-tree`` of 9,600 entries, 9,600 paths to parse and 9,600 cache
entries to check on every start. When the meeting files on disk are exactly
HEAD's (git status shows nothing under ``meetings/`` and no file there is
ignored by git), the list is a function of HEAD's commit: this keeps the
finished list (newest first, follow-up counts settled), one per repository,
keyed by the commit, the names of the files on disk and the state of the blob
cache it was made from. Any difference and the caller takes the long way,
which writes a new one. Like the blob cache it is only time: a listing that
cannot be read, has the wrong shape or another key is never trusted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from store.services.blobcache import BlobCache, text_hash
from store.services.repository import MEETINGS_DIR, Repository, RepoState

if TYPE_CHECKING:
    from store.services.summary import MeetingSummary

#: the types of a listing row: group, date (ISO text), status, start, place, items, open follow-ups,
#: error, blob, open_refs, closes (a MeetingSummary's fields in order)
_SHAPE = (str, str, str, str, str, int, int, str, str, list, list)


def meetings_untouched(state: RepoState) -> bool:
    """Whether git status shows nothing under meetings/ (no edit, no new file, no conflict)."""
    prefix = MEETINGS_DIR + "/"
    return not any(p.startswith(prefix) for p in (*state.unmerged, *state.modified, *state.untracked))


def file_names(repo: Repository) -> str:
    """A digest of the names of the .toml files under meetings/ (what the list would look at)."""
    names = sorted(relpath for relpath, _ in repo.scan_meeting_files())
    return hashlib.sha256("\0".join(names).encode("utf-8", "surrogateescape")).hexdigest()[:32]


def _stamp(path: Path) -> list[int]:
    try:
        st = os.stat(path)
    except OSError:
        return [0, 0]
    return [st.st_mtime_ns, st.st_size]


class Listing:
    """The finished list of one repository at one commit, beside the blob cache it came from."""

    def __init__(self, repo: Repository, blob_cache: Path) -> None:
        self.blob_cache = blob_cache
        name = f"{blob_cache.stem}-listing-{text_hash(str(repo.root))}.json"
        self.cache = BlobCache("listing", path=blob_cache.with_name(name))

    def key(self, head: str, names: str) -> str:
        # the blob cache's stamp too: a listing made from another (or a damaged, replaced) cache is not used
        mtime, size = _stamp(self.blob_cache)
        return f"{head}|{names}|{mtime}|{size}"

    def read(self, key: str) -> list[MeetingSummary] | None:
        rows = self.cache.get(key)
        if not isinstance(rows, list):
            return None
        try:
            return [_from_row(row) for row in rows]
        except (TypeError, ValueError, IndexError):
            return None  # not a listing: never trusted

    def write(self, key: str, summaries: list[MeetingSummary]) -> None:
        self.cache.entries.clear()  # one commit per repository: the one shown last
        self.cache.put(key, [_row(s) for s in summaries])
        self.cache.save()


def _row(s: MeetingSummary) -> list[Any]:
    return [
        s.group,
        s.date.isoformat(),
        s.status,
        s.start,
        s.place,
        s.items,
        s.open_followups,
        s.error,
        s.blob,
        s.open_refs,
        s.closes,
    ]


def _from_row(row: Any) -> MeetingSummary:
    from store.services.summary import MeetingSummary

    # one comparison of every field's type (checked field by field, this was most of a warm `cesam list`)
    if type(row) is not list or tuple(map(type, row)) != _SHAPE:
        raise ValueError("not a listing row")
    for refs in (row[9], row[10]):
        if refs and not all(type(v) is str for v in refs):
            raise ValueError("not a listing row")
    return MeetingSummary(
        row[0], dt.date.fromisoformat(row[1]), row[2], row[3], row[4], row[5], row[6], row[7], row[8], row[9], row[10]
    )
