"""The git layer against real repositories."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import git_log, small_meeting

from store.core.errors import GitError, InvalidFileError, RepoStateError, UsageError
from store.core.model import Statement, StatementKind
from store.services.repository import Repository


def add_statement(meeting) -> None:  # type: ignore[no-untyped-def]
    meeting.item("digital").statements.append(Statement("vision-1", "Vision", StatementKind.VIEW, "Otydlig målbild."))


def test_one_commit_per_change_with_domain_message(repo: Repository) -> None:
    repo.create(small_meeting())
    result = repo.apply("2023-09-05", add_statement)
    assert result.message == "CESAM 2023-09-05 § 2 a: Vision – synpunkt tillagd"
    assert git_log(repo)[:2] == ["CESAM 2023-09-05 § 2 a: Vision – synpunkt tillagd", "CESAM 2023-09-05: möte tillagt"]
    author = repo.git.run("log", "-1", "--format=%an <%ae>|%cn")
    assert author == "Sara Sekreterare <sara@example.se>|Sara Sekreterare"
    assert repo.state().clean


def test_no_change_no_commit(repo: Repository) -> None:
    repo.create(small_meeting())
    before = git_log(repo)
    assert repo.apply("2023-09-05", lambda m: None).commit is None
    assert git_log(repo) == before


def test_english_messages(repo: Repository) -> None:
    repo.create(small_meeting())
    english = Repository(repo.root, lang="en")
    result = english.apply("2023-09-05", add_statement)
    assert result.message == "CESAM 2023-09-05 § 2 a: Vision – view added"


def test_invalid_change_is_refused_and_file_untouched(repo: Repository) -> None:
    repo.create(small_meeting())
    path = repo.root / "meetings/cesam/2023/2023-09-05.toml"
    before = path.read_bytes()

    def bad(meeting) -> None:  # type: ignore[no-untyped-def]
        meeting.item("digital").statements.append(Statement("x", "Okänt förbund"))

    with pytest.raises(InvalidFileError) as info:
        repo.apply("2023-09-05", bad)
    assert "unknown party 'Okänt förbund'" in str(info.value)
    assert "Vision" in str(info.value)  # lists the known ones
    assert path.read_bytes() == before


def test_hand_edit_is_never_overwritten(repo: Repository) -> None:
    repo.create(small_meeting())
    path = repo.root / "meetings/cesam/2023/2023-09-05.toml"
    path.write_text(path.read_text() + '\nplace = "handskrivet"\n'.replace("\nplace", "\n#"), encoding="utf-8")
    with pytest.raises(RepoStateError, match="not committed"):
        repo.apply("2023-09-05", add_statement)
    assert "handskrivet" in path.read_text()


def test_merge_in_progress_refused(repo: Repository) -> None:
    repo.create(small_meeting())
    (repo.git_dir / "MERGE_HEAD").write_text(repo.git.run("rev-parse", "HEAD"))
    with pytest.raises(RepoStateError, match="merge is in progress"):
        repo.apply("2023-09-05", add_statement)


def test_stale_index_lock_reported_not_deleted(repo: Repository) -> None:
    repo.create(small_meeting())
    lock = repo.git_dir / "index.lock"
    lock.write_text("")
    with pytest.raises(RepoStateError, match="index is locked"):
        repo.apply("2023-09-05", add_statement)
    assert lock.exists()


def test_missing_identity_is_explained(repo: Repository, isolated_git) -> None:  # type: ignore[no-untyped-def]
    repo.create(small_meeting())
    (isolated_git / ".gitconfig").write_text("[init]\n\tdefaultBranch = main\n")
    with pytest.raises(GitError, match=r"git config --global user\.name"):
        repo.apply("2023-09-05", add_statement)


def test_resolve_names(repo: Repository) -> None:
    repo.create(small_meeting())
    assert str(repo.resolve("2023-09-05")) == "cesam/2023-09-05"
    assert str(repo.resolve("cesam/2023-09-05")) == "cesam/2023-09-05"
    with pytest.raises(UsageError):
        repo.resolve("../etc/passwd")
    with pytest.raises(UsageError):
        repo.resolve("2023-02-30")
    with pytest.raises(UsageError):
        repo.safe_path("../outside")


def test_frozen_meeting_refused(repo: Repository) -> None:
    from store.core.errors import FrozenError
    from store.core.model import Status

    repo.create(small_meeting())

    def adjust(meeting) -> None:  # type: ignore[no-untyped-def]
        meeting.status = Status.ADJUSTED
        meeting.adjusted_on = dt.date(2023, 9, 15)

    repo.apply("2023-09-05", adjust, allow_frozen=True)  # as the justering itself does
    with pytest.raises(FrozenError):
        repo.apply("2023-09-05", add_statement)
