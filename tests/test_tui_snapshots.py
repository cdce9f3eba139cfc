"""Snapshots of each screen on the demo data, at 80x24 and 120x36.

Update after an intended change of the UI with
``python -m pytest tests/test_tui_snapshots.py --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from tui_helpers import make_app, settle

from store.services.repository import Repository

SIZES = [(80, 24), (120, 36)]


async def steady(pilot: Pilot[Any]) -> None:
    """A blinking cursor would make the picture depend on timing."""
    for widget in pilot.app.screen.query("Input, TextArea"):
        widget.cursor_blink = False  # type: ignore[attr-defined]
    await pilot.pause()


async def open_2023(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    await pilot.press(*"2023-09-05", "enter")  # one meeting left: enter opens it
    await settle(pilot)


async def to_4a(pilot: Pilot[Any]) -> None:
    await open_2023(pilot)
    await pilot.press("j", "j", "j", "j")
    await settle(pilot)


async def navigator(pilot: Pilot[Any]) -> None:
    await settle(pilot)


async def meeting(pilot: Pilot[Any]) -> None:
    await to_4a(pilot)


async def item_editor(pilot: Pilot[Any]) -> None:
    await to_4a(pilot)
    await pilot.press("enter")
    await settle(pilot)
    await steady(pilot)


async def statements(pilot: Pilot[Any]) -> None:
    await to_4a(pilot)
    await pilot.press("s", "j")
    await settle(pilot)


async def help_screen(pilot: Pilot[Any]) -> None:
    await to_4a(pilot)
    await pilot.press("f1")
    await settle(pilot)


async def attendance(pilot: Pilot[Any]) -> None:
    await open_2023(pilot)
    await pilot.press("3")
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize(
    "screen", [navigator, meeting, item_editor, statements, help_screen, attendance], ids=lambda f: f.__name__
)
def test_snapshot(snap_compare: Any, demo_repo: Repository, screen: Any, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(demo_repo), terminal_size=size, run_before=screen)
