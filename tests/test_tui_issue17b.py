"""Pilot tests for what remained of issue 17, each written to fail first."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import small_meeting
from rich.text import Text
from test_tui_flows import go_to, open_meeting
from textual.widgets import DataTable
from tui_helpers import make_app, run_async, settle

from cesam_tui.screens.item import ItemScreen
from cesam_tui.screens.meeting import MeetingScreen
from cesam_tui.screens.navigator import NavigatorScreen
from cesam_tui.screens.statements import StatementsScreen
from store.core.model import Attachment, Attendee, FollowUp, Meeting, Statement, StatementKind
from store.services.repository import Repository

SIZES = [(80, 24), (120, 36)]


@run_async
async def test_a_filter_to_one_meeting_opens_it_with_one_enter(demo_repo: Repository) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"2023-09-05", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen) and app.screen.ref.date == dt.date(2023, 9, 5)
        # back in the list, the cursor is on the meeting; a filter that leaves several only moves to the list
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, NavigatorScreen)
        await pilot.press("escape", *"20", "enter")
        await settle(pilot)
        assert isinstance(app.screen, NavigatorScreen)
        assert app.focused is not None and app.focused.id == "meetings"


def cell_width(cell: Any) -> int:
    return cell.cell_len if isinstance(cell, Text) else Text(str(cell)).cell_len


def assert_widths_follow_rows(table: DataTable[Any]) -> None:
    """Each column as wide as its widest cell or its label: not the widest it ever held, nor less."""
    for index, column in enumerate(table.ordered_columns):
        cells = [table.get_row_at(row)[index] for row in range(table.row_count)]
        wanted = max([column.label.cell_len, *(cell_width(c) for c in cells)])
        assert column.content_width == wanted, (table.id, column.label.plain, column.content_width, wanted)


async def outside(pilot: Any, repo: Repository, change: Any) -> None:
    """A change made elsewhere (a colleague's pull, an edit in vim), picked up by the app's watch."""
    repo.apply(repo.resolve("cesam/2023-09-05"), change)
    pilot.app.check_outside_changes()
    await settle(pilot)


def long_names(m: Meeting) -> None:
    m.attendees = [
        Attendee("a", "Bartholomeus Oxenstierna-Lilliehöök", role="Förvaltningschef för allt"),
        Attendee("b", "Kommunalarbetareförbundet", role="Huvudskyddsombud", party="Kommunal"),
    ]
    m.item("digital").statements = [Statement("s", "Kommunal", StatementKind.PROTOCOL_NOTE, "En mycket lång synpunkt")]
    m.item("digital").followups = [FollowUp("f", "Arbetsgivaren återkommer om lokalerna i höst", owner="Förvaltningen")]
    m.item("digital").attachments = [Attachment(1, "Lokalförsörjningsplan 2024–2030", "")]


def short_names(m: Meeting) -> None:
    m.attendees = [Attendee("a", "Bo", role="Chef"), Attendee("b", "Eva", role="Ombud", party="Vision")]
    m.item("digital").statements = [Statement("s", "SACO", StatementKind.VIEW, "Kort")]
    m.item("digital").followups = [FollowUp("f", "Svar", owner="Bo")]
    m.item("digital").attachments = [Attachment(1, "Plan")]


@pytest.mark.parametrize("size", SIZES)
@run_async
async def test_columns_follow_the_data_in_every_refreshed_table(repo: Repository, size: tuple[int, int]) -> None:
    repo.create(small_meeting())
    repo.apply(repo.resolve("cesam/2023-09-05"), long_names)
    app = make_app(repo)
    async with app.run_test(size=size) as pilot:
        screen = await open_meeting(pilot)
        await pilot.press("3")
        await settle(pilot)
        tables = list(screen.query("AttendanceTable"))
        await outside(pilot, repo, short_names)
        for table in tables:
            assert_widths_follow_rows(table)  # type: ignore[arg-type]
        await outside(pilot, repo, long_names)
        for table in tables:
            assert_widths_follow_rows(table)  # type: ignore[arg-type]
        await pilot.press("1")
        await go_to(pilot, screen, "2 a")
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, StatementsScreen)
        await outside(pilot, repo, short_names)
        assert_widths_follow_rows(app.screen.query_one(DataTable))
        await pilot.press("escape", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ItemScreen)
        await outside(pilot, repo, long_names)
        await outside(pilot, repo, short_names)
        for table in app.screen.query(DataTable):
            assert_widths_follow_rows(table)
        await pilot.press("escape", "h")
        await settle(pilot)
        history = app.screen.query_one(DataTable)
        assert_widths_follow_rows(history)


def merge_a_branch(repo: Repository, monkeypatch: pytest.MonkeyPatch) -> None:
    """A reviewer's branch changes Vision's statement in § 4 a; main meanwhile adds to § 3; then a real merge."""
    import shlex
    import sys

    from conftest import ROOT
    from test_history import MEETING, VISION, set_text

    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    repo.git.run(
        "config", "merge.cesam.driver", f"{shlex.quote(sys.executable)} -m cesam_cli.main merge-driver %O %A %B %P"
    )
    repo.git.run("checkout", "-q", "-b", "granskning")
    repo.apply(MEETING, set_text(VISION, "digital nyfikenhet", "digital lust att lära"))
    repo.git.run("checkout", "-q", "main")
    repo.apply(MEETING, lambda m: setattr(m.item("tib-och-kib"), "body", m.item("tib-och-kib").body + " Tillägg."))
    repo.git.run("merge", "-q", "--no-edit", "granskning")


def test_a_merge_says_what_it_brought_in(demo_repo: Repository, monkeypatch: pytest.MonkeyPatch) -> None:
    from store.core.messages import describe
    from store.services.history import history

    merge_a_branch(demo_repo, monkeypatch)
    (merge, *_) = history(demo_repo, "cesam/2023-09-05")
    assert merge.is_merge and merge.changes == []  # nothing of its own: each change came from one side
    assert [describe(c, "sv", values=False) for c in merge.brought_in] == ["§ 4 a: Vision – synpunkt ändrad"]
    # an item's history limits it the same way
    (item_merge, *_) = history(demo_repo, "cesam/2023-09-05", item_id="tib-och-kib")
    assert not item_merge.is_merge


@pytest.mark.parametrize("size", SIZES)
@run_async
async def test_the_history_of_a_merge_that_changed_content_shows_the_change(
    demo_repo: Repository, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    merge_a_branch(demo_repo, monkeypatch)
    app = make_app(demo_repo)
    async with app.run_test(size=size) as pilot:
        await open_meeting(pilot)
        await pilot.press("h")
        await settle(pilot)
        screen = app.screen
        assert screen.entries[0].is_merge  # type: ignore[attr-defined]
        shown = screen.shown.plain  # type: ignore[attr-defined]
        assert "Inga ändringar" not in shown
        assert "Sammanslagningen förde in" in shown and "Vision – synpunkt ändrad" in shown, shown


#: words of Textual's and the store's English that must never show in the Swedish UI
ENGLISH = [
    "Dismiss",
    "Cursor",
    "Search for",
    "No matches",
    "Show menu",
    "palette",
    "Press ",
    "Quit",
    "Toggle",
    "Focus",
    "Theme",
    "Screenshot",
    "Keys",
    "justerad only",
    "cannot be",
    "approve",
    "is not",
    "Give a date",
    "Record the",
    "less_than_sign",
    "already exists",
    "greater_than_sign",
]


def screen_words(app: Any) -> str:
    """Every word drawn on the screen now (the SVG screenshot's text), spaces as spaces."""
    import html
    import re

    svg = app.export_screenshot()
    return html.unescape(" ".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg))).replace("\xa0", " ")


