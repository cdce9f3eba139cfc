"""Search results produced page by page: the count first and exactly, the hits when asked for.

A search goes once over every meeting and keeps, for each record that matched,
only where it lies (the meeting's packed data in the index and the record's
row number: a few bytes a hit). A :class:`Hit`, with its texts and the matched
spans, is built when a page of them is asked for (the screen scrolling to it,
``cesam search`` printing it) and dropped by whoever asked: a word found in
every meeting of a ten-years archive costs its count, not tens of thousands of
records held at once.

The results stay readable while the index changes under them (a save in the
TUI, the index written again): each meeting's data is held by the buffer it was
searched in, which the index never closes while results refer to it.
"""

from __future__ import annotations

import array
import bisect
import contextlib
import datetime as dt
import marshal
import mmap
import threading
from collections.abc import Iterator

from store.core.model import ALL_UNIONS, OutcomeKind
from store.services.search_records import Hit, Match, Query, Record, Row, find_spans

#: hits built at a time when results are walked through (``cesam search`` printing them)
PAGE = 100

# the parts of a meeting's data in the index (store/services/search.py writes them in this order):
# folded texts, where each row starts in them, the packed rows, where each packed row starts, follow-ups
FOLD, STARTS, ROWS, ROW_STARTS, FOLLOW = range(5)
PARTS = 5

Segments = tuple[int, ...]  # (offset, length) for each part
Buffer = bytes | mmap.mmap

_RECORDS = {r.value: r for r in Record}

#: bytes of a mapped index read before the pages mapped in for them are given back (see give_back)
RELEASE_BYTES = 8 << 20


def give_back(buf: Buffer) -> None:
    """Let the pages of a mapped index that reading mapped in go from this process.

    Reading a meeting's data in place maps in the pages around it, which count in this process's
    resident memory though they are the page cache's: a word found in every meeting of a
    ten-years archive mapped in the whole 270 MB file. Given back (MADV_DONTNEED: the pages stay
    in the page cache, the next read maps them again from there), what a search or a walk through
    its hits holds stays near RELEASE_BYTES, whatever the size of the archive.
    """
    if isinstance(buf, mmap.mmap) and hasattr(mmap, "MADV_DONTNEED"):
        with contextlib.suppress(OSError, ValueError):
            buf.madvise(mmap.MADV_DONTNEED)


class Source:
    """One meeting's packed data in the index, as it was when searched.

    ``seg`` gives each part's (offset, length) in ``buf`` (the mapped index file);
    a meeting not yet written to the file has its parts apart (``parts``).
    """

    __slots__ = ("buf", "meta", "parts", "seg")

    def __init__(self, meta: tuple[str, str, str], buf: Buffer, seg: Segments, parts: tuple[bytes, ...] = ()) -> None:
        self.meta = meta  # (group, date, status)
        self.buf = buf
        self.seg = seg
        self.parts = parts

    def span(self, part: int) -> tuple[Buffer, int, int]:
        """The buffer that holds one part, and where in it."""
        if self.parts:
            return self.parts[part], 0, len(self.parts[part])
        return self.buf, self.seg[2 * part], self.seg[2 * part] + self.seg[2 * part + 1]

    def ints(self, part: int) -> array.array[int]:
        data, start, end = self.span(part)
        found = array.array("I")
        found.frombytes(data[start:end])
        return found

    def folded(self) -> bytes:
        """The meeting's folded texts: rows ended by \\x1e, a row's fields joined by \\x1f."""
        data, start, end = self.span(FOLD)
        return data[start:end]

    @staticmethod
    def rows_with(folded: bytes, word: bytes) -> list[int]:
        """The rows whose folded texts contain ``word``, in order, each once.

        A row's number is the count of row ends before it: found in the folded texts alone, so a
        search never reads where the rows start (another part of the index, another page).
        """
        if b"\x1e" in word or b"\x1f" in word:  # no text holds the separators
            return []
        rows: list[int] = []
        row = scanned = 0
        pos = folded.find(word)
        while pos >= 0:
            row += folded.count(b"\x1e", scanned, pos)
            rows.append(row)
            # one hit makes the row a candidate: go on after its end
            scanned = folded.find(b"\x1e", pos) + 1
            if scanned <= 0:
                break
            row += 1
            pos = folded.find(word, scanned)
        return rows

    def size(self) -> int:
        """Bytes of the mapping this meeting's data spans (0 for data held apart)."""
        return 0 if self.parts else sum(self.seg[1::2])

    def row_count(self) -> int:
        _, start, end = self.span(STARTS)
        return (end - start) // 4

    def row(self, index: int, offsets: array.array[int] | None = None) -> Row:
        """One record, unpacked alone (``offsets``: the ROW_STARTS part, when the caller has it)."""
        offsets = offsets if offsets is not None else self.ints(ROW_STARTS)
        data, base, _ = self.span(ROWS)
        row: Row = marshal.loads(data[base + offsets[index] : base + offsets[index + 1]])
        return row

    def folded_row(self, index: int, starts: array.array[int]) -> list[str]:
        """The folded texts of one row's fields."""
        data, start, end = self.span(FOLD)
        row_end = start + starts[index + 1] if index + 1 < len(starts) else end
        text = data[start + starts[index] : row_end - 1].decode("utf-8")
        return text.split("\x1f") if "\x1f" in text else [text]


