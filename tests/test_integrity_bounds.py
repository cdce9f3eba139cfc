"""Issue 14: data is bounded when read; one hostile file never stops commands for the other meetings.

An 800-byte file with a value nested 400 deep used to end `list`, `check`,
`restlista`, `new`, `diff` and `sync` in ``internal error: RecursionError``
with no file named, and left the UI's list empty.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from cesam_cli.main import main
from store.core import codec, limits
from store.core.errors import ExitCode
from store.services.repository import Repository
from store.services.summary import SummaryCache

BAD = "meetings/cesam/2022/2022-09-20.toml"
DEEP = "[" * 400 + "]" * 400


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "RecursionError" not in out + err and "internal error" not in out + err
    return code, out + err


def _poison(repo: Repository) -> None:
    path = repo.root / BAD
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n[[", f"\nx = {DEEP}\n\n[[", 1), encoding="utf-8")
    repo.git.run("commit", "-q", "-am", "a value nested 400 deep")


def test_a_file_nested_400_deep_is_named_with_its_line(demo_repo: Repository) -> None:
    _poison(demo_repo)
    text = (demo_repo.root / BAD).read_text(encoding="utf-8")
    line = text.split("\n").index(f"x = {DEEP}") + 1
    with pytest.raises(codec.DecodeError) as caught:
        codec.loads(text)
    (problem,) = caught.value.problems
    assert problem.line == line and limits.TOO_DEEP in problem.message
    from store.core.errors import InvalidFileError

    with pytest.raises(InvalidFileError) as error:
        demo_repo.load("cesam/2022-09-20")
    assert f"{BAD}:{line}:1: nested too deep" in str(error.value)
    assert error.value.exit_code == ExitCode.INVALID


@pytest.mark.parametrize(
    "shape",
    [
        "x = " + "[" * 400 + "]" * 400,
        "x = " + "{a = " * 400 + "1" + "}" * 400,
        "x." + ".".join(["a"] * 400) + " = 1",  # dotted keys nest tables without brackets
        "[" + ".".join(["a"] * 400) + "]\nb = 1",
    ],
    ids=["arrays", "inline-tables", "dotted-keys", "header"],
)
def test_every_way_of_nesting_is_bounded(shape: str) -> None:
    text = 'schema = 1\ngroup = "cesam"\ndate = 2023-09-05\n' + shape + "\n"
    with pytest.raises(codec.DecodeError) as caught:
        codec.loads(text)
    assert caught.value.problems[0].message.startswith(limits.TOO_DEEP)


def _scan_first(text: str) -> list[str]:
    """The problems the reader gave when it scanned brackets before parsing (its order until issue 18)."""
    found = limits.bracket_depth_problem(text)
    if found:
        return [f"{found.line}:{found.message}"]
    with pytest.raises(codec.DecodeError) as caught:
        codec.parse_toml(text)
    return [f"{p.line}:{p.message}" for p in caught.value.problems]


@pytest.mark.parametrize("depth", [33, 40, 200, 400, 5000])
@pytest.mark.parametrize(
    "tail",
    ["", "\nbroken = \n", '\nlong = "' + "x" * (limits.MAX_STRING + 1) + '"\n', "\n<<<<<<< HEAD\n"],
    ids=["alone", "with-a-syntax-error", "with-a-long-text", "with-a-marker"],
)
def test_the_scan_run_only_on_a_problem_reports_what_the_scan_first_did(depth: int, tail: str) -> None:
    # the parser goes first now (the scan costs a third of its time); the problem named must not move
    text = 'schema = 1\ngroup = "cesam"\n\nx = ' + "[" * depth + "]" * depth + tail
    with pytest.raises(codec.DecodeError) as caught:
        codec.parse_toml(text)
    assert [f"{p.line}:{p.message}" for p in caught.value.problems] == _scan_first(text)
    assert caught.value.problems[0].line == 4


def test_brackets_in_strings_and_comments_do_not_count() -> None:
    deep = "[" * 100
    text = (
        f'schema = 1\ngroup = "cesam"\ndate = 2023-09-05\nchair = "{deep}"\n'
        f"secretary = '{deep}'\n# {deep}\nplace = \"\"\"\n{deep}\n\"\"\"\nnote = '''{deep}'''\n"
    )
    meeting, _ = codec.loads(text)
    assert meeting.chair == deep


def test_size_limits_say_what_and_how_large() -> None:
    long = 'schema = 1\ngroup = "cesam"\ndate = 2023-09-05\nplace = "' + "a" * (limits.MAX_STRING + 1) + '"\n'
    with pytest.raises(codec.DecodeError) as caught:
        codec.loads(long)
    assert "place" in str(caught.value.problems[0].key_path) and "texts up to" in caught.value.problems[0].message
    many = 'schema = 1\ngroup = "cesam"\ndate = 2023-09-05\nadjusters = [' + '"a",' * (limits.MAX_ARRAY + 1) + "]\n"
    with pytest.raises(codec.DecodeError) as caught:
        codec.loads(many)
    assert "lists of up to" in caught.value.problems[0].message
    huge = "# " + "x" * limits.MAX_FILE_BYTES + "\n"
    with pytest.raises(codec.DecodeError) as caught:
        codec.loads(huge)
    assert caught.value.problems[0].line == 1 and "bytes" in caught.value.problems[0].message


def test_every_command_works_for_the_other_meetings_and_names_the_bad_file(
    demo_repo: Repository, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = str(demo_repo.root)
    # a remote with a change to another meeting, so sync merges and reads the merged files
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "clone", "-q", "--bare", root, str(remote)], check=True)
    demo_repo.git.run("remote", "add", "origin", str(remote))
    demo_repo.git.run("fetch", "-q", "origin")
    demo_repo.git.run("branch", "-q", "--set-upstream-to=origin/main")
    other = tmp_path / "other"
    subprocess.run(["git", "clone", "-q", str(remote), str(other)], check=True)
    theirs = Repository.open(other)
    theirs.apply("cesam/2023-09-05", lambda m: setattr(m, "place", "Rådhuset"))
    theirs.git.run("push", "-q", "origin", "main")
    _poison(demo_repo)

    code, text = _run(capsys, "--repo", root, "list")
    assert code == ExitCode.PROBLEMS and BAD in text and "2023-09-05" in text and "2021-06-15" in text
    code, text = _run(capsys, "--repo", root, "check")
    assert code == ExitCode.PROBLEMS and f"{BAD}:" in text and "nested too deep" in text
    code, text = _run(capsys, "--repo", root, "search", "budget")
    assert code == 0 and BAD in text and "Budget" in text
    code, text = _run(capsys, "--repo", root, "restlista")
    assert code == ExitCode.PROBLEMS and BAD in text and "Restlista" in text
    code, text = _run(capsys, "--repo", root, "new", "--date", "2024-01-10")
    assert code == 0 and "2024-01-10" in text
    code, text = _run(capsys, "--repo", root, "diff", "cesam/2023-09-05", "HEAD~3")
    assert code == 0
    code, text = _run(capsys, "--repo", root, "diff", "cesam/2022-09-20", "HEAD~1")
    assert code == ExitCode.INVALID and BAD in text and "nested too deep" in text
    code, text = _run(capsys, "--repo", root, "sync")
    assert code == 0, text
    assert demo_repo.load("cesam/2023-09-05").meeting.place == "Rådhuset"

    summaries = SummaryCache(demo_repo).summaries()
    assert {s.date for s in summaries} >= {dt.date(2021, 6, 15), dt.date(2022, 9, 20), dt.date(2023, 9, 5)}
    (bad,) = [s for s in summaries if s.error]
    assert BAD in bad.error and "nested too deep" in bad.error


def test_a_save_past_a_limit_is_refused_naming_the_field(demo_repo: Repository) -> None:
    """Nothing is written that cannot be read back."""
    from store.core.errors import InvalidFileError

    path = demo_repo.root / "meetings/cesam/2023/2023-09-05.toml"
    before = path.read_bytes()
    with pytest.raises(InvalidFileError) as caught:
        demo_repo.apply("cesam/2023-09-05", lambda m: setattr(m, "place", "a" * (limits.MAX_STRING + 1)))
    assert "texts up to" in str(caught.value) and ":" in str(caught.value)
    assert path.read_bytes() == before
    assert demo_repo.state().clean