@run_async
async def test_the_swedish_ui_shows_no_english(demo_repo: Repository) -> None:
    app = make_app(demo_repo)
    shown: list[str] = []
    notify = app.notify

    def recorded(message: str, **kwargs: Any) -> None:
        shown.append(f"{kwargs.get('title', '')}: {message}")
        notify(message, **kwargs)

    app.notify = recorded  # type: ignore[method-assign]

    async def look(where: str) -> None:
        await settle(pilot)
        shown.append(f"[{where}] " + screen_words(app))

    async with app.run_test(size=(120, 36)) as pilot:
        await look("navigator")
        await pilot.press("f1")
        await look("navigator help")
        await pilot.press("escape", "ctrl+p")
        await look("kommandon")
        await pilot.press(*"zzzz")
        await pilot.pause(0.8)  # the palette says it found nothing after half a second
        await look("kommandon, inga träffar")
        await pilot.press("ctrl+u", *"Tema")
        await settle(pilot)
        await pilot.press("enter")  # Textual's theme search
        await look("färgtema")
        await pilot.press("escape", "n")
        await settle(pilot)
        await pilot.press("tab", "end", "ctrl+u", *"2023-09-05", "ctrl+s")  # there is one that day: refused
        await look("nytt möte")
        await pilot.press(*"2023-09-05", "enter")
        await look("meeting")
        await pilot.press("ctrl+c")  # not a copy here: Textual would tell how to quit, in English
        await pilot.press("f1")
        await look("meeting help")
        await pilot.press("escape", "2")
        await settle(pilot)
        app.screen.query_one("#m-status").focus()
        await pilot.press("enter")  # the status list open: the footer names esc
        await look("status list")
        await pilot.press("end", "enter")  # justerad: refused, only the approvals make it justerad
        await look("status refused")
        await pilot.press("v")
        await look("justering")
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("tab", "ctrl+u", *"2020-01-01", "ctrl+s")  # before the meeting: refused
        await look("approval refused")
        await pilot.press("escape", "1", "enter")
        await look("item")
        await pilot.press("f1")
        await look("item help")
        await pilot.press("escape", "escape", "h")
        await look("history")
    found = [(word, text) for text in shown for word in ENGLISH if word in text]
    assert not found, "\n".join(
        f"{word!r} in {text[text.index(word) - 60 : text.index(word) + 60]!r}" for word, text in found
    )
    # and what they said instead, in Swedish
    said = "\n".join(shown)
    for words in [
        "Stäng listan",
        "Inga träffar",
        "palett",
        "Tryck ctrl+q",
        "blir justerat först när",
        "kan inte dateras",
        "finns redan",
        "färgtema …",  # the placeholder (its first letter under the cursor)
    ]:
        assert words in said, words


