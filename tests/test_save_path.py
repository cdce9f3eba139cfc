"""Issue 18: what one save runs, and what it checks before anything is written.

A save is one `git commit` (no status, rev-parse or hash-object beside it);
git's own housekeeping check, which `git commit` starts after every commit,
runs every GRAPH_EVERY saves instead. The text written must read back as the
meeting confirmed: a writer or a reader that would alter it stops the save
before the file is touched.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import small_meeting

from store.core import codec
from store.core.errors import InvalidFileError
from store.gitio import gitconfig
from store.services.history import GRAPH_EVERY, note_commit
from store.services.repository import Repository

MEETING = "meetings/cesam/2023/2023-09-05.toml"


def _traced(repo: Repository, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """GIT_TRACE for every git cesam starts from now on; the file lists each git process and its children."""
    trace = tmp_path / "trace"
    monkeypatch.setenv("GIT_TRACE", str(trace))
    return trace


def _commands(trace: Path) -> list[str]:
    if not trace.exists():
        return []
    lines = trace.read_text(encoding="utf-8", errors="replace").splitlines()
    return [line.split("built-in: ", 1)[1] for line in lines if "built-in: " in line]


def test_a_save_is_one_git_commit_and_nothing_else(
    repo: Repository, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    repo.create(small_meeting())
    repo.apply("cesam/2023-09-05", lambda m: setattr(m, "place", "Rum 1"))  # the first save checks the identity
    (repo.git_dir / "cesam-commit-graph").write_text("1")  # far from the next graph write
    trace = _traced(repo, monkeypatch, tmp_path)
    for n in range(3):
        head = repo.head_id()
        result = repo.apply("cesam/2023-09-05", lambda m, n=n: setattr(m, "place", f"Rum {n + 2}"))
        assert result.commit and repo.git.run("rev-parse", f"{result.commit}^") == head
    commands = [c for c in _commands(trace) if not c.startswith("git rev-parse")]  # the test's own
    assert [c.split()[1] for c in commands] == ["commit"] * 3, commands
    assert repo.git.run("log", "-1", "--format=%s") == "CESAM 2023-09-05: plats ändrad"


def test_git_housekeeping_runs_every_graph_every_saves(
    repo: Repository, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    repo.create(small_meeting())
    trace = _traced(repo, monkeypatch, tmp_path)
    (repo.git_dir / "cesam-commit-graph").write_text(str(GRAPH_EVERY - 2))
    repo.apply("cesam/2023-09-05", lambda m: setattr(m, "place", "Rum 1"))
    assert not any(c.startswith("git maintenance") for c in _commands(trace))
    repo.apply("cesam/2023-09-05", lambda m: setattr(m, "place", "Rum 2"))  # the GRAPH_EVERY-th
    assert any(c.startswith("git maintenance run --auto") for c in _commands(trace)), _commands(trace)


def test_housekeeping_switched_off_by_the_user_stays_off(
    repo: Repository, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    repo.create(small_meeting())
    gitconfig.set_local(repo.git, "maintenance.auto", "false")
    trace = _traced(repo, monkeypatch, tmp_path)
    note_commit(repo, every=1)
    assert _commands(trace)[0].startswith("git config"), "asked"
    assert not any(c.startswith("git maintenance") for c in _commands(trace))


def test_housekeeping_does_what_git_commit_would(repo: Repository) -> None:
    """Past gc.autoPackLimit, git's check repacks: what cesam runs is git's own housekeeping."""
    repo.create(small_meeting())
    gitconfig.set_local(repo.git, "gc.autoPackLimit", "1")
    gitconfig.set_local(repo.git, "gc.autoDetach", "false")
    for n in range(2):
        repo.apply("cesam/2023-09-05", lambda m, n=n: setattr(m, "place", f"Rum {n}"))
        repo.git.run("repack", "-q")  # a pack of its own for each
    assert _objects(repo)["packs"] == 2
    note_commit(repo, every=1)
    assert _objects(repo)["packs"] == 1 and _objects(repo)["count"] == 0


def _objects(repo: Repository) -> dict[str, int]:
    return {
        key: int(value)
        for key, value in (line.split(": ") for line in repo.git.run("count-objects", "-v").splitlines())
    }


def _file_and_head(repo: Repository) -> tuple[bytes, str | None]:
    return (repo.root / MEETING).read_bytes(), repo.head_id()


def test_a_writer_that_would_alter_the_meeting_stops_the_save(
    repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The text is parsed again and must be the confirmed meeting: a writer's slip is never stored."""
    repo.create(small_meeting())
    before = _file_and_head(repo)
    real = codec.dumps_table

    def slipping(data: dict[str, object]) -> str:
        return real(data).replace('place = "Rum 2"', 'place = "Rum 3"')

    monkeypatch.setattr(codec, "dumps_table", slipping)
    with pytest.raises(InvalidFileError) as caught:
        repo.apply("cesam/2023-09-05", lambda m: setattr(m, "place", "Rum 2"))
    assert "place would not be stored exactly as given" in str(caught.value.problems[0].message)
    assert caught.value.problems[0].file == MEETING and caught.value.problems[0].line
    assert _file_and_head(repo) == before, "nothing written, nothing committed"
    monkeypatch.setattr(codec, "dumps_table", real)
    assert repo.apply("cesam/2023-09-05", lambda m: setattr(m, "place", "Rum 2")).changed


def test_a_reader_that_would_alter_the_meeting_stops_the_save(
    repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same when the text is right and reading it back is not (a field the reader drops)."""
    repo.create(small_meeting())
    before = _file_and_head(repo)
    real = codec.loads

    def dropping(text: str) -> tuple[object, list[object]]:
        meeting, warnings = real(text)
        meeting.place = ""
        return meeting, warnings

    monkeypatch.setattr(codec, "loads", dropping)
    with pytest.raises(InvalidFileError) as caught:
        repo.apply("cesam/2023-09-05", lambda m: setattr(m, "place", "Rum 2"))
    assert "place would not be stored exactly as given" in str(caught.value.problems[0].message)
    assert _file_and_head(repo) == before
