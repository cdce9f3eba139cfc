"""The item editor: every field of one agenda item, its outcome, attachments and follow-ups."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Input, Label, Select, SelectionList, Static, TextArea

from cesam_tui.drafts import draft_key
from cesam_tui.keys import localize_bindings
from cesam_tui.screens.dialogs import ConfirmDialog, FormDialog, FormField
from cesam_tui.screens.fields import Field, FieldScreen
from cesam_tui.screens.meeting import check_date, kind_options, parse_date
from cesam_tui.session import MeetingUpdate, RepoStatus, literal
from cesam_tui.strings import d, t
from cesam_tui.widgets.attendance import split_names
from cesam_tui.widgets.status import StatusLine
from store.core.config import SubitemStyle
from store.core.errors import CesamError
from store.core.ids import new_id
from store.core.model import EMPLOYER, Attachment, FollowUp, Item, ItemKind, Meeting, OutcomeKind
from store.core.numbering import item_numbers
from store.services.repository import MeetingRef

#: the row key of an earlier meeting's follow-up that this item takes up (followed by its ref)
CARRIED = "carried:"


class FollowUpTable(DataTable[Any]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "screen.add_followup", "key.add_followup", id="followups.add"),
        Binding("c,x", "screen.close_followup", "key.close_followup", id="followups.close"),
        Binding("e,enter", "screen.edit_followup", "key.edit_followup", id="followups.edit"),
        Binding("d,delete", "screen.delete_followup", "key.delete", id="followups.delete"),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        localize_bindings(self)


class AttachmentTable(DataTable[Any]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "screen.add_attachment", "key.add_attachment", id="attachments.add"),
        Binding("e,enter", "screen.edit_attachment", "key.edit_attachment", id="attachments.edit"),
        Binding("d,delete", "screen.delete_attachment", "key.delete", id="attachments.delete"),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        localize_bindings(self)


def _item_field(item_id: str, name: str, label: str, *, strip: bool = True) -> Field:
    def get(m: Meeting) -> Any:
        return getattr(m.item(item_id), name)

    def put(m: Meeting, value: Any) -> None:
        setattr(m.item(item_id), name, value.strip() if strip and isinstance(value, str) else value)

    return Field(label, get, put)


def _outcome_field(item_id: str, name: str, label: str) -> Field:
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

    return Field(label, get, put, check_date if name == "postponed_to" else None)


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
    ]

    def __init__(self, ref: MeetingRef, item_id: str) -> None:
        super().__init__(ref, classes="item")
        self.item_id = item_id
        self.item: Item | None = None
        self.number = ""
        i = item_id
        self.fields = {
            "i-title": _item_field(i, "title", d("field.title").capitalize()),
            "i-kind": Field(
                d("field.kind").capitalize(),
                lambda m: m.item(i).kind.value,
                lambda m, v: setattr(m.item(i), "kind", ItemKind(v)),
            ),
            "i-raised-by": _item_field(i, "raised_by", t("item.raised_by")),
            "i-purpose": _item_field(i, "purpose", d("field.purpose").capitalize()),
            "i-presenters": Field(
                d("field.presenters").capitalize(),
                lambda m: ", ".join(m.item(i).presenters),
                lambda m, v: setattr(m.item(i), "presenters", split_names(v)),
            ),
            "i-body": _body_field(i, "body", d("field.body").capitalize()),
            "i-proposal": _body_field(i, "proposal", d("field.proposal").capitalize()),
            "i-outcome": _outcome_field(i, "kind", d("record.outcome").capitalize()),
            "i-parties": _outcome_field(i, "parties", t("item.disagreeing")),
            "i-postponed": _outcome_field(i, "postponed_to", t("item.postponed_to")),
            "i-decision": _outcome_field(i, "text", t("item.outcome_text")),
        }

    def draft_scope_of(self) -> str:
        return f"item.{self.item_id}"

    def compose(self) -> ComposeResult:
        yield Static(id="title")
        with VerticalScroll(classes="form", id="item-form", can_focus=False):
            for widget_id, spec in self.fields.items():
                if widget_id == "i-outcome":
                    yield Static(Text(t("item.outcome"), style="bold"), classes="heading")
                yield Label(spec.label)
                if widget_id == "i-kind":
                    yield Select(
                        kind_options(), allow_blank=False, id=widget_id, value=ItemKind.INFORMATION.value, compact=True
                    )
                elif widget_id == "i-outcome":
                    options = [(d(f"outcome.{k.value}"), k.value) for k in OutcomeKind]
                    yield Select(options, allow_blank=False, id=widget_id, value=OutcomeKind.NONE.value, compact=True)
                elif widget_id == "i-raised-by":
                    unions = self.session.repo.config.union_names()
                    # Textual's blank prompt is English ("Select"): the catalogue's word instead
                    yield Select(
                        [(literal(u), u) for u in unions], id=widget_id, compact=True, prompt=t("item.raised_by_none")
                    )
                elif widget_id == "i-parties":
                    unions = self.session.repo.config.union_names()
                    yield SelectionList[str](*[(literal(u), u) for u in unions], id=widget_id, compact=True)
                elif widget_id in ("i-body", "i-proposal"):
                    yield TextArea(id=widget_id, soft_wrap=True, tab_behavior="focus", classes="long", compact=True)
                else:
                    yield Input(id=widget_id, compact=True)
            yield Static(id="statements-summary", classes="heading")
            yield Static(Text(t("item.followups"), style="bold"), classes="heading")
            yield FollowUpTable(id="followups", cursor_type="row")
            yield Static(Text(t("item.attachments"), style="bold"), classes="heading")
            yield AttachmentTable(id="attachments", cursor_type="row")
        yield StatusLine(id="status")
        yield Footer()

    def on_mount(self) -> None:
        followups = self.query_one(FollowUpTable)
        followups.add_column(t("item.col.state"), key="state")
        followups.add_column(t("item.col.owner"), key="owner")
        followups.add_column(t("item.col.text"), key="text")
        followups.add_column(t("item.col.due"), key="due")
        attachments = self.query_one(AttachmentTable)
        attachments.add_column(t("item.col.number"), key="number")
        attachments.add_column(t("item.col.title"), key="title")
        attachments.add_column(t("item.col.file"), key="file")
        self.query_one(StatusLine).show(self.session.repo_status)
        try:
            self.show(self.session.repo.load(self.ref).meeting)
        except CesamError as exc:
            self.session.notify_error(exc)
        # no focus() here: AUTO_FOCUS put it in the title while composing; a second focus
        # would pull keys typed ahead back into the title

    def summaries_updated(self, _summaries: object, status: RepoStatus | None) -> None:
        self.query_one(StatusLine).show(status)

    def meeting_updated(self, update: MeetingUpdate) -> None:
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
            title.append(f"   {t('frozen')}", style="bold black on yellow")
        self.query_one("#title", Static).update(title)
        summary = Text(f"{t('item.statements')} ({len(item.statements)})", style="bold")
        summary.append(f"  {self.app.get_key_display(self._bindings.key_to_bindings['ctrl+t'][0])}", style="dim")
        for statement in item.statements[:6]:
            summary.append("\n• ")
            summary.append_text(literal(statement.party, style="bold"))
            summary.append(f" ({d(f'statement.{statement.kind.value}')}): ", style="dim")
            summary.append_text(literal(statement.text.splitlines()[0][:60] if statement.text else ""))
        self.query_one("#statements-summary", Static).update(summary)
        self.fill_tables(item)
        self.load_fields(meeting, external=external)

    def fill_tables(self, item: Item) -> None:
        followups = self.query_one(FollowUpTable)
        row = followups.cursor_row
        followups.clear()
        for followup in item.followups:
            state = Text(t("item.closed"), style="green") if followup.closed else Text(t("item.open"), style="yellow")
            if followup.closes:
                state = Text(t("item.closed_here"), style="green")
            followups.add_row(
                state,
                literal(followup.owner),
                literal(followup.text.replace("\n", " ")[:70]),
                followup.due.isoformat() if followup.due else "",
                key=followup.id,
            )
        # follow-ups of earlier meetings this item takes up, not closed here yet: c closes them here
        closed_here = {f.closes for f in item.followups if f.closes}
        for ref in item.carried_from:
            if ref not in closed_here:
                since = ref.partition("#")[0].rpartition("/")[2]
                followups.add_row(
                    Text(t("item.carried_open", date=since), style="yellow"),
                    "",
                    literal(item.title[:70]),
                    "",
                    key=f"{CARRIED}{ref}",
                )
        if followups.row_count:
            followups.move_cursor(row=min(row, followups.row_count - 1))
        attachments = self.query_one(AttachmentTable)
        attachments.clear()
        for attachment in item.attachments:
            attachments.add_row(
                str(attachment.number), literal(attachment.title), literal(attachment.file), key=str(attachment.number)
            )

    # ------------------------------------------------------------ actions

    def action_statements(self) -> None:
        self.save_fields(self.dirty())
        from cesam_tui.screens.statements import StatementsScreen

        self.app.push_screen(StatementsScreen(self.ref, self.item_id))

    def action_external_editor(self) -> None:
        """Edit the focused text field (else the item's text) in $EDITOR; the result is saved like typing."""
        widget = self.focused
        if not isinstance(widget, (TextArea, Input)) or widget.id not in self.fields:
            widget = self.query_one("#i-body", TextArea)  # the item's text, the usual long one
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if not editor:
            self.session.notify_text(t("item.no_editor"), severity="warning")
            return
        text = widget.text if isinstance(widget, TextArea) else widget.value
        with tempfile.NamedTemporaryFile("w", suffix=".md", delete=False, encoding="utf-8") as handle:
            handle.write(text)
            path = Path(handle.name)
        try:
            with self.app.suspend():
                subprocess.run([*shlex.split(editor), str(path)], check=False)
            new = path.read_text(encoding="utf-8")
        except (OSError, ValueError, SuspendNotSupported) as exc:
            self.session.notify_text(t("item.editor_failed", error=str(exc)), severity="error")
            return
        finally:
            path.unlink(missing_ok=True)
        if isinstance(widget, TextArea):
            widget.load_text(new)
        else:
            widget.value = new.strip()
        if widget.id is not None:  # always: a field of this screen or #i-body
            self.save_fields([widget.id])

    def _current_key(self, table: DataTable[Any]) -> str | None:
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return str(key.value) if key.value is not None else None

    def _editable(self) -> bool:
        if self.frozen:
            self.session.notify_text(t("frozen.notice"), severity="warning")
            return False
        return self.meeting is not None

    def action_add_followup(self) -> None:
        if not self._editable():
            return
        dialog = FormDialog(
            t("dlg.followup"),
            self._followup_fields("", EMPLOYER, ""),
            draft=draft_key(self.ref, f"followup.new.{self.item_id}"),
        )
        item_id = self.item_id

        def done(values: dict[str, str] | None) -> None:
            if not values:
                return
            problem = check_date(values["due"])
            if problem:
                self.session.notify_text(problem, severity="error")
                return

            def change(m: Meeting) -> None:
                item = m.item(item_id)
                item.followups.append(
                    FollowUp(
                        id=new_id(values["text"][:24], (f.id for f in item.followups)),
                        text=values["text"].strip(),
                        owner=values["owner"],
                        due=parse_date(values["due"]),
                    )
                )

            self.session.save(self.ref, change)

        self.app.push_screen(dialog, done)

    def action_close_followup(self) -> None:
        followup_id = self._current_key(self.query_one(FollowUpTable))
        if not followup_id or not self._editable():
            return
        item_id = self.item_id
        if followup_id.startswith(CARRIED):
            self._close_carried(followup_id.removeprefix(CARRIED))
            return

        def change(m: Meeting) -> None:
            # closed_in names a later meeting that settled it; closing here needs only the flag
            followup = m.item(item_id).followup(followup_id)
            followup.closed = not followup.closed

        self.session.save(self.ref, change)

    def _close_carried(self, ref: str) -> None:
        """Close an earlier meeting's follow-up here: recorded in this meeting, the earlier one untouched."""
        origin_name, _, followup_id = ref.partition("#")
        dialog = FormDialog(
            t("dlg.close_followup", meeting=origin_name),
            [FormField("note", t("dlg.close_note"), "text")],
            draft=draft_key(self.ref, f"followup.close.{ref}"),
        )
        repo = self.session.repo

        def done(values: dict[str, str] | None) -> None:
            if values is None:
                return

            def change(m: Meeting) -> None:
                from store.core.catalogue import Catalogue
                from store.core.followups import close_in

                origin = repo.load(origin_name).meeting  # in the save's worker, as the change is
                carry_title = Catalogue(repo.lang).t("planning.carry_title")
                close_in(m, origin, followup_id, values["note"], carry_title)

            self.session.save(self.ref, change)

        self.app.push_screen(dialog, done)

    def _followup_fields(self, text: str, owner: str, due: str) -> list[FormField]:
        """The follow-up form, the same for a new one and an edit."""
        return [
            FormField("text", d("field.text").capitalize(), "text", text, required=True),
            self._owner_field(owner),
            FormField("due", t("dlg.due"), value=due),
        ]

    def _owner_field(self, value: str) -> FormField:
        parties = ", ".join(self.session.repo.config.party_names())
        return FormField(
            "owner",
            d("field.owner").capitalize(),
            value=value,
            required=True,
            hint=t("dlg.owner_hint", parties=parties),
        )

    def action_edit_followup(self) -> None:
        """The text, who owes it (a person or a party) and the deadline of a follow-up raised here."""
        followup_id = self._current_key(self.query_one(FollowUpTable))
        if not followup_id or followup_id.startswith(CARRIED) or not self._editable() or self.item is None:
            return
        followup = self.item.followup(followup_id)
        if followup.closes:
            return  # a closing record: what it closes is the earlier meeting's; delete it to reopen
        dialog = FormDialog(
            t("dlg.edit_followup"),
            self._followup_fields(followup.text, followup.owner, followup.due.isoformat() if followup.due else ""),
            focus="text",
            draft=draft_key(self.ref, f"followup.{self.item_id}.{followup_id}"),
        )
        item_id = self.item_id

        def done(values: dict[str, str] | None) -> None:
            if not values:
                return
            problem = check_date(values["due"])
            if problem:
                self.session.notify_text(problem, severity="error")
                return

            def change(m: Meeting) -> None:
                target = m.item(item_id).followup(followup_id)
                if values["text"].strip() != target.text.strip():
                    target.text = values["text"].strip()
                target.owner = values["owner"].strip()
                target.due = parse_date(values["due"])

            self.session.save(self.ref, change)

        self.app.push_screen(dialog, done)

    def action_delete_followup(self) -> None:
        followup_id = self._current_key(self.query_one(FollowUpTable))
        if not followup_id or followup_id.startswith(CARRIED) or not self._editable() or self.item is None:
            return
        item_id = self.item_id
        text = self.item.followup(followup_id).text

        def done(yes: bool | None) -> None:
            if yes:
                self.session.save(
                    self.ref,
                    lambda m: setattr(
                        m.item(item_id), "followups", [f for f in m.item(item_id).followups if f.id != followup_id]
                    ),
                )

        self.app.push_screen(ConfirmDialog(literal(f"{t('key.delete')}: {text[:60]}?")), done)

    def action_add_attachment(self) -> None:
        """A bilaga: its number runs through the meeting; a file named is copied into the repository."""
        if not self._editable() or self.item is None or self.meeting is None:
            return
        from store.core.attachments import next_number

        dialog = FormDialog(
            t("dlg.attachment"),
            [
                FormField(
                    "number", d("field.number").capitalize(), value=str(next_number(self.meeting)), required=True
                ),
                FormField("title", d("field.title").capitalize(), required=True),
                FormField("file", d("field.file").capitalize(), hint=t("dlg.attachment_file")),
            ],
            focus="title",
            draft=draft_key(self.ref, f"attachment.new.{self.item_id}"),
        )
        item_id, ref, repo = self.item_id, self.ref, self.session.repo

        def done(values: dict[str, str] | None) -> None:
            if not values:
                return
            chosen = self._number(values["number"])
            if chosen is None:
                return
            title, file = values["title"].strip(), values["file"].strip()
            in_repository = not Path(file).expanduser().is_absolute() and (repo.root / file).is_file()
            if file and not in_repository:
                # a file elsewhere: copied into bilagor/GROUP/DATE/, committed with the meeting

                def work() -> str:
                    from store.services.attachments import attach_file

                    result = attach_file(repo, ref, item_id, Path(file), title, chosen)
                    return t("saved", message=result.message.splitlines()[0])

                self.session.run_commit(work, ref=ref)
                return

            def change(m: Meeting) -> None:
                m.item(item_id).attachments.append(Attachment(number=chosen, title=title, file=file))

            self.session.save(self.ref, change)

        self.app.push_screen(dialog, done)

    def _number(self, text: str) -> int | None:
        try:
            return int(text.strip())
        except ValueError:
            self.session.notify_text(t("dlg.bad_number", value=text), severity="error")
            return None

    def action_edit_attachment(self) -> None:
        key = self._current_key(self.query_one(AttachmentTable))
        if not key or not self._editable() or self.item is None:
            return
        number, item_id = int(key), self.item_id
        attachment = next((a for a in self.item.attachments if a.number == number), None)
        if attachment is None:
            return
        dialog = FormDialog(
            t("dlg.edit_attachment", number=number),
            [
                FormField("number", d("field.number").capitalize(), value=str(number), required=True),
                FormField("title", d("field.title").capitalize(), value=attachment.title, required=True),
            ],
            focus="title",
            draft=draft_key(self.ref, f"attachment.{item_id}.{number}"),
        )

        def done(values: dict[str, str] | None) -> None:
            if not values:
                return
            chosen = self._number(values["number"])
            if chosen is None:
                return

            def change(m: Meeting) -> None:
                target = next(a for a in m.item(item_id).attachments if a.number == number)
                target.number = chosen
                target.title = values["title"].strip()

            self.session.save(self.ref, change)

        self.app.push_screen(dialog, done)

    def action_delete_attachment(self) -> None:
        key = self._current_key(self.query_one(AttachmentTable))
        if not key or not self._editable():
            return
        number, item_id = int(key), self.item_id

        def done(yes: bool | None) -> None:
            if yes:
                self.session.save(
                    self.ref,
                    lambda m: setattr(
                        m.item(item_id), "attachments", [a for a in m.item(item_id).attachments if a.number != number]
                    ),
                )

        self.app.push_screen(ConfirmDialog(t("item.confirm_delete_attachment", number=number)), done)
