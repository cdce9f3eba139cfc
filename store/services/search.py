"""Full-text search across every meeting of every year, and the questions built on it.

Each meeting file is flattened once into *records* (an item with its title,
purpose, body and proposal; a statement with its answer; an outcome; a
follow-up; an attachment), and the records are kept in an index:

- in memory, per repository, for the life of the process (the TUI);
- on disk, outside the repository (the user's cache folder), so a new
  ``cesam search`` does not parse a thousand files again. Entries are keyed
  by git blob id (the SHA-1 of the content), so the same content is never
  parsed twice, whatever branch or clone it comes from. A file is re-read
  only when its size or mtime changed (and re-hashed when its mtime is too
  close to the index's own to be trusted, as git does for its index).

A search then folds the query once and tests it against one folded string
per meeting before looking at single records, so most meetings cost one
substring test at C speed.

Matching is exact text after Unicode NFC and case folding (``str.casefold``):
"Å" finds "å", "NYFIKENHET" finds "nyfikenhet", and "a" never finds "å".
Every word of the query must occur in the record (a quoted "phrase" must
occur as written); the matched spans are returned as offsets, never markup.
"""

from __future__ import annotations

import array
import contextlib
import datetime as dt
import hashlib
import marshal
import mmap
import os
import re
import threading
import time
import typing
from collections.abc import Callable, Iterable
from enum import StrEnum
from pathlib import Path

from store.core import codec
from store.core.catalogue import term
from store.core.config import Config, SubitemStyle
from store.core.errors import UsageError, words
from store.core.model import ItemKind, OutcomeKind, StatementKind
from store.gitio.fileio import atomic_write
from store.services.repository import MeetingRef, Repository
from store.services.search_pages import (
    FOLLOW,
    PARTS,
    RELEASE_BYTES,
    ROW_STARTS,
    Results,
    Segments,
    Source,
    give_back,
    passes,
)
from store.services.search_records import Doc as _Doc
from store.services.search_records import (
    Hit,
    Match,
    OpenFollowUp,
    Query,
    Record,
    find_spans,
    flatten,
    fold,
    terms,
)
from store.services.search_records import Row as _Row

_INDEX_VERSION = 8  # 8: no separator inside a folded text
_RACY_NS = 3_000_000_000  # mtimes this close to the index's write time are checked by content


# ------------------------------------------------------------------ the index


