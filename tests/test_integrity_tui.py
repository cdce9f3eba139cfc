"""Issue 14: the UI's saves check their base under the repository lock.

A field the user edits is written to the meeting as it is when the lock is
taken (Repository.apply), so changes to other fields survive; a field that
someone else changed since the screen showed it is not overwritten unseen.
"""

from __future__ import annotations

from conftest import small_meeting
from test_tui_flows import go_to, open_meeting
from textual.widgets import Input
from tui_helpers import commits, make_app, run_async, settle

from store.services.repository import Repository

MEETING = "cesam/2023-09-05"


@run_async
async def test_a_field_changed_meanwhile_is_not_overwritten_unseen(repo: Repository) -> None:
    repo.create(small_meeting())
    app = make_app(repo)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_meeting(pilot)
        app.start_watching(3600)  # the timer never fires here; the test calls the check itself
        await go_to(pilot, screen, "2")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("end", *" - mitt")  # a draft of the title

        # another writer saves the same title, and another field, before this save
        def theirs(m):  # type: ignore[no-untyped-def]
            m.item("koncern").title = "Koncernfrågor - deras"
            m.place = "Rådhuset"

        repo.apply(MEETING, theirs)
        before = len(commits(repo))
        await pilot.press("ctrl+s")
        await settle(pilot)
        meeting = repo.load(MEETING).meeting
        assert meeting.item("koncern").title == "Koncernfrågor - deras", "not overwritten unseen"
        assert len(commits(repo)) == before
        assert any("någon annan" in str(n.message) for n in app._notifications)
        assert app.screen.query_one("#i-title", Input).value == "Koncernfrågor - mitt", "the draft is kept"
        # once the screen has shown the new version, saving again is the user's choice
        app.check_outside_changes()
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        meeting = repo.load(MEETING).meeting
        assert meeting.item("koncern").title == "Koncernfrågor - mitt"
        assert meeting.place == "Rådhuset", "the other writer's other field survives"
