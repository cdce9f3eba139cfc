"""An item's records in the item editor: its follow-ups and its bilagor, each a table with its own keys.

Each table shows the records of the item on its screen (cesam_tui/screens/item.py) and changes them
through the session, one commit per confirmed change, like every field of the screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from cesam_tui.drafts import draft_key
from cesam_tui.guard import Guarded
from cesam_tui.keys import LocalizedBindings
from cesam_tui.screens.dialogs import ConfirmDialog, FormDialog, FormField
from cesam_tui.screens.fields import check_date, parse_date
from cesam_tui.session import literal
from cesam_tui.strings import Speaks
from cesam_tui.widgets.tables import Row, refill
from store.core.ids import new_id
from store.core.model import EMPLOYER, Attachment, FollowUp, Item, Meeting

if TYPE_CHECKING:
    from cesam_tui.screens.item import ItemScreen

#: the row key of an earlier meeting's follow-up that this item takes up (followed by its ref)
CARRIED = "carried:"


class RecordTable(Guarded, Speaks, LocalizedBindings, DataTable[Any]):
    """A table of one kind of record of the item on the screen."""

    @property
    def host(self) -> ItemScreen:
        return cast("ItemScreen", self.screen)

    def current_key(self) -> str | None:
        """The key of the record under the cursor (None: the table is empty)."""
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        return str(key.value) if key.value is not None else None


class FollowUpTable(RecordTable):
    """The item's follow-ups, and those of earlier meetings it takes up (closed here with c)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "key.add_followup", id="followups.add"),
        Binding("c,x", "close", "key.close_followup", id="followups.close"),
        Binding("e,enter", "edit", "key.edit_followup", id="followups.edit"),
        Binding("d,delete", "delete", "key.delete", id="followups.delete"),
    ]

    def on_mount(self) -> None:
        self.add_column(self.t("item.col.state"), key="state")
        self.add_column(self.t("item.col.owner"), key="owner")
        self.add_column(self.t("item.col.text"), key="text")
        self.add_column(self.t("item.col.due"), key="due")

    def fill(self, item: Item) -> None:
        rows: list[Row] = []
        for followup in item.followups:
            state = (
                Text(self.t("item.closed"), style="green")
                if followup.closed
                else Text(self.t("item.open"), style="yellow")
            )
            if followup.closes:
                state = Text(self.t("item.closed_here"), style="green")
            due = followup.due.isoformat() if followup.due else ""
            rows.append(
                ([state, literal(followup.owner), literal(followup.text.replace("\n", " ")[:70]), due], followup.id)
            )
        # follow-ups of earlier meetings this item takes up, not closed here yet: c closes them here
        closed_here = {f.closes for f in item.followups if f.closes}
        for ref in item.carried_from:
            if ref not in closed_here:
                since = ref.partition("#")[0].rpartition("/")[2]
                state = Text(self.t("item.carried_open", date=since), style="yellow")
                rows.append(([state, "", literal(item.title[:70]), ""], f"{CARRIED}{ref}"))
        refill(self, rows)

    def action_add(self) -> None:
        if not self.host.editable():
            return
        dialog = FormDialog(
            self.t("dlg.followup"),
            self._followup_fields("", EMPLOYER, ""),
            draft=draft_key(self.host.ref, f"followup.new.{self.host.item_id}"),
        )
        item_id = self.host.item_id

        def done(values: dict[str, str] | None) -> None:
            if not values or not self._due_is_a_date(values):
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

            self.host.session.save(self.host.ref, change)

        self.app.push_screen(dialog, done)

    def action_close(self) -> None:
        followup_id = self.current_key()
        if not followup_id or not self.host.editable():
            return
        item_id = self.host.item_id
        if followup_id.startswith(CARRIED):
            self._close_carried(followup_id.removeprefix(CARRIED))
            return

        def change(m: Meeting) -> None:
            # closed_in names a later meeting that settled it; closing here needs only the flag
            followup = m.item(item_id).followup(followup_id)
            followup.closed = not followup.closed

        self.host.session.save(self.host.ref, change)

    def _close_carried(self, ref: str) -> None:
        """Close an earlier meeting's follow-up here: recorded in this meeting, the earlier one untouched."""
        origin_name, _, followup_id = ref.partition("#")
        dialog = FormDialog(
            self.t("dlg.close_followup", meeting=origin_name),
            [FormField("note", self.t("dlg.close_note"), "text")],
            draft=draft_key(self.host.ref, f"followup.close.{ref}"),
        )
        repo = self.host.session.repo

        def done(values: dict[str, str] | None) -> None:
            if values is None:
                return

            def change(m: Meeting) -> None:
                from store.core.catalogue import Catalogue
                from store.core.followups import close_in

                origin = repo.load(origin_name).meeting  # in the save's worker, as the change is
                carry_title = Catalogue(repo.lang).t("planning.carry_title")
                close_in(m, origin, followup_id, values["note"], carry_title)

            self.host.session.save(self.host.ref, change)

        self.app.push_screen(dialog, done)

    def _followup_fields(self, text: str, owner: str, due: str) -> list[FormField]:
        """The follow-up form, the same for a new one and an edit."""
        return [
            FormField("text", self.d("field.text").capitalize(), "text", text, required=True),
            self._owner_field(owner),
            FormField("due", self.t("dlg.due"), value=due),
        ]

    def _due_is_a_date(self, values: dict[str, str]) -> bool:
        """The form's deadline is empty or a date; otherwise says why, and nothing is saved."""
        problem = check_date(self.words, values["due"])
        if problem:
            self.host.session.notify_text(problem, severity="error")
        return not problem

    def _owner_field(self, value: str) -> FormField:
        parties = ", ".join(self.host.session.repo.config.party_names())
        return FormField(
            "owner",
            self.d("field.owner").capitalize(),
            value=value,
            required=True,
            hint=self.t("dlg.owner_hint", parties=parties),
        )

    def action_edit(self) -> None:
        """The text, who owes it (a person or a party) and the deadline of a follow-up raised here."""
        followup_id = self.current_key()
        if not followup_id or followup_id.startswith(CARRIED) or not self.host.editable() or self.host.item is None:
            return
        followup = self.host.item.followup(followup_id)
        if followup.closes:
            return  # a closing record: what it closes is the earlier meeting's; delete it to reopen
        dialog = FormDialog(
            self.t("dlg.edit_followup"),
            self._followup_fields(followup.text, followup.owner, followup.due.isoformat() if followup.due else ""),
            focus="text",
            draft=draft_key(self.host.ref, f"followup.{self.host.item_id}.{followup_id}"),
        )
        item_id = self.host.item_id

        def done(values: dict[str, str] | None) -> None:
            if not values or not self._due_is_a_date(values):
                return

            def change(m: Meeting) -> None:
                target = m.item(item_id).followup(followup_id)
                if values["text"].strip() != target.text.strip():
                    target.text = values["text"].strip()
                target.owner = values["owner"].strip()
                target.due = parse_date(values["due"])

            self.host.session.save(self.host.ref, change)

        self.app.push_screen(dialog, done)

    def action_delete(self) -> None:
        followup_id = self.current_key()
        if not followup_id or followup_id.startswith(CARRIED) or not self.host.editable() or self.host.item is None:
            return
        item_id = self.host.item_id
        text = self.host.item.followup(followup_id).text

        def done(yes: bool | None) -> None:
            if yes:
                self.host.session.save(
                    self.host.ref,
                    lambda m: setattr(
                        m.item(item_id), "followups", [f for f in m.item(item_id).followups if f.id != followup_id]
                    ),
                )

        self.app.push_screen(ConfirmDialog(literal(f"{self.t('key.delete')}: {text[:60]}?")), done)


