"""The navigator: groups, then years, then meetings, newest first."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Input, Static, Tree
from textual.widgets.tree import TreeNode

from cesam_tui.keys import LocalizedBindings
from cesam_tui.messages import JusteringChanged, SummariesChanged
from cesam_tui.screens.base import CesamScreen
from cesam_tui.session import RepoStatus, literal
from cesam_tui.strings import Speaks, Words
from cesam_tui.widgets.cursor import cursor_to
from cesam_tui.widgets.status import StatusLine
from store.services.planning import new_meeting
from store.services.repository import MeetingRef
from store.services.summary import MeetingSummary

if TYPE_CHECKING:
    from cesam_tui.session import Session

#: above this many meetings only the newest year of each group starts expanded
EXPAND_ALL_BELOW = 60


@dataclass
class YearBlock:
    """A year node's meetings, turned into leaves when the year is opened."""

    entries: list[MeetingSummary]
    filled: bool = False


class MeetingTree(Speaks, LocalizedBindings, Tree[Any]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "key.open", id="nav.open", show=False),
        Binding("j", "cursor_down", "key.down", id="nav.down", show=False),
        Binding("k", "cursor_up", "key.up", id="nav.up", show=False),
    ]


_MARK_STYLE = {"✓": "bold green", "!": "bold red", "✗": "bold red", "?": "bold yellow", "…": "yellow"}


def summary_label(words: Words, summary: MeetingSummary, mark: str = " ", overdue: bool = False) -> Text:
    text = Text()
    # one column for the justering mark, so the dates stay in line
    text.append(mark[:1] or " ", style="bold red" if overdue else _MARK_STYLE.get(mark, ""))
    text.append(" ")
    text.append(summary.date.isoformat(), style="bold")
    text.append("  ")
    if summary.error:
        text.append(f"{words.t('nav.broken'):<9}", style="bold red")
        text.append(" ")
        text.append_text(literal(summary.error.splitlines()[0], style="red"))
        return text
    status = words.d(f"status.{summary.status}")
    style = {"justerad": "green", "hållen": "cyan", "kallad": "yellow"}.get(summary.status, "dim")
    text.append(f"{status:<9}", style=style)
    text.append(f" {words.t('nav.items', n=summary.items):>11}")
    if summary.open_followups:
        text.append(f"  {words.t('nav.open_followups', n=summary.open_followups)}", style="yellow")
    return text


def label_of(node: TreeNode[Any], summary: MeetingSummary) -> Text:
    session = cast("Session", node.tree.app)
    result = session.justering.get(summary.ref)
    mark = result.mark if result is not None else " "
    return summary_label(session.words, summary, mark, summary.ref in session.overdue)


