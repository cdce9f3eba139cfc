"""Three-way merge of two versions of a meeting, field by field.

Git merges lines; a meeting is records. Two people who change different
fields, different statements or different items of one meeting never touch
the same *field*, even when their lines are adjacent in the file, so this
merge matches records by their stable ids (attachments by number) and
merges each field on its own:

- a field changed on one side only takes that side's value;
- the same change on both sides is no conflict;
- a text changed on both sides is merged sentence by sentence
  (:mod:`store.textmerge`): changes of different sentences are combined;
- other different changes of the same field are a :class:`Conflict`;
- a record removed on one side and changed on the other is a conflict
  (for an item, "changed" covers its sub-items: a sub-item added under an
  item the other side removed is a change of that item);
- the order of a list is merged on its own: a reorder on one side and edits
  on the other both survive; two different reorders are a conflict.

Conflicts are named by a machine ``key`` (stable, used to pass choices) and
by a ``path`` in the domain's words. Resolving is running the merge again
with ``choices``: ``{key: Choice(Take.MINE)}``, so a listing and its
resolution can never disagree about what the conflicts are.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from typing import Any

from store.core.catalogue import t, term
from store.core.config import SubitemStyle
from store.core.model import Attachment, Attendee, FollowUp, Item, Meeting, Signature, Statement
from store.core.numbering import item_numbers
from store.core.textmerge import merge3

ORDER = "@order"


class _Missing:
    """A value absent on one side (an ``extra`` key, a field of a record one side lacks)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()
#: No common value at all: a required field of a record both sides added.
NO_BASE: Any = _Missing()


class Take(StrEnum):
    MINE = "mine"
    THEIRS = "theirs"
    EDIT = "edit"  # a value typed by the user; fields only
    BASE = "base"  # the common ancestor's value; used to write conflict markers


class ConflictKind(StrEnum):
    FIELD = "field"  # the same field changed differently on both sides
    REMOVED = "removed"  # a record removed on one side and changed on the other
    ORDER = "order"  # a list reordered differently on both sides
    FILE = "file"  # a whole file: not a meeting, unreadable, or deleted on one side


@dataclass(frozen=True)
class Choice:
    take: Take
    value: Any = None  # for Take.EDIT


@dataclass
class Conflict:
    """One disagreement, named in words (``path``) and by a machine ``key``."""

    path: str
    base: Any
    ours: Any
    theirs: Any
    key: str = ""
    kind: ConflictKind = ConflictKind.FIELD
    file: str = ""  # repository-relative file, set by whoever merges files
    #: base, ours, theirs in words where the values alone say little: an order as "§ 2 Rubrik"
    #: lines, a record removed on one side with the change the other side made to it
    shown: tuple[str, str, str] | None = None

    @property
    def id(self) -> str:
        """Unique across files: how a choice names this conflict."""
        return f"{self.file}#{self.key}" if self.file else self.key

    @property
    def editable(self) -> bool:
        return self.kind == ConflictKind.FIELD

    def show(self, value: Any, lang: str = "sv") -> str:
        if value is None and self.kind in (ConflictKind.REMOVED, ConflictKind.FILE):
            return t("merge.removed", lang)
        return format_value(value, lang)

    def parse_value(self, text: str) -> Any:
        """A value typed by the user, converted to the type of this field."""
        sample = next((v for v in (self.ours, self.theirs, self.base) if v not in (None, MISSING)), "")
        return parse_typed(text, sample)


@dataclass
class MergeResult:
    meeting: Meeting
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.conflicts


