"""Pilot tests of the search screen over more hits than it keeps: the count at once, every hit reached by scrolling."""

from __future__ import annotations

import re

import pytest
from textual.widgets import Static
from tui_helpers import make_app, run_async, settle

import cesam_tui.widgets.hitlist as hitlist
from cesam_tui.screens.item import ItemScreen
from cesam_tui.screens.meeting import MeetingScreen
from cesam_tui.screens.search import SearchScreen
from cesam_tui.widgets.hitlist import HitList
from store.core import codec
from store.core.model import Statement, StatementKind
from store.services.repository import Repository

MEETING = "cesam/2023-09-05"
HITS = 130  # three pages of 50


def many_hits(repo: Repository) -> str:
    """HITS statements holding one word, numbered in the order a search lists them; the item's id."""
    path = repo.root / repo.resolve(MEETING).relpath
    meeting, _ = codec.loads(path.read_text(encoding="utf-8"))
    item = meeting.items[-1]
    for n in range(HITS):
        item.statements.append(
            Statement(id=f"z{n}", party="Vision", kind=StatementKind.VIEW, text=f"zebraord nr{n:03d}")
        )
    path.write_text(codec.dumps(meeting), encoding="utf-8")
    return item.id


def shown_numbers(hits: HitList) -> set[int]:
    lines = "".join(hits.render_line(y).text for y in range(hits.scrollable_content_region.height))
    return {int(n) for n in re.findall(r"nr(\d{3})", lines)}


@run_async
async def test_scrolling_reaches_every_hit_and_the_last_opens(
    demo_repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hitlist, "KEPT", 2)  # fewer pages kept than there are: pages go and come back
    item_id = many_hits(demo_repo)
    app = make_app(demo_repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f")
        await settle(pilot)
        await pilot.press(*"zebraord", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen) and screen.results is not None
        assert screen.results.total == HITS
        count = str(screen.query_one("#s-count", Static).render())
        assert f"{HITS} träffar i 1 möten" in count, count
        hits = screen.query_one(HitList)
        assert hits.has_focus
        assert hits.virtual_size.height == HITS * hitlist.ROW  # the scroll bar covers every hit from the start
        # page by page to the end: every hit is drawn on the way, and no more pages are kept than allowed
        seen = shown_numbers(hits)
        while hits.cursor < HITS - 1:
            await pilot.press("pagedown")
            await settle(pilot)
            seen |= shown_numbers(hits)
            assert len(hits.pages) <= hitlist.KEPT
        assert seen == set(range(HITS))
        # Home and End jump there, and the pages they need are fetched
        await pilot.press("home")
        await settle(pilot)
        assert hits.cursor == 0 and 0 in shown_numbers(hits)
        await pilot.press("end")
        await settle(pilot)
        assert hits.cursor == HITS - 1 and HITS - 1 in shown_numbers(hits)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ItemScreen) and app.screen.item_id == item_id
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen) and str(app.screen.ref) == MEETING
    assert app.return_code in (None, 0)


@run_async
async def test_a_new_search_replaces_the_pages_of_the_last(demo_repo: Repository) -> None:
    many_hits(demo_repo)
    app = make_app(demo_repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f")
        await settle(pilot)
        await pilot.press(*"zebraord", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        hits = screen.query_one(HitList)
        await pilot.press("end")
        await settle(pilot)
        await pilot.press("ctrl+f", "ctrl+u", *"nyfikenhet", "enter")
        await settle(pilot)
        assert screen.results is not None and screen.results.total == 1
        assert hits.cursor == 0 and hits.virtual_size.height == hitlist.ROW
        line = hits.render_line(0).text
        assert "2023-09-05" in line and "§ 4 a" in line, line
        await pilot.press("ctrl+f", "ctrl+u", *"xyzzy", "enter")
        await settle(pilot)
        assert "Inga träffar" in str(screen.query_one("#s-count", Static).render())
        assert hits.virtual_size.height == 0
        await pilot.press("enter", "end", "pagedown")  # nothing to open or move to: nothing happens
        await settle(pilot)
        assert app.screen is screen
