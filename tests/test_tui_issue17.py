"""Pilot tests for issue 17: the bugs a secretary met running a whole meeting, each written to fail first."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from conftest import small_meeting
from test_tui_flows import go_to, open_meeting
from textual import events
from textual.widgets import DataTable, Input, OptionList, Select, Static, TabbedContent, TextArea
from tui_helpers import commits, make_app, meeting_text, run_async, settle

from cesam_tui.drafts import draft_key
from cesam_tui.guard import log_file
from cesam_tui.screens.dialogs import FormDialog, LeaveDialog
from cesam_tui.screens.item import ItemScreen
from cesam_tui.screens.justering import JusteringScreen
from cesam_tui.screens.meeting import MeetingScreen
from cesam_tui.screens.search import SearchScreen
from cesam_tui.screens.statements import StatementsScreen
from cesam_tui.widgets.attendance import AttendanceTable
from store.core.config import Member
from store.core.model import Attachment, FollowUp, Status
from store.core.numbering import item_numbers
from store.services.followups import list_followups
from store.services.planning import new_meeting
from store.services.repository import Repository


@run_async
async def test_search_from_a_meeting_opens_a_hit_twice(demo_repo: Repository) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_meeting(pilot)
        for _ in range(2):
            await pilot.press("ctrl+f")
            await settle(pilot)
            assert isinstance(app.screen, SearchScreen)
            await pilot.press("ctrl+u", *"Kommunal", "enter")
            await settle(pilot)
            search = app.screen
            assert isinstance(search, SearchScreen)
            count = str(search.query_one("#s-count", Static).render())
            assert search.results is not None
            with_hits = len({hit.ref for hit in search.results})
            assert f"i {with_hits} möten (3 genomsökta)" in count, count
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, ItemScreen), app.screen
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, MeetingScreen)
    assert app.return_code in (None, 0)


@run_async
async def test_an_exception_in_a_handler_or_worker_is_a_notification_and_a_log_line(
    demo_repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cesam_tui.screens.search as search_screen

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("trasig")

    app = make_app(demo_repo, expect_errors=True)
    shown: list[str] = []
    notify = app.notify

    def recorded(message: str, **kwargs: Any) -> None:
        shown.append(message)
        notify(message, **kwargs)

    app.notify = recorded  # type: ignore[method-assign]
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_meeting(pilot)
        # a handler: the agenda's `a` asks the screen for the item under the cursor
        monkeypatch.setattr(MeetingScreen, "current_item", broken)
        await pilot.press("a")
        await settle(pilot)
        assert app.is_running and app.screen is screen
        assert len(app.internal_errors) == 1
        monkeypatch.undo()
        # a worker: the search's results are drawn from its thread
        monkeypatch.setattr(search_screen, "hit_label", broken)
        await pilot.press("ctrl+f", *"Kommunal", "enter")
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, SearchScreen)
        assert len(app.internal_errors) == 2
        monkeypatch.undo()
        # the app still works: the search is run again and a hit opens
        await pilot.press("ctrl+f", "enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ItemScreen)
        assert sum("RuntimeError: trasig" in m for m in shown) == 2
    assert app.return_code in (None, 0)
    log = log_file().read_text(encoding="utf-8")
    assert log.count("RuntimeError: trasig") >= 2
    assert "Traceback" in log


def type_ahead(app: Any, *keys: str) -> None:
    """Keys as a fast typist's terminal delivers them: all queued at once, nothing waits between them."""
    for key in keys:
        char = key if len(key) == 1 else None
        app.post_message(events.Key(key, char))


