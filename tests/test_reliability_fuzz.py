"""Fuzzing the codec, the loader and `cesam check` with hypothesis.

* Generated meetings with arbitrary text (every code point, lone surrogates
  included, control characters, BOM, quotes, backslashes, CR) and arbitrary
  unknown keys either come back from the file exactly as they were
  (byte-identical on a second write) or are refused with a message.
* Mutated meeting files (bytes cut, inserted, duplicated, swapped, invalid
  UTF-8, conflict markers) never crash the loader or `cesam check`: every
  problem names the file and, for an error, a line.

Example counts: a few hundred by default, thousands with CESAM_STRESS=1.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import Counter
from typing import Any

import pytest
from conftest import small_config, small_meeting
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cesam_cli.main import main
from store.core import codec
from store.core.errors import CesamError, ProblemKind
from store.core.model import Attachment, Attendee, FollowUp, Item, Meeting, Outcome, OutcomeKind, Statement
from store.services.demo import demo_files
from store.services.repository import Repository, init_repository

STRESS = bool(os.environ.get("CESAM_STRESS"))
EXAMPLES = {"codec": 3000 if STRESS else 300, "save": 400 if STRESS else 60, "mutate": 3000 if STRESS else 300}
TRIED: Counter[str] = Counter()

NASTY = [
    "",
    '"',
    '"""',
    "'''",
    "\\",
    "a\\",
    "\\n",
    "\r",
    "\r\n",
    "a\r\nb\r\n",
    "\n",
    "\n\n\n",
    "\x00",
    "\x1b[2J\x1b]0;title\x07",
    "\ufeff",
    "\ufeffBOM",
    "\u2028\u2029\x85",
    "\u202egnp.exe",
    "[bold]fet[/bold] [@click=app.quit]x[/]",
    "--help",
    "-rf",
    "=======",
    "<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> branch\n",
    "Rubrik\n=======\n",
    "a = 1\n[items]\n",
    '"""\n[[items]]\nid = "x"\n"""',
    "\ud800",
    "x\udfffy",
    "\t\x0b\x0c",
    "🙂👩‍👩‍👧",
]
KNOWN_KEYS = {f.name for cls in (Meeting, Item, Statement, Attendee) for f in cls.__dataclass_fields__.values()}

