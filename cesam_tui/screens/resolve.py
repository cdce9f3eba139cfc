"""The resolution screen: one row per conflicting field, in words; mine, theirs or a new value each.

Nothing is written until every row has a choice and the user confirms; then
``store.services.sync.resolve`` makes one merge commit with both parents.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Static

from cesam_tui.messages import SummariesChanged
from cesam_tui.screens.base import CesamScreen
from cesam_tui.session import literal
from cesam_tui.strings import Words
from cesam_tui.widgets.status import StatusLine
from store.core.merge import Choice, Conflict, Take, format_value
from store.services.sync import PendingMerge

CELL = 28  # characters of a value in the table; the pane below shows it whole


def _short(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= CELL else line[: CELL - 1] + "…"


def editable_text(words: Words, conflict: Conflict, value: Any) -> str:
    """A value as the user edits it: the form ``conflict.parse_value`` reads back."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return format_value(value, words.lang)


class ResolveScreen(CesamScreen):
    HELP_NAME = "screen.resolve"
    AUTO_FOCUS = "#conflicts"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m", "take('mine')", "key.take_mine", id="resolve.mine"),
        Binding("t,d", "take('theirs')", "key.take_theirs", id="resolve.theirs"),
        Binding("e,r", "edit", "key.edit_value", id="resolve.edit"),
        Binding("ctrl+s", "confirm", "key.resolve_confirm", id="resolve.confirm"),
    ]

    def __init__(self, pending: PendingMerge) -> None:
        super().__init__(classes="resolve")
        self.pending = pending
        self.choices: dict[str, Choice] = {}

    def compose(self) -> ComposeResult:
        yield Static(literal(self.t("resolve.title", theirs=self.pending.theirs_label), style="bold"), id="title")
        yield Static(
            literal(self.t("resolve.hint", theirs=self.pending.theirs_label, branch=self.pending.branch or "–")),
            classes="dialog-hint",
        )
        yield DataTable(id="conflicts", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="resolve-detail-box"):
            yield Static(id="resolve-detail")
        yield StatusLine(id="status")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key, label in [
            ("n", "resolve.col.n"),
            ("path", "resolve.col.path"),
            ("base", "resolve.col.base"),
            ("mine", "resolve.col.mine"),
            ("theirs", "resolve.col.theirs"),
            ("choice", "resolve.col.choice"),
        ]:
            table.add_column(self.t(label), key=key)
        lang = self.lang
        for number, conflict in enumerate(self.pending.conflicts, 1):
            table.add_row(
                str(number),
                literal(conflict.path),
                literal(_short(conflict.show(conflict.base, lang))),
                literal(_short(conflict.show(conflict.ours, lang))),
                literal(_short(conflict.show(conflict.theirs, lang))),
                Text(self.t("resolve.open"), style="dim"),
                key=conflict.id,
            )
        table.focus()
        self._show_detail()
        self.query_one(StatusLine).show(self.session.repo_status)

    def on_summaries_changed(self, message: SummariesChanged) -> None:
        status = message.status
        self.query_one(StatusLine).show(status)

    # ------------------------------------------------------------ the rows

    def current(self) -> Conflict | None:
        table = self.query_one(DataTable)
        if not self.pending.conflicts or table.cursor_row < 0:
            return None
        return self.pending.conflicts[min(table.cursor_row, len(self.pending.conflicts) - 1)]

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        conflict = self.current()
        if conflict is None:
            return
        lang = self.lang
        text = self.t(
            "resolve.detail",
            path=conflict.path,
            base=conflict.show(conflict.base, lang),
            mine=conflict.show(conflict.ours, lang),
            theirs=conflict.show(conflict.theirs, lang),
        )
        self.query_one("#resolve-detail", Static).update(literal(text))

    def _choose(self, conflict: Conflict, choice: Choice) -> None:
        self.choices[conflict.id] = choice
        if choice.take == Take.MINE:
            shown = Text(self.t("resolve.mine"), style="bold")
        elif choice.take == Take.THEIRS:
            shown = Text(self.t("resolve.theirs"), style="bold")
        else:
            shown = literal(_short(self.t("resolve.edited", value=conflict.show(choice.value, self.lang))), "bold")
        table = self.query_one(DataTable)
        table.update_cell(conflict.id, "choice", shown)
        if table.cursor_row < table.row_count - 1:
            table.move_cursor(row=table.cursor_row + 1)

    def action_take(self, side: str) -> None:
        conflict = self.current()
        if conflict is not None:
            self._choose(conflict, Choice(Take(side)))

    def action_edit(self) -> None:
        from cesam_tui.screens.dialogs import FormDialog, FormField

        conflict = self.current()
        if conflict is None:
            return
        if not conflict.editable:
            self.session.notify_text(self.t("resolve.not_editable"), severity="warning")
            return
        earlier = self.choices.get(conflict.id)
        value = earlier.value if earlier is not None and earlier.take == Take.EDIT else conflict.ours
        dialog = FormDialog(
            self.t("resolve.edit_title", path=conflict.path),
            [FormField("value", self.t("resolve.value"), "text", editable_text(self.words, conflict, value))],
        )

        def edited(values: dict[str, str] | None) -> None:
            if values is None:
                return
            try:
                typed = conflict.parse_value(values["value"])
            except ValueError as exc:
                self.session.notify_text(self.t("resolve.bad_value", error=str(exc)), severity="error")
                return
            self._choose(conflict, Choice(Take.EDIT, typed))

        self.app.push_screen(dialog, edited)

    def action_confirm(self) -> None:
        from cesam_tui.syncing import settle

        missing = [c for c in self.pending.conflicts if c.id not in self.choices]
        if missing:
            self.session.notify_text(self.t("resolve.missing", n=len(missing)), severity="warning")
            table = self.query_one(DataTable)
            table.move_cursor(row=self.pending.conflicts.index(missing[0]))
            return
        settle(self.session, dict(self.choices), self._settled)

    def _settled(self) -> None:
        if self.app.screen is self:
            self.app.pop_screen()