@run_async
async def test_next_attendee_typed_while_the_save_finishes_keeps_its_fields(repo: Repository) -> None:
    repo.create(small_meeting())
    app = make_app(repo)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_meeting(pilot)
        await pilot.press("3", "a")
        await settle(pilot)
        await pilot.press(*"Anna", "tab", *"HR", "ctrl+s")
        # the save of Anna runs while the next attendee is typed
        await pilot.press("a")
        type_ahead(app, *"Pers", "tab", *"Roll")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        assert dialog.values()["name"] == "Pers"
        assert dialog.values()["role"] == "Roll"
        await pilot.press("ctrl+s")
        await settle(pilot)
    names = [(a.name, a.role) for a in repo.load("cesam/2023-09-05").meeting.attendees]
    assert ("Anna", "HR") in names and ("Pers", "Roll") in names


@run_async
async def test_tab_digits_never_type_into_a_field(demo_repo: Repository) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_meeting(pilot)
        start = screen.query_one("#m-start", Input).value
        await pilot.press("2", "3")  # details, then attendance
        await settle(pilot)
        assert screen.query_one(TabbedContent).active == "attendance"
        assert screen.query_one("#m-start", Input).value == start
        await pilot.press("2", "tab")  # into the first field, where a digit is a digit
        assert app.focused is screen.query_one("#m-start", Input)
        await pilot.press("1", "2", "ctrl+r", "escape")
        await settle(pilot)
    assert app.return_code in (None, 0)


async def new_statement_dialog(pilot: Any) -> FormDialog:
    screen = await open_meeting(pilot)
    await go_to(pilot, screen, "2 a")
    await pilot.press("s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, StatementsScreen)
    await pilot.press("a")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, FormDialog)
    await pilot.press("tab", "tab")  # party → kind → text
    return dialog


@run_async
async def test_escape_in_a_dialog_with_typed_text_asks_save_discard_or_stay(repo: Repository) -> None:
    repo.create(small_meeting())
    before = len(commits(repo))
    app = make_app(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await new_statement_dialog(pilot)
        await pilot.press(*"Vi vill veta mer")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LeaveDialog)
        await pilot.press("escape")  # stay
        await settle(pilot)
        assert app.screen is dialog and dialog.values()["text"] == "Vi vill veta mer"
        await pilot.press(*" om kostnaden.")
        assert app.drafts.get(draft_key("cesam/2023-09-05", "statement.new.digital")) is not None
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("k")  # kasta
        await settle(pilot)
        assert isinstance(app.screen, StatementsScreen)
        assert app.drafts.keys() == []
        # nothing typed: Esc leaves at once
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, StatementsScreen)
        # typed, then Esc and Spara: saved
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("tab", "tab", *"Sparas.", "escape")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, StatementsScreen)
    assert len(commits(repo)) == before + 1
    assert repo.load("cesam/2023-09-05").meeting.item("digital").statements[-1].text == "Sparas."
    assert app.drafts.keys() == []