@pytest.mark.parametrize("size", SIZES)
@run_async
async def test_presenters_are_a_list_of_people(repo: Repository, size: tuple[int, int]) -> None:
    from tui_helpers import commits

    from cesam_tui.widgets.namelist import NameList

    meeting = small_meeting()
    meeting.item("digital").presenters = ["Anna Andersson", "Bo Berg"]
    repo.create(meeting)
    app = make_app(repo)
    async with app.run_test(size=size) as pilot:
        screen = await open_meeting(pilot)
        await go_to(pilot, screen, "2 a")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("tab", "tab", "tab", "tab")  # title → kind → raised by → purpose → presenters
        names = app.focused
        assert isinstance(names, NameList) and names.value == ("Anna Andersson", "Bo Berg")
        before = len(commits(repo))

        def presenters() -> list[str]:
            return repo.load("cesam/2023-09-05").meeting.item("digital").presenters

        await pilot.press("down", "a")  # after Bo
        await settle(pilot)
        await pilot.press(*"Cecilia Ceder", "ctrl+s")
        await settle(pilot)
        assert presenters() == ["Anna Andersson", "Bo Berg", "Cecilia Ceder"]
        await pilot.press("K")  # Cecilia before Bo
        await settle(pilot)
        assert presenters() == ["Anna Andersson", "Cecilia Ceder", "Bo Berg"]
        await pilot.press("home", "d")  # Anna gone
        await settle(pilot)
        assert presenters() == ["Cecilia Ceder", "Bo Berg"]
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("end", *"-Lind", "ctrl+s")
        await settle(pilot)
        assert presenters() == ["Cecilia Ceder-Lind", "Bo Berg"]
        assert len(commits(repo)) == before + 4  # each change one commit
        assert app.focused is names  # back in the list after each dialog
        await pilot.press("escape")
        await settle(pilot)
    assert len(commits(repo)) == before + 4


