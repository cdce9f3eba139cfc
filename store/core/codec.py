"""TOML codec for meetings: deterministic bytes in, typed model out.

One generic walker over the dataclasses of :mod:`store.core.model` does both
directions, so the file layout is simply the model's field order. Defaults
are omitted on write, which keeps files short and a reviewer's diff to what
was actually said. Unknown keys go to ``extra`` and are written back last.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import json
import re
import types
import typing
from enum import Enum
from typing import Any

import tomli_w

from store.core import limits
from store.core.errors import Problem, ProblemKind
from store.core.model import Meeting
from store.core.sentences import several_pieces

try:
    # tomli's compiled (mypyc) wheel: the parser the stdlib's tomllib was copied from, same
    # results and errors, and 3.5x faster on a meeting file (docs/performance.md)
    import tomli as tomllib
except ImportError:  # a platform without the wheel: the stdlib's pure-Python copy
    import tomllib  # type: ignore[no-redef]  # the same name bound by the other branch, on purpose

Path_ = tuple[str | int, ...]
T = typing.TypeVar("T")

# git's markers: exactly seven characters, the outer ones followed by a label
_MARKER = re.compile(r"^(?:(<{7}|>{7}|\|{7})(?: .*)?|(={7}))$")
# how every marker line starts (lines broken at "\n" alone, as tomllib counts them)
_MARKER_STARTS = ("<<<<<<<", ">>>>>>>", "|||||||", "=======")
# what the writer escapes at the start of a line inside a multi-line string
_WRITTEN_MARKER = re.compile(r"^([<>|])\1{6}(?= |$)", re.MULTILINE)


class DecodeError(Exception):
    """The text is not a valid meeting; ``problems`` says where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


# ---------------------------------------------------------------- encoding


