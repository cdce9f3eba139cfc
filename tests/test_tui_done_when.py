"""The issue's "done when", keyboard only, at 80x24, on the demo repository.

Find 2023-09-05, change Vision's statement in § 4 a, add a protokollsanteckning
for Kommunal in § 4 c, add a sub-item, reorder, set oenighet, close a
follow-up: each one commit, authored by the user, nothing else committed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable
from tui_helpers import commits, make_app, run_async, settle

from cesam_tui.screens.editor import EditorScreen
from cesam_tui.screens.item import AttachmentTable, FollowUpTable, ItemScreen
from cesam_tui.screens.justering import JusteringScreen
from cesam_tui.screens.meeting import MeetingScreen
from cesam_tui.screens.statements import StatementsScreen
from cesam_tui.widgets.namelist import NameList
from store.core.model import OutcomeKind, StatementKind, Status
from store.services.followups import list_followups
from store.services.justering import verify
from store.services.repository import Repository

AUTHOR = "Sara Sekreterare <sara@example.se>"


async def go_to_item(pilot: Pilot[Any], number: str) -> None:
    """Move the agenda cursor to an item by pressing j, as a person would."""
    screen = pilot.app.screen
    assert isinstance(screen, MeetingScreen)
    await pilot.press("home")
    for _ in range(40):
        if screen.numbers.get(screen.current_item() or "") == number:
            return
        await pilot.press("j")
    raise AssertionError(f"no item {number}")


async def tab_to(pilot: Pilot[Any], kind: type) -> None:
    for _ in range(30):
        if isinstance(pilot.app.focused, kind):
            return
        await pilot.press("tab")
    raise AssertionError(f"cannot reach {kind.__name__}")


def new_commit(repo: Repository, before: int) -> tuple[str, str]:
    log = commits(repo)
    assert len(log) == before + 1, log[: len(log) - before + 1]
    return log[0]


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
@run_async
async def test_done_when(demo_repo: Repository, size: tuple[int, int]) -> None:
    repo = demo_repo
    app = make_app(repo)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        # find the meeting by typing its date, then open it
        await pilot.press(*"2023-09-05", "enter")  # one meeting left: enter opens it
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)
        count = len(commits(repo))

        # 1. Vision's statement in § 4 a
        await go_to_item(pilot, "4 a")
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, StatementsScreen)
        await pilot.press("j", "enter")  # row 2 is Vision's
        await settle(pilot)
        await pilot.press(*"Ändrat: ")  # editing starts in the text
        await pilot.press("ctrl+s")
        await settle(pilot)
        subject, author = new_commit(repo, count)
        assert subject == "CESAM 2023-09-05 § 4 a: Vision – synpunkt ändrad"
        assert author == AUTHOR
        meeting = repo.load("cesam/2023-09-05").meeting
        assert meeting.item("digitaliseringsprogrammet").statement("vision-malbild").text.startswith("Ändrat: ")
        count += 1

        # 2. a protokollsanteckning for Kommunal in § 4 c
        await pilot.press("escape")
        await settle(pilot)
        await go_to_item(pilot, "4 c")
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        # the party starts on the first union, Kommunal; the kind is chosen from its list
        await pilot.press("tab", "enter", "down", "enter")  # synpunkt → protokollsanteckning
        await pilot.press("tab", *"Kommunal vill ha heltid som norm.", "ctrl+s")
        await settle(pilot)
        subject, author = new_commit(repo, count)
        assert subject == "CESAM 2023-09-05 § 4 c: Kommunal – protokollsanteckning tillagd"
        item = repo.load("cesam/2023-09-05").meeting.item("fritidsverksamhet")
        added = item.statements[-1]
        assert (added.party, added.kind, added.text) == (
            "Kommunal",
            StatementKind.PROTOCOL_NOTE,
            "Kommunal vill ha heltid som norm.",
        )
        count += 1

        # 3. a sub-item under § 4, after 4 c
        await pilot.press("escape")
        await settle(pilot)
        await go_to_item(pilot, "4 c")
        await pilot.press("A")
        await settle(pilot)
        await pilot.press(*"Lönekartläggning", "enter")
        await settle(pilot)
        subject, _ = new_commit(repo, count)
        assert subject == "CESAM 2023-09-05 § 4 d: underpunkt tillagd (Lönekartläggning)"
        count += 1

        # 4. reorder: the new sub-item one place up
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        assert screen.numbers[screen.current_item() or ""] == "4 d"
        await pilot.press("K")
        await settle(pilot)
        subject, _ = new_commit(repo, count)
        # a swap moves two items; the store's message names both
        assert subject == "CESAM 2023-09-05: 2 ändringar (§ 4 c, § 4 d)"
        assert "§ 4 d → § 4 c: Lönekartläggning flyttad" in repo.git.run("log", "-1", "--format=%B")
        meeting = repo.load("cesam/2023-09-05").meeting
        assert [i.title for i in meeting.children("koncernfragor")][-2:] == [
            "Lönekartläggning",
            "Omorganisation av fritidsverksamhet från KOF till UBF",
        ]
        count += 1

        # 5. oenighet for the unions in § 5
        await go_to_item(pilot, "5")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ItemScreen)
        for _ in range(7):  # title, kind, raised by, purpose, presenters, body, proposal → outcome
            await pilot.press("tab")
        assert app.focused is not None and app.focused.id == "i-outcome"
        await pilot.press("enter", "down", "enter")  # enighet → oenighet
        await settle(pilot)
        subject, _ = new_commit(repo, count)
        assert subject == "CESAM 2023-09-05 § 5: utfall ändrat"
        outcome = repo.load("cesam/2023-09-05").meeting.item("arbetsmiljofragor").outcome
        assert outcome.kind == OutcomeKind.DISAGREEMENT and outcome.parties == []
        count += 1

        # 6. close the follow-up in § 6
        await pilot.press("escape")
        await settle(pilot)
        await go_to_item(pilot, "6")
        await pilot.press("enter")
        await settle(pilot)
        await tab_to(pilot, FollowUpTable)
        await pilot.press("c")
        await settle(pilot)
        subject, _ = new_commit(repo, count)
        assert subject == "CESAM 2023-09-05 § 6: Arbetsgivaren – uppföljning stängd"
        followup = repo.load("cesam/2023-09-05").meeting.item("upphandling").followup("fu-mbl38")
        assert followup.closed
        assert isinstance(app.focused, DataTable)

        # leaving without changes commits nothing
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert len(commits(repo)) == count + 1
        assert repo.state().clean


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
@run_async
async def test_done_when_the_whole_meeting(demo_repo: Repository, size: tuple[int, int], tmp_path: Path) -> None:
    """Issue 17: a meeting prepared, run and closed in the TUI.

    Members from the roster, a 2021 follow-up closed in 2024 (and the navigator's count knows),
    a bilaga attached, the presenters as a list, the text in the built-in editor, justerare from
    the attendance, held, and justerad by approvals recorded here.
    """
    repo = demo_repo
    old_2021 = (repo.root / "meetings/cesam/2021/2021-06-15.toml").read_bytes()
    source = tmp_path / "Lokalplan.pdf"
    source.write_bytes(b"%PDF lokalplan")
    app = make_app(repo)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        open_2021 = next(s.open_followups for s in app.summaries if str(s.ref) == "cesam/2021-06-15")
        await pilot.press(*"2023-09-05", "enter")  # one meeting left: enter opens it
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)

        # the attendance of 2023-09-05 becomes the group's roster
        await pilot.press("3", "R")
        await settle(pilot)
        assert commits(repo)[0][0] == "CESAM: ledamöter sparade från närvaron (15)"

        # an approval of the held meeting, recorded here
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, JusteringScreen)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        (result,) = verify(repo, ["cesam/2023-09-05"])
        assert [a.approver for a in result.approvals] == ["Alexandra Eldstål"]
        assert result.missing == ["Lena Possbeck", "Magnus Gyllestad"]
        await pilot.press("escape", "escape")
        await settle(pilot)

        # a new meeting: everyone on the roster, present
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("tab", "end", "ctrl+u", *"2024-02-06", "ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        meeting = repo.load("cesam/2024-02-06").meeting
        assert len(meeting.attendees) == 15 and not any(a.absent for a in meeting.attendees)
        assert {a.name for a in meeting.attendees} >= {"Magnus Gyllestad", "Alexandra Eldstål"}

        # the 2021 follow-up on new premises, closed in this meeting
        carried = next(i for i in meeting.items if i.carried_from == ["cesam/2021-06-15#fu-nya-lokaler"])
        assert carried.title == "Samverkan i processen nya lokaler."
        await go_to_item(pilot, screen.numbers[carried.id])
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ItemScreen)
        await tab_to(pilot, FollowUpTable)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press(*"Klart: flytten är genomförd.", "ctrl+s")
        await settle(pilot)
        assert "cesam/2021-06-15#fu-nya-lokaler" not in [e.ref for e in list_followups(repo)]
        assert (repo.root / "meetings/cesam/2021/2021-06-15.toml").read_bytes() == old_2021

        # a bilaga to the same item, copied into the repository
        await tab_to(pilot, AttachmentTable)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"Lokalplan", "tab", *str(source), "ctrl+s")
        await settle(pilot)
        (attachment,) = repo.load("cesam/2024-02-06").meeting.item(carried.id).attachments
        assert attachment.file == "bilagor/cesam/2024-02-06/1-Lokalplan.pdf"
        assert (repo.root / attachment.file).read_bytes() == b"%PDF lokalplan"

        # the navigator counts the 2021 follow-up as closed, though 2021 is untouched
        counts = {str(s.ref): s.open_followups for s in app.summaries}
        assert counts["cesam/2021-06-15"] == open_2021 - 1, (counts, open_2021)

        # who presents it, a list of people; the text written in the built-in editor
        await tab_to(pilot, NameList)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"Magnus Gyllestad", "ctrl+s")
        await settle(pilot)
        await pilot.press("tab", "ctrl+o")  # no $EDITOR: full screen
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        await pilot.press(*"Flytten är klar; lokalerna tas i bruk i mars.", "ctrl+s")
        await settle(pilot)
        item = repo.load("cesam/2024-02-06").meeting.item(carried.id)
        assert item.presenters == ["Magnus Gyllestad"] and "tas i bruk i mars." in item.body

        # run it: two justerare from the attendance, then held
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("3", "u", "tab", "u")  # the first of each side
        await settle(pilot)
        adjusters = repo.load("cesam/2024-02-06").meeting.adjusters
        assert len(adjusters) == 2, adjusters
        await pilot.press("2")  # the tab strip; then tab through the details to the status
        for _ in range(12):
            if app.focused is not None and app.focused.id == "m-status":
                break
            await pilot.press("tab")
        assert app.focused is not None and app.focused.id == "m-status"
        await pilot.press("enter", "down", "down", "enter")  # utkast → hållen
        await settle(pilot)
        assert repo.load("cesam/2024-02-06").meeting.status == Status.HELD

        # close it: each justerare's approval recorded here; the last makes it justerad
        await pilot.press("v")
        await settle(pilot)
        for _ in adjusters:
            await pilot.press("a")
            await settle(pilot)
            await pilot.press("ctrl+s")
            await settle(pilot)
        (result,) = verify(repo, ["cesam/2024-02-06"])
        assert sorted(a.approver for a in result.approvals) == sorted(adjusters) and not result.missing
        assert repo.load("cesam/2024-02-06").meeting.status == Status.ADJUSTED
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert app.return_code == 0
    assert repo.state().clean