texts = st.one_of(
    st.sampled_from(NASTY),
    st.text(st.characters(codec=None, exclude_categories=()), max_size=40),
    st.lists(st.sampled_from(NASTY), min_size=2, max_size=4).map("".join),
)
ids = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)
scalars: st.SearchStrategy[Any] = st.one_of(
    texts,
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.booleans(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
)
extras = st.dictionaries(
    texts.filter(lambda k: k not in KNOWN_KEYS),
    st.one_of(
        scalars, st.lists(st.one_of(texts, st.integers()), max_size=3), st.dictionaries(ids, scalars, max_size=2)
    ),
    max_size=3,
)


@st.composite
def meetings(draw: st.DrawFn) -> Meeting:
    unions = ["Kommunal", "Vision", "SACO"]
    item_ids = draw(st.lists(ids, min_size=1, max_size=3, unique=True))
    items = []
    for item_id in item_ids:
        statements = [
            Statement(
                id=f"s{n}",
                party=draw(st.sampled_from(unions)),
                text=draw(texts),
                answer=draw(texts),
                extra=draw(extras),
            )
            for n in range(draw(st.integers(0, 2)))
        ]
        items.append(
            Item(
                id=item_id,
                title=draw(texts),
                purpose=draw(texts),
                presenters=draw(st.lists(texts, max_size=2)),
                body=draw(texts),
                proposal=draw(texts),
                attachments=[Attachment(1, draw(texts))] if draw(st.booleans()) else [],
                statements=statements,
                outcome=Outcome(OutcomeKind.DECISION, text=draw(texts)) if draw(st.booleans()) else Outcome(),
                followups=[FollowUp("f1", draw(texts), owner=draw(texts), closed_note=draw(texts))]
                if draw(st.booleans())
                else [],
                extra=draw(extras),
            )
        )
    return Meeting(
        group="cesam",
        date=dt.date(2023, 9, 5),
        place=draw(texts),
        chair=draw(texts),
        adjusters=draw(st.lists(texts, max_size=2)),
        attendees=[Attendee(id="a1", name=draw(texts), role=draw(texts))],
        items=items,
        extra=draw(extras),
    )


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _same(a: Meeting, b: Meeting) -> bool:
    return codec.first_difference(codec.meeting_to_dict(a), codec.meeting_to_dict(b)) is None


@settings(max_examples=EXAMPLES["codec"], deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(meetings())
def test_generated_meetings_round_trip(meeting: Meeting) -> None:
    TRIED["generated meetings (codec)"] += 1
    text = codec.dumps(meeting)
    if not _encodable(text):
        # a lone surrogate: no UTF-8 file can hold it; validation names the field
        from store.core.validate import text_problems

        assert text_problems(meeting), "unencodable text must be reported by validation"
        return
    try:
        again, _ = codec.loads(text)
    except codec.DecodeError as exc:
        raise AssertionError(f"cesam wrote TOML it cannot read: {exc.problems}\n{text}") from None
    assert _same(again, meeting), codec.first_difference(codec.meeting_to_dict(again), codec.meeting_to_dict(meeting))
    assert codec.dumps(again) == text, "the same meeting always gives the same bytes"


def test_table_names_holding_equals_signs_round_trip() -> None:
    """Found by the fuzzer: a quoted table name holding " = " was cut there, and the file did not parse."""
    meeting = small_meeting()
    meeting.item("digital").extra = {"a = b": {"x": 1}, 'c" = "d': {"y": 2}}
    text = codec.dumps(meeting)
    again, _ = codec.loads(text)
    assert _same(again, meeting)


def test_keys_ending_in_a_newline_round_trip() -> None:
    """Found by the fuzzer: a key "0\\n" passed for a bare key ("$" matches before a final newline)."""
    meeting = small_meeting()
    meeting.extra = {"0\n": {}, "1\n": ""}
    again, _ = codec.loads(codec.dumps(meeting))
    assert _same(again, meeting)


@pytest.fixture(scope="module")
def fuzz_repo(tmp_path_factory: pytest.TempPathFactory) -> Repository:
    # one real repository for all examples; each test's isolated_git gives the identity
    home = tmp_path_factory.mktemp("fuzzhome")
    (home / ".gitconfig").write_text("[user]\n\tname = Fuzz\n\temail = fuzz@example.se\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
        mp.setenv("GIT_CONFIG_NOSYSTEM", "1")
        repo = init_repository(tmp_path_factory.mktemp("fuzz") / "repo", small_config())
        repo.create(small_meeting())
    return repo


@settings(
    max_examples=EXAMPLES["save"],
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(meetings())
def test_generated_meetings_saved_through_the_store(fuzz_repo: Repository, meeting: Meeting) -> None:
    """Through Repository.apply: saved and read back equal, or refused with a CesamError; never a crash."""
    TRIED["generated meetings saved through the store"] += 1
    repo = fuzz_repo

    def replace(current: Meeting) -> None:
        for key in Meeting.__dataclass_fields__:
            setattr(current, key, getattr(meeting, key))

    try:
        repo.apply("2023-09-05", replace)
    except CesamError as exc:
        # the only text refused is text no UTF-8 file can hold (a lone surrogate)
        assert "holds a character that cannot be stored" in str(exc), str(exc)
        TRIED["store refused with a message"] += 1
        assert repo.state().clean, "a refused save leaves nothing behind"
        return
    stored = repo.load("2023-09-05").meeting
    assert _same(stored, meeting)
    assert repo.state().clean


# ---------------------------------------------------------------- mutated files

TOKENS = [
    b'"',
    b'"""',
    b"'''",
    b"[",
    b"]",
    b"[[items]]\n",
    b"[[items.statements]]\n",
    b"[next_meeting]\n",
    b" = ",
    b"=",
    b"\n",
    b"\r\n",
    b"\\",
    b"\\u",
    b"\x00",
    b"\xff\xfe",
    b"\xc3",
    b"\xef\xbb\xbf",
    b"<<<<<<< HEAD\n",
    b"=======\n",
    b">>>>>>> theirs\n",
    b"|||||||\n",
    b"date = 2023-02-30\n",
    b'party = "Visionn"\n',
    b"id = 7\n",
    b'kind = "nonsense"\n',
    b"schema = 99\n",
    b"x = nan\n",
    b"status = [1, 2]\n",
]


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    files = sorted(p for p in demo_files() if p.startswith("meetings/"))
    data = bytearray(demo_files()[draw(st.sampled_from(files))].encode("utf-8"))
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["cut", "insert", "token", "dupline", "swaplines", "truncate", "flip", "nest"]))
        pos = draw(st.integers(0, len(data)))
        if op == "cut":
            del data[pos : pos + draw(st.integers(1, 200))]
        elif op == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=8))
        elif op == "token":
            data[pos:pos] = draw(st.sampled_from(TOKENS))
        elif op in ("dupline", "swaplines"):
            lines = bytes(data).split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            if op == "dupline":
                lines.insert(j, lines[i])
            else:
                lines[i], lines[j] = lines[j], lines[i]
            data = bytearray(b"\n".join(lines))
        elif op == "truncate":
            del data[pos:]
        elif op == "nest":
            # a value nested deeper than any parser's recursion (issue 14: 400 deep ended every command)
            depth = draw(st.integers(20, 2000))
            opener, closer = draw(st.sampled_from([(b"[", b"]"), (b"{a=", b"}"), (b"[{b=", b"}]")]))
            at = bytes(data).find(b"\n", pos)
            at = len(data) if at < 0 else at + 1
            data[at:at] = b"deep = " + opener * depth + b"1" + closer * depth + b"\n"
            TRIED["deep nesting inserted"] += 1
        elif op == "flip" and data:
            at = min(pos, len(data) - 1)
            data[at] ^= 1 << draw(st.integers(0, 7))
    return bytes(data)