class AttachmentTable(RecordTable):
    """The item's bilagor: numbered through the meeting, a file named is committed with it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "key.add_attachment", id="attachments.add"),
        Binding("e,enter", "edit", "key.edit_attachment", id="attachments.edit"),
        Binding("d,delete", "delete", "key.delete", id="attachments.delete"),
    ]

    def on_mount(self) -> None:
        self.add_column(self.t("item.col.number"), key="number")
        self.add_column(self.t("item.col.title"), key="title")
        self.add_column(self.t("item.col.file"), key="file")

    def fill(self, item: Item) -> None:
        refill(self, (([str(a.number), literal(a.title), literal(a.file)], str(a.number)) for a in item.attachments))

    def action_add(self) -> None:
        """A bilaga: its number runs through the meeting; a file named is copied into the repository."""
        if not self.host.editable() or self.host.item is None or self.host.meeting is None:
            return
        from store.core.attachments import next_number

        dialog = FormDialog(
            self.t("dlg.attachment"),
            [
                FormField(
                    "number",
                    self.d("field.number").capitalize(),
                    value=str(next_number(self.host.meeting)),
                    required=True,
                ),
                FormField("title", self.d("field.title").capitalize(), required=True),
                FormField("file", self.d("field.file").capitalize(), hint=self.t("dlg.attachment_file")),
            ],
            focus="title",
            draft=draft_key(self.host.ref, f"attachment.new.{self.host.item_id}"),
        )
        item_id, ref, repo = self.host.item_id, self.host.ref, self.host.session.repo

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
                    return self.t("saved", message=result.message.splitlines()[0])

                self.host.session.run_commit(work, ref=ref)
                return

            def change(m: Meeting) -> None:
                m.item(item_id).attachments.append(Attachment(number=chosen, title=title, file=file))

            self.host.session.save(self.host.ref, change)

        self.app.push_screen(dialog, done)

    def _number(self, text: str) -> int | None:
        try:
            return int(text.strip())
        except ValueError:
            self.host.session.notify_text(self.t("dlg.bad_number", value=text), severity="error")
            return None

    def action_edit(self) -> None:
        key = self.current_key()
        if not key or not self.host.editable() or self.host.item is None:
            return
        number, item_id = int(key), self.host.item_id
        attachment = next((a for a in self.host.item.attachments if a.number == number), None)
        if attachment is None:
            return
        dialog = FormDialog(
            self.t("dlg.edit_attachment", number=number),
            [
                FormField("number", self.d("field.number").capitalize(), value=str(number), required=True),
                FormField("title", self.d("field.title").capitalize(), value=attachment.title, required=True),
            ],
            focus="title",
            draft=draft_key(self.host.ref, f"attachment.{item_id}.{number}"),
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

            self.host.session.save(self.host.ref, change)

        self.app.push_screen(dialog, done)

    def action_delete(self) -> None:
        key = self.current_key()
        if not key or not self.host.editable():
            return
        number, item_id = int(key), self.host.item_id

        def done(yes: bool | None) -> None:
            if yes:
                self.host.session.save(
                    self.host.ref,
                    lambda m: setattr(
                        m.item(item_id), "attachments", [a for a in m.item(item_id).attachments if a.number != number]
                    ),
                )

        self.app.push_screen(ConfirmDialog(self.t("item.confirm_delete_attachment", number=number)), done)