@run_async
async def test_quit_from_a_dialog_with_typed_text_asks_and_saves(repo: Repository) -> None:
    repo.create(small_meeting())
    app = make_app(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_statement_dialog(pilot)
        await pilot.press(*"Sagt före ctrl+q.", "ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, LeaveDialog)
        await pilot.press("s")
        await settle(pilot)
    assert app.return_code == 0
    assert repo.load("cesam/2023-09-05").meeting.item("digital").statements[-1].text == "Sagt före ctrl+q."


@run_async
async def test_a_draft_survives_a_crash_and_is_offered_back(repo: Repository) -> None:
    repo.create(small_meeting())
    app = make_app(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_statement_dialog(pilot)
        await pilot.press(*"Text som inte får försvinna")
        app.exit(1)  # as if the terminal closed: no question, no save
    assert repo.load("cesam/2023-09-05").meeting.item("digital").statements == []
    again = make_app(repo)
    async with again.run_test(size=(80, 24)) as pilot:
        dialog = await new_statement_dialog(pilot)
        assert dialog.values()["text"] == "Text som inte får försvinna"
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert repo.load("cesam/2023-09-05").meeting.item("digital").statements[-1].text == "Text som inte får försvinna"
    assert again.drafts.keys() == []


@run_async
async def test_a_draft_whose_save_failed_is_offered_back(repo: Repository) -> None:
    repo.create(small_meeting())
    app = make_app(repo)
    path = repo.root / repo.resolve("cesam/2023-09-05").relpath
    async with app.run_test(size=(80, 24)) as pilot:
        await new_statement_dialog(pilot)
        # a hand edit not committed: cesam refuses to save over it
        path.write_text(path.read_text(encoding="utf-8") + "\n# handredigerat\n", encoding="utf-8")
        await pilot.press(*"Får inte försvinna", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, StatementsScreen)
        repo.git.run("checkout", "--", str(path))
        await pilot.press("a")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        assert dialog.values()["text"] == "Får inte försvinna"
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert repo.load("cesam/2023-09-05").meeting.item("digital").statements[-1].text == "Får inte försvinna"
    assert app.drafts.keys() == []


@run_async
async def test_a_field_draft_survives_a_crash(repo: Repository) -> None:
    repo.create(small_meeting())
    app = make_app(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_meeting(pilot)
        await go_to(pilot, screen, "2 a")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ItemScreen)
        body = app.screen.query_one("#i-body", TextArea)
        body.focus()
        await pilot.press(*"Anteckning under mötet")
        app.exit(1)  # the terminal closed: nothing saved
    assert "Anteckning" not in meeting_text(repo)
    again = make_app(repo)
    async with again.run_test(size=(80, 24)) as pilot:
        screen = await open_meeting(pilot)
        await go_to(pilot, screen, "2 a")
        await pilot.press("enter")
        await settle(pilot)
        item = again.screen
        assert isinstance(item, ItemScreen)
        assert item.query_one("#i-body", TextArea).text.endswith("Anteckning under mötet")
        await pilot.press("escape")  # leaving saves it
        await settle(pilot)
    assert "Anteckning under mötet" in meeting_text(repo)
    assert again.drafts.keys() == []


@run_async
async def test_members_from_the_roster_editable_and_kept(repo: Repository) -> None:
    config = repo.config
    config.group("cesam").members = [Member("Anna Andersson", "HR-chef"), Member("Bo Berg", "ordförande", "Kommunal")]
    repo.save_config(config, "cesam: ledamöter")
    app = make_app(repo)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("tab", "end", "ctrl+u", *"2024-02-06", "ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        assert [(a.name, a.absent) for a in repo.load("cesam/2024-02-06").meeting.attendees] == [
            ("Anna Andersson", False),
            ("Bo Berg", False),
        ]
        await pilot.press("3", "tab")  # the unions' side: the role is shown next to the party
        await pilot.press("u")  # Bo is a justerare: his corrected name must follow
        await settle(pilot)
        unions = screen.query_one("#unions", AttendanceTable)
        assert [str(c) for c in unions.get_row_at(0)[2:]] == ["Kommunal", "ordförande"]
        # edit Bo: a corrected name, a new role, förhinder
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)
        await pilot.press("end", *"g", "tab", "ctrl+u", *"vice ordförande", "tab", "tab", "tab")
        await pilot.press("enter", "down", "enter", "ctrl+s")  # förhinder: ja
        await settle(pilot)
        bo = repo.load("cesam/2024-02-06").meeting.attendees[1]
        assert (bo.name, bo.role, bo.party, bo.absent) == ("Bo Bergg", "vice ordförande", "Kommunal", True)
        assert repo.load("cesam/2024-02-06").meeting.adjusters == ["Bo Bergg"]
        # the attendance becomes the roster
        await pilot.press("R")
        await settle(pilot)
    members = Repository(repo.root).config.group("cesam").members
    assert [(m.name, m.role) for m in members] == [("Anna Andersson", "HR-chef"), ("Bo Bergg", "vice ordförande")]
    assert commits(repo)[0][0] == "CESAM: ledamöter sparade från närvaron (2)"


@run_async
async def test_a_2021_follow_up_closed_in_a_2024_meeting_and_one_edited(repo: Repository) -> None:
    old = small_meeting(dt.date(2021, 6, 15))
    old.items[2].followups = [FollowUp("inspektion", "Arbetsgivaren redovisar inspektionen"), FollowUp("b", "Lokaler")]
    old.status = Status.ADJUSTED
    repo.create(old)
    before = (repo.root / "meetings/cesam/2021/2021-06-15.toml").read_text(encoding="utf-8")
    repo.create(new_meeting(repo, "cesam", dt.date(2024, 2, 6)))
    later = repo.load("cesam/2024-02-06").meeting
    number = item_numbers(later)[next(i.id for i in later.items if i.title.startswith("Arbetsgivaren redovisar"))]
    app = make_app(repo)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_meeting(pilot, "2024-02-06")
        await go_to(pilot, screen, number)
        await pilot.press("enter")
        await settle(pilot)
        app.screen.query_one("#followups").focus()
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)
        await pilot.press(*"Redovisad muntligt.", "ctrl+s")
        await settle(pilot)
        # a follow-up of its own, raised in 2024, then edited: a person owes it now
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"Ny fråga", "tab", "ctrl+u", *"Anna Andersson", "ctrl+s")
        await settle(pilot)
        table = app.screen.query_one("#followups", DataTable)
        table.move_cursor(row=1)  # below the closing record
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("end", *" om lokaler", "tab", "ctrl+u", *"Vision", "tab", *"2024-03-01", "ctrl+s")
        await settle(pilot)
    assert (repo.root / "meetings/cesam/2021/2021-06-15.toml").read_text(encoding="utf-8") == before
    open_refs = [e.ref for e in list_followups(repo)]
    assert "cesam/2021-06-15#inspektion" not in open_refs and "cesam/2021-06-15#b" in open_refs
    records = [f for i in repo.load("cesam/2024-02-06").meeting.items for f in i.followups]
    closing = next(f for f in records if f.closes)
    assert (closing.closed_in, closing.closed_note) == ("cesam/2024-02-06", "Redovisad muntligt.")
    own = next(f for f in records if not f.closes)
    assert (own.text, own.owner, own.due) == ("Ny fråga om lokaler", "Vision", dt.date(2024, 3, 1))