def _check_problems(repo: Repository, relpath: str) -> None:
    problems = repo.check_file(relpath)  # must not raise
    for problem in problems:
        assert problem.file == relpath, problem
        assert problem.message, problem
        if problem.kind == ProblemKind.ERROR:
            assert problem.line > 0, f"an error without a line: {problem}"


@settings(
    max_examples=EXAMPLES["mutate"],
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(mutated())
def test_mutated_files_are_reported_with_file_and_line(fuzz_repo: Repository, data: bytes) -> None:
    TRIED["mutated files checked"] += 1
    relpath = "meetings/cesam/2023/2023-09-05.toml"
    path = fuzz_repo.root / relpath
    original = path.read_bytes()
    try:
        path.write_bytes(data)
        _check_problems(fuzz_repo, relpath)
        try:
            fuzz_repo.load("2023-09-05")
        except CesamError as exc:
            assert str(exc)
            TRIED["mutated files rejected by the loader"] += 1
    finally:
        path.write_bytes(original)


@settings(
    max_examples=max(30, EXAMPLES["mutate"] // 10),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(mutated())
def test_mutated_files_through_cesam_check(
    fuzz_repo: Repository, capsys: pytest.CaptureFixture[str], data: bytes
) -> None:
    TRIED["mutated files through `cesam check`"] += 1
    relpath = "meetings/cesam/2023/2023-09-05.toml"
    path = fuzz_repo.root / relpath
    original = path.read_bytes()
    try:
        path.write_bytes(data)
        capsys.readouterr()
        code = main(["--repo", str(fuzz_repo.root), "check"])
        out, err = capsys.readouterr()
        assert code in (0, 1), err
        assert "internal error" not in err and "Traceback" not in err
        for line in out.splitlines()[:-1]:
            assert re.match(r"^(cesam\.toml|meetings/\S+\.toml)(:\d+:\d+)?: ", line), line
            if not line.split(": ", 1)[1].startswith("warning"):
                assert re.match(r"^\S+:\d+:\d+: ", line), f"an error without a line: {line}"
        assert "\x1b" not in out
    finally:
        path.write_bytes(original)


def test_zz_report_counts(capsys: pytest.CaptureFixture[str]) -> None:
    with capsys.disabled():
        print("\nfuzzing:")
        for key, value in sorted(TRIED.items()):
            print(f"  {key}: {value}")
