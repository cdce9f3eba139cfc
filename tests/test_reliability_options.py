"""Options and names: nothing from the data or the command line reaches git as an option.

Every git command cesam runs is recorded by git itself (GIT_TRACE) while a
session of saves, hand edits, recovery, status and history reads runs with
names that look like options. Each path must follow ``--`` (or a
``REV:PATH`` follow ``--end-of-options``); messages travel on stdin.
"""

from __future__ import annotations

import datetime as dt
import shlex
from pathlib import Path

import pytest
from conftest import small_config, small_meeting

from cesam_cli.main import main
from store.core.config import Group, dumps_config
from store.core.errors import InvalidFileError, UsageError
from store.core.model import Meeting, Statement
from store.services.recovery import write_journal
from store.services.repository import MeetingRef, Repository, atomic_write, init_repository


def _traced(trace: Path) -> list[list[str]]:
    commands = []
    for line in trace.read_text(encoding="utf-8", errors="replace").splitlines():
        marker = "trace: built-in: git "
        if marker in line:
            commands.append(shlex.split(line.split(marker, 1)[1]))
    return commands


def _assert_paths_after_separator(commands: list[list[str]]) -> int:
    checked = 0
    for argv in commands:
        for i, arg in enumerate(argv):
            names_data = arg.startswith(("meetings/", "cesam.toml", ".gitattributes")) or ":meetings/" in arg
            if not names_data:
                continue
            before = argv[:i]
            if ":" in arg and not arg.startswith("meetings/"):
                assert "--end-of-options" in before, f"revision without --end-of-options: git {shlex.join(argv)}"
            else:
                assert "--" in before, f"path without -- before it: git {shlex.join(argv)}"
            checked += 1
    return checked


def test_every_git_call_puts_data_after_the_separator(
    repo: Repository, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    trace = tmp_path / "git-trace.txt"
    monkeypatch.setenv("GIT_TRACE", str(trace))
    root = repo.root

    repo.create(small_meeting())
    repo.apply("2023-09-05", lambda m: setattr(m, "place", "--help"), message="--amend")
    assert repo.git.run("log", "-1", "--format=%s") == "--amend", "a message that looks like an option is a message"
    assert int(repo.git.run("rev-list", "--count", "HEAD")) == 3, "and nothing was amended"
    repo.apply(
        "2023-09-05", lambda m: m.item("digital").statements.append(Statement("s", "Vision", text="-rf --force"))
    )
    # a hand edit committed with commit-edits; an interrupted save completed by recovery
    path = root / "meetings/cesam/2023/2023-09-05.toml"
    path.write_text(path.read_text().replace('place = "--help"', 'place = "-n"'))
    assert main(["--repo", str(root), "commit-edits"]) == 0
    new = path.read_text().replace('place = "-n"', 'place = "--version"')
    write_journal(repo, "meetings/cesam/2023/2023-09-05.toml", path.read_bytes(), new.encode(), "--amend -m x")
    atomic_write(path, new)
    assert Repository(root).recover() == ["an interrupted save was completed: --amend -m x"]
    assert main(["--repo", str(root), "status", "--diff"]) == 0
    assert main(["--repo", str(root), "new", "--date", "2023-10-03"]) == 0
    assert repo.load_at("HEAD~1", MeetingRef("cesam", dt.date(2023, 9, 5))) is not None
    capsys.readouterr()

    commands = _traced(trace)
    assert len(commands) > 10
    assert _assert_paths_after_separator(commands) > 5


def test_revisions_that_look_like_options_are_refused(repo: Repository, tmp_path: Path) -> None:
    repo.create(small_meeting())
    ref = MeetingRef("cesam", dt.date(2023, 9, 5))
    for rev in ("--output=" + str(tmp_path / "pwned"), "-p", ""):
        with pytest.raises(UsageError, match="is not a revision"):
            repo.load_at(rev, ref)
    assert not list(tmp_path.glob("pwned*"))


@pytest.mark.parametrize("name", ["--help", "-rf", "-", "--", "--repo=/tmp"])
def test_command_line_names_that_look_like_options(
    repo: Repository, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    repo.create(small_meeting())
    capsys.readouterr()
    for argv in (["show", "--", name], ["check", "--", name], ["commit-edits", "--", name]):
        code = main(["--repo", str(repo.root), *argv])
        out, err = capsys.readouterr()
        assert code in (1, 2), (argv, out, err)
        assert "internal error" not in err
    assert repo.state().clean


@pytest.mark.parametrize("group_id", ["--help", "-rf", "CESAM", "a/b", "..", "cesam "])
def test_group_ids_that_would_not_name_a_folder_are_refused(tmp_path: Path, group_id: str) -> None:
    config = small_config()
    config.groups.append(Group(group_id, "Ond grupp"))
    repo = init_repository(tmp_path / "repo", small_config())
    (repo.root / "cesam.toml").write_text(dumps_config(config), encoding="utf-8")
    problems = repo.check_file("cesam.toml")
    assert any("names the folder" in p.message and p.line > 0 for p in problems), problems
    with pytest.raises(InvalidFileError, match="group id"):
        repo.create(Meeting(group=group_id, date=dt.date(2023, 9, 5)))
    assert not (repo.root / "meetings").exists() or not any((repo.root / "meetings").iterdir())