@run_async
async def test_justering_in_the_tui_record_finish_reopen(repo: Repository) -> None:
    meeting = small_meeting()
    meeting.status = Status.HELD
    meeting.chair = "Anna Andersson"
    meeting.adjusters = ["Bo Berg"]
    repo.create(meeting)
    app = make_app(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meeting(pilot)
        await pilot.press("v")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, JusteringScreen)
        assert screen.result is not None and screen.result.missing == ["Bo Berg", "Anna Andersson"]
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("tab", "tab", "ctrl+u", *"papper", "tab", *"2023-09-13 13:06:16", "ctrl+s")
        await settle(pilot)
        assert screen.result.missing == ["Anna Andersson"]
        (approval,) = screen.result.approvals
        assert (approval.approver, approval.method, approval.signed_at) == ("Bo Berg", "papper", "2023-09-13 13:06:16")
        await pilot.press("f")  # not complete: refused, with who is missing
        await settle(pilot)
        assert repo.load("cesam/2023-09-05").meeting.status == Status.HELD
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert repo.load("cesam/2023-09-05").meeting.status == Status.ADJUSTED
        assert screen.result.missing == []
        await pilot.press("o")
        await settle(pilot)
        await pilot.press(*"Fel datum i punkt 2", "ctrl+s")
        await settle(pilot)
        assert repo.load("cesam/2023-09-05").meeting.status == Status.HELD
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen) and not app.screen.frozen
    assert "Fel datum i punkt 2" in commits(repo)[0][0]


