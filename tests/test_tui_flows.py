"""Pilot tests of each editing flow: the TOML written and exactly one commit per confirmed change."""

from __future__ import annotations

import dataclasses
import datetime as dt

from conftest import small_meeting
from textual.widgets import Input, TextArea
from tui_helpers import commits, make_app, meeting_text, run_async, settle

from cesam_tui.screens.dialogs import ConfirmDialog, FormDialog
from cesam_tui.screens.help import HelpScreen
from cesam_tui.screens.item import ItemScreen
from cesam_tui.screens.meeting import MeetingScreen
from cesam_tui.screens.navigator import NavigatorScreen
from cesam_tui.screens.statements import StatementsScreen
from cesam_tui.widgets.attendance import AttendanceTable
from store.core.model import Attendee, Item, Statement, StatementKind
from store.services.repository import Repository

AUTHOR = "Sara Sekreterare <sara@example.se>"


async def open_meeting(pilot, date: str = "2023-09-05") -> MeetingScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press(*date, "enter")  # one meeting left: enter opens it
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, MeetingScreen), screen
    return screen


async def go_to(pilot, screen: MeetingScreen, number: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("home")
    for _ in range(40):
        if screen.numbers.get(screen.current_item() or "") == number:
            return
        await pilot.press("j")
    raise AssertionError(number)


@run_async
async def test_meeting_field_saves_when_left(demo_repo: Repository) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot)
        before = len(commits(demo_repo))
        await pilot.press("2")  # the details tab, cursor on the tab strip
        await pilot.press("tab", "tab", "tab")  # tabs → start → end → place
        assert isinstance(app.focused, Input) and app.focused.id == "m-place"
        await pilot.press("end", "ctrl+u", *"Rådhuset, sal 3", "tab")
        await settle(pilot)
        log = commits(demo_repo)
        assert len(log) == before + 1
        assert log[0] == ("CESAM 2023-09-05: plats ändrad", AUTHOR)
        assert 'place = "Rådhuset, sal 3"' in meeting_text(demo_repo)
        # walking through fields without changing them commits nothing
        await pilot.press("tab", "tab", "shift+tab")
        await settle(pilot)
        assert len(commits(demo_repo)) == before + 1


@run_async
async def test_item_fields_ctrl_s_and_leaving_the_screen(demo_repo: Repository) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_meeting(pilot)
        before = len(commits(demo_repo))
        await go_to(pilot, screen, "3")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ItemScreen)
        await pilot.press("end", *" 2023", "ctrl+s")
        await settle(pilot)
        assert commits(demo_repo)[0][0] == "CESAM 2023-09-05 § 3: rubrik ändrad"
        assert 'title = "Ekonomi och styrfrågor 2023"' in meeting_text(demo_repo)
        # the body is a TextArea: type, then leave the screen with escape
        body = app.screen.query_one("#i-body", TextArea)
        body.focus()
        await pilot.press("down", "end", *" Prognosen pekar på plus.")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)
        log = commits(demo_repo)
        assert len(log) == before + 2
        assert log[0][0] == "CESAM 2023-09-05 § 3: text ändrad"
        assert (
            "Prognosen pekar på plus." in demo_repo.load("cesam/2023-09-05").meeting.item("ekonomi-och-styrfragor").body
        )


@run_async
async def test_add_and_delete_items(repo: Repository) -> None:
    repo.create(small_meeting())
    app = make_app(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot)
        before = len(commits(repo))
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)
        await pilot.press(*"Ekonomi", "enter")
        await settle(pilot)
        assert commits(repo)[0][0] == "CESAM 2023-09-05 § 2: punkt tillagd (Ekonomi)"
        meeting = repo.load("cesam/2023-09-05").meeting
        assert [i.title for i in meeting.items] == ["Val av justerare", "Ekonomi", "Koncernfrågor", "Digitalisering"]
        # delete asks first; "n" keeps it, "y" deletes
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await settle(pilot)
        assert len(commits(repo)) == before + 1
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert commits(repo)[0][0] == "CESAM 2023-09-05 § 2: punkt borttagen (Ekonomi)"
        assert len(commits(repo)) == before + 2
        # cancelling a dialog commits nothing
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert len(commits(repo)) == before + 2


