"""Sync from the UI against a real bare remote, with a reviewer's clone edited by plain git."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import small_config
from test_sync import MEETING, World, git, meeting
from tui_helpers import make_app, run_async, settle

from cesam_tui.screens.navigator import MeetingTree, NavigatorScreen
from cesam_tui.screens.resolve import ResolveScreen
from store.services.repository import init_repository
from store.services.summary import MeetingSummary
from store.services.sync import SyncAction, find_conflicts, sync


@pytest.fixture
def world(tmp_path: Path) -> World:
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    repo = init_repository(tmp_path / "sekreterare", small_config())
    repo.create(meeting())
    git(repo.root, "remote", "add", "origin", str(remote))
    assert sync(repo).action == SyncAction.PUSHED
    reviewer = tmp_path / "granskare"
    git(tmp_path, "clone", "-q", str(remote), str(reviewer))
    git(reviewer, "config", "user.name", "Rita Granskare")
    git(reviewer, "config", "user.email", "rita@example.se")
    return World(tmp_path, remote, repo, reviewer)


def shown_dates(app) -> list[str]:  # type: ignore[no-untyped-def]
    tree = app.screen.query_one(MeetingTree)
    dates: list[str] = []

    def walk(node) -> None:  # type: ignore[no-untyped-def]
        if isinstance(node.data, MeetingSummary):
            dates.append(node.data.date.isoformat())
        for child in node.children:
            walk(child)

    walk(tree.root)
    return dates


def messages(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [n.message for n in app._notifications]


@run_async
async def test_sync_pulls_a_reviewers_change_and_the_navigator_shows_it(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cesam_tui.syncing as syncing

    steps: list[str | None] = []
    show = syncing._show_step
    monkeypatch.setattr(syncing, "_show_step", lambda session, step: (steps.append(step), show(session, step)))
    # the reviewer adds the next meeting by copying a file in an editor, and pushes with git
    text = (world.reviewer / MEETING).read_text(encoding="utf-8").replace("2023-09-05", "2023-10-03")
    new = world.reviewer / "meetings/cesam/2023/2023-10-03.toml"
    new.write_text(text, encoding="utf-8")
    git(world.reviewer, "add", ".")
    world.reviewer_commit("Nytt möte")
    app = make_app(world.secretary)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, NavigatorScreen)
        assert shown_dates(app) == ["2023-09-05"]
        assert app.repo_status is not None and app.repo_status.sync is not None
        assert "i fas med origin/main" in app.export_screenshot().replace("&#160;", " ")
        await pilot.press("S")
        await settle(pilot)
        await settle(pilot)
        assert "origin/main: 1 ändring hämtad." in messages(app)
        # each step reached the status line, on the event loop, and the line is clear again
        assert steps == ["Synkar …", "Hämtar från origin …", "Hämtar in ändringarna …", None]
        assert shown_dates(app) == ["2023-10-03", "2023-09-05"]
        assert git(world.secretary.root, "rev-parse", "HEAD") == git(world.remote, "rev-parse", "main")
        assert not any("utanför cesam" in m for m in messages(app))
        # a save, then ctrl+y pushes it; the status line counts the unsynced commit in between
        world.secretary.apply("2023-10-03", lambda m: setattr(m, "place", "Rådhuset"))
        app.refresh_summaries()
        await settle(pilot)
        assert app.repo_status is not None and app.repo_status.ahead_behind == (1, 0)
        assert "↑1 ↓0 mot origin/main" in app.export_screenshot().replace("&#160;", " ")
        await pilot.press("ctrl+y")
        await settle(pilot)
        await settle(pilot)
        assert "origin/main: 1 commit skickad." in messages(app)
        assert world.remote_meeting("meetings/cesam/2023/2023-10-03.toml").place == "Rådhuset"


@run_async
async def test_conflict_opens_the_resolution_screen_and_settles_field_by_field(world: World) -> None:
    repo = world.secretary
    repo.apply("2023-09-05", lambda m: setattr(m, "place", "Rådhuset"))
    repo.apply("2023-09-05", lambda m: setattr(m.item("koncern").statement("vision-1"), "text", "Vår version"))
    ours = git(repo.root, "rev-parse", "HEAD")
    world.edit('place = "Stadshuset"', 'place = "Kommunhuset"')
    world.edit('text = "Hur går det?"', 'text = "Deras version"')
    world.reviewer_commit()
    theirs = git(world.remote, "rev-parse", "main")
    app = make_app(repo)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ResolveScreen), screen
        assert any("Synken stannade" in m for m in messages(app))
        paths = [c.path for c in screen.pending.conflicts]
        assert len(paths) == 2
        # the rows are in words; the place is first or second: choose per field, not per row number
        by_path = {c.path: c for c in screen.pending.conflicts}
        place = next(c for p, c in by_path.items() if "plats" in p)
        for conflict in screen.pending.conflicts:
            await pilot.press("t" if conflict is place else "m")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, NavigatorScreen)
        assert any("Konflikt löst" in m for m in messages(app))
    parents = git(repo.root, "log", "-1", "--format=%P").split()
    assert parents == [ours, theirs]
    merged = repo.load("2023-09-05").meeting
    assert merged.place == "Kommunhuset"
    assert merged.item("koncern").statement("vision-1").text == "Vår version"
    assert find_conflicts(repo) is None and repo.state().clean
    assert sync(repo).action == SyncAction.PUSHED


@run_async
async def test_edit_a_value_and_reopen_the_resolution_from_the_navigator(world: World) -> None:
    repo = world.secretary
    repo.apply("2023-09-05", lambda m: setattr(m.item("koncern").statement("vision-1"), "text", "Vår version"))
    world.edit('text = "Hur går det?"', 'text = "Deras version"')
    world.reviewer_commit()
    with pytest.raises(Exception, match="Synken stannade"):
        sync(repo)
    app = make_app(repo)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert "KONFLIKT vid synk" in app.export_screenshot().replace("&#160;", " ")
        await pilot.press("R")
        await settle(pilot)
        assert isinstance(app.screen, ResolveScreen)
        await pilot.press("ctrl+s")  # nothing chosen yet: nothing written
        await settle(pilot)
        assert any("saknar val" in m for m in messages(app))
        assert isinstance(app.screen, ResolveScreen)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("home", "shift+end", "delete", *"Båda versionerna", "ctrl+s")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, NavigatorScreen)
    assert repo.load("2023-09-05").meeting.item("koncern").statement("vision-1").text == "Båda versionerna"
    assert len(git(repo.root, "log", "-1", "--format=%P").split()) == 2


@run_async
async def test_unreachable_remote_is_a_notification_not_a_crash(world: World) -> None:
    repo = world.secretary
    repo.apply("2023-09-05", lambda m: setattr(m, "place", "Rådhuset"))
    head = git(repo.root, "rev-parse", "HEAD")
    git(repo.root, "remote", "set-url", "origin", str(world.tmp / "finns-inte.git"))
    app = make_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, NavigatorScreen)
        failures = [n for n in app._notifications if n.severity == "error"]
        assert failures and "gick inte att nå" in failures[0].message and "finns kvar" in failures[0].message
        assert failures[0].title == "Synken misslyckades"
        assert app.sync_step is None and not app.syncing
    assert git(repo.root, "rev-parse", "HEAD") == head and repo.state().clean