@pytest.mark.parametrize("size", SIZES)
@run_async
async def test_the_built_in_editor_when_no_editor_is_set(
    repo: Repository, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widgets import TextArea
    from tui_helpers import commits, meeting_text

    from cesam_tui.screens.dialogs import LeaveDialog
    from cesam_tui.screens.editor import EditorScreen

    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    repo.create(small_meeting())
    app = make_app(repo)
    async with app.run_test(size=size) as pilot:
        screen = await open_meeting(pilot)
        await go_to(pilot, screen, "2 a")
        await pilot.press("enter")
        await settle(pilot)
        item = app.screen
        before = len(commits(repo))
        await pilot.press("tab", "tab", "tab", "tab", "tab")  # title → … → presenters → the text
        assert app.focused is not None and app.focused.id == "i-body"
        await pilot.press("ctrl+o")  # no $EDITOR: the built-in one, full screen
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        area = editor.query_one(TextArea)
        assert area.soft_wrap and area.size.width >= size[0] - 6 and area.size.height >= size[1] - 6
        long_line = "Förvaltningen redovisade läget för digitaliseringsprogrammet och svarade på frågor. " * 3
        await pilot.press(*"# Rubrik", "enter", *long_line.strip())
        # what is typed is the field's draft at once: a crash here would not lose it
        drafts = app.drafts.keys()  # type: ignore[attr-defined]
        assert any("i-body" in key for key in drafts), drafts
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is item
        assert "# Rubrik" in meeting_text(repo) and "frågor." in meeting_text(repo)
        assert len(commits(repo)) == before + 1
        saved = meeting_text(repo)

        # ctrl+g: the built-in editor also when $EDITOR is set; esc with changes asks, k discards
        monkeypatch.setenv("EDITOR", "false")
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        await pilot.press(*" Kastas.")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LeaveDialog)
        await pilot.press("k")
        await settle(pilot)
        assert app.screen is item
        assert "Kastas" not in item.query_one("#i-body", TextArea).text
        assert meeting_text(repo) == saved and len(commits(repo)) == before + 1

        # esc, then stay: still in the editor with the text; then save from the question
        await pilot.press("ctrl+g")
        await settle(pilot)
        await pilot.press("end", *" Sparas.", "escape")
        await settle(pilot)
        await pilot.press("escape")  # stay
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        await pilot.press("escape", "s")
        await settle(pilot)
        assert app.screen is item
    assert "Sparas." in meeting_text(repo) and len(commits(repo)) == before + 2


@pytest.mark.parametrize("size", SIZES)
@run_async
async def test_a_new_group_from_the_tui_and_its_first_meeting(repo: Repository, size: tuple[int, int]) -> None:
    from textual.widgets import Tree
    from tui_helpers import commits

    from cesam_tui.screens.dialogs import FormDialog

    repo.create(small_meeting())
    app = make_app(repo)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("G")
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)
        await pilot.press(*"Lokal samverkansgrupp hemtjänst", "tab", *"LSG Hemtjänst", "tab")
        await pilot.press(*"Anna Andersson; enhetschef", "enter", *"Bo Berg; huvudskyddsombud; Kommunal", "ctrl+s")
        await settle(pilot)
        assert (
            commits(repo)[0][0] == "Ny samverkansgrupp: LSG Hemtjänst – Lokal samverkansgrupp hemtjänst (2 ledamöter)"
        )
        assert app.drafts.keys() == []  # type: ignore[attr-defined]
        # the navigator shows it, the cursor on it; n makes its first meeting, with its members
        tree = app.screen.query_one(Tree)
        for _ in range(10):  # the commit, then the list read again: a loaded machine takes more rounds
            if tree.cursor_node is not None and tree.cursor_node.data == "lsg-hemtjanst":
                break
            await settle(pilot)
        assert tree.cursor_node is not None and tree.cursor_node.data == "lsg-hemtjanst"
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("tab", "end", "ctrl+u", *"2024-03-05", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)
    meeting = repo.load("lsg-hemtjanst/2024-03-05").meeting
    assert [(a.name, a.party) for a in meeting.attendees] == [
        ("Anna Andersson", "Arbetsgivaren"),
        ("Bo Berg", "Kommunal"),
    ]
    assert [i.title for i in meeting.items] == ["Val av justerare", "Övriga frågor"]


@run_async
async def test_a_bilaga_copied_in_leaves_no_draft_to_offer_back(repo: Repository, tmp_path: Any) -> None:
    """A dialog whose save is a store call (a file copied in) settles its draft once it is in git."""
    from textual.widgets import Input

    from cesam_tui.screens.dialogs import FormDialog
    from cesam_tui.widgets.records import AttachmentTable

    source = tmp_path / "Plan.pdf"
    source.write_bytes(b"%PDF plan")
    repo.create(small_meeting())
    app = make_app(repo)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_meeting(pilot)
        await go_to(pilot, screen, "2 a")
        await pilot.press("enter")
        await settle(pilot)
        app.screen.query_one(AttachmentTable).focus()
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"Plan", "tab", *str(source), "ctrl+s")
        await settle(pilot)
        assert repo.load("cesam/2023-09-05").meeting.item("digital").attachments[0].file.endswith("1-Plan.pdf")
        assert app.drafts.keys() == []  # type: ignore[attr-defined]
        await pilot.press("a")  # the next bilaga's form starts empty, not with the last one's text
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        assert dialog.query_one("#f-title", Input).value == ""
