"""The next start after a killed save, one case at a time (the kill test meets them at random).

The states are made the way a kill leaves them: the journal and the file
written by the store's own functions, the process "dying" before the commit.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import git_log, small_meeting

from cesam_cli.main import main
from store.core import codec
from store.core.errors import RepoStateError
from store.services.recovery import JOURNAL, TMP_MARK, write_journal
from store.services.repository import Repository, atomic_write

RELPATH = "meetings/cesam/2023/2023-09-05.toml"


def _interrupted_save(repo: Repository, place: str, *, renamed: bool = True) -> bytes:
    """Everything a save does up to the commit; then the process is gone."""
    path = repo.root / RELPATH
    old = path.read_bytes()
    meeting, _ = codec.loads(old.decode())
    meeting.place = place
    new = codec.dumps(meeting)
    write_journal(repo, RELPATH, old, new.encode(), f"CESAM 2023-09-05: plats ändrad till {place}")
    if renamed:
        atomic_write(path, new)
    else:  # killed while writing the temp file
        path.with_name(path.name + TMP_MARK + "999999").write_text(new[: len(new) // 2])
    return new.encode()


def test_renamed_not_committed_is_completed_by_the_next_save(
    repo: Repository, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.create(small_meeting())
    new = _interrupted_save(repo, "Rum A")
    code = main(["--repo", str(repo.root), "status"])
    out = capsys.readouterr().out
    assert code == 1 and "avbruten sparning av meetings/cesam/2023/2023-09-05.toml" in out

    code = main(["--repo", str(repo.root), "new", "--date", "2023-10-03"])
    err = capsys.readouterr().err
    assert code == 0
    assert "an interrupted save was completed: CESAM 2023-09-05: plats ändrad till Rum A" in err
    assert git_log(repo)[:2] == ["CESAM 2023-10-03: möte tillagt", "CESAM 2023-09-05: plats ändrad till Rum A"]
    assert repo.git.run("show", f"HEAD~1:{RELPATH}", strip=False).encode() == new
    assert not (repo.git_dir / JOURNAL).exists()
    assert repo.state().clean


def test_not_yet_renamed_is_reported_and_the_temp_file_removed(repo: Repository) -> None:
    repo.create(small_meeting())
    before = (repo.root / RELPATH).read_bytes()
    _interrupted_save(repo, "Rum B", renamed=False)
    fresh = Repository(repo.root)
    result = fresh.apply("2023-09-05", lambda m: setattr(m, "place", "Rum C"))
    assert result.commit
    assert fresh.notes[0].startswith("removed temp files left by an interrupted save: meetings/cesam/2023/")
    assert fresh.notes[1] == (
        f"an interrupted save did not reach {RELPATH} and was not made: CESAM 2023-09-05: plats ändrad till Rum B"
    )
    assert b"Rum C" in (repo.root / RELPATH).read_bytes() and b"Rum C" not in before
    assert repo.state().clean


def test_file_changed_after_the_crash_is_left_alone(repo: Repository) -> None:
    repo.create(small_meeting())
    _interrupted_save(repo, "Rum D")
    path = repo.root / RELPATH
    hand = path.read_text().replace("Rum D", "Rum E (för hand)")
    path.write_text(hand)
    fresh = Repository(repo.root)
    with pytest.raises(RepoStateError, match="not committed"):
        fresh.apply("2023-09-05", lambda m: setattr(m, "place", "Rum F"))
    assert "the file has changed since; it is left as it is" in fresh.notes[0]
    assert path.read_text() == hand, "never overwritten"


def test_committed_but_index_left_behind(repo: Repository) -> None:
    """Killed inside git commit after HEAD moved: HEAD and file agree, the index does not."""
    repo.create(small_meeting())
    path = repo.root / RELPATH
    old = path.read_bytes()
    new = _interrupted_save(repo, "Rum G")
    old_blob = repo.git.run("hash-object", "-w", "--stdin", stdin=old.decode())
    repo.git.run("add", "--", RELPATH)
    repo.git.run("commit", "-q", "-m", "CESAM 2023-09-05: plats ändrad till Rum G")
    repo.git.run("update-index", "--cacheinfo", f"100644,{old_blob},{RELPATH}")  # the old index came back
    assert RELPATH in repo.state().modified
    notes = Repository(repo.root).recover()
    assert notes == []  # nothing the user needs to hear: the save was complete
    assert repo.state().clean
    assert path.read_bytes() == new


def test_a_stale_index_lock_keeps_the_journal_until_the_user_removes_it(repo: Repository) -> None:
    repo.create(small_meeting())
    _interrupted_save(repo, "Rum H")
    lock = repo.git_dir / "index.lock"
    lock.write_text("")
    with pytest.raises(RepoStateError, match="index is locked"):
        Repository(repo.root).recover()
    assert lock.exists() and (repo.git_dir / JOURNAL).exists()
    lock.unlink()
    assert Repository(repo.root).recover() == [
        "an interrupted save was completed: CESAM 2023-09-05: plats ändrad till Rum H"
    ]


def test_a_journal_cut_short_is_dropped(repo: Repository) -> None:
    repo.create(small_meeting())
    (repo.git_dir / JOURNAL).write_text('{"path": "meetings/ces')
    assert Repository(repo.root).recover() == []
    assert not (repo.git_dir / JOURNAL).exists()


def test_a_hand_edit_without_journal_is_still_refused(repo: Repository) -> None:
    repo.create(small_meeting())
    path = repo.root / RELPATH
    path.write_text(path.read_text().replace('title = "Koncernfrågor"', 'title = "För hand"'))
    with pytest.raises(RepoStateError, match="cesam commit-edits"):
        Repository(repo.root).apply("2023-09-05", lambda m: setattr(m, "place", "x"))
    assert "För hand" in path.read_text()


def test_stale_temp_files_are_found_at_any_depth_and_not_through_links(repo: Repository, tmp_path: Path) -> None:
    from store.services.recovery import stale_temp_files

    repo.create(small_meeting())
    dead = 2**22 + 12345  # above Linux's pid_max default: never a running process
    year = repo.root / "meetings/cesam/2023"
    deep = year / "bilagor" / "a"
    deep.mkdir(parents=True)
    made = [
        year / f"2023-09-05.toml{TMP_MARK}{dead}",
        deep / f"x.pdf{TMP_MARK}{dead}.tmp",
        repo.root / f"cesam.toml{TMP_MARK}{dead}",
    ]
    for path in made:
        path.write_text("half", encoding="utf-8")
    (year / f"live.toml{TMP_MARK}{os.getppid()}").write_text("a save in flight", encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / f"o.toml{TMP_MARK}{dead}").write_text("not ours", encoding="utf-8")
    (year / "linked").symlink_to(outside, target_is_directory=True)
    assert stale_temp_files(repo) == sorted(made)
