"""Issue 18: the cheaper per-file path of a fresh clone gives exactly what the plain walks gave.

Reading one meeting file (``cesam list``, ``cesam check`` and the TUI's list on
a fresh clone) was made cheaper: a decoder per model type worked out once
instead of asking ``typing`` about every value, the limits walk and the
conflict-marker scan skipping their detailed work when a quick look finds
nothing, validation counting repeats only when there are any, the path check
on strings. Each is held here against the plain implementation it replaced
(kept below as the reference), on the demo's files and on broken ones, and
end to end: the summaries and ``check``'s output (file:line:col) with the
references put back are the same.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import pickle
import random
import re
import types
import typing
from collections import Counter
from enum import Enum
from pathlib import Path
from typing import Any

import pytest

from store.core import codec, limits, validate
from store.core import config as config_module
from store.core.config import Config
from store.core.errors import Problem, ProblemKind
from store.core.model import Meeting
from store.services.checking import Checker
from store.services.repo_paths import safe_path
from store.services.repository import Repository
from store.services.summary import MeetingSummary, SummaryCache

# ---------------------------------------------------------------- the references (the code before)


class _ReferenceDecoder:
    """The generic walk the per-type decoders replaced: typing and dataclasses asked for every value."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def problem(self, path: codec.Path_, message: str, kind: ProblemKind = ProblemKind.ERROR) -> None:
        self.problems.append(Problem(message=message, key_path=path, kind=kind))

    def value(self, tp: Any, raw: Any, path: codec.Path_) -> Any:
        origin, type_args = typing.get_origin(tp), typing.get_args(tp)
        if origin in (typing.Union, types.UnionType):
            args = [a for a in type_args if a is not type(None)]
            if raw is None:
                return None
            return self.value(args[0], raw, path)
        if origin is list:
            (inner,) = type_args
            if not isinstance(raw, list):
                self.problem(path, f"{codec.dotted(path)} must be a list")
                return []
            return [self.value(inner, v, (*path, i)) for i, v in enumerate(raw)]
        if dataclasses.is_dataclass(tp):
            if not isinstance(raw, dict):
                self.problem(path, f"{codec.dotted(path)} must be a table")
                return None
            return self.record(tp, raw, path)
        if isinstance(tp, type) and issubclass(tp, Enum):
            try:
                return tp(raw)
            except ValueError:
                self.problem(path, f"{codec.dotted(path)}: {raw!r} is not allowed; use {codec._type_name(tp)}")
                return None
        if tp is dt.date:
            if isinstance(raw, dt.date) and not isinstance(raw, dt.datetime):
                return raw
            self.problem(path, f"{codec.dotted(path)} must be {codec._type_name(tp)}, not {raw!r}")
            return None
        if tp is bool or tp is int or tp is str:
            if type(raw) is tp:
                return raw
            self.problem(path, f"{codec.dotted(path)} must be {codec._type_name(tp)}, not {raw!r}")
            return None
        return raw

    def record(self, cls: Any, raw: dict[str, Any], path: codec.Path_) -> Any:
        hints = typing.get_type_hints(cls)
        kwargs: dict[str, Any] = {}
        fields = {f.name: f for f in dataclasses.fields(cls)}
        for name, f in fields.items():
            if name == "extra":
                continue
            if name not in raw:
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                    self.problem(path, f"{codec.dotted((*path, name))} is missing")
                continue
            decoded = self.value(hints[name], raw[name], (*path, name))
            if decoded is not None or raw[name] is None:
                kwargs[name] = decoded
        extra = {k: v for k, v in raw.items() if k not in fields or k == "extra"}
        for key in extra:
            allowed = ", ".join(n for n in fields if n != "extra")
            self.problem(
                (*path, key),
                f"unknown key {codec.dotted((*path, key))!r}; it is kept as it is (known keys here: {allowed})",
                ProblemKind.WARNING,
            )
        try:
            obj = cls(**kwargs)
        except TypeError:
            return None
        obj.extra = extra
        return obj


def reference_decode_record(cls: Any, raw: dict[str, Any]) -> tuple[Any, list[Problem]]:
    decoder = _ReferenceDecoder()
    record = decoder.record(cls, raw, ())
    errors = [p for p in decoder.problems if p.kind == ProblemKind.ERROR]
    if errors or record is None:
        raise codec.DecodeError(decoder.problems)
    return record, decoder.problems