@run_async
async def test_indent_and_outdent(repo: Repository) -> None:
    repo.create(small_meeting())
    app = make_app(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_meeting(pilot)
        await go_to(pilot, screen, "2 a")
        await pilot.press("less_than_sign")
        await settle(pilot)
        assert commits(repo)[0][0] == "CESAM 2023-09-05 § 2 a → § 3: Digitalisering flyttad"
        assert "parent" not in meeting_text(repo)
        assert screen.numbers[screen.current_item() or ""] == "3"
        await pilot.press("greater_than_sign")
        await settle(pilot)
        assert commits(repo)[0][0] == "CESAM 2023-09-05 § 3 → § 2 a: Digitalisering flyttad"
        assert 'parent = "koncern"' in meeting_text(repo)
        # the first item cannot become a sub-item: a hint, no commit
        count = len(commits(repo))
        await go_to(pilot, screen, "1")
        await pilot.press("greater_than_sign")
        await settle(pilot)
        assert len(commits(repo)) == count


@run_async
async def test_statements_add_edit_delete(repo: Repository) -> None:
    meeting = small_meeting()
    meeting.items[2].statements.append(Statement("vision-1", "Vision", StatementKind.QUESTION, "Vad kostar det?"))
    repo.create(meeting)
    app = make_app(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_meeting(pilot)
        await go_to(pilot, screen, "2 a")
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, StatementsScreen)
        before = len(commits(repo))
        # edit: the employer's answer
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("tab", *"Det återkommer vi om.", "ctrl+s")  # from the text to the answer
        await settle(pilot)
        assert commits(repo)[0][0] == "CESAM 2023-09-05 § 2 a: Vision – fråga, arbetsgivarens svar ändrat"
        assert 'answer = "Det återkommer vi om."' in meeting_text(repo)
        # add: a reservation by SACO
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("enter", "down", "down", "enter")  # Kommunal → Vision → SACO
        await pilot.press("tab", "enter", "down", "down", "enter")  # synpunkt → reservation
        await pilot.press("tab", *"SACO reserverar sig.", "ctrl+s")
        await settle(pilot)
        assert commits(repo)[0][0] == "CESAM 2023-09-05 § 2 a: SACO – reservation tillagd"
        statement = repo.load("cesam/2023-09-05").meeting.item("digital").statements[-1]
        assert (statement.party, statement.kind.value, statement.text) == (
            "SACO",
            "reservation",
            "SACO reserverar sig.",
        )
        # delete the first one
        await pilot.press("up", "d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert commits(repo)[0][0] == "CESAM 2023-09-05 § 2 a: Vision – fråga borttagen"
        assert len(commits(repo)) == before + 3


@run_async
async def test_attendance(repo: Repository) -> None:
    meeting = small_meeting()
    meeting.attendees = [
        Attendee("anna", "Anna Andersson", "HR-chef"),
        Attendee("bo", "Bo Berg", "Ordförande", party="Kommunal"),
    ]
    repo.create(meeting)
    app = make_app(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot)
        before = len(commits(repo))
        await pilot.press("3")  # attendance tab, employer side
        assert isinstance(app.focused, AttendanceTable)
        await pilot.press("x")
        await settle(pilot)
        assert commits(repo)[0][0] == "CESAM 2023-09-05: Närvarande: Anna Andersson, anmält förhinder: ja"
        await pilot.press("tab")  # the unions' side
        assert app.focused is not None and app.focused.id == "unions"
        await pilot.press("u")
        await settle(pilot)
        assert commits(repo)[0][0] == "CESAM 2023-09-05: justerare ändrad"
        await pilot.press("p")
        await settle(pilot)
        await pilot.press(*"2 a", "ctrl+s")
        await settle(pilot)
        loaded = repo.load("cesam/2023-09-05").meeting
        assert loaded.attendee("anna").absent
        assert loaded.adjusters == ["Bo Berg"]
        assert loaded.attendee("bo").items == ["digital"]
        assert len(commits(repo)) == before + 3


@run_async
async def test_followup_add_and_close(repo: Repository) -> None:
    repo.create(small_meeting())
    app = make_app(repo)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_meeting(pilot)
        await go_to(pilot, screen, "2")
        await pilot.press("enter")
        await settle(pilot)
        table = app.screen.query_one("#followups")
        table.focus()
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"Arbetsgivaren återkommer om kostnaden.", "tab", "tab", *"2023-10-03", "ctrl+s")
        await settle(pilot)
        assert commits(repo)[0][0] == "CESAM 2023-09-05 § 2: Arbetsgivaren – uppföljning tillagd"
        followup = repo.load("cesam/2023-09-05").meeting.item("koncern").followups[0]
        assert followup.due == dt.date(2023, 10, 3) and not followup.closed
        await pilot.press("c")
        await settle(pilot)
        assert commits(repo)[0][0] == "CESAM 2023-09-05 § 2: Arbetsgivaren – uppföljning stängd"
        assert "closed = true" in meeting_text(repo)


@run_async
async def test_new_meeting_from_standing_items(repo: Repository) -> None:
    app = make_app(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)
        await pilot.press("tab", "end", "ctrl+u", *"2024-02-06", "ctrl+s")
        await settle(pilot)
        assert commits(repo)[0] == ("CESAM 2024-02-06: möte tillagt", AUTHOR)
        assert isinstance(app.screen, MeetingScreen)
        meeting = repo.load("cesam/2024-02-06").meeting
        assert [i.title for i in meeting.items] == ["Val av justerare", "Övriga frågor"]


@run_async
async def test_hostile_text_is_shown_literally(repo: Repository) -> None:
    meeting = small_meeting()
    meeting.items[1] = dataclasses.replace(meeting.items[1], title="[bold]x[/bold] [@click=app.quit]q[/]")
    meeting.items[1].statements.append(
        Statement("v", "Vision", text="[link=https://example.se]klick[/link] \x1b[31mröd")
    )
    meeting.items.append(Item("ovr", "[red]Övrigt"))
    repo.create(meeting)
    app = make_app(repo)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_meeting(pilot)
        await go_to(pilot, screen, "2")
        await settle(pilot)
        svg = app.export_screenshot()
        assert "[bold]x[/bold]" in svg.replace("&#160;", " ")
        assert "[@click=app.quit]q[/]" in svg.replace("&#160;", " ")
        assert "[red]Övrigt" in svg.replace("&#160;", " ")
        await pilot.press("s")
        await settle(pilot)
        svg = app.export_screenshot().replace("&#160;", " ")
        assert "[link=https://example.se]klick[/link]" in svg
        assert "\\x1b[31mröd" in svg  # the escape is shown, not obeyed
        assert app.is_running


@run_async
async def test_outside_change_and_broken_file(repo: Repository) -> None:
    repo.create(small_meeting())
    app = make_app(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_meeting(pilot)
        app.start_watching(3600)  # the timer never fires here; the test calls the check itself
        # someone else commits a change (another terminal, a pull)
        repo.apply("cesam/2023-09-05", lambda m: setattr(m.item("koncern"), "title", "Koncernfrågor (ändrad)"))
        app.check_outside_changes()
        await settle(pilot)
        assert screen.meeting is not None and screen.meeting.item("koncern").title == "Koncernfrågor (ändrad)"
        assert any("Ändrat utanför cesam" in n.message for n in app._notifications)
        # a reviewer breaks the file in vim
        path = repo.root / "meetings/cesam/2023/2023-09-05.toml"
        path.write_text(path.read_text(encoding="utf-8") + "\n[[items]\n", encoding="utf-8")
        app.check_outside_changes()
        await settle(pilot)
        assert screen.error.startswith("meetings/cesam/2023/2023-09-05.toml:")
        assert screen.query_one("#error").display
        # the rest keeps working: back to the navigator, which marks the file
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, NavigatorScreen)
        (summary,) = app.summaries
        assert summary.error


@run_async
async def test_failed_save_keeps_the_draft(repo: Repository) -> None:
    repo.create(small_meeting())
    app = make_app(repo)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_meeting(pilot)
        await go_to(pilot, screen, "2")
        await pilot.press("enter")
        await settle(pilot)
        before = len(commits(repo))
        # an uncommitted hand edit makes the store refuse to write the file
        path = repo.root / "meetings/cesam/2023/2023-09-05.toml"
        path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        await pilot.press("end", *" - utkast", "ctrl+s")
        await settle(pilot)
        assert len(commits(repo)) == before
        title = app.screen.query_one("#i-title", Input)
        assert title.value == "Koncernfrågor - utkast"
        assert any(n.severity == "error" for n in app._notifications)
        # once the hand edit is gone, the same draft saves
        repo.git.run("checkout", "--", "meetings/cesam/2023/2023-09-05.toml")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert commits(repo)[0][0] == "CESAM 2023-09-05 § 2: rubrik ändrad"


@run_async
async def test_adjusted_meeting_is_read_only(demo_repo: Repository) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_meeting(pilot, "2022-09-20")
        assert screen.frozen
        before = len(commits(demo_repo))
        await pilot.press("a", "d", "K")
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert len(commits(demo_repo)) == before
        assert screen.query_one("#m-place").disabled


@run_async
async def test_english_keymap_help_and_palette(repo: Repository) -> None:
    config = repo.config
    config.settings.keymap = {"agenda.add": "plus"}
    repo.save_config(config, "keymap")
    repo.create(small_meeting())
    app = make_app(repo, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Meetings" in app.export_screenshot()
        await open_meeting(pilot)
        # the remapped key adds an item; the old one no longer does
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("plus")
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)
        await pilot.press(*"Budget", "enter")
        await settle(pilot)
        assert commits(repo)[0][0] == "CESAM 2023-09-05 § 2: item added (Budget)"
        # F1 lists every binding of the screen with its id and the remapped key
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        entries = {b.id: key for key, b, _ in app.screen.entries}
        assert entries["agenda.add"] == "plus"
        assert {"agenda.delete", "agenda.move_up", "agenda.indent", "attendance.absent", "app.help"} <= set(entries)
        await pilot.press("escape")
        await settle(pilot)
        # the command palette runs an action by name
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"New sub-item")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)


