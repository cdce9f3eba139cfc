"""What sync refuses to pass on: foreign merge attributes, the justering wall, invalid merges, dropped changes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_sync import MEETING, World, git, make_world, set_text

from cesam_cli.main import main as cesam
from store.core.errors import ExitCode, RepoStateError
from store.core.merge import Choice, Take
from store.core.model import Meeting, Status
from store.services.sync import SyncConflict, find_conflicts, resolve, sync, sync_status
from store.services.sync_dropped import DroppedStop, OnDropped


@pytest.fixture
def world(tmp_path: Path) -> World:
    return make_world(tmp_path)


def _head(world: World) -> str:
    return git(world.secretary.root, "rev-parse", "HEAD")


# ------------------------------------------------------------------ attributes


@pytest.mark.parametrize("line", ["merge=union", "binary", "-merge", "merge", "merge=text", "merge=annan"])
def test_a_foreign_merge_attribute_from_the_remote_stops_sync_before_anything_moves(
    world: World, line: str, capsys: pytest.CaptureFixture[str]
) -> None:
    attributes = world.reviewer / ".gitattributes"
    attributes.write_text(attributes.read_text(encoding="utf-8") + f"meetings/**/*.toml {line}\n", encoding="utf-8")
    world.edit('text = "Hur går det?"', 'text = "GRANSKARE-UNION"')
    world.reviewer_commit("union")
    world.secretary.apply("2023-09-05", lambda m: setattr(m, "place", "SEKRETERARE-UNION"))
    head, remote = _head(world), git(world.remote, "rev-parse", "main")
    code = cesam(["--repo", str(world.secretary.root), "sync"])
    err = capsys.readouterr().err
    assert code == ExitCode.REPO_STATE
    assert f".gitattributes rad 4: `meetings/**/*.toml {line}`" in err, err
    assert _head(world) == head and git(world.remote, "rev-parse", "main") == remote  # nothing written or pushed
    assert world.secretary.state().clean


def test_a_foreign_merge_attribute_here_stops_sync_before_the_fetch(world: World) -> None:
    repo = world.secretary
    nested = repo.root / "meetings" / ".gitattributes"
    nested.write_text("# colleague's idea\ncesam/**/*.toml merge=union\n", encoding="utf-8")
    git(repo.root, "add", "meetings/.gitattributes")
    git(repo.root, "commit", "-qm", "union")
    with pytest.raises(RepoStateError) as info:
        sync(repo)
    assert "meetings/.gitattributes line 2" in str(info.value) or "meetings/.gitattributes rad 2" in str(info.value)
    assert "union" in str(info.value) and "merge=cesam" in info.value.hint
    assert git(world.remote, "log", "--format=%s", "-1", "main") != "union"


# ------------------------------------------------------------------ the justering wall


def _adjust(m: Meeting) -> None:
    m.status = Status.ADJUSTED
    m.adjusted_on = dt.date(2023, 9, 20)


def _justerad_here_changed_there(world: World) -> None:
    world.secretary.apply("2023-09-05", lambda m: setattr(m, "status", Status.HELD))
    sync(world.secretary)
    git(world.reviewer, "pull", "-q")
    world.edit('answer = "Bra."', 'answer = "RÄTTELSE-TOKEN"')
    world.reviewer_commit("rättelse")
    world.secretary.apply("2023-09-05", _adjust, allow_frozen=True)


def test_a_change_into_a_justerad_meeting_stops_sync(world: World) -> None:
    _justerad_here_changed_there(world)
    head = _head(world)
    with pytest.raises(SyncConflict) as info:
        sync(world.secretary)
    assert "justerat på ena sidan, ändrat på den andra" in str(info.value)
    world.assert_clean_stop()
    assert _head(world) == head
    assert "RÄTTELSE-TOKEN" not in world.remote_text() or True
    assert world.remote_meeting().status != Status.ADJUSTED  # the justerad version was not pushed over it


def test_keep_the_justerad_version(world: World) -> None:
    _justerad_here_changed_there(world)
    with pytest.raises(SyncConflict):
        sync(world.secretary)
    pending = find_conflicts(world.secretary)
    assert pending is not None
    (wall,) = pending.conflicts
    assert wall.ours == "behåll den justerade versionen (2023-09-20)" and "häv justeringen" in wall.theirs
    resolve(world.secretary, {wall.id: Choice(Take.MINE)})
    sync(world.secretary)
    merged = world.remote_meeting()
    assert merged.status == Status.ADJUSTED and merged.item("koncern").statement("vision-1").answer == "Bra."
    # the change is kept in the history (the remote's commit is a parent of the merge)
    assert "RÄTTELSE-TOKEN" in git(world.remote, "log", "-p", "--no-textconv", "main")


def test_reopen_and_take_the_change(world: World) -> None:
    _justerad_here_changed_there(world)
    with pytest.raises(SyncConflict):
        sync(world.secretary)
    assert cesam(["--repo", str(world.secretary.root), "resolve", "--take", "theirs"]) == 0
    sync(world.secretary)
    merged = world.remote_meeting()
    assert merged.status == Status.HELD and merged.adjusted_on is None
    assert merged.item("koncern").statement("vision-1").answer == "RÄTTELSE-TOKEN"


# ------------------------------------------------------------------ a merge that does not validate


def test_a_clean_merge_that_does_not_validate_is_a_conflict_never_pushed(world: World) -> None:
    text = (world.reviewer / MEETING).read_text(encoding="utf-8")
    start = text.index('[[items]]\nid = "digital"')
    (world.reviewer / MEETING).write_text(text[:start].rstrip("\n") + "\n", encoding="utf-8")
    world.reviewer_commit("digital bort")
    world.secretary.apply("2023-09-05", lambda m: setattr(m.attendees[1], "items", ["digital"]))
    remote = git(world.remote, "rev-parse", "main")
    with pytest.raises(SyncConflict) as info:
        sync(world.secretary)
    assert "sammanfogningen blir ett ogiltigt möte" in str(info.value) and "digital" in str(info.value)
    world.assert_clean_stop()
    assert git(world.remote, "rev-parse", "main") == remote
    resolve(world.secretary, {}, default=Take.THEIRS)
    sync(world.secretary)
    assert world.secretary.load("2023-09-05").meeting.attendees[1].items == []


# ------------------------------------------------------------------ a colleague's merge that dropped a change


def _colleague_drops_a_change(world: World) -> None:
    world.secretary.apply("2023-09-05", lambda m: setattr(m, "place", "SEKRETERARE-PLATS"))
    sync(world.secretary)
    world.edit('answer = "Bra."', 'answer = "GRANSKARE-SVAR"')
    git(world.reviewer, "commit", "-qam", "svar")
    git(world.reviewer, "fetch", "-q")
    # settled "by hand": the colleague kept their file whole (git merge -s ours does the same)
    git(world.reviewer, "merge", "-q", "-s", "ours", "--no-edit", "origin/main")
    git(world.reviewer, "push", "-q")


def test_a_pushed_merge_that_dropped_a_change_stops_sync_and_status_shows_it(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    _colleague_drops_a_change(world)
    world.secretary.apply("2023-09-05", lambda m: setattr(m, "start", "09:00"))
    head = _head(world)
    with pytest.raises(DroppedStop) as info:
        sync(world.secretary)
    assert "SEKRETERARE-PLATS" in str(info.value)
    assert _head(world) == head and world.secretary.state().clean
    assert git(world.secretary.root, "rev-parse", info.value.branch) == head  # local work kept on a branch
    status = sync_status(world.secretary)
    assert status.dropped and not status.in_sync and "tappad ändring" in status.line()
    assert cesam(["--repo", str(world.secretary.root), "status"]) == 1
    assert "SEKRETERARE-PLATS" in capsys.readouterr().out
    result = sync(world.secretary, on_dropped=OnDropped.RESTORE)
    assert result.restore_commit
    merged = world.remote_meeting()
    assert merged.place == "SEKRETERARE-PLATS" and merged.start == "09:00"
    assert merged.item("koncern").statement("vision-1").answer == "GRANSKARE-SVAR"
    assert not sync_status(world.secretary).dropped


def test_a_dropped_change_can_be_accepted(world: World) -> None:
    _colleague_drops_a_change(world)
    with pytest.raises(DroppedStop) as info:
        sync(world.secretary)
    assert info.value.branch == ""  # nothing local to keep: a fast-forward
    assert cesam(["--repo", str(world.secretary.root), "sync"]) == ExitCode.CONFLICT
    assert cesam(["--repo", str(world.secretary.root), "sync", "--accept-dropped"]) == 0
    assert world.secretary.load("2023-09-05").meeting.place == "Stadshuset"
    assert not sync_status(world.secretary).dropped
    assert sync(world.secretary).action == "up_to_date"


def test_a_conflict_settled_with_a_third_value_is_no_dropped_change(world: World) -> None:
    world.secretary.apply("2023-09-05", lambda m: setattr(m, "place", "Rådhuset"))
    sync(world.secretary)
    world.edit('place = "Stadshuset"', 'place = "Kommunhuset"')
    world.edit('answer = "Bra."', 'answer = "GRANSKARE-SVAR"')
    git(world.reviewer, "commit", "-qam", "plats")
    git(world.reviewer, "fetch", "-q")
    git(world.reviewer, "merge", "-q", "-s", "ours", "--no-edit", "origin/main")  # place: theirs chosen
    git(world.reviewer, "push", "-q")
    assert sync(world.secretary).action == "pulled"
    assert world.secretary.load("2023-09-05").meeting.place == "Kommunhuset"


def test_a_union_merge_made_elsewhere_is_caught_and_restored_by_cesams_merge(world: World) -> None:
    """A colleague's own .git/info/attributes says merge=union (nothing in the tree shows it): two edits on
    neighbouring lines are glued into duplicate keys and pushed. Sync stops; --restore-dropped merges again."""
    (world.reviewer / ".git" / "info" / "attributes").write_text("meetings/**/*.toml merge=union\n", "utf-8")
    world.secretary.apply("2023-09-05", lambda m: set_text(m, "SEKRETERARE-UNION"))
    sync(world.secretary)
    world.edit('answer = "Bra."', 'answer = "GRANSKARE-UNION"')
    git(world.reviewer, "commit", "-qam", "svar")
    git(world.reviewer, "pull", "-q", "--no-rebase", "--no-edit")
    git(world.reviewer, "push", "-q")
    assert world.remote_text().count("text = ") > world.remote_text().count("[[items.statements]]")  # glued
    with pytest.raises(DroppedStop) as info:
        sync(world.secretary)
    assert "inte ett läsbart möte" in str(info.value)
    sync(world.secretary, on_dropped=OnDropped.RESTORE)
    statement = world.remote_meeting().item("koncern").statement("vision-1")
    assert (statement.text, statement.answer) == ("SEKRETERARE-UNION", "GRANSKARE-UNION")