class NavigatorScreen(CesamScreen):
    HELP_NAME = "screen.navigator"
    AUTO_FOCUS = "#meetings"  # set while composing, so keys typed at once land there

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "app.quit", "key.quit", id="nav.quit"),
        Binding("n", "new_meeting", "key.new_meeting", id="nav.new"),
        Binding("G", "new_group", "key.new_group", id="nav.new_group", show=False),
        Binding("slash", "filter", "key.filter", id="nav.filter"),
        # the app's ctrl+f, shown where the user starts
        Binding("ctrl+f", "app.search", "key.search", id="nav.search"),
        Binding("r", "reload", "key.refresh", id="nav.reload", show=False),
        Binding("S", "app.sync", "key.sync", id="nav.sync"),
        Binding("R", "app.resolve", "key.resolve", id="nav.resolve", show=False),
        Binding("escape", "clear_filter", "key.clear_filter", id="nav.clear", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(classes="navigator")
        self.filter_text = ""
        #: the meetings the filter leaves, as listed
        self.shown: list[MeetingSummary] = []
        self._first_fill = True
        self._select_group = ""
        # until the user moves the cursor, each fill puts it on the top row: a first start's list grows
        # as the meetings are parsed, and keeping the first rows' cursor scrolled the top out of view
        self._cursor_chosen = False
        #: the list the tree was last filled from (a new list is a new object: see Session._summaries_ready)
        self._filled_from: list[MeetingSummary] | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text(self.t("nav.title"), style="bold"), id="title")
        yield Input(placeholder=self.t("nav.filter"), id="filter", select_on_focus=False)
        yield MeetingTree("", id="meetings")
        yield StatusLine(id="status")
        yield Footer()

    def on_mount(self) -> None:
        tree = self.query_one(MeetingTree)
        tree.show_root = False
        tree.auto_expand = False
        tree.focus()
        if self.session.summaries or self.session.repo_status:
            self.show_summaries(self.session.summaries, self.session.repo_status)

    # ------------------------------------------------------------ data

    def on_summaries_changed(self, message: SummariesChanged) -> None:
        self.show_summaries(message.summaries, message.status)

    def show_summaries(self, summaries: list[MeetingSummary], status: RepoStatus | None) -> None:
        self.query_one(StatusLine).show(status)
        if summaries is self._filled_from:
            return  # only the status changed (the remote's ahead/behind follows the list): the tree stands
        self._filled_from = summaries
        self.fill(summaries)

    def _matches(self, summary: MeetingSummary, labels: dict[str, str]) -> bool:
        if not self.filter_text.strip():
            return True
        hay = " ".join(
            [
                summary.group,
                labels.get(summary.group, ""),
                summary.date.isoformat(),
                self.d(f"status.{summary.status}") if summary.status else "",
                summary.place,
                self.t("nav.broken") if summary.error else "",
            ]
        ).casefold()
        return all(word in hay for word in self.filter_text.casefold().split())

    def fill(self, summaries: list[MeetingSummary]) -> None:
        tree = self.query_one(MeetingTree)
        selected = tree.cursor_node.data if tree.cursor_node is not None and self._cursor_chosen else None
        if self._select_group:  # a group just made: the cursor stays on it through the refills that follow
            selected = self._select_group
        config = self.session.repo.config
        labels = {g.id: g.label for g in config.groups}
        names = {g.id: g.name for g in config.groups}
        shown = [s for s in summaries if self._matches(s, labels)]
        self.shown = shown
        by_group: dict[str, dict[int, list[MeetingSummary]]] = defaultdict(lambda: defaultdict(list))
        for summary in shown:
            by_group[summary.group][summary.date.year].append(summary)
        tree.clear()
        expand_all = len(summaries) < EXPAND_ALL_BELOW or bool(self.filter_text.strip())
        target: TreeNode[Any] | None = None
        first_leaf: TreeNode[Any] | None = None
        order = [g.id for g in config.groups] + sorted(set(by_group) - set(labels))
        for group_id in order:
            if group_id not in by_group:
                if not self.filter_text.strip() and group_id in labels:
                    empty = self._empty_group(tree, group_id, labels[group_id], names[group_id])
                    target = empty if selected == group_id else target
                continue
            years = by_group[group_id]
            count = sum(len(v) for v in years.values())
            label = Text()
            label.append_text(literal(labels.get(group_id, group_id), style="bold"))
            if names.get(group_id) and names[group_id] != labels.get(group_id):
                label.append(" – ")
                label.append_text(literal(names[group_id]))
            label.append(f"  ({count})", style="dim")
            group_node = tree.root.add(label, data=group_id, expand=True)
            for index, year in enumerate(sorted(years, reverse=True)):
                entries = sorted(years[year], key=lambda s: s.date, reverse=True)
                holds_selected = isinstance(selected, MeetingSummary) and any(e.ref == selected.ref for e in entries)
                open_now = expand_all or index == 0 or holds_selected
                year_node = group_node.add(Text(f"{year}  ({len(entries)})"), data=YearBlock(entries), expand=open_now)
                if open_now:
                    for leaf in self._fill_year(year_node):
                        first_leaf = first_leaf or leaf
                        if (
                            isinstance(selected, MeetingSummary)
                            and leaf.data is not None
                            and leaf.data.ref == selected.ref
                        ):
                            target = leaf
        if not shown:
            tree.root.add_leaf(Text(self.t("nav.none") if not summaries else self.t("nav.no_match"), style="dim"))
        goal = target or first_leaf
        if goal is not None:
            self.call_after_refresh(cursor_to, tree, goal)

    def _empty_group(self, tree: MeetingTree, group_id: str, label: str, name: str) -> TreeNode[Any]:
        """A group without meetings yet (made with G): shown, so n on it makes its first meeting."""
        text = literal(label, style="bold")
        if name != label:
            text.append(" – ")
            text.append_text(literal(name))
        text.append("  (0)", style="dim")
        node = tree.root.add(text, data=group_id, expand=True)
        node.add_leaf(Text(self.t("nav.no_meetings"), style="dim"))
        return node

    def on_justering_changed(self, _message: JusteringChanged) -> None:
        """Marks arrive from a worker after the list: relabel the leaves made so far."""
        tree = self.query_one(MeetingTree)
        stack = list(tree.root.children)
        while stack:
            node = stack.pop()
            stack.extend(node.children)
            if isinstance(node.data, MeetingSummary):
                node.set_label(label_of(node, node.data))

    @staticmethod
    def _fill_year(node: TreeNode[Any]) -> list[TreeNode[Any]]:
        """Leaves are made when a year is first opened: ten years of meetings cost nothing until looked at."""
        block = node.data
        if not isinstance(block, YearBlock) or block.filled:
            return []
        block.filled = True
        return [node.add_leaf(label_of(node, summary), data=summary) for summary in block.entries]

    @on(Tree.NodeExpanded, "#meetings")
    def year_opened(self, event: Tree.NodeExpanded[Any]) -> None:
        self._fill_year(event.node)

    # ------------------------------------------------------------ keys

    @on(Tree.NodeSelected, "#meetings")
    def open_selected(self, event: Tree.NodeSelected[Any]) -> None:
        data = event.node.data
        if isinstance(data, MeetingSummary):
            self.open_meeting(data.ref)
        else:
            event.node.toggle()

    def open_meeting(self, ref: MeetingRef) -> None:
        from cesam_tui.screens.meeting import MeetingScreen

        self.app.push_screen(MeetingScreen(ref))

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        if box.value:
            box.value = ""
        self.query_one(MeetingTree).focus()

    def action_reload(self) -> None:
        self.session.refresh_summaries()

    @on(Input.Changed, "#filter")
    def filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value
        self.fill(self.session.summaries)

    @on(Input.Submitted, "#filter")
    def filter_done(self) -> None:
        """Enter on a filter that leaves one meeting opens it; with several, it moves to the list to choose."""
        self.query_one(MeetingTree).focus()
        if len(self.shown) == 1:
            self.open_meeting(self.shown[0].ref)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        self._cursor_chosen = True

    def on_key(self, event: events.Key) -> None:
        self._select_group = ""  # the user moves on: the list keeps the cursor where it is
        self._cursor_chosen = True
        # typing on the list starts the filter, as in tig and lazygit
        tree = self.query_one(MeetingTree)
        if event.key in self.active_bindings:
            return  # n, q, j, k … keep their meaning
        if self.focused is tree and event.character and event.character.isprintable() and event.character != " ":
            box = self.query_one("#filter", Input)
            box.focus()
            box.insert_text_at_cursor(event.character)
            event.stop()
            event.prevent_default()
        elif self.focused is self.query_one("#filter") and event.key == "down":
            tree.focus()
            event.stop()

    def action_new_meeting(self) -> None:
        from cesam_tui.screens.dialogs import FormDialog, FormField

        config = self.session.repo.config
        groups = [(f"{g.label} – {g.name}", g.id) for g in config.groups]
        if not groups:
            return
        tree = self.query_one(MeetingTree)
        node = tree.cursor_node
        current = node.data if node else None
        if node is not None and current is None and node.parent is not None:
            current = node.parent.data  # the line under an empty group
        group = current.group if isinstance(current, MeetingSummary) else groups[0][1]
        if isinstance(current, str) and current in {g.id for g in config.groups}:
            group = current  # on a group's line
        dialog = FormDialog(
            self.t("dlg.new_meeting"),
            [
                FormField("group", self.t("dlg.group"), "select", group, groups, required=True),
                FormField("date", self.t("dlg.date"), value=dt.date.today().isoformat(), required=True),
            ],
            hint=self.t("dlg.new_meeting_hint"),
        )
        self.app.push_screen(dialog, self._create_meeting)

    def action_new_group(self) -> None:
        from cesam_tui.screens.group import ask_new_group

        tree = self.query_one(MeetingTree)
        current = tree.cursor_node.data if tree.cursor_node else None
        template = current.group if isinstance(current, MeetingSummary) else current if isinstance(current, str) else ""

        def made(group_id: str) -> None:
            self._select_group = group_id
            self.fill(self.session.summaries)
            tree.focus()

        ask_new_group(self.session, template, made)

    def _create_meeting(self, values: dict[str, str] | None) -> None:
        if not values:
            return
        try:
            date = dt.date.fromisoformat(values["date"].strip())
        except ValueError:
            self.session.notify_text(self.t("item.bad_date", value=values["date"]), severity="error")
            return
        repo, group = self.session.repo, values["group"]
        self.session.create_meeting(lambda: new_meeting(repo, group, date), self.open_meeting)
