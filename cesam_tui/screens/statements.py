"""What the parties said under one item: add, edit, delete statements."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Static

from cesam_tui.drafts import draft_key
from cesam_tui.guard import on
from cesam_tui.keys import LocalizedBindings
from cesam_tui.messages import MeetingChanged, SummariesChanged
from cesam_tui.screens.base import CesamScreen
from cesam_tui.screens.dialogs import ConfirmDialog, FormDialog, FormField
from cesam_tui.session import literal
from cesam_tui.strings import Speaks, Words
from cesam_tui.widgets.status import StatusLine
from cesam_tui.widgets.tables import refill
from store.core.config import SubitemStyle
from store.core.errors import CesamError
from store.core.ids import new_id
from store.core.model import EMPLOYER, Meeting, Statement, StatementKind, Status
from store.core.numbering import item_numbers
from store.services.repository import MeetingRef


class StatementTable(Speaks, LocalizedBindings, DataTable[Any]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "key.down", id="statements.down", show=False),
        Binding("k", "cursor_up", "key.up", id="statements.up", show=False),
        Binding("a", "screen.add", "key.add", id="statements.add"),
        Binding("e", "screen.edit", "key.edit", id="statements.edit"),
        Binding("d,delete", "screen.delete", "key.delete", id="statements.delete"),
        Binding("h", "screen.history", "key.history", id="statements.history"),
    ]


def statement_form(words: Words, parties: list[str], statement: Statement | None = None) -> list[FormField]:
    kinds = [(words.d(f"statement.{k.value}"), k.value) for k in StatementKind]
    party = statement.party if statement else (parties[1] if len(parties) > 1 else parties[0])
    return [
        FormField(
            "party", words.d("field.party").capitalize(), "select", party, [(p, p) for p in parties], required=True
        ),
        FormField(
            "kind",
            words.d("field.kind").capitalize(),
            "select",
            (statement.kind if statement else StatementKind.VIEW).value,
            kinds,
            required=True,
        ),
        FormField("text", words.t("st.text"), "text", statement.text if statement else "", required=True),
        FormField("answer", words.t("st.answer"), "text", statement.answer if statement else ""),
    ]


def _clean(text: str) -> str:
    text = text.strip()
    return text + "\n" if "\n" in text else text


class StatementsScreen(CesamScreen):
    HELP_NAME = "screen.statements"
    AUTO_FOCUS = "#statement-table"  # set while composing, so keys typed at once land there

    def __init__(self, ref: MeetingRef, item_id: str) -> None:
        super().__init__(classes="statements")
        self.ref = ref
        self.item_id = item_id
        self.meeting: Meeting | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="title")
        yield StatementTable(id="statement-table", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="statement-box"):
            yield Static(id="statement-full")
        yield StatusLine(id="status")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(StatementTable)
        table.add_column(self.t("st.col.party"), key="party")
        table.add_column(self.t("st.col.kind"), key="kind")
        table.add_column(self.t("st.col.text"), key="text")
        self.query_one(StatusLine).show(self.session.repo_status)
        try:
            self.show(self.session.repo.load(self.ref).meeting)
        except CesamError as exc:
            self.session.notify_error(exc)
        table.focus()

    def on_summaries_changed(self, message: SummariesChanged) -> None:
        status = message.status
        self.query_one(StatusLine).show(status)

    def on_meeting_changed(self, message: MeetingChanged) -> None:
        update = message.update
        if update.ref == self.ref and update.loaded is not None:
            self.show(update.loaded.meeting)

    @property
    def frozen(self) -> bool:
        return self.meeting is not None and self.meeting.status == Status.ADJUSTED

    def show(self, meeting: Meeting, select: str | None = None) -> None:
        try:
            item = meeting.item(self.item_id)
        except KeyError:
            self.leave_when_shown()
            return
        self.meeting = meeting
        try:
            style = self.session.repo.config.group(meeting.group).subitem_style
        except KeyError:
            style = SubitemStyle.LETTER
        number = item_numbers(meeting, style).get(item.id, "")
        title = Text(f"{self.t('item.statements')} – § {number} ", style="bold")
        title.append_text(literal(item.title, style="bold"))
        title.append("  ·  ")
        title.append_text(literal(f"{self.session.repo.group_label(meeting.group)} {meeting.date.isoformat()}", "dim"))
        if self.frozen:
            title.append(f"   {self.t('frozen')}", style="bold black on yellow")
        self.query_one("#title", Static).update(title)
        table = self.query_one(StatementTable)
        refill(
            table,
            (
                (
                    [
                        literal(statement.party),
                        self.d(f"statement.{statement.kind.value}"),
                        literal(statement.text.replace("\n", " ")[:80]),
                    ],
                    statement.id,
                )
                for statement in item.statements
            ),
        )
        ids = [s.id for s in item.statements]
        if select in ids:
            table.move_cursor(row=ids.index(select))
        self.show_full()

    def current(self) -> Statement | None:
        table = self.query_one(StatementTable)
        if self.meeting is None or not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        try:
            return self.meeting.item(self.item_id).statement(str(key.value))
        except KeyError:
            return None

    def show_full(self) -> None:
        box = self.query_one("#statement-full", Static)
        statement = self.current()
        if statement is None:
            box.update(Text(self.t("st.none"), style="dim"))
            return
        text = Text()
        text.append_text(literal(statement.party, style="bold"))
        text.append(f" – {self.d(f'statement.{statement.kind.value}')}\n", style="dim")
        text.append_text(literal(statement.text))
        if statement.answer:
            text.append(f"\n\n{EMPLOYER}: ", style="bold")
            text.append_text(literal(statement.answer))
        box.update(text)

    @on(DataTable.RowHighlighted, "#statement-table")
    def highlighted(self) -> None:
        self.show_full()

    @on(DataTable.RowSelected, "#statement-table")
    def selected(self) -> None:
        self.action_edit()

    def _editable(self) -> bool:
        if self.frozen:
            self.session.notify_text(self.t("frozen.notice"), severity="warning")
            return False
        return self.meeting is not None

    def action_history(self) -> None:
        from cesam_tui.screens.history import HistoryScreen

        statement = self.current()
        if statement is not None:
            what = f"{statement.party} ({self.d(f'statement.{statement.kind.value}')})"
            self.app.push_screen(HistoryScreen(self.ref, statement_id=statement.id, what=what))

    def action_add(self) -> None:
        if not self._editable():
            return
        parties = self.session.repo.config.party_names()
        item_id = self.item_id

        def done(values: dict[str, str] | None) -> None:
            if not values:
                return
            created: list[str] = []

            def change(m: Meeting) -> None:
                item = m.item(item_id)
                statement = Statement(
                    id=new_id(values["party"], (s.id for s in item.statements)),
                    party=values["party"],
                    kind=StatementKind(values["kind"]),
                    text=_clean(values["text"]),
                    answer=_clean(values["answer"]),
                )
                item.statements.append(statement)
                created.append(statement.id)

            self.session.save(self.ref, change, lambda _r: self._select(created))

        draft = draft_key(self.ref, f"statement.new.{item_id}")
        self.app.push_screen(FormDialog(self.t("st.new"), statement_form(self.words, parties), draft=draft), done)

    def _select(self, created: list[str]) -> None:
        if created and self.meeting is not None:
            self.show(self.meeting, select=created[0])

    def action_edit(self) -> None:
        statement = self.current()
        if statement is None or not self._editable():
            return
        parties = self.session.repo.config.party_names()
        if statement.party not in parties:
            parties.append(statement.party)
        item_id, statement_id = self.item_id, statement.id

        def done(values: dict[str, str] | None) -> None:
            if not values:
                return

            def change(m: Meeting) -> None:
                target = m.item(item_id).statement(statement_id)
                target.party = values["party"]
                target.kind = StatementKind(values["kind"])
                # untouched text keeps its exact bytes, so editing the party changes only the party
                if values["text"] != target.text:
                    target.text = _clean(values["text"])
                if values["answer"] != target.answer:
                    target.answer = _clean(values["answer"])

            self.session.save(self.ref, change)

        # editing a statement is mostly editing what was said: start in the text
        draft = draft_key(self.ref, f"statement.{item_id}.{statement_id}")
        self.app.push_screen(
            FormDialog(self.t("st.edit"), statement_form(self.words, parties, statement), focus="text", draft=draft),
            done,
        )

    def action_delete(self) -> None:
        statement = self.current()
        if statement is None or not self._editable():
            return
        item_id, statement_id = self.item_id, statement.id

        def done(yes: bool | None) -> None:
            if yes:
                self.session.save(
                    self.ref,
                    lambda m: setattr(
                        m.item(item_id), "statements", [s for s in m.item(item_id).statements if s.id != statement_id]
                    ),
                )

        self.app.push_screen(ConfirmDialog(literal(self.t("st.confirm_delete", party=statement.party))), done)