def reference_data_problem(data: Any, bounds: limits.Limits = limits.DEFAULT) -> Problem | None:
    """The walk with a key path for every value, as it ran on every file."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if len(path) > bounds.depth:
            return Problem(f"{limits.TOO_DEEP} (more than {bounds.depth} levels)", key_path=path[: bounds.depth])
        if isinstance(value, str):
            if len(value) > bounds.string:
                return Problem(
                    f"a text of {len(value):,} characters; cesam reads texts up to {bounds.string:,}".replace(",", " "),
                    key_path=path,
                )
        elif isinstance(value, dict):
            stack.extend((v, (*path, k)) for k, v in value.items())
        elif isinstance(value, list):
            if len(value) > bounds.array:
                return Problem(
                    f"a list of {len(value):,} entries; cesam reads lists of up to {bounds.array:,}".replace(",", " "),
                    key_path=path,
                )
            stack.extend((v, (*path, i)) for i, v in enumerate(value))
    return None


def reference_marker_lines(text: str) -> list[tuple[int, str]]:
    out = []
    for number, line in enumerate(text.split("\n"), 1):
        match = codec._MARKER.match(line.removesuffix("\r"))
        if match:
            out.append((number, (match.group(1) or match.group(2))[0]))
    return out


def reference_to_json(summary: MeetingSummary) -> dict[str, object]:
    data = dataclasses.asdict(summary)
    data["date"] = summary.date.isoformat()
    return data


# ---------------------------------------------------------------- broken data

JUNK: list[Any] = [None, 1, 0, -3, "x", "", [], {}, [1, "a"], {"a": 1}, True, 1.5, ["a", "b"], [{}], [[]]]
JUNK += [dt.date(2020, 1, 1), dt.datetime(2020, 1, 1, 12, 0), dt.time(13, 0), "ja", "beslut", "draft"]


def _mutated(data: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """``data`` with one to four values replaced, removed or added somewhere in it."""
    data = copy.deepcopy(data)
    for _ in range(rng.randint(1, 4)):
        node: Any = data
        for _ in range(rng.randint(0, 5)):
            keys = list(node) if isinstance(node, dict) else list(range(len(node)))
            if not keys:
                break
            below = node[rng.choice(keys)]
            if not isinstance(below, dict | list) or rng.random() < 0.3:
                break
            node = below
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        if not keys:
            continue
        key, roll = rng.choice(keys), rng.random()
        if roll < 0.5:
            node[key] = rng.choice(JUNK)
        elif roll < 0.7 and isinstance(node, dict):
            del node[key]
        elif isinstance(node, dict):
            node[rng.choice(["zz", "extra", "note", "id"])] = rng.choice(JUNK)
    return data


def _outcome(decode: Any, cls: Any, raw: dict[str, Any]) -> tuple[Any, ...]:
    def told(problems: list[Problem]) -> list[tuple[Any, ...]]:
        return [(p.message, p.key_path, p.kind, p.line, p.col) for p in problems]

    try:
        record, warnings = decode(cls, copy.deepcopy(raw))
    except codec.DecodeError as exc:
        return ("refused", told(exc.problems))
    return ("read", pickle.dumps(record), told(warnings))


def _demo_tables(repo: Repository) -> list[dict[str, Any]]:
    return [codec.tomllib.loads((repo.root / ref.relpath).read_text(encoding="utf-8")) for ref in repo.list_refs()]


# ---------------------------------------------------------------- the pieces


def test_the_decoder_gives_what_the_generic_walk_gave(demo_repo: Repository) -> None:
    rng = random.Random(18)
    tables = _demo_tables(demo_repo)
    refused = 0
    for table in tables:
        for raw in [table, *(_mutated(table, rng) for _ in range(40))]:
            expected = _outcome(reference_decode_record, Meeting, raw)
            assert _outcome(codec.decode_record, Meeting, raw) == expected
            refused += expected[0] == "refused"
    config = codec.tomllib.loads((demo_repo.root / "cesam.toml").read_text(encoding="utf-8"))
    for raw in [config, *(_mutated(config, rng) for _ in range(200))]:
        assert _outcome(codec.decode_record, Config, raw) == _outcome(reference_decode_record, Config, raw)
    assert refused > len(tables) * 5  # the broken data did reach the error paths


def _nested(rng: random.Random, depth: int = 0) -> Any:
    roll = rng.random()
    if depth > 7 or roll < 0.3:
        return rng.choice(["", "abc", "x" * rng.randint(0, 12), 1, 2.5, True, dt.date(2020, 1, 1)])
    if roll < 0.65:
        return {f"k{i}": _nested(rng, depth + 1) for i in range(rng.randint(0, 4))}
    return [_nested(rng, depth + 1) for _ in range(rng.randint(0, 6))]


def test_the_limits_walk_finds_what_the_full_walk_found() -> None:
    rng = random.Random(18)
    found = 0
    for _ in range(5000):
        data = _nested(rng)
        bounds = limits.Limits(depth=rng.randint(0, 6), string=rng.randint(0, 10), array=rng.randint(0, 5))
        expected = reference_data_problem(data, bounds)
        assert limits.data_problem(data, bounds) == expected
        found += expected is not None
    assert 1000 < found < 4000  # both answers were asked for many times


def test_the_limits_walk_of_the_demo_files_is_that_of_the_full_walk(demo_repo: Repository) -> None:
    for table in _demo_tables(demo_repo):
        for bounds in (limits.DEFAULT, limits.Limits(depth=3), limits.Limits(string=40), limits.Limits(array=2)):
            assert limits.data_problem(table, bounds) == reference_data_problem(table, bounds)


def test_the_marker_scan_finds_what_matching_every_line_found() -> None:
    rng = random.Random(18)
    lines = ["a = 1", "=======", "<<<<<<< HEAD", ">>>>>>> theirs", "|||||||", "======= x", "<<<<<<<", ""]
    lines += ["=======x", "\r", "\u2028", ">>>>>>>", " <<<<<<<", "x\n=======", "<<<<<<<<"]
    for _ in range(5000):
        text = rng.choice(["\n", "\r\n", "\n\n"]).join(rng.choice(lines) for _ in range(rng.randint(0, 8)))
        assert codec._marker_lines(text) == reference_marker_lines(text)


def test_a_summary_as_json_is_what_asdict_gave() -> None:
    summaries = [
        MeetingSummary("a", dt.date(2024, 1, 2), "held", "13:00", "Rum 1", 4, 2, "", "b" * 40, ["a/2024-01-02#f1"], []),
        MeetingSummary("b", dt.date(2023, 5, 6), error="meetings/b/2023/2023-05-06.toml:3:1: wrong", blob="c"),
    ]
    for summary in summaries:
        assert summary.to_json() == reference_to_json(summary)
        assert MeetingSummary.from_json(summary.to_json()) == summary
    data = summaries[0].to_json()
    assert data["open_refs"] is not summaries[0].open_refs  # a copy, as asdict made


def test_the_path_check_on_strings_refuses_and_gives_what_pathlib_did(tmp_path: Path) -> None:
    root = (tmp_path / "repo").resolve()
    (root / "meetings/a/2024").mkdir(parents=True)
    (root / "meetings/a/2024/2024-01-02.toml").write_text("x", encoding="utf-8")
    (root / "meetings/link").symlink_to(root / "meetings/a")
    assert safe_path(root, "meetings/a/2024/2024-01-02.toml") == root / "meetings/a/2024/2024-01-02.toml"
    assert safe_path(root, "meetings/./a/2024/new.toml") == root / "meetings/a/2024/new.toml"
    for bad in ("meetings/link/2024/2024-01-02.toml", "../x.toml", "/etc/passwd", "-x", ""):
        with pytest.raises(Exception, match=r".") as caught:
            safe_path(root, bad)
        assert type(caught.value).__name__ == "UsageError"


# ---------------------------------------------------------------- end to end


def _broken_files(repo: Repository) -> None:
    """One broken file of each kind next to the demo's meetings."""
    source = next(p for p in sorted((repo.root / "meetings").rglob("*.toml")))
    text = source.read_text(encoding="utf-8")
    folder = source.parent
    date = source.stem
    year = date[:4]

    def variant(day: str, new: str) -> None:
        (folder / f"{year}-12-{day}.toml").write_text(new.replace(f"date = {date}", f"date = {year}-12-{day}"), "utf-8")

    variant("01", text + "\nbroken = \n")  # a TOML syntax error
    variant("02", text.replace("status = ", "status = 7 #", 1))  # a wrong type
    variant("03", text + '\nsurprise = "kept"\n')  # an unknown key (a warning)
    variant("04", text.replace('status = "', 'status = "nonsense', 1))  # a value not allowed
    variant("05", "<<<<<<< HEAD\n" + text + "=======\n>>>>>>> theirs\n")  # a conflict
    variant("06", text + "\ndeep = " + "[" * 40 + "]" * 40 + "\n")  # nested past the limit
    variant("07", text.replace("[[items]]", "[[items]]\nid = 12\n", 1))  # a wrong type in a table
    (folder / f"{year}-12-08.toml").write_bytes(text.encode("utf-8") + b"\nx = '\xff'\n")  # not UTF-8