class Results:
    """What a search found, newest meeting first: counted exactly at once, built page by page.

    ``total`` (also ``len(results)``) counts every record that matched;
    ``page(start, stop)`` builds the hits ``start`` to ``stop`` in that order;
    iterating builds them a page at a time, so whoever walks through them holds
    one page. ``meetings`` is how many meetings were searched, ``with_hits`` how
    many had a hit, ``unreadable`` the files that do not parse (cesam check says why).
    """

    def __init__(self, query: Query | None = None, words: list[str] | tuple[str, ...] = ()) -> None:
        self.query = query or Query()
        self.words = list(words)
        self.unreadable: list[str] = []
        self.meetings = 0
        self.total = 0
        self._sources: list[Source] = []  # the meetings with hits, in order
        self._ends = array.array("Q")  # hits up to and including each of them
        self._rows = array.array("I")  # each hit's row in its meeting, in order
        self._lock = threading.Lock()  # a screen asks for pages from worker threads
        self._read = 0  # bytes of mapped data read by page builds since their pages were given back

    def __len__(self) -> int:
        return self.total

    def __bool__(self) -> bool:
        return self.total > 0

    @property
    def with_hits(self) -> int:
        """How many meetings have a hit."""
        return len(self._sources)

    def add(self, source: Source, rows: list[int] | range) -> None:
        """Keep where a meeting's hits lie (the search calls this; rows in order)."""
        if not rows:
            return
        self._sources.append(source)
        self._rows.extend(rows)
        self.total += len(rows)
        self._ends.append(self.total)

    def page(self, start: int, stop: int) -> list[Hit]:
        """The hits ``start`` to ``stop`` (past the end: fewer), built now; nothing of them is kept here."""
        start, stop = max(0, start), min(stop, self.total)
        out: list[Hit] = []
        with self._lock:
            meeting = bisect.bisect_right(self._ends, start)
            position = start
            while position < stop:
                source = self._sources[meeting]
                last = min(self._ends[meeting], stop)
                rows = self._rows[position:last]
                out.extend(self._build(source, rows))
                position = last
                meeting += 1
                self._read += source.size()
                if self._read >= RELEASE_BYTES:
                    self._read = 0
                    give_back(source.buf)
        return out

    def __iter__(self) -> Iterator[Hit]:
        for start in range(0, self.total, PAGE):
            yield from self.page(start, start + PAGE)

    def _build(self, source: Source, rows: array.array[int]) -> Iterator[Hit]:
        group, date_text, status = source.meta
        date = dt.date.fromisoformat(date_text)
        offsets = source.ints(ROW_STARTS)
        starts = source.ints(STARTS) if self.words else None
        for index in rows:
            row = source.row(index, offsets)
            matches = matched_fields(row, self.words, source.folded_row(index, starts)) if starts is not None else ()
            record, item_id, number, title, item_kind, record_id, party, kind, parties, _, fields, _ = row
            yield Hit(
                group,
                date,
                status,
                number,
                item_id,
                title,
                item_kind,
                _RECORDS[record],
                record_id,
                party,
                kind,
                parties,
                matches,
                fields,
            )


def matched_fields(row: Row, words: list[str], folded: list[str]) -> tuple[Match, ...]:
    """The fields of a row that hold one of ``words``, with where (the row holds every word)."""
    matches = []
    for (name, text), f in zip(row[10], folded, strict=True):
        spans = find_spans(text, words, f)
        if spans:
            matches.append(Match(name, text, spans))
    return tuple(matches)


def passes(row: Row, query: Query, unions: set[str]) -> bool:
    """Whether a record is one the query's filters (not its text) choose."""
    record, _, _, _, item_kind, _, party, kind, parties, outcome, _, _ = row
    if query.records and record not in query.records:
        return False
    if query.item_kinds and item_kind not in query.item_kinds:
        return False
    if query.outcome_kinds and outcome not in query.outcome_kinds:
        return False
    if query.statement_kinds and (record != Record.STATEMENT.value or kind not in query.statement_kinds):
        return False
    return not unions or names_union(record, party, parties, kind, unions, query.joint)


def names_union(record: str, party: str, parties: tuple[str, ...], kind: str, unions: set[str], joint: bool) -> bool:
    if record == Record.OUTCOME.value:
        # an oenighet names who disagreed; none named means all unions did
        if kind == OutcomeKind.DISAGREEMENT.value and not parties:
            return joint
        return bool(unions & set(parties)) or (joint and ALL_UNIONS in parties)
    if record in (Record.STATEMENT.value, Record.ITEM.value):
        return party in unions or (joint and party == ALL_UNIONS)
    return False