def git_blob_id(data: bytes) -> str:
    """The id git gives these bytes as a blob."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def _cache_file(root: Path) -> Path:
    import platformdirs

    key = hashlib.sha1(str(root).encode("utf-8"), usedforsecurity=False).hexdigest()[:16]
    return Path(platformdirs.user_cache_dir("cesam")) / "search" / f"{key}.idx"


_MAGIC = b"CESAMIX\n"
_SEPARATORS = str.maketrans("\x1e\x1f", "  ")
_SPILL_BYTES = 16 << 20  # new index data held in memory before the base is written and mapped
# Per blob, four byte ranges of the data part of the index file:
# the folded texts (UTF-8: rows ended by \x1e, a row's fields joined by \x1f),
# where each row starts in them (array of uint32), the records (marshal),
# and the open follow-ups, carried refs and the refs closed here (marshal).


def _segments_of(doc: _Doc) -> tuple[bytes, ...]:
    folded: list[bytes] = []
    starts = array.array("I")
    packed: list[bytes] = []
    row_starts = array.array("I")
    pos = packed_pos = 0
    for row in doc[3]:
        starts.append(pos)
        # the separators never occur in a text (a hostile file could hold them): one character each
        # for one, so offsets into the folded text stay offsets into the text
        texts = (t.translate(_SEPARATORS) if "\x1e" in t or "\x1f" in t else t for _, t in row[10])
        text = ("\x1f".join(texts).casefold() + "\x1e").encode("utf-8")
        folded.append(text)
        pos += len(text)
        # each record packed alone: a search unpacks only the records that can match
        row_starts.append(packed_pos)
        data = marshal.dumps(row)
        packed.append(data)
        packed_pos += len(data)
    row_starts.append(packed_pos)
    rows = doc[3]
    open_followups = tuple(r for r in rows if r[0] == Record.FOLLOWUP.value and not r[11][1])
    carried = tuple(origin for r in rows if r[0] == Record.ITEM.value for origin in r[11])
    # closing records of earlier meetings' follow-ups: the earlier meeting's row stays "open" in its blob
    closes = tuple(r[11][3] for r in rows if r[0] == Record.FOLLOWUP.value and r[11][1] and r[11][3])
    return (
        b"".join(folded),
        starts.tobytes(),
        b"".join(packed),
        row_starts.tobytes(),
        marshal.dumps((open_followups, carried, closes)),
    )


class SearchIndex:
    """The flattened records of every meeting of one repository, kept fresh by file stat.

    On disk, two files per repository. The *base* has a small header (paths,
    and per blob the meeting's group, date and status and where its data
    lies) and a data part that is memory-mapped, never read whole: a search
    runs ``find`` over each meeting's folded texts in place and unpacks only
    the records that can match, so a new process searches a thousand meetings
    after reading a header. The *delta* holds what changed since the base was
    written (the current paths, and the data of new blobs), so a save costs a
    small write; the base is written again once the delta has grown.
    """

    def __init__(self, repo: Repository, cache_file: Path | None = None) -> None:
        self.repo = repo
        self.cache_file = cache_file or _cache_file(repo.root)
        self.delta_file = self.cache_file.with_suffix(".delta")
        self.paths: dict[str, tuple[int, int, str]] = {}  # relpath -> (mtime_ns, size, blob)
        self.meta: dict[str, tuple[str, str, str] | None] = {}  # blob -> (group, date, status); None: unreadable
        self.segments: dict[str, Segments] = {}  # blob -> where its data lies in ``self.data``
        self.data: bytes | mmap.mmap = b""
        self.extra: dict[str, tuple[bytes, ...]] = {}  # blob -> its data, for blobs not in the base
        self.base_id = 0  # when the base was written: a delta belongs to one base
        self.written_ns = 0
        self._loaded = False
        self._data_fd = -1  # the mapped file, for copies by the kernel when the base is written again
        self._read_bytes = 0  # of the mapping, since its pages were last given back
        # a UI searches from worker threads; one search at a time keeps the tables consistent
        self.lock = threading.RLock()

    # -------------------------------------------------------------- persistence

    def _load(self) -> None:
        self._loaded = True
        try:
            with self.cache_file.open("rb") as f:
                if f.read(len(_MAGIC)) != _MAGIC:
                    return
                size = int.from_bytes(f.read(8), "little")
                header = marshal.loads(f.read(size))
                if not (isinstance(header, tuple) and len(header) == 5 and header[0] == _INDEX_VERSION):
                    return
                base = len(_MAGIC) + 8 + size
                data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) if os.fstat(f.fileno()).st_size > base else b""
                if data:
                    self._set_fd(os.dup(f.fileno()))
        except (OSError, EOFError, ValueError, TypeError):
            return
        _, self.base_id, self.paths, self.meta, segments = header
        self.written_ns = self.base_id
        # offsets in the header are relative to the data part
        self.segments = {
            b: tuple(v + base if i % 2 == 0 else v for i, v in enumerate(seg)) for b, seg in segments.items()
        }
        self.data = data
        try:
            delta = marshal.loads(self.delta_file.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return
        if isinstance(delta, tuple) and len(delta) == 6 and delta[:2] == (_INDEX_VERSION, self.base_id):
            _, _, self.written_ns, self.paths, self.meta, self.extra = delta

    def _parts(self, blob: str) -> tuple[bytes, ...]:
        extra = self.extra.get(blob)
        if extra is not None:
            return extra
        seg = self.segments[blob]
        return tuple(bytes(self.data[seg[2 * k] : seg[2 * k] + seg[2 * k + 1]]) for k in range(PARTS))

    def _save(self, now: int) -> None:
        """Keep the change on disk: in the delta while it is small, else in a new base."""
        self.written_ns = now
        live = {blob for blob, meta in self.meta.items() if meta is not None}
        self.extra = {b: parts for b, parts in self.extra.items() if b in live}
        extra_size = sum(len(p) for parts in self.extra.values() for p in parts)
        if self.segments and extra_size * 8 < len(self.data) and len(self.extra) < 256:
            data = marshal.dumps((_INDEX_VERSION, self.base_id, now, self.paths, self.meta, self.extra))
            _write_atomic(self.delta_file, data)
            return
        self._rebuild(now)

    def _rebuild(self, now: int) -> None:
        """Write the base again with every live blob; the delta is then empty.

        The parts are written to the file one by one and the file is then mapped:
        the index is never joined into one bytes object in memory.
        """
        segments: dict[str, Segments] = {}
        pos = 0
        live = [blob for blob, meta in self.meta.items() if meta is not None]
        for blob in live:
            offsets: list[int] = []
            for length in self._part_lengths(blob):
                offsets += [pos, length]
                pos += length
            segments[blob] = tuple(offsets)
        header = marshal.dumps((_INDEX_VERSION, now, self.paths, self.meta, segments))
        base = len(_MAGIC) + 8 + len(header)

        def write(out: typing.BinaryIO) -> None:
            _write_all(out, _MAGIC + len(header).to_bytes(8, "little") + header)
            for blob in live:
                extra = self.extra.get(blob)
                if extra is not None:
                    for part in extra:
                        _write_all(out, part)
                else:  # a blob of the old base: its parts lie together there; the kernel copies them
                    seg = self.segments[blob]
                    self._copy_old(out, seg[0], sum(seg[1::2]))

        mapped: bytes | mmap.mmap | None = None
        fd = -1
        if _write_atomic(self.cache_file, write):
            with contextlib.suppress(OSError):
                self.delta_file.unlink()
            # map the new file, so a long-running process keeps pages the system can share or drop
            with contextlib.suppress(OSError, ValueError), self.cache_file.open("rb") as f:
                mapped = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
                fd = os.dup(f.fileno())
        if mapped is None:  # the cache folder cannot be written (or read back): keep the index in memory
            mapped = _MAGIC + len(header).to_bytes(8, "little") + header
            mapped += b"".join(p for blob in live for p in self._parts(blob))
        self.base_id = self.written_ns = now
        self.segments = {
            b: tuple(v + base if i % 2 == 0 else v for i, v in enumerate(seg)) for b, seg in segments.items()
        }
        self.extra = {}
        self.data = mapped
        self._set_fd(fd if isinstance(mapped, mmap.mmap) else -1)
        # the old mapping is not closed here: results of an earlier search may still read from it
        # (search_pages.Source); it goes when the last of them does

    def _read(self, blob: str, release: bool = False) -> None:
        """Count a meeting's data read through the mapping; past a bound (or at the end: ``release``),
        give the pages mapped in for it back (search_pages.give_back says why)."""
        seg = self.segments.get(blob)
        if seg is not None and blob not in self.extra:
            self._read_bytes += sum(seg[1::2])
        if self._read_bytes >= RELEASE_BYTES or (release and self._read_bytes):
            self._read_bytes = 0
            give_back(self.data)

    def _set_fd(self, fd: int) -> None:
        if self._data_fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self._data_fd)
        self._data_fd = fd

    def _copy_old(self, out: typing.BinaryIO, start: int, length: int) -> None:
        """Bytes of the mapped base into ``out``, by the kernel where it can (they never enter our memory)."""
        if self._data_fd >= 0 and hasattr(os, "copy_file_range"):
            try:
                done = 0
                while done < length:
                    n = os.copy_file_range(self._data_fd, out.fileno(), length - done, start + done)
                    if n <= 0:
                        break
                    done += n
                if done == length:
                    return
                start, length = start + done, length - done
            except OSError:
                pass  # another file system, an old kernel: copy through memory
        _write_all(out, self.data[start : start + length])

    def _part_lengths(self, blob: str) -> list[int]:
        extra = self.extra.get(blob)
        if extra is not None:
            return [len(p) for p in extra]
        seg = self.segments[blob]
        return [seg[2 * k + 1] for k in range(PARTS)]

    # -------------------------------------------------------------- freshness

    def _scan(self) -> dict[str, os.stat_result]:
        found: dict[str, os.stat_result] = {}
        for relpath, entry in self.repo.scan_meeting_files():
            if relpath in self.paths or MeetingRef.from_relpath(relpath):
                found[relpath] = entry.stat(follow_symlinks=False)
        return found

    def refresh(self) -> None:
        """Re-read the files that changed since the index was made; keep it on disk."""
        if not self._loaded:
            self._load()
        config = self.repo.config
        changed = False
        now = time.time_ns()
        pending = 0  # bytes of new index data held in memory
        seen = self._scan()
        for relpath in list(self.paths):
            if relpath not in seen:
                del self.paths[relpath]
                changed = True
        for relpath, st in seen.items():
            known = self.paths.get(relpath)
            stat = (st.st_mtime_ns, st.st_size)
            if known and known[:2] == stat and st.st_mtime_ns < self.written_ns - _RACY_NS:
                continue
            data = (self.repo.root / relpath).read_bytes()
            blob = git_blob_id(data)
            if known and known[2] == blob:
                # same content: remember the new stat, and stop checking a file once it is old enough
                if known[:2] != stat or st.st_mtime_ns < now - _RACY_NS:
                    self.paths[relpath] = (*stat, blob)
                    changed = True
                continue
            self.paths[relpath] = (*stat, blob)
            changed = True
            if blob not in self.meta:
                doc = _flatten_bytes(data, config)
                self.meta[blob] = doc[:3] if doc else None
                if doc:
                    # only the packed form is kept: holding every meeting's records as Python
                    # objects cost more memory than the whole index file (a search unpacks them lazily)
                    parts = self.extra[blob] = _segments_of(doc)
                    pending += sum(len(p) for p in parts)
                    if pending > _SPILL_BYTES:
                        # building from nothing: write what there is and map it, so memory stays
                        # bounded by this, not by the size of the whole index
                        self._rebuild(now)
                        pending = 0
        if changed:
            live = {blob for _, _, blob in self.paths.values()}
            for blob in [b for b in self.meta if b not in live]:
                for table in (self.meta, self.segments, self.extra):
                    table.pop(blob, None)
            self._save(now)

    # -------------------------------------------------------------- reading

    def source(self, blob: str) -> Source:
        """A meeting's data where it lies now; results keep it readable after the index changes."""
        meta = self.meta[blob]
        assert meta is not None
        extra = self.extra.get(blob)
        if extra is not None:
            return Source(meta, b"", (), extra)
        return Source(meta, self.data, self.segments[blob])

    def open_rows(self, blob: str) -> tuple[tuple[_Row, ...], tuple[str, ...], tuple[str, ...]]:
        """A meeting's follow-ups open in it, the refs its items carry, and the refs it closes."""
        data, start, end = self.source(blob).span(FOLLOW)
        rows: tuple[tuple[_Row, ...], tuple[str, ...], tuple[str, ...]] = marshal.loads(data[start:end])
        return rows

    def documents(self) -> list[tuple[str, str, tuple[str, str, str] | None]]:
        """(relpath, blob, (group, date, status)) for every meeting file, newest first."""
        out = [(relpath, blob, self.meta.get(blob)) for relpath, (_, _, blob) in self.paths.items()]
        out.sort(key=lambda t: (t[2][1], t[2][0]) if t[2] else ("", t[0]), reverse=True)
        return out

    # -------------------------------------------------------------- queries

    def search(self, query: Query) -> Results:
        """Records that match, newest meeting first: counted now, built page by page (:class:`Results`)."""
        with self.lock:
            return self._search(query)

    def _search(self, query: Query) -> Results:
        self.refresh()
        words = terms(query.text)
        results = Results(query, words)
        docs = self.documents()
        found: dict[str, list[int] | range] = {}
        # read in the order of the file, so each page is mapped in once and given back behind
        # the reading (newest first would jump across the file); the hits are kept newest first
        for _, blob, meta in self._in_file_order(docs):
            if meta is None or (query.groups and meta[0] not in query.groups):
                continue
            if query.years and int(meta[1][:4]) not in query.years:
                continue
            self._read(blob)
            found[blob] = self._matching(self.source(blob), query, words)
        self._read("", release=True)
        for relpath, blob, meta in docs:
            if meta is None:
                results.unreadable.append(relpath)
            elif blob in found:
                results.meetings += 1
                results.add(self.source(blob), found[blob])
        return results

    def _in_file_order(
        self, docs: list[tuple[str, str, tuple[str, str, str] | None]]
    ) -> list[tuple[str, str, tuple[str, str, str] | None]]:
        def position(doc: tuple[str, str, tuple[str, str, str] | None]) -> int:
            seg = self.segments.get(doc[1])
            return -1 if seg is None or doc[1] in self.extra else seg[0]

        return sorted(docs, key=position)

    @staticmethod
    def _matching(source: Source, query: Query, words: list[str]) -> list[int] | range:
        """The rows of one meeting that match, in order."""
        if words:
            # the rows that hold every word: a few finds in C, no record unpacked (the first
            # word's rows are found at once: a test that it occurs would read the texts twice)
            encoded = [w.encode("utf-8") for w in words]
            folded = source.folded()
            if not all(w in folded for w in encoded[1:]):
                return []
            candidates: list[int] | range = source.rows_with(folded, encoded[0])
            for word in encoded[1:]:
                candidates = sorted(set(candidates).intersection(source.rows_with(folded, word)))
        else:
            candidates = range(source.row_count())
        # with text and no filter on records, a row that holds every word is a hit: it is
        # counted without being unpacked
        if query.records or query.item_kinds or query.outcome_kinds or query.statement_kinds or query.unions:
            unions = set(query.unions)
            offsets = source.ints(ROW_STARTS)
            candidates = [i for i in candidates if passes(source.row(i, offsets), query, unions)]
        return candidates

    def open_followups(self, today: dt.date | None = None, groups: Iterable[str] = ()) -> list[OpenFollowUp]:
        """Every follow-up still open, oldest first, with its age and where it was carried."""
        with self.lock:
            return self._open_followups(today, groups)

    def _open_followups(self, today: dt.date | None, groups: Iterable[str]) -> list[OpenFollowUp]:
        self.refresh()
        today = today or dt.date.today()
        wanted = set(groups)
        carried: dict[str, list[str]] = {}
        raised: list[tuple[str, str, _Row]] = []
        closed: set[str] = set()  # closed in a later meeting (store/core/followups.py)
        for _, blob, meta in self._in_file_order(self.documents()):
            if meta is None:
                continue
            group, date_text, _ = meta
            open_rows, origins, closes = self.open_rows(blob)
            self._read(blob)
            for origin in origins:
                carried.setdefault(origin, []).append(f"{group}/{date_text}")
            closed.update(closes)
            raised.extend((group, date_text, row) for row in open_rows)
        self._read("", release=True)
        out = []
        for group, date_text, row in raised:
            if wanted and group not in wanted:
                continue
            date = dt.date.fromisoformat(date_text)
            due = dt.date.fromisoformat(row[11][0]) if row[11][0] else None
            text = next((t for name, t in row[10] if name == "text"), "")
            key = f"{group}/{date_text}#{row[5]}"
            if key in closed:
                continue
            out.append(
                OpenFollowUp(
                    group,
                    date,
                    row[2],
                    row[1],
                    row[3],
                    row[5],
                    text,
                    row[6],
                    due,
                    (today - date).days,
                    tuple(sorted(carried.get(key, []))),
                    bool(due and due < today),
                )
            )
        out.sort(key=lambda f: (f.date, f.group, f.number))
        return out