def format_value(value: Any, lang: str = "sv") -> str:
    """A value as a person reads it in a conflict listing; never shortened."""
    if value is None or value is MISSING or value == "" or value == []:
        return term("empty", lang)
    if isinstance(value, bool):
        return term("yes" if value else "no", lang)
    if isinstance(value, Enum):
        return str(value.value) or term("empty", lang)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Item):
        return f"{value.title}" + (f" ({len(value.statements)} yttranden)" if value.statements else "")
    if isinstance(value, Statement):
        return f"{value.party}: {value.text}"
    if isinstance(value, FollowUp):
        return f"{value.owner}: {value.text}"
    if isinstance(value, Attendee):
        return f"{value.name}" + (f", {value.role}" if value.role else "")
    if isinstance(value, Attachment):
        return f"bilaga {value.number}: {value.title}"
    if isinstance(value, Signature):
        return value.name
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        parts = [
            f"{k}={format_value(v, lang)}" for k, v in dataclasses.asdict(value).items() if v not in ("", [], None)
        ]
        return ", ".join(parts) or term("empty", lang)
    if isinstance(value, list):
        return ", ".join(format_value(v, lang) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={format_value(v, lang)}" for k, v in value.items())
    return str(value)


def parse_typed(text: str, sample: Any) -> Any:
    """``text`` as a value of the same type as ``sample`` (raises ValueError)."""
    if isinstance(sample, bool):
        folded = text.strip().casefold()
        if folded in ("ja", "yes", "true", "1", "j", "y"):
            return True
        if folded in ("nej", "no", "false", "0", "n"):
            return False
        raise ValueError(f"{text!r} is not ja/nej")
    if isinstance(sample, Enum):
        return type(sample)(text.strip())
    if isinstance(sample, int):
        return int(text.strip())
    if isinstance(sample, dt.date):
        return dt.date.fromisoformat(text.strip())
    if isinstance(sample, list):
        return [part.strip() for part in text.split(",") if part.strip()]
    return text


# Lists of records merged by a key rather than as one value.
_KEYED: dict[tuple[type, str], tuple[str, type, str]] = {
    # (owner class, field): (key attribute, record class, parent attribute or "")
    (Meeting, "attendees"): ("id", Attendee, ""),
    (Meeting, "items"): ("id", Item, "parent"),
    (Meeting, "signatures"): ("name", Signature, ""),
    (Item, "statements"): ("id", Statement, ""),
    (Item, "followups"): ("id", FollowUp, ""),
    (Item, "attachments"): ("number", Attachment, ""),
}

Path = tuple[str | int, ...]


def key_of(path: Path) -> str:
    return "/".join(str(part) for part in path)


def _default_of(cls: type, name: str) -> Any:
    """The field's default; NO_BASE for a required field (an id, a title)."""
    for f in dataclasses.fields(cls):
        if f.name == name:
            if f.default is not dataclasses.MISSING:
                return f.default
            if f.default_factory is not dataclasses.MISSING:
                return f.default_factory()
    return NO_BASE


class _Merger:
    def __init__(
        self,
        meetings: tuple[Meeting | None, Meeting, Meeting],
        choices: Mapping[str, Choice],
        default: Take,
        lang: str,
        style: SubitemStyle,
    ) -> None:
        self.choices = choices
        self.default = default
        self.lang = lang
        self.conflicts: list[Conflict] = []
        # words come from the newest versions first: ours, theirs, then the base
        self._meetings = [m for m in (meetings[1], meetings[2], meetings[0]) if m is not None]
        self._numbers = [item_numbers(m, style) for m in self._meetings]
        #: base, ours, theirs and their item numbers, for words about one side
        self.sides = meetings
        self.side_numbers = [item_numbers(m, style) if m is not None else {} for m in meetings]

    # -------------------------------------------------------------- choices

    def _decide(self, path: Path, kind: ConflictKind, base: Any, ours: Any, theirs: Any) -> tuple[Take, Any]:
        key = key_of(path)
        choice = self.choices.get(key)
        if choice is None:
            conflict = Conflict(
                self.words(path, kind),
                None if base in (MISSING, NO_BASE) else base,
                None if ours is MISSING else ours,
                None if theirs is MISSING else theirs,
                key,
                kind,
            )
            from store.core.conflict_words import conflict_words  # only a conflict needs it; it reads this module

            conflict.shown = conflict_words(self, path, conflict)
            self.conflicts.append(conflict)
            return self.default, None
        return choice.take, choice.value

    # -------------------------------------------------------------- values

    def value(self, base: Any, ours: Any, theirs: Any, path: Path) -> Any:
        if ours == theirs:
            return ours
        if base is not NO_BASE and ours == base:
            return theirs
        if base is not NO_BASE and theirs == base:
            return ours
        if type(base) is str and type(ours) is str and type(theirs) is str:
            # a text changed on both sides: only changes of the same sentence are a conflict
            merged = merge3(base, ours, theirs)
            if merged is not None:
                return merged
        take, edited = self._decide(path, ConflictKind.FIELD, base, ours, theirs)
        if take == Take.EDIT:
            return edited
        if take == Take.THEIRS:
            return theirs
        if take == Take.BASE:
            # a required field both sides added: an empty value keeps the
            # marker text showing both values rather than silently taking one
            return base if base is not NO_BASE else ("" if isinstance(ours, str) else ours)
        return ours

    def mapping(self, base: dict[str, Any] | None, ours: dict[str, Any], theirs: dict[str, Any], path: Path) -> Any:
        out: dict[str, Any] = {}
        for key in [*ours, *(k for k in theirs if k not in ours)]:
            b = base.get(key, MISSING) if base is not None else MISSING
            value = self.value(b, ours.get(key, MISSING), theirs.get(key, MISSING), (*path, key))
            if value is not MISSING:
                out[key] = value
        return out

    def record(self, base: Any, ours: Any, theirs: Any, path: Path) -> Any:
        cls = type(ours)
        kwargs: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            name = f.name
            # a record both sides added: a field one side left at its default
            # was not filled in there, so the other side's value is taken
            b = getattr(base, name) if base is not None else _default_of(cls, name)
            o, t = getattr(ours, name), getattr(theirs, name)
            sub = (*path, name)
            keyed = _KEYED.get((cls, name))
            if name == "extra":
                kwargs[name] = self.mapping(b, o, t, sub)
            elif keyed:
                kwargs[name] = self.keyed(b, o, t, sub, *keyed)
            elif dataclasses.is_dataclass(o) and dataclasses.is_dataclass(t):
                kwargs[name] = self.record(b, o, t, sub)
            else:
                kwargs[name] = self.value(b, o, t, sub)
        return cls(**kwargs)

    # -------------------------------------------------------------- lists of records

    def keyed(
        self,
        base: list[Any],
        ours: list[Any],
        theirs: list[Any],
        path: Path,
        key: str,
        cls: type,
        parent: str,
    ) -> list[Any]:
        b = {getattr(r, key): r for r in base}
        o = {getattr(r, key): r for r in ours}
        t = {getattr(r, key): r for r in theirs}
        kept: dict[Any, Any] = {}
        for rid in o:
            if rid in t:
                kept[rid] = self.record(b.get(rid), o[rid], t[rid], (*path, rid))
        for keeper, side, other in ((Take.MINE, o, t), (Take.THEIRS, t, o)):
            handled: set[Any] = set()
            for rid, rec in side.items():
                if rid in other or rid in handled:
                    continue
                root = _removal_root(rid, side, other, b, parent)
                if root is None:
                    kept[rid] = rec  # added on this side only
                    continue
                members = [m for m in _subtree(root, side, parent) if m not in other]
                handled.update(members)
                if all(side[m] == b.get(m) for m in members):
                    continue  # removed on the other side, untouched here: removed
                ours_value = side[root] if keeper == Take.MINE else None
                theirs_value = side[root] if keeper == Take.THEIRS else None
                take, _ = self._decide((*path, root), ConflictKind.REMOVED, b.get(root), ours_value, theirs_value)
                if take == Take.BASE:
                    kept.update({m: b[m] for m in members if m in b})
                elif take == keeper:
                    kept.update({m: side[m] for m in members})
        order = self.order(list(b), list(o), list(t), kept, path)
        records = [kept[rid] for rid in order]
        return _preorder(records, key, parent) if parent else records

    def order(
        self, base: list[Any], ours: list[Any], theirs: list[Any], kept: Mapping[Any, Any], path: Path
    ) -> list[Any]:
        in_base = set(base)

        def reordered(side: list[Any]) -> bool:
            present = set(side)
            return [i for i in side if i in in_base] != [i for i in base if i in present]

        ours_moved, theirs_moved = reordered(ours), reordered(theirs)
        if ours_moved and theirs_moved:
            common = in_base & set(ours) & set(theirs) & set(kept)
            if [i for i in ours if i in common] != [i for i in theirs if i in common]:
                take, _ = self._decide((*path, ORDER), ConflictKind.ORDER, base, ours, theirs)
                primary = {Take.THEIRS: theirs, Take.BASE: base}.get(take, ours)
            else:
                primary = ours
        elif theirs_moved:
            primary = theirs
        elif ours_moved:
            primary = ours
        else:
            primary = base
        skeleton = [i for i in primary if i in in_base]
        # base records the primary side removed may still be kept (a
        # resolved removal); they go back after their old predecessor
        for index, rid in enumerate(base):
            if rid not in skeleton:
                before = next((p for p in reversed(base[:index]) if p in skeleton), None)
                skeleton.insert(skeleton.index(before) + 1 if before is not None else 0, rid)
        # additions are anchored to the base record they follow on their side
        runs: dict[Any, list[list[Any]]] = defaultdict(list)
        for side in (ours, theirs):
            anchor: Any = None
            run: list[Any] = []
            for rid in side:
                if rid in in_base:
                    if run:
                        runs[anchor].append(run)
                    anchor, run = rid, []
                else:
                    run.append(rid)
            if run:
                runs[anchor].append(run)
        out: list[Any] = []
        placed: set[Any] = set()

        def emit(rid: Any) -> None:
            if rid in kept and rid not in placed:
                placed.add(rid)
                out.append(rid)

        def emit_runs(anchor: Any) -> None:
            # concurrent additions at one place: ordered by id, so that which
            # side is "ours" does not change the result
            for run in sorted(runs.get(anchor, []), key=lambda r: str(r[0])):
                for rid in run:
                    emit(rid)

        emit_runs(None)
        for rid in skeleton:
            emit(rid)
            emit_runs(rid)
        for rid in kept:  # anything not anchored (cannot happen with consistent input)
            emit(rid)
        return out

    # -------------------------------------------------------------- words

    def _find(self, attr: str, rid: Any, item_id: str | None = None) -> Any:
        for meeting in self._meetings:
            if item_id is not None:
                try:
                    records = getattr(meeting.item(item_id), attr)
                except KeyError:
                    continue
            else:
                records = getattr(meeting, attr)
            for record in records:
                if getattr(record, "id", getattr(record, "number", getattr(record, "name", None))) == rid:
                    return record
        return None

    def _item_words(self, item_id: str) -> str:
        number = next((n[item_id] for n in self._numbers if item_id in n), "?")
        item = self._find("items", item_id)
        return f"§ {number} {item.title}" if item is not None and item.title else f"§ {number}"

    def _record_words(self, attr: str, rid: Any, item_id: str | None = None) -> str:
        record = self._find(attr, rid, item_id)
        noun = term(f"record.{attr.removesuffix('s')}", self.lang)
        if record is None:
            return f"{noun} {rid}"
        if isinstance(record, Statement):
            return f"{record.party} – {term(f'statement.{record.kind.value}', self.lang)}"
        if isinstance(record, FollowUp):
            return f"{noun} ({record.owner})"
        if isinstance(record, Attachment):
            return f"{noun} {record.number}"
        return f"{noun} {record.name}"

    def words(self, path: Path, kind: ConflictKind) -> str:
        """The place of a conflict as the protocol would name it: "§ 4 a Rubrik: Vision – synpunkt"."""
        rest = [str(p) if not isinstance(p, int) else p for p in path]
        head: list[str] = []
        if rest[:1] == ["items"] and len(rest) > 2:
            item_id = str(rest[1])
            head.append(self._item_words(item_id))
            rest = rest[2:]
            if rest[:1] in (["statements"], ["followups"], ["attachments"]) and len(rest) >= 2 and rest[1] != ORDER:
                head.append(self._record_words(str(rest[0]), rest[1], item_id))
                rest = rest[2:]
            elif rest[:1] == ["outcome"]:
                head.append(term("record.outcome", self.lang))
                rest = rest[1:]
        elif rest[:1] == ["items"] and len(rest) == 2 and rest[1] != ORDER:
            head.append(self._item_words(str(rest[1])))
            rest = []
        elif rest[:1] in (["attendees"], ["signatures"]) and len(rest) > 1 and rest[1] != ORDER:
            head.append(self._record_words(str(rest[0]), rest[1]))
            rest = rest[2:]
        elif rest[:1] == ["next_meeting"]:
            head.append(term("record.next_meeting", self.lang))
            rest = rest[1:]
        if rest[-1:] == [ORDER]:
            head.append(_word("order", self.lang) + " " + _word(str(rest[-2]), self.lang))
            rest = []
        if not head:
            head.append(term("record.meeting", self.lang))
        tail: list[str] = []
        while rest:
            name = str(rest.pop(0))
            tail.append(f"«{rest.pop(0)}»" if name == "extra" and rest else term(f"field.{name}", self.lang))
        text = head[0]
        details = [*head[1:], *tail]
        if details:
            text += ": " + ", ".join(details)
        if kind == ConflictKind.REMOVED:
            text += " – " + _word("removed_vs_changed", self.lang)
        return text


def _word(key: str, lang: str) -> str:
    # a part of a path with no word of its own (an id) reads as itself
    return term(f"merge.word.{key}", lang)


def _removal_root(rid: Any, side: dict[Any, Any], other: dict[Any, Any], base: dict[Any, Any], parent: str) -> Any:
    """The outermost record, present in ``base`` and removed on ``other``, that holds ``rid``."""
    root = rid if rid in base else None
    if parent:
        seen = {rid}
        up = getattr(side[rid], parent)
        while up and up in side and up not in seen:
            seen.add(up)
            if up in base and up not in other:
                root = up
            up = getattr(side[up], parent)
    return root


def _subtree(root: Any, records: dict[Any, Any], parent: str) -> list[Any]:
    if not parent:
        return [root]
    out = [root]
    for rid, record in records.items():
        up, seen = getattr(record, parent), {rid}
        while up and up not in seen:
            if up == root:
                out.append(rid)
                break
            seen.add(up)
            up = getattr(records[up], parent) if up in records else ""
    return out


def _preorder(records: list[Any], key: str, parent: str) -> list[Any]:
    """Keep the order, but put every sub-item after its parent (the model's rule)."""
    ids = {getattr(r, key) for r in records}
    children: dict[Any, list[Any]] = defaultdict(list)
    tops: list[Any] = []
    for record in records:
        up = getattr(record, parent)
        if up and up in ids and up != getattr(record, key):
            children[up].append(record)
        else:
            tops.append(record)
    out: list[Any] = []
    seen: set[Any] = set()

    def walk(record: Any) -> None:
        rid = getattr(record, key)
        if rid in seen:
            return
        seen.add(rid)
        out.append(record)
        for child in children.get(rid, []):
            walk(child)

    for record in tops:
        walk(record)
    for record in records:  # a cycle of parents: keep what is left in order
        walk(record)
    return out


def merge_meetings(
    base: Meeting | None,
    ours: Meeting,
    theirs: Meeting,
    *,
    choices: Mapping[str, Choice] | None = None,
    default: Take = Take.MINE,
    lang: str = "sv",
    style: SubitemStyle = SubitemStyle.LETTER,
) -> MergeResult:
    """Merge ``ours`` and ``theirs`` from their common ``base`` (None: both added it).

    Every conflict not settled by ``choices`` is listed, and takes the
    ``default`` side in the returned meeting, which is then only a draft.
    """
    merger = _Merger((base, ours, theirs), choices or {}, default, lang, style)
    merged = merger.record(base, ours, theirs, ())
    return MergeResult(copy.deepcopy(merged), merger.conflicts)


__all__ = [
    "MISSING",
    "Choice",
    "Conflict",
    "ConflictKind",
    "MergeResult",
    "Take",
    "format_value",
    "merge_meetings",
    "parse_typed",
]