@run_async
async def test_bilaga_attached_numbered_through_the_meeting_and_raised_by(repo: Repository, tmp_path: Path) -> None:
    meeting = small_meeting()
    meeting.items[0].attachments.append(Attachment(1, "Tidigare bilaga"))
    repo.create(meeting)
    source = tmp_path / "Underlag.pdf"
    source.write_bytes(b"%PDF underlag")
    app = make_app(repo)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_meeting(pilot)
        await go_to(pilot, screen, "2 a")
        await pilot.press("enter")
        await settle(pilot)
        item = app.screen
        assert isinstance(item, ItemScreen)
        item.query_one("#attachments").focus()
        await pilot.press("a")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, FormDialog) and dialog.values()["number"] == "2"  # through the meeting
        await pilot.press(*"Underlag", "tab", *str(source), "ctrl+s")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("end", *" till § 2", "ctrl+s")
        await settle(pilot)
        # the union that raised it
        select = item.query_one("#i-raised-by", Select)
        select.value = "Vision"
        await settle(pilot)
    saved = repo.load("cesam/2023-09-05").meeting.item("digital")
    (attachment,) = saved.attachments
    assert (attachment.number, attachment.file) == (2, "bilagor/cesam/2023-09-05/2-Underlag.pdf")
    assert attachment.title.startswith("Underlag till")
    assert (repo.root / attachment.file).read_bytes() == b"%PDF underlag"
    assert saved.raised_by == "Vision"


@run_async
async def test_rough_edges_sub_item_add_delete_cursor_refused_status_toasts(repo: Repository) -> None:
    repo.create(small_meeting())
    app = make_app(repo)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_meeting(pilot)
        # `a` on a sub-item adds its sibling (2 b), not a top-level item
        await go_to(pilot, screen, "2 a")
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"Syskon", "enter")
        await settle(pilot)
        added = next(i for i in repo.load("cesam/2023-09-05").meeting.items if i.title == "Syskon")
        assert added.parent == "koncern" and screen.numbers[added.id] == "2 b"
        # after a delete the cursor stays where it was, not on § 1
        await go_to(pilot, screen, "2 a")
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert screen.current_item() == added.id
        # a status the store refuses (justerad needs the approvals) is not left showing
        await pilot.press("2")
        select = screen.query_one("#m-status", Select)
        select.value = "justerad"
        await settle(pilot)
        assert select.value == "utkast"
        assert repo.load("cesam/2023-09-05").meeting.status.value == "utkast"
        # a run of saves shows one "Sparat", not a column of them (the error above stays)
        app.clear_notifications()
        for place in ("A", "B", "C"):
            await pilot.press("1", "2", "tab", "tab", "tab", "ctrl+u", *f"Sal {place}", "enter")
            await settle(pilot)
        saved = [n for n in app._notifications if n.message.startswith("Sparat")]
        assert len(saved) == 1 and "plats ändrad" in saved[0].message


@run_async
async def test_swedish_help_and_palette_without_textual_english(repo: Repository) -> None:
    repo.create(small_meeting())
    app = make_app(repo)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_meeting(pilot)
        await pilot.press("f1")
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        words = {row[1] for row in rows}
        assert "Markören upp" in words and "Cursor Up" not in words
        assert ["shift+←, <", "Gör till punkt", "agenda.outdent"] in rows
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        palette = app.screen
        prompt = palette.query_one(Input)
        assert prompt.placeholder == "Sök kommandon …"
        await pilot.press(*"Avsluta")
        await settle(pilot)
        shown = palette.query_one(OptionList)
        texts = [str(shown.get_option_at_index(i).prompt) for i in range(shown.option_count)]
        assert any("Avsluta" in text for text in texts), texts
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Gör till punkt")
        await settle(pilot)
        shown = app.screen.query_one(OptionList)
        texts = [str(shown.get_option_at_index(i).prompt) for i in range(shown.option_count)]
        assert any("shift+←, <" in text for text in texts) and not any("less_than_sign" in x for x in texts), texts
