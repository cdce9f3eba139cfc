"""The item editor: every field of one agenda item, its outcome, attachments and follow-ups."""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Input, Label, Select, SelectionList, Static, TextArea

from cesam_tui.drafts import draft_key
from cesam_tui.messages import MeetingChanged, SummariesChanged
from cesam_tui.screens.dialogs import FormDialog, FormField
from cesam_tui.screens.editor import edit_externally, edit_full_screen, text_field
from cesam_tui.screens.fields import Field, FieldScreen, check_date, parse_date
from cesam_tui.screens.help import key_text
from cesam_tui.screens.meeting import kind_options
from cesam_tui.session import literal
from cesam_tui.widgets.namelist import NameList
from cesam_tui.widgets.records import AttachmentTable, FollowUpTable
from cesam_tui.widgets.status import StatusLine
from store.core.config import SubitemStyle
from store.core.errors import CesamError
from store.core.model import Item, ItemKind, Meeting, OutcomeKind
from store.core.numbering import item_numbers
from store.services.repository import MeetingRef


def _item_field(item_id: str, name: str, label: str, *, strip: bool = True) -> Field:
    def get(m: Meeting) -> Any:
        return getattr(m.item(item_id), name)

    def put(m: Meeting, value: Any) -> None:
        setattr(m.item(item_id), name, value.strip() if strip and isinstance(value, str) else value)

    return Field(label, get, put)


def _outcome_field(item_id: str, name: str, label: str, check: Callable[[str], str] | None = None) -> Field:
    def get(m: Meeting) -> Any:
        value = getattr(m.item(item_id).outcome, name)
        if name == "kind":
            return value.value
        if name == "postponed_to":
            return value.isoformat() if value else ""
        return value

    def put(m: Meeting, value: Any) -> None:
        outcome = m.item(item_id).outcome
        if name == "kind":
            outcome.kind = OutcomeKind(value)
        elif name == "postponed_to":
            outcome.postponed_to = parse_date(value)
        elif name == "text":
            outcome.text = value.strip()
        else:
            outcome.parties = list(value)

    return Field(label, get, put, check)


def _body_field(item_id: str, name: str, label: str) -> Field:
    def put(m: Meeting, value: str) -> None:
        setattr(m.item(item_id), name, value.rstrip() + ("\n" if "\n" in value.rstrip() else ""))

    return Field(label, lambda m: getattr(m.item(item_id), name), put)


