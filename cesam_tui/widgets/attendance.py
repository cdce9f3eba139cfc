"""The meeting's attendance tab: the employer's side and the unions' side, each with name, presence and role.

A pane of its own (issue 15 splits the meeting screen into panes): the keys are the pane's,
so they work in either table; the meeting screen gives the meeting, its item numbers and
``save``. The roster (``store.services.roster``) is kept from here with R.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Label

from cesam_tui.drafts import draft_key
from cesam_tui.guard import Guarded
from cesam_tui.keys import LocalizedBindings
from cesam_tui.screens.dialogs import ConfirmDialog, FormDialog, FormField
from cesam_tui.session import literal
from cesam_tui.strings import Speaks, Words
from cesam_tui.widgets.tables import Row, refill
from store.core.ids import new_id
from store.core.model import EMPLOYER, Attendee, Meeting
from store.core.numbering import find_item_id

if TYPE_CHECKING:
    from cesam_tui.screens.meeting import MeetingScreen


def split_names(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def presence(words: Words, attendee: Attendee, numbers: dict[str, str], adjusters: list[str]) -> Text:
    text = Text()
    if attendee.absent:
        text.append(words.t("meeting.absent"), style="red")
    elif attendee.items:
        text.append(words.t("meeting.items_only", items=", ".join(numbers.get(i, i) for i in attendee.items)))
    elif attendee.from_item:
        text.append(words.t("meeting.from_item", item=numbers.get(attendee.from_item, attendee.from_item)))
    else:
        text.append(words.t("meeting.present"), style="green")
    if attendee.name in adjusters:
        text.append(f", {words.t('meeting.adjuster')}", style="bold")
    return text


class AttendanceTable(Speaks, LocalizedBindings, DataTable[Any]):
    """One side's attendees; its keys are the pane's."""


class AttendancePane(Guarded, Speaks, LocalizedBindings, Horizontal):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x", "toggle_absent", "key.toggle_absent", id="attendance.absent"),
        Binding("u", "toggle_adjuster", "key.toggle_adjuster", id="attendance.adjuster"),
        Binding("p", "presence", "key.presence", id="attendance.presence"),
        Binding("e,enter", "edit", "key.edit_attendee", id="attendance.edit"),
        Binding("a", "add", "key.add", id="attendance.add"),
        Binding("d,delete", "delete", "key.delete", id="attendance.delete"),
        Binding("R", "keep_roster", "key.keep_roster", id="attendance.roster", show=False),
    ]

    @property
    def meeting_screen(self) -> MeetingScreen:
        from cesam_tui.screens.meeting import MeetingScreen  # here: the screen module imports this widget

        screen = self.screen
        assert isinstance(screen, MeetingScreen), "the attendance pane lives on the meeting screen"
        return screen

    def compose(self) -> ComposeResult:
        with Vertical(classes="side"):
            yield Label(self.t("meeting.employer"))
            yield AttendanceTable(id="employer", cursor_type="row", zebra_stripes=True)
        with Vertical(classes="side"):
            yield Label(self.t("meeting.unions"))
            yield AttendanceTable(id="unions", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        for table_id in ("employer", "unions"):
            table = self.query_one(f"#{table_id}", AttendanceTable)
            table.add_column(self.t("meeting.col.name"), key="name")
            table.add_column(self.t("meeting.col.presence"), key="presence")
            if table_id == "unions":
                table.add_column(self.t("meeting.col.party"), key="party")
            table.add_column(self.t("meeting.col.role"), key="role")

    def fill(self, meeting: Meeting, numbers: dict[str, str]) -> None:
        for table_id in ("employer", "unions"):
            table = self.query_one(f"#{table_id}", AttendanceTable)
            rows: list[Row] = []
            for attendee in meeting.attendees:
                if (attendee.party == EMPLOYER) != (table_id == "employer"):
                    continue
                cells = [literal(attendee.name), presence(self.words, attendee, numbers, meeting.adjusters)]
                if table_id == "unions":
                    cells.append(literal(attendee.party))
                cells.append(literal(attendee.role))
                rows.append((cells, attendee.id))
            refill(table, rows)

    # ------------------------------------------------------------ helpers

    def current(self) -> str | None:
        focused = self.screen.focused
        if isinstance(focused, AttendanceTable) and focused.row_count:
            key = focused.coordinate_to_cell_key(focused.cursor_coordinate).row_key
            return str(key.value) if key.value is not None else None
        return None

    def _editable(self) -> bool:
        return self.meeting_screen.editable()

    def _save(self, change: Any) -> None:
        screen = self.meeting_screen
        screen.session.save(screen.ref, change)

    def _item_ids(self, text: str) -> list[str] | None:
        """Item numbers as typed ("2 a, 4") to ids; None (after saying which) if one is unknown."""
        screen = self.meeting_screen
        assert screen.meeting is not None
        ids = []
        for number in split_names(text.replace(";", ",")):
            found = find_item_id(screen.meeting, number, screen.style)
            if not found:
                screen.session.notify_text(self.t("dlg.unknown_item", number=number), severity="error")
                return None
            ids.append(found)
        return ids

    # ------------------------------------------------------------ actions

    def action_toggle_absent(self) -> None:
        attendee_id = self.current()
        if attendee_id and self._editable():

            def change(m: Meeting) -> None:
                attendee = m.attendee(attendee_id)
                attendee.absent = not attendee.absent

            self._save(change)

    def action_toggle_adjuster(self) -> None:
        attendee_id = self.current()
        if attendee_id and self._editable():

            def change(m: Meeting) -> None:
                name = m.attendee(attendee_id).name
                if name in m.adjusters:
                    m.adjusters.remove(name)
                else:
                    m.adjusters.append(name)

            self._save(change)

    def action_presence(self) -> None:
        screen = self.meeting_screen
        attendee_id = self.current()
        if not attendee_id or not self._editable() or screen.meeting is None:
            return
        attendee = screen.meeting.attendee(attendee_id)
        numbers = screen.numbers
        dialog = FormDialog(
            self.t("dlg.presence", name=attendee.name),
            [
                FormField(
                    "items", self.t("dlg.presence_items"), value=", ".join(numbers.get(i, i) for i in attendee.items)
                ),
                FormField(
                    "from", self.t("dlg.presence_from"), value=numbers.get(attendee.from_item, attendee.from_item)
                ),
            ],
        )

        def done(values: dict[str, str] | None) -> None:
            if not values or screen.meeting is None:
                return
            ids = self._item_ids(values["items"])
            starts = self._item_ids(values["from"])
            if ids is None or starts is None:
                return

            def change(m: Meeting) -> None:
                target = m.attendee(attendee_id)
                target.items = ids
                target.from_item = starts[0] if starts else ""

            self._save(change)

        self.app.push_screen(dialog, done)

    def _parties(self) -> list[tuple[str, str]]:
        return [(p, p) for p in [EMPLOYER, *self.meeting_screen.session.repo.config.union_names()]]

    def action_add(self) -> None:
        if not self._editable():
            return
        parties = self._parties()
        focused = self.screen.focused
        default = (
            EMPLOYER
            if (focused.id if focused is not None else "") != "unions"
            else (parties[1][1] if len(parties) > 1 else EMPLOYER)
        )
        dialog = FormDialog(
            self.t("dlg.attendee"),
            [
                FormField("name", self.d("field.name").capitalize(), required=True),
                FormField("role", self.d("field.role").capitalize()),
                FormField("party", self.d("field.party").capitalize(), "select", default, parties, required=True),
            ],
            draft=draft_key(self.meeting_screen.ref, "attendee.new"),
        )

        def done(values: dict[str, str] | None) -> None:
            if not values:
                return

            def change(m: Meeting) -> None:
                m.attendees.append(
                    Attendee(
                        id=new_id(values["name"], (a.id for a in m.attendees)),
                        name=values["name"].strip(),
                        role=values["role"].strip(),
                        party=values["party"],
                    )
                )

            self._save(change)

        self.app.push_screen(dialog, done)

    def action_edit(self) -> None:
        """Everything about one attendee: name, role, party, the items attended, förhinder."""
        screen = self.meeting_screen
        attendee_id = self.current()
        if not attendee_id or not self._editable() or screen.meeting is None:
            return
        attendee = screen.meeting.attendee(attendee_id)
        parties = self._parties()
        if attendee.party not in [p for p, _ in parties]:
            parties.append((attendee.party, attendee.party))
        numbers = screen.numbers
        yes_no = [(self.t("dlg.no"), "no"), (self.t("dlg.yes"), "yes")]
        dialog = FormDialog(
            self.t("dlg.edit_attendee", name=attendee.name),
            [
                FormField("name", self.d("field.name").capitalize(), value=attendee.name, required=True),
                FormField("role", self.d("field.role").capitalize(), value=attendee.role),
                FormField(
                    "party", self.d("field.party").capitalize(), "select", attendee.party, parties, required=True
                ),
                FormField(
                    "items", self.t("dlg.presence_items"), value=", ".join(numbers.get(i, i) for i in attendee.items)
                ),
                FormField(
                    "absent",
                    self.d("field.absent").capitalize(),
                    "select",
                    "yes" if attendee.absent else "no",
                    yes_no,
                    True,
                ),
            ],
            draft=draft_key(screen.ref, f"attendee.{attendee_id}"),
        )

        def done(values: dict[str, str] | None) -> None:
            if not values:
                return
            ids = self._item_ids(values["items"])
            if ids is None:
                return
            old_name = attendee.name

            def change(m: Meeting) -> None:
                target = m.attendee(attendee_id)
                target.name = values["name"].strip()
                target.role = values["role"].strip()
                target.party = values["party"]
                target.items = ids
                target.absent = values["absent"] == "yes"
                # a justerare, chair or secretary is named by name: a corrected name follows
                m.adjusters = [target.name if n == old_name else n for n in m.adjusters]
                if m.chair == old_name:
                    m.chair = target.name
                if m.secretary == old_name:
                    m.secretary = target.name

            self._save(change)

        self.app.push_screen(dialog, done)

    def action_delete(self) -> None:
        screen = self.meeting_screen
        attendee_id = self.current()
        if not attendee_id or not self._editable() or screen.meeting is None:
            return
        name = screen.meeting.attendee(attendee_id).name

        def done(yes: bool | None) -> None:
            if yes:
                self._save(lambda m: setattr(m, "attendees", [a for a in m.attendees if a.id != attendee_id]))

        self.app.push_screen(ConfirmDialog(literal(self.t("meeting.confirm_delete_attendee", name=name))), done)

    def action_keep_roster(self) -> None:
        """This meeting's attendance becomes the group's roster in cesam.toml (one commit)."""
        screen = self.meeting_screen
        if screen.meeting is None:
            return
        meeting = screen.meeting
        session = screen.session

        def work() -> str | None:
            from store.services.roster import keep_roster

            commit = keep_roster(session.repo, meeting)
            return self.t("roster.kept", n=len(meeting.attendees)) if commit else None

        session.run_commit(work)