def _encode_value(value: Any) -> Any:
    if type(value) is str:  # most values: checked first, as a save encodes every one of them
        return value
    if hasattr(type(value), "__dataclass_fields__"):  # a record (dataclasses.is_dataclass, for an instance)
        return _encode_record(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [_encode_value(v) for v in value]
    return value


_MISSING, _PLAIN, _RECORD, _REQUIRED = range(4)


@functools.cache
def _encoding_plan(cls: type) -> tuple[tuple[str, int, Any], ...]:
    """Per field of a record type: its name, how to tell its default, and that default (made once).

    A field equal to its default is not written. The defaults of
    ``default_factory`` fields are made here once instead of for every
    record encoded; they are only compared with, never handed out.
    """
    plan = []
    for f in dataclasses.fields(cls):
        if f.name == "extra":
            continue
        if f.default is not dataclasses.MISSING:
            plan.append((f.name, _PLAIN, f.default))
        elif f.default_factory is not dataclasses.MISSING:
            default = f.default_factory()
            plan.append((f.name, _RECORD if dataclasses.is_dataclass(default) else _PLAIN, default))
        else:
            plan.append((f.name, _REQUIRED, None))
    return tuple(plan)


def _encode_record(record: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    cls: type = type(record)  # type[Any] would not pass as the cache's Hashable key
    for name, how, default in _encoding_plan(cls):
        value = getattr(record, name)
        if how == _PLAIN:
            if value == default:
                continue
        elif how == _RECORD and getattr(value, "is_empty", value == default):
            continue
        out[name] = _encode_value(value)
    out.update(record.extra)
    return out


def meeting_to_dict(meeting: Meeting) -> dict[str, Any]:
    data = _encode_record(meeting)
    # schema first: a reader sees the version before anything else
    return {"schema": data.pop("schema", meeting.schema), **data}


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")  # with fullmatch: "$" also matched before a final "\n"


@functools.lru_cache(maxsize=4096)
def _key(key: str) -> str:
    # the value is last on the line; a quoted key may itself hold " = "
    return key if _BARE_KEY.fullmatch(key) else tomli_w.dumps({key: 0}).rstrip("\n").rsplit(" = ", 1)[0]


def _is_aot(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _emit(table: dict[str, Any], path: str, out: list[str]) -> None:
    # tomli_w inlines short arrays of tables, so a statement would move between
    # `{ … }` and `[[…]]` as its text grows; we lay out tables ourselves and let
    # tomli_w format each value, so every record always has its own header.
    # ``path`` is the dotted header of ``table`` ("" at the top).
    scalars: dict[str, Any] = {}
    nested: list[tuple[str, Any, bool]] = []  # (key, value, is an array of tables)
    for key, value in table.items():
        if isinstance(value, dict):
            nested.append((key, value, False))
        elif _is_aot(value):
            nested.append((key, value, True))
        else:
            scalars[key] = value
    if scalars:
        out.append(_format_scalars(scalars))
    for key, value, many in nested:
        sub = f"{path}.{_key(key)}" if path else _key(key)
        if many:
            header = f"[[{sub}]]"
            for element in value:
                out.append("")
                out.append(header)
                _emit(element, sub, out)
        else:
            out.append("")
            out.append(f"[{sub}]")
            _emit(value, sub, out)


def _has_cr(value: Any) -> bool:
    if isinstance(value, str):
        return "\r" in value
    if isinstance(value, list):
        return any(_has_cr(v) for v in value)
    if isinstance(value, dict):
        return any(_has_cr(k) or _has_cr(v) for k, v in value.items())
    return False


# what a one-line basic string cannot hold as it is; escapes exactly as tomli_w writes them
_BASIC_ESCAPE = re.compile(r'["\\\x00-\x08\x0a-\x1f\x7f]')
_COMPACT = {"\b": "\\b", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}


def _escape_basic(match: re.Match[str]) -> str:
    char = match.group()
    return _COMPACT.get(char) or f"\\u{ord(char):04x}"


def _literal(value: Any) -> str:
    """One value as tomli_w writes it (the same bytes), without its per-call machinery.

    A save and the bench's generator encode every scalar of a meeting; tomli_w
    spends most of that in its generic dispatch. Strings, booleans, integers
    and dates are written here; anything else (arrays, floats) by tomli_w itself.
    """
    kind = type(value)
    if kind is str:
        return f'"{_BASIC_ESCAPE.sub(_escape_basic, value)}"'
    if kind is bool:
        return "true" if value else "false"
    if kind is int or kind is dt.date:
        return str(value)
    return tomli_w.dumps({"v": value}).rstrip("\n")[4:]


def _escape_marker(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group(1)):04X}" + match.group()[1:]


def _format_scalars(scalars: dict[str, Any]) -> str:
    """``key = value`` lines for a table's plain values, as TOML that reads back exactly.

    Short values go through tomli_w (one call per run of them: it writes
    plain keys in order, one per line). Text with more than one sentence or
    line is written as a block, one sentence per line (:func:`_text_block`).
    A value holding a CR is written on one line with the CR escaped, as
    tomli_w would turn CR LF into LF inside a multi-line string. Inside
    blocks, a line that starts like a git conflict marker gets its first
    character escaped, so that data can never pass for a conflict and a real
    conflict is always recognised.
    """
    parts: list[str] = []
    for key, value in scalars.items():
        block = _text_block(value) if type(value) is str and "\r" not in value else None
        parts.append(f"{_key(key)} = {block or _literal(value)}")
    text = "\n".join(parts)
    # a line starting with <<<<<<<, >>>>>>> or ||||||| can only be inside a multi-line
    # basic string (keys are bare or quoted, array elements indented), where an escape
    # means the same character
    return _WRITTEN_MARKER.sub(_escape_marker, text)


# what a multi-line basic string cannot hold as it is (tab can); escapes as tomli_w writes them
_BLOCK_ESCAPE = re.compile(r'["\\\x00-\x08\x0a-\x1f\x7f]')
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\n"}


def _escape_block(match: re.Match[str]) -> str:
    char = match.group()
    return _ESCAPES.get(char) or f"\\u{ord(char):04x}"


# text -> its block ("" for a text written on one line): a save writes the same paragraphs as the
# last save of the meeting did, and cutting them into sentences was most of the encoding's time
_BLOCKS: dict[str, str] = {}
_BLOCKS_CHARS = [0]
_BLOCKS_LIMIT = 2_000_000  # characters of text kept; the cache starts again past it


def _text_block(value: str) -> str | None:
    """``value`` as a block when it has more than one sentence or line (:func:`_new_block`), else None."""
    block = _BLOCKS.get(value)
    if block is None:
        pieces = several_pieces(value)
        if pieces is None and len(value) < 80:
            return None  # most values, told at once: not worth keeping
        block = "" if pieces is None else _new_block(value, pieces)
        if _BLOCKS_CHARS[0] > _BLOCKS_LIMIT:
            _BLOCKS.clear()
            _BLOCKS_CHARS[0] = 0
        _BLOCKS[value] = block
        _BLOCKS_CHARS[0] += 2 * len(value)
    return block or None


def _new_block(value: str, pieces: list[str]) -> str:
    """A multi-line basic string with one sentence per line: the value unchanged, only its layout.

    Every line but the ones the text itself ends with a newline ends in a
    backslash, which TOML reads as "no line break here" (the backslash, the
    newline and the next line's leading whitespace vanish; a piece never
    ends inside a run of spaces, so none is lost). So the stored value is
    exactly the text as typed, its Markdown renders as before, and a
    reviewer's diff shows the sentence that changed. The closing quotes
    stand on their own line, so an edit of the last sentence and one of the
    next field never touch neighbouring lines.
    """
    out = ['"""\n']
    for piece in pieces:
        escaped = _BLOCK_ESCAPE.sub(_escape_block, piece)
        out.append(escaped if escaped.endswith("\n") else escaped + "\\\n")
    if value.endswith("\n"):
        out.append("\\\n")
    out.append('"""')
    return "".join(out)


def dumps_table(data: dict[str, Any]) -> str:
    """TOML text with one header per record, for files people read and diff."""
    lines: list[str] = []
    _emit(data, "", lines)
    return "\n".join(lines).lstrip("\n") + "\n"


def dumps(meeting: Meeting) -> str:
    return dumps_table(meeting_to_dict(meeting))


def content_hash(meeting: Meeting) -> str:
    """Hash of the meeting's content, independent of its TOML formatting.

    The canonical form is sorted-key JSON of the encoded model, so a
    reformatted file hashes the same and any change of content does not.
    """
    data = meeting_to_dict(meeting)
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------- decoding


def _type_name(tp: Any) -> str:
    if tp is str:
        return "text"
    if tp is int:
        return "a whole number"
    if tp is bool:
        return "true or false"
    if tp is dt.date:
        return "a date like 2023-09-05"
    if isinstance(tp, type) and issubclass(tp, Enum):
        return "one of " + ", ".join(repr(m.value) for m in tp if m.value)
    return str(tp)


@functools.cache
def _hints(cls: Any) -> dict[str, Any]:
    return typing.get_type_hints(cls)


@functools.cache
def _field_map(cls: Any) -> dict[str, dataclasses.Field[Any]]:
    """A record type's fields by name, made once per type (callers only read it)."""
    return {f.name: f for f in dataclasses.fields(cls)}


@functools.cache
def _shape(tp: Any) -> tuple[Any, tuple[Any, ...]]:
    """``typing.get_origin`` and ``typing.get_args`` of a field's type, worked out once per type."""
    return typing.get_origin(tp), typing.get_args(tp)


# A decoder per type, worked out once from the model's annotations: a meeting is ~60 records and
# ~300 values, and asking typing/dataclasses what each field's type is, for every value of every
# file, was more CPU than tomli's parse (docs/performance.md). Each converter takes the raw value,
# where it is (a linked path: ``()`` or ``(parent, key)``, made into a key path only for a
# problem) and the list that collects problems; it returns the value, or None where a problem was
# reported. The checks and their order are those of the generic walk it replaced.
_At = tuple[Any, ...]
_Convert = typing.Callable[[Any, _At, list[Problem]], Any]


def _key_path(at: _At) -> Path_:
    parts: list[str | int] = []
    while at:
        at, key = at
        parts.append(key)
    return tuple(reversed(parts))


def _report(problems: list[Problem], at: _At, message: str, kind: ProblemKind = ProblemKind.ERROR) -> None:
    problems.append(Problem(message=message, key_path=_key_path(at), kind=kind))


@functools.cache
def _converter(tp: Any) -> _Convert:
    """The decoder of one field type (the branches in the order the generic walk took them)."""
    origin, type_args = _shape(tp)
    if origin in (typing.Union, types.UnionType):
        return _optional(next(a for a in type_args if a is not type(None)))
    if origin is list:
        (inner,) = type_args
        return _list_of(inner)
    if dataclasses.is_dataclass(tp):
        return functools.partial(_table, tp)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return _enum(tp)
    if tp is dt.date:
        return _date
    if tp is bool or tp is int or tp is str:
        return _scalar(tp)
    return _as_is  # Any


def _optional(inner_type: Any) -> _Convert:
    def convert(raw: Any, at: _At, problems: list[Problem]) -> Any:
        if raw is None:
            return None
        return _converter(inner_type)(raw, at, problems)

    return convert


def _list_of(inner_type: Any) -> _Convert:
    plain = inner_type if inner_type in (str, int, bool) else None
    table = inner_type if dataclasses.is_dataclass(inner_type) else None  # what _converter decodes with _table

    def convert(raw: Any, at: _At, problems: list[Problem]) -> Any:
        if not isinstance(raw, list):
            _report(problems, at, f"{_dotted(_key_path(at))} must be a list")
            return []
        if plain is not None and all(type(v) is plain for v in raw):
            return list(raw)  # what converting each item gives, without a call per item
        if table is not None:  # a list of records: most of a meeting, one call less per record
            return [
                _record(table, v, (at, i), problems) if type(v) is dict else _table(table, v, (at, i), problems)
                for i, v in enumerate(raw)
            ]
        inner = _converter(inner_type)
        return [inner(v, (at, i), problems) for i, v in enumerate(raw)]

    return convert


def _enum(tp: type[Enum]) -> _Convert:
    members = tp._value2member_map_  # what tp(raw) looks up first

    def convert(raw: Any, at: _At, problems: list[Problem]) -> Any:
        if type(raw) is str and raw in members:
            return members[raw]
        try:
            return tp(raw)
        except ValueError:
            _report(problems, at, f"{_dotted(_key_path(at))}: {raw!r} is not allowed; use {_type_name(tp)}")
            return None

    return convert


def _date(raw: Any, at: _At, problems: list[Problem]) -> Any:
    if isinstance(raw, dt.date) and not isinstance(raw, dt.datetime):
        return raw
    _report(problems, at, f"{_dotted(_key_path(at))} must be {_type_name(dt.date)}, not {raw!r}")
    return None


def _scalar(tp: type) -> _Convert:
    def convert(raw: Any, at: _At, problems: list[Problem]) -> Any:
        if type(raw) is tp:
            return raw
        _report(problems, at, f"{_dotted(_key_path(at))} must be {_type_name(tp)}, not {raw!r}")
        return None

    return convert


class _NoValue:
    """The ``plain`` type of a field that is not a plain scalar: no parsed value is of this type."""


def _as_is(raw: Any, at: _At, problems: list[Problem]) -> Any:
    return raw


@functools.cache
def _plan(cls: Any) -> tuple[list[tuple[str, _Convert, type, bool]], dict[str, Any], str]:
    """A record type's fields, its field map and its known keys as messages list them.

    Each field is (name, decoder, plain, required): a value whose type is ``plain`` (str, int or
    bool for such a field, else a type no value has) is taken as it is, without a call.
    """
    hints = _hints(cls)
    fields = _field_map(cls)
    steps = [
        (
            name,
            _converter(hints[name]),
            hints[name] if hints[name] in (str, int, bool) else _NoValue,
            f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING,
        )
        for name, f in fields.items()
        if name != "extra"
    ]
    return steps, fields, ", ".join(n for n in fields if n != "extra")


def _table(cls: Any, raw: Any, at: _At, problems: list[Problem]) -> Any:
    if not isinstance(raw, dict):
        _report(problems, at, f"{_dotted(_key_path(at))} must be a table")
        return None
    return _record(cls, raw, at, problems)


def _record(cls: Any, raw: dict[str, Any], at: _At, problems: list[Problem]) -> Any:
    steps, fields, allowed = _plan(cls)
    kwargs: dict[str, Any] = {}
    known = 0  # keys of ``raw`` that are fields: when that is all of them, nothing is extra
    for name, convert, plain, required in steps:
        if name not in raw:
            if required:
                _report(problems, at, f"{_dotted((*_key_path(at), name))} is missing")
            continue
        known += 1
        value = raw[name]
        if type(value) is plain:
            kwargs[name] = value
            continue
        decoded = convert(value, (at, name), problems)
        if decoded is not None or value is None:
            kwargs[name] = decoded
    extra = {} if known == len(raw) else {k: v for k, v in raw.items() if k not in fields or k == "extra"}
    for key in extra:
        path = (*_key_path(at), key)
        problems.append(
            Problem(
                message=f"unknown key {_dotted(path)!r}; it is kept as it is (known keys here: {allowed})",
                key_path=path,
                kind=ProblemKind.WARNING,
            )
        )
    try:
        obj = cls(**kwargs)
    except TypeError:
        return None  # a required field was reported missing above
    obj.extra = extra
    return obj


def _dotted(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or "(top)"


def dotted(path: Path_) -> str:
    """A key path as messages write it: ``items[3].statements[1].text``."""
    return _dotted(path)


def first_difference(a: Any, b: Any, path: Path_ = ()) -> Path_ | None:
    """The key path where two encoded records (see :func:`meeting_to_dict`) first differ."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in [*a, *(k for k in b if k not in a)]:
            if key not in a or key not in b:
                return (*path, key)
            found = first_difference(a[key], b[key], (*path, key))
            if found is not None:
                return found
        return None
    if isinstance(a, list) and isinstance(b, list):
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            found = first_difference(x, y, (*path, i))
            if found is not None:
                return found
        return None if len(a) == len(b) else (*path, min(len(a), len(b)))
    same = type(a) is type(b) and (a == b or (a != a and b != b))  # NaN equals itself here
    return None if same else path


def _marker_lines(text: str) -> list[tuple[int, str]]:
    """(1-based line, kind) of each line shaped like a conflict marker; kind is its first character."""
    if not text.startswith(_MARKER_STARTS) and not any("\n" + start in text for start in _MARKER_STARTS):
        return []  # nearly every file: no line starts like a marker, so no line is split and matched
    out = []
    # tomllib counts lines by "\n" alone; str.splitlines would also break at U+2028 and others
    for number, line in enumerate(text.split("\n"), 1):
        match = _MARKER.match(line.removesuffix("\r"))
        if match:
            out.append((number, (match.group(1) or match.group(2))[0]))
    return out


def _complete_conflicts(markers: list[tuple[int, str]]) -> list[int]:
    """Lines of each ``<<<<<<<`` … ``=======`` … ``>>>>>>>`` run, in that order."""
    found: list[int] = []
    run: list[int] = []
    stage = ""
    for number, kind in markers:
        if kind == "<":
            run, stage = [number], "<"
        elif kind == "|" and stage == "<":
            run.append(number)
        elif kind == "=" and stage == "<":
            run.append(number)
            stage = "="
        elif kind == ">" and stage == "=":
            found.extend([*run, number])
            run, stage = [], ""
    return found


def find_conflict_markers(text: str, *, parses: bool | None = None) -> list[int]:
    """1-based line numbers of git merge-conflict markers.

    A line like ``=======`` is common data (a Markdown heading underline) and
    may sit inside a multi-line string, so a marker line alone does not make
    a conflict. A file that is not valid TOML and has a ``<<<<<<<`` or
    ``>>>>>>>`` line is taken to be conflicted; a file that is valid TOML is
    conflicted only where a complete ``<<<<<<<``/``=======``/``>>>>>>>`` run
    stands (git put it inside a multi-line string). cesam's writer escapes
    such lines in data, so text it saved never matches.
    """
    markers = _marker_lines(text)
    if not markers:
        return []
    if parses is None:
        try:
            tomllib.loads(text)
            parses = True
        except tomllib.TOMLDecodeError:
            parses = False
    if not parses:
        return [n for n, _ in markers] if any(kind in "<>" for _, kind in markers) else []
    return _complete_conflicts(markers)


def _conflict_problems(lines: list[int]) -> DecodeError:
    return DecodeError(
        [
            Problem(
                message="git merge-conflict marker; settle the conflict (cesam resolve) "
                "or restore the file (git checkout -- FILE)",
                line=n,
                col=1,
            )
            for n in lines
        ]
    )


def parse_toml(text: str) -> dict[str, Any]:
    """tomllib with conflict markers, syntax errors and data past the read limits turned into problems."""
    # characters are at most 4 bytes: encode only a text that may be over the limit
    size = len(text) if len(text) * 4 <= limits.MAX_FILE_BYTES else len(text.encode("utf-8", "surrogatepass"))
    bound = limits.size_problem(size)
    if bound:
        raise DecodeError([bound])
    # The bracket-depth scan (a third of the parser's own time) runs only when something is
    # wrong: the parser raises RecursionError, not a crash, on deep nesting, and data it does
    # build is walked by data_problem. Whatever the file, the first problem reported is the
    # one the scan-first order gave: the scan's, when it finds one, then the parser's.
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise DecodeError([_depth_problem(text)]) from None
    except tomllib.TOMLDecodeError as exc:
        _raise_depth(text)
        markers = find_conflict_markers(text, parses=False)
        if markers:
            raise _conflict_problems(markers) from None
        raise DecodeError([Problem.from_toml_error(exc)]) from None
    markers = find_conflict_markers(text, parses=True)
    if markers:
        _raise_depth(text)
        raise _conflict_problems(markers)
    bound = limits.data_problem(data)
    if bound:
        _raise_depth(text)
        raise DecodeError([bound])
    return data


def _depth_problem(text: str) -> Problem:
    found = limits.bracket_depth_problem(text)
    # the parser gave up before the scan's limit (a caller already deep in its own stack)
    return found or Problem(f"{limits.TOO_DEEP} (more than {limits.MAX_DEPTH} levels)", line=1, col=1)


def _raise_depth(text: str) -> None:
    found = limits.bracket_depth_problem(text)
    if found:
        raise DecodeError([found]) from None


def decode_record(cls: type[T], raw: dict[str, Any]) -> tuple[T, list[Problem]]:
    """Build ``cls`` from parsed TOML; raise DecodeError on errors, return warnings."""
    problems: list[Problem] = []
    record = _record(cls, raw, (), problems)
    errors = [p for p in problems if p.kind == ProblemKind.ERROR]
    if errors or record is None:
        raise DecodeError(problems)
    return record, problems


def encode_record(record: Any) -> dict[str, Any]:
    return _encode_record(record)


def loads(text: str) -> tuple[Meeting, list[Problem]]:
    """Parse a meeting; raise DecodeError on errors, return warnings."""
    return decode_record(Meeting, parse_toml(text))


def decode_bytes(data: bytes) -> str:
    """UTF-8 text of a file, with a problem that names the byte on failure."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DecodeError(
            [
                Problem(
                    message=f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8", line=line, col=col
                )
            ]
        ) from None