def _with_references(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(codec, "decode_record", reference_decode_record)
    monkeypatch.setattr(config_module, "decode_record", reference_decode_record)
    monkeypatch.setattr(limits, "data_problem", reference_data_problem)
    monkeypatch.setattr(codec, "_marker_lines", reference_marker_lines)
    monkeypatch.setattr(validate, "_counts", Counter)
    monkeypatch.setattr(MeetingSummary, "to_json", reference_to_json)


def _answers(repo_root: Path, cache: Path) -> tuple[list[dict[str, object]], dict[str, list[str]]]:
    repo = Repository.open(repo_root)
    summaries = [reference_to_json(s) for s in SummaryCache(repo, path=cache / "s").summaries()]
    checker = Checker(repo, path=cache / "c")
    relpaths = [ref.relpath for ref in repo.list_refs()]
    checker.prepare(relpaths)
    return summaries, {relpath: [str(p) for p in checker.check(relpath)] for relpath in relpaths}


def test_summaries_and_check_are_those_of_the_plain_path(
    demo_repo: Repository, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CESAM_WORKERS", "1")  # the references are patched into this process only
    _broken_files(demo_repo)
    fast = _answers(demo_repo.root, tmp_path / "fast")
    with monkeypatch.context() as patched:
        _with_references(patched)
        plain = _answers(demo_repo.root, tmp_path / "plain")
    assert fast == plain
    summaries, checked = fast
    broken = {s["date"]: s["error"] for s in summaries if s["error"]}
    assert len(broken) == 7  # every broken file but the one with an unknown key is named in the list
    syntax = next(problems for relpath, problems in checked.items() if relpath.endswith("-12-01.toml"))
    assert any(":" in p.split(": ")[0] and "TOML syntax error" in p for p in syntax)  # file:line:col
    assert all(p.split(": ")[0].count(":") == 2 for relpath in checked for p in checked[relpath] if "-12-0" in relpath)


def test_a_cold_list_is_reported_after_doubling_counts(
    demo_repo: Repository, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each report redraws every row so far: after 2, 4, 8, … parses, not after every 2 (O(n²) rows drawn)."""
    monkeypatch.setenv("CESAM_WORKERS", "1")
    source = next(p for p in sorted((demo_repo.root / "meetings").rglob("*.toml")))
    text = source.read_text(encoding="utf-8")
    for day in range(1, 32):
        date = f"{source.stem[:4]}-03-{day:02d}"
        (source.parent / f"{date}.toml").write_text(text.replace(f"date = {source.stem}", f"date = {date}"), "utf-8")
    total = len(demo_repo.list_refs())
    reports: list[int] = []
    final = SummaryCache(demo_repo, path=tmp_path / "s").summaries(progress=lambda s: reports.append(len(s)), every=2)
    assert len(final) == total > 32
    assert reports == [n for n in (2, 4, 8, 16, 32) if n <= total]


def test_the_surrogate_test_is_the_range_search() -> None:
    rng = random.Random(18)
    alphabet = ["a", "å", "ö", "\u2028", "\U0001f600", "\ud800", "\udfff", "\udc80", "\ud7ff", "\ue000", "\x00"]
    search = re.compile("[\ud800-\udfff]").search
    seen = set()
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6)))
        assert validate._has_surrogate(text) == (search(text) is not None)
        seen.add(validate._has_surrogate(text))
    assert seen == {True, False}
