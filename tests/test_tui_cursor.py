"""A tree's cursor goes to the node a fill chose, whenever Textual lays the lines out.

On a loaded machine the navigator's and the agenda's "cursor to this node after the fill" ran
before the tree had laid out its new lines: the node had no line yet and the cursor landed on
the first line (a new group was not selected; the agenda jumped to § 1 after a change).
"""

from __future__ import annotations

from typing import Any

from textual.app import App, ComposeResult
from textual.widgets import Tree
from tui_helpers import run_async

from cesam_tui.widgets.cursor import cursor_to
from store.services.repository import Repository


class _Trees(App[None]):
    def compose(self) -> ComposeResult:
        yield Tree[Any]("root")


def _fill(tree: Tree[Any], names: list[str]) -> dict[str, Any]:
    tree.clear()
    return {name: tree.root.add_leaf(name, data=name) for name in names}


@run_async
async def test_the_cursor_reaches_a_node_before_the_tree_has_laid_it_out() -> None:
    app = _Trees()
    async with app.run_test() as pilot:
        tree = app.query_one(Tree)
        tree.show_root = False
        _fill(tree, ["a", "b", "c"])
        await pilot.pause()
        nodes = _fill(tree, ["a", "b", "c", "d"])
        assert nodes["d"].line == -1, "not laid out yet: the situation of a loaded machine"
        cursor_to(tree, nodes["d"])
        assert tree.cursor_node is nodes["d"]


@run_async
async def test_a_node_of_an_earlier_fill_leaves_the_cursor_alone() -> None:
    app = _Trees()
    async with app.run_test() as pilot:
        tree = app.query_one(Tree)
        tree.show_root = False
        old = _fill(tree, ["a", "b", "c"])
        await pilot.pause()
        assert old["c"].line == 2, "laid out: it keeps its line after the tree is filled again"
        new = _fill(tree, ["x", "y", "z"])
        cursor_to(tree, new["y"])
        cursor_to(tree, old["c"])  # the earlier fill's callback, run late
        assert tree.cursor_node is new["y"]


@run_async
async def test_a_growing_first_list_keeps_the_cursor_on_top_until_the_user_moves_it(repo: Repository) -> None:
    """A first start lists the meetings as they are parsed: the top row stays in view, then the user's choice."""
    import datetime as dt

    from conftest import small_meeting
    from tui_helpers import make_app, settle

    from cesam_tui.screens.navigator import NavigatorScreen

    for day in (dt.date(2023, 1, 10), dt.date(2023, 9, 5), dt.date(2024, 2, 6)):
        repo.create(small_meeting(day))
    app = make_app(repo)
    async with app.run_test() as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, NavigatorScreen)
        tree = screen.query_one(Tree)
        every = list(app.summaries)  # type: ignore[attr-defined]
        oldest = [s for s in every if s.date.year == 2023 and s.date.month == 1]
        screen.show_summaries(oldest, None)  # the first parses, which need not be the newest
        await settle(pilot)
        screen.show_summaries(every, None)  # then the whole list
        await settle(pilot)
        assert tree.cursor_node is not None and str(tree.cursor_node.data.date) == "2024-02-06"
        await pilot.press("down")  # the user's choice is kept through the next fill
        await settle(pilot)
        chosen = tree.cursor_node.data
        screen.show_summaries(every, None)
        await settle(pilot)
        assert tree.cursor_node.data == chosen