def _write_all(out: typing.BinaryIO, data: bytes) -> None:
    """An unbuffered write may write less than it was given: go on until all is written."""
    view = memoryview(data)
    while view:
        view = view[out.write(view) :]


def _write_atomic(path: Path, data: bytes | Callable[[typing.BinaryIO], None]) -> bool:
    """Replace ``path`` whole with ``data`` (or what ``data(file)`` writes, unbuffered); False where it cannot be written (a cache: it costs time only)."""
    try:
        atomic_write(path, data, durable=False, make_parents=True)
    except OSError:
        return False
    return True


def _flatten_bytes(data: bytes, config: Config) -> _Doc | None:
    try:
        meeting, _ = codec.loads(codec.decode_bytes(data))
    except codec.DecodeError:
        return None
    try:
        style = config.group(meeting.group).subitem_style
    except KeyError:
        style = SubitemStyle.LETTER
    return flatten(meeting, style)


# ------------------------------------------------------------------ entry points

_INDEXES: dict[Path, SearchIndex] = {}
_INDEXES_LOCK = threading.Lock()


def index_for(repo: Repository) -> SearchIndex:
    """The process's index of ``repo`` (one per repository folder); safe to use from threads."""
    with _INDEXES_LOCK:
        index = _INDEXES.get(repo.root)
        if index is None or index.repo is not repo:
            index = _INDEXES[repo.root] = SearchIndex(repo)
        return index