class ItemScreen(FieldScreen):
    HELP_NAME = "screen.item"
    AUTO_FOCUS = "#i-title"  # set while composing, so keys typed at once land there

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+t", "statements", "key.statements", id="item.statements"),
        Binding("ctrl+o", "external_editor", "key.editor", id="item.editor"),
        Binding("ctrl+g", "fullscreen_editor", "key.fullscreen", id="item.fullscreen", show=False),
    ]

    def __init__(self, ref: MeetingRef, item_id: str) -> None:
        super().__init__(ref, classes="item")
        self.item_id = item_id
        self.item: Item | None = None
        self.number = ""
        i = item_id
        self.fields = {
            "i-title": _item_field(i, "title", self.d("field.title").capitalize()),
            "i-kind": Field(
                self.d("field.kind").capitalize(),
                lambda m: m.item(i).kind.value,
                lambda m, v: setattr(m.item(i), "kind", ItemKind(v)),
            ),
            "i-raised-by": _item_field(i, "raised_by", self.t("item.raised_by")),
            "i-purpose": _item_field(i, "purpose", self.d("field.purpose").capitalize()),
            "i-presenters": Field(
                self.d("field.presenters").capitalize(),
                lambda m: tuple(m.item(i).presenters),  # a tuple: the order counts
                lambda m, v: setattr(m.item(i), "presenters", list(v)),
            ),
            "i-body": _body_field(i, "body", self.d("field.body").capitalize()),
            "i-proposal": _body_field(i, "proposal", self.d("field.proposal").capitalize()),
            "i-outcome": _outcome_field(i, "kind", self.d("record.outcome").capitalize()),
            "i-parties": _outcome_field(i, "parties", self.t("item.disagreeing")),
            "i-postponed": _outcome_field(
                i, "postponed_to", self.t("item.postponed_to"), partial(check_date, self.words)
            ),
            "i-decision": _outcome_field(i, "text", self.t("item.outcome_text")),
        }

    def draft_scope_of(self) -> str:
        return f"item.{self.item_id}"

    def compose(self) -> ComposeResult:
        yield Static(id="title")
        with VerticalScroll(classes="form", id="item-form", can_focus=False):
            for widget_id, spec in self.fields.items():
                if widget_id == "i-outcome":
                    yield Static(Text(self.t("item.outcome"), style="bold"), classes="heading")
                yield Label(spec.label)
                if widget_id == "i-kind":
                    yield Select(
                        kind_options(self.words),
                        allow_blank=False,
                        id=widget_id,
                        value=ItemKind.INFORMATION.value,
                        compact=True,
                    )
                elif widget_id == "i-outcome":
                    options = [(self.d(f"outcome.{k.value}"), k.value) for k in OutcomeKind]
                    yield Select(options, allow_blank=False, id=widget_id, value=OutcomeKind.NONE.value, compact=True)
                elif widget_id == "i-raised-by":
                    unions = self.session.repo.config.union_names()
                    # Textual's blank prompt is English ("Select"): the catalogue's word instead
                    yield Select(
                        [(literal(u), u) for u in unions],
                        id=widget_id,
                        compact=True,
                        prompt=self.t("item.raised_by_none"),
                    )
                elif widget_id == "i-parties":
                    unions = self.session.repo.config.union_names()
                    yield SelectionList[str](*[(literal(u), u) for u in unions], id=widget_id, compact=True)
                elif widget_id == "i-presenters":
                    yield NameList(self.ask_name, id=widget_id, compact=True, classes="names")
                elif widget_id in ("i-body", "i-proposal"):
                    yield TextArea(id=widget_id, soft_wrap=True, tab_behavior="focus", classes="long", compact=True)
                else:
                    yield Input(id=widget_id, compact=True)
            yield Static(id="statements-summary", classes="heading")
            yield Static(Text(self.t("item.followups"), style="bold"), classes="heading")
            yield FollowUpTable(id="followups", cursor_type="row")
            yield Static(Text(self.t("item.attachments"), style="bold"), classes="heading")
            yield AttachmentTable(id="attachments", cursor_type="row")
        yield StatusLine(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(StatusLine).show(self.session.repo_status)
        try:
            self.show(self.session.repo.load(self.ref).meeting)
        except CesamError as exc:
            self.session.notify_error(exc)
        # no focus() here: AUTO_FOCUS put it in the title while composing; a second focus
        # would pull keys typed ahead back into the title

    def on_summaries_changed(self, message: SummariesChanged) -> None:
        status = message.status
        self.query_one(StatusLine).show(status)

    def on_meeting_changed(self, message: MeetingChanged) -> None:
        update = message.update
        if update.ref == self.ref and update.loaded is not None:
            self.show(update.loaded.meeting, external=update.external)

    def show(self, meeting: Meeting, *, external: bool = False) -> None:
        try:
            item = meeting.item(self.item_id)
        except KeyError:
            self.leave_when_shown()  # the item was deleted elsewhere
            return
        self.meeting = meeting
        self.item = item
        try:
            style = self.session.repo.config.group(meeting.group).subitem_style
        except KeyError:
            style = SubitemStyle.LETTER
        self.number = item_numbers(meeting, style).get(item.id, "")
        title = Text(f"§ {self.number} ", style="bold")
        title.append_text(literal(item.title, style="bold"))
        title.append("  ·  ")
        title.append_text(literal(f"{self.session.repo.group_label(meeting.group)} {meeting.date.isoformat()}", "dim"))
        if self.frozen:
            title.append(f"   {self.t('frozen')}", style="bold black on yellow")
        self.query_one("#title", Static).update(title)
        summary = Text(f"{self.t('item.statements')} ({len(item.statements)})", style="bold")
        summary.append(f"  {key_text(self.app, self.session.keymap.get('item.statements', 'ctrl+t'))}", style="dim")
        for statement in item.statements[:6]:
            summary.append("\n• ")
            summary.append_text(literal(statement.party, style="bold"))
            summary.append(f" ({self.d(f'statement.{statement.kind.value}')}): ", style="dim")
            summary.append_text(literal(statement.text.splitlines()[0][:60] if statement.text else ""))
        self.query_one("#statements-summary", Static).update(summary)
        self.fill_tables(item)
        self.load_fields(meeting, external=external)

    def fill_tables(self, item: Item) -> None:
        self.query_one(FollowUpTable).fill(item)
        self.query_one(AttachmentTable).fill(item)

    # ------------------------------------------------------------ actions

    def ask_name(self, title: str, value: str, then: Callable[[str | None], None]) -> None:
        """A presenter's name, typed in a small dialog (its draft kept like every dialog's)."""
        dialog = FormDialog(
            title,
            [FormField("name", self.t("names.name"), value=value, required=True)],
            draft=draft_key(self.ref, f"presenter.{self.item_id}.{value}"),
        )
        self.app.push_screen(dialog, lambda values: then(values["name"] if values else None))

    def action_statements(self) -> None:
        self.save_fields(self.dirty())
        from cesam_tui.screens.statements import StatementsScreen

        self.app.push_screen(StatementsScreen(self.ref, self.item_id))

    def action_external_editor(self) -> None:
        """The focused text field (else the item's text) in $VISUAL/$EDITOR, or full screen when none is set."""
        widget = text_field(self, "#i-body")
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if editor:
            edit_externally(self, widget, editor)
        else:
            edit_full_screen(self, widget, self.where())

    def action_fullscreen_editor(self) -> None:
        """The built-in full-screen editor, also when $EDITOR is set."""
        edit_full_screen(self, text_field(self, "#i-body"), self.where())

    def where(self) -> Text:
        where = Text(f"§ {self.number} ")
        where.append_text(literal(self.item.title if self.item else ""))
        return where

    def editable(self) -> bool:
        """The item may be changed now (else the user is told why not)."""
        if self.frozen:
            self.session.notify_text(self.t("frozen.notice"), severity="warning")
            return False
        return self.meeting is not None