@run_async
async def test_mouse_opens_a_meeting_and_an_item(repo: Repository) -> None:
    repo.create(small_meeting())
    app = make_app(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        tree = app.screen.query_one("#meetings")
        await pilot.click(tree, offset=(12, 2))  # group, year, then the meeting
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)
        await pilot.click("#agenda-tree", offset=(8, 1))
        await settle(pilot)
        assert isinstance(app.screen, ItemScreen)
        assert app.screen.item_id == "koncern"


@run_async
async def test_a_bad_keymap_is_a_warning(repo: Repository) -> None:
    config = repo.config
    config.settings.keymap = {"agenda.add": ""}
    repo.save_config(config, "keymap")
    app = make_app(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, NavigatorScreen)


@run_async
async def test_open_a_meeting_from_the_command_line_and_dirty_warning(demo_repo: Repository) -> None:
    path = demo_repo.root / "meetings/cesam/2023/2023-09-05.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # a hand edit, not committed
    app = make_app(demo_repo, meeting="2023-09-05")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert app.repo_status is not None and app.repo_status.dirty == ("meetings/cesam/2023/2023-09-05.toml",)
        assert "ändrade filer utanför cesam: 1" in app.export_screenshot().replace("&#160;", " ")


@run_async
async def test_quitting_saves_what_is_typed(repo: Repository) -> None:
    repo.create(small_meeting())
    app = make_app(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_meeting(pilot)
        await go_to(pilot, screen, "2")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("end", *" och ekonomi", "ctrl+q")
        await settle(pilot)
    assert commits(repo)[0][0] == "CESAM 2023-09-05 § 2: rubrik ändrad"
    assert repo.load("cesam/2023-09-05").meeting.item("koncern").title == "Koncernfrågor och ekonomi"