def _choices(values: Iterable[str], enum: type[StrEnum], prefix: str) -> tuple[str, ...]:
    """Kinds named in English (the file's words) or in Swedish (the UI's words)."""
    out = []
    for value in values:
        wanted = value.strip().casefold()
        for member in enum:
            names = {member.value, term(f"{prefix}.{member.value}", "sv"), term(f"{prefix}.{member.value}", "en")}
            names |= {w.split(" (")[0] for w in names}
            if wanted in {w.casefold() for w in names} and member.value:
                out.append(member.value)
                break
        else:
            known = ", ".join(term(f"{prefix}.{m.value}", "sv").split(" (")[0] for m in enum if m.value)
            raise UsageError(words("err.unknown_kind", value=repr(value), known=known))
    return tuple(out)


class Filters(typing.TypedDict, total=False):
    """What a search may narrow by besides its text: :func:`make_query` and :func:`search` take these."""

    unions: Iterable[str]
    statement_kinds: Iterable[str]
    outcome_kinds: Iterable[str]
    item_kinds: Iterable[str]
    years: Iterable[int]
    groups: Iterable[str]
    joint: bool


def make_query(repo: Repository, text: str = "", **filters: typing.Unpack[Filters]) -> Query:
    """A query with names checked: unions through cesam.toml's aliases, kinds in Swedish or English."""
    config = repo.config
    canonical = []
    for union in filters.get("unions", ()):
        name = config.canonical_party(union)
        if name is None:
            known = ", ".join(config.union_names())
            raise UsageError(words("err.unknown_union", union=repr(union), known=known))
        canonical.append(name)
    groups = tuple(filters.get("groups", ()))
    for group in groups:
        if group not in repo.group_ids():
            raise UsageError(words("err.unknown_group.known", group=repr(group), known=", ".join(repo.group_ids())))
    return Query(
        text=text,
        unions=tuple(canonical),
        statement_kinds=_choices(filters.get("statement_kinds", ()), StatementKind, "statement"),
        outcome_kinds=_choices(filters.get("outcome_kinds", ()), OutcomeKind, "outcome"),
        item_kinds=_choices(filters.get("item_kinds", ()), ItemKind, "kind"),
        years=tuple(filters.get("years", ())),
        groups=groups,
        joint=filters.get("joint", True),
    )


