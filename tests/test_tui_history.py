"""Pilot tests of history, restore, search, justering marks and export in the TUI, on the demo data."""

from __future__ import annotations

from pathlib import Path

from test_tui_flows import open_meeting
from tui_helpers import commits, make_app, run_async, settle

from cesam_tui.screens.dialogs import ConfirmDialog, FormDialog
from cesam_tui.screens.history import HistoryScreen
from cesam_tui.screens.item import ItemScreen
from cesam_tui.screens.meeting import MeetingScreen
from cesam_tui.screens.navigator import MeetingTree
from cesam_tui.screens.search import SearchScreen
from store.core.model import Meeting
from store.services.repository import MeetingRef, Repository

ITEM, STATEMENT = "digitaliseringsprogrammet", "vision-malbild"


def change_statement(repo: Repository) -> str:
    def change(m: Meeting) -> None:
        statement = m.item(ITEM).statement(STATEMENT)
        statement.text = statement.text.replace("är otydlig", "är oklar")

    repo.apply("cesam/2023-09-05", change)
    return commits(repo)[0][0]


def statement_text(repo: Repository) -> str:
    return repo.load("cesam/2023-09-05").meeting.item(ITEM).statement(STATEMENT).text


@run_async
async def test_history_shows_the_commit_and_its_changed_words(demo_repo: Repository) -> None:
    subject = change_statement(demo_repo)
    app = make_app(demo_repo)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_meeting(pilot)
        await pilot.press("h")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        assert screen.entries[0].commit.subject == subject
        shown = screen.shown.plain
        assert subject in shown
        assert "§ 4 a: Vision" in shown  # the change in words
        # the changed words are marked by styles on the text, never by markup
        marked = {shown[s.start : s.end] for s in screen.shown.spans if "green" in str(s.style)}
        assert "oklar" in marked
        await pilot.press("g")
        await settle(pilot)
        assert any(line.startswith("+") and "oklar" in line for line in screen.shown.plain.splitlines())
        await pilot.press("g")
        await settle(pilot)
        assert "§ 4 a: Vision" in screen.shown.plain


@run_async
async def test_restore_brings_the_old_text_back_as_one_commit(demo_repo: Repository) -> None:
    change_statement(demo_repo)
    assert "är oklar" in statement_text(demo_repo)
    app = make_app(demo_repo)
    async with app.run_test(size=(120, 36)) as pilot:
        meeting = await open_meeting(pilot)
        # the item's own history, from the agenda
        await pilot.press("home")
        for _ in range(20):
            if meeting.current_item() == ITEM:
                break
            await pilot.press("j")
        await pilot.press("H")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HistoryScreen) and screen.item_id == ITEM
        assert len(screen.entries) >= 2
        before = len(commits(demo_repo))
        await pilot.press("j", "R")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        log = commits(demo_repo)
        assert len(log) == before + 1
        assert "är otydlig" in statement_text(demo_repo)
        assert demo_repo.git.run("status", "--porcelain") == ""
        # the history now starts with the restore
        assert isinstance(app.screen, HistoryScreen)
        assert screen.entries[0].commit.subject == log[0][0]


@run_async
async def test_search_lists_the_item_and_enter_opens_it(demo_repo: Repository) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press(*"nyfikenhet", "enter")
        await settle(pilot)
        assert screen.results is not None
        assert [(str(h.ref), h.number) for h in screen.results] == [("cesam/2023-09-05", "4 a")]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ItemScreen)
        assert app.screen.item_id == ITEM
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.ref == MeetingRef.from_relpath(demo_repo.resolve("2023-09-05").relpath)


@run_async
async def test_justering_marks_in_the_navigator(demo_repo: Repository) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        tree = app.screen.query_one(MeetingTree)
        labels: dict[str, str] = {}
        stack = list(tree.root.children)
        while stack:
            node = stack.pop()
            stack.extend(node.children)
            if hasattr(node.data, "ref"):
                labels[node.data.ref.date.isoformat()] = node.label.plain
        assert labels["2021-06-15"].startswith("✓")
        assert labels["2022-09-20"].startswith("✓")
        assert labels["2023-09-05"].startswith("…")  # held, waiting (and past its window)


@run_async
async def test_adjusted_meeting_says_how_to_reopen(demo_repo: Repository) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_meeting(pilot, "2022-09-20")
        why = screen.query_one("#frozen-why")
        assert why.display
        assert "cesam reopen cesam/2022-09-20 --reason" in str(why.render())


@run_async
async def test_export_writes_a_pdf(demo_repo: Repository, tmp_path: Path) -> None:
    out = tmp_path / "out"
    app = make_app(demo_repo)
    app.export_folder = out
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_meeting(pilot)
        await pilot.press("E")
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)
        pdfs = list(out.glob("*.pdf"))
        assert len(pdfs) == 1, list(out.iterdir()) if out.exists() else "no folder"
        assert pdfs[0].read_bytes().startswith(b"%PDF")
        assert screen.last_export == pdfs[0]


@run_async
async def test_statement_history_and_restore(demo_repo: Repository) -> None:
    subject = change_statement(demo_repo)
    app = make_app(demo_repo)
    async with app.run_test(size=(120, 36)) as pilot:
        meeting = await open_meeting(pilot)
        await pilot.press("home")
        for _ in range(20):
            if meeting.current_item() == ITEM:
                break
            await pilot.press("j")
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("j", "h")  # the second statement is Vision's
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HistoryScreen) and screen.statement_id == STATEMENT
        assert screen.entries[0].commit.subject == subject
        before = len(commits(demo_repo))
        await pilot.press("j", "R", "y")
        await settle(pilot)
        log = commits(demo_repo)
        assert len(log) == before + 1
        assert "återställd" in log[0][0]
        assert "är otydlig" in statement_text(demo_repo)