def search(repo: Repository, query: Query | str = "", **filters: typing.Unpack[Filters]) -> Results:
    """Search every meeting of the repository, newest first.

    ``query``: a :class:`Query` (from :func:`make_query`), or the text with
    the filters as keywords. The text: words that must all occur in one
    record ("quoted phrase" as written). ``unions``: records that name the
    union (its statements, the union questions it raised, the oenigheter it
    was part of), by name or alias; ``joint`` counts what all unions said
    together as each union's. Kinds are named in Swedish (synpunkt,
    oenighet) or as in the files. With no text, the filters alone choose
    the records: every statement of a union, every oenighet (one outcome
    per item), and so on. The results are counted at once and built page
    by page (:class:`Results`: ``total``, ``page(start, stop)``, iteration).
    """
    if isinstance(query, str):
        query = make_query(repo, query, **filters)
    elif filters:
        raise TypeError("give the filters in the Query, not beside it")
    if not query.text.strip() and not query.records:
        if query.outcome_kinds:
            query.records = (Record.OUTCOME,)
        elif query.statement_kinds or query.unions:
            query.records = (Record.STATEMENT, Record.OUTCOME) if query.unions else (Record.STATEMENT,)
        elif query.item_kinds:
            query.records = (Record.ITEM,)
    if query.is_empty():
        raise UsageError(words("err.nothing_to_search"))
    return index_for(repo).search(query)


def open_followups(repo: Repository, today: dt.date | None = None, groups: Iterable[str] = ()) -> list[OpenFollowUp]:
    """Every follow-up still open in any meeting, oldest first, with its age in days on ``today``."""
    return index_for(repo).open_followups(today, groups)


def parse_years(text: str) -> tuple[int, ...]:
    """'2023', '2021-2023' or '2021,2023'."""
    years: list[int] = []
    for part in re.split(r"[,\s]+", text.strip()):
        if not part:
            continue
        first, sep, last = part.partition("-")
        try:
            if sep:
                years.extend(range(int(first), int(last) + 1))
            else:
                years.append(int(first))
        except ValueError:
            raise UsageError(words("err.bad_years", text=repr(part))) from None
    return tuple(years)


__all__ = [
    "Filters",
    "Hit",
    "Match",
    "OpenFollowUp",
    "Query",
    "Record",
    "Results",
    "SearchIndex",
    "find_spans",
    "flatten",
    "fold",
    "git_blob_id",
    "index_for",
    "make_query",
    "open_followups",
    "parse_years",
    "search",
    "terms",
]
