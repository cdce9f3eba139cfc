"""A meeting: the agenda as a tree, its details, and who attended."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Input, Label, Select, Static, TabbedContent, TabPane, Tabs, Tree

from cesam_tui.drafts import draft_key
from cesam_tui.guard import on
from cesam_tui.messages import MeetingChanged, SummariesChanged
from cesam_tui.screens.dialogs import ConfirmDialog, FormDialog, FormField
from cesam_tui.screens.fields import Field, FieldScreen, check_date, parse_date
from cesam_tui.session import Session, literal
from cesam_tui.strings import Words
from cesam_tui.widgets.agenda import AgendaPane, AgendaTree
from cesam_tui.widgets.attendance import AttendancePane, split_names
from cesam_tui.widgets.status import StatusLine
from store.core import agenda
from store.core.config import SubitemStyle
from store.core.errors import CesamError
from store.core.model import ItemKind, Meeting, Status
from store.core.numbering import item_numbers
from store.services.repository import MeetingRef


def kind_options(words: Words) -> list[tuple[str, str]]:
    return [(words.d(f"kind.{k.value}"), k.value) for k in ItemKind]


class MeetingScreen(FieldScreen):
    HELP_NAME = "screen.meeting"
    AUTO_FOCUS = "#agenda-tree"  # set while composing, so keys typed at once land there

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "tab('agenda')", "key.tab_agenda", id="meeting.tab_agenda", show=False),
        Binding("2", "tab('details')", "key.tab_details", id="meeting.tab_details", show=False),
        Binding("3", "tab('attendance')", "key.tab_attendance", id="meeting.tab_attendance", show=False),
        Binding("h", "history", "key.history", id="meeting.history"),
        Binding("H", "item_history", "key.item_history", id="meeting.item_history", show=False),
        Binding("E", "export", "key.export", id="meeting.export"),
        Binding("v", "justering", "key.justering", id="meeting.justering"),
    ]

    def __init__(self, ref: MeetingRef) -> None:
        super().__init__(ref, classes="meeting")
        self.numbers: dict[str, str] = {}
        self.error = ""
        self.last_export: Path | None = None
        self.fields = {
            "m-start": Field(self.d("field.start"), lambda m: m.start, lambda m, v: setattr(m, "start", v.strip())),
            "m-end": Field(self.d("field.end"), lambda m: m.end, lambda m, v: setattr(m, "end", v.strip())),
            "m-place": Field(self.d("field.place"), lambda m: m.place, lambda m, v: setattr(m, "place", v.strip())),
            "m-case-number": Field(
                self.d("field.case_number"),
                lambda m: m.case_number,
                lambda m, v: setattr(m, "case_number", v.strip()),
            ),
            "m-distribution": Field(
                self.d("field.distribution"),
                lambda m: ", ".join(m.distribution),
                lambda m, v: setattr(m, "distribution", split_names(v)),
            ),
            "m-status": Field(
                self.d("field.status"), lambda m: m.status.value, lambda m, v: setattr(m, "status", Status(v))
            ),
            "m-chair": Field(self.d("field.chair"), lambda m: m.chair, lambda m, v: setattr(m, "chair", v.strip())),
            "m-secretary": Field(
                self.d("field.secretary"), lambda m: m.secretary, lambda m, v: setattr(m, "secretary", v.strip())
            ),
            "m-adjusters": Field(
                self.d("field.adjusters"),
                lambda m: ", ".join(m.adjusters),
                lambda m, v: setattr(m, "adjusters", split_names(v)),
            ),
            "m-next-date": Field(
                self.t("meeting.next_date"),
                lambda m: m.next_meeting.date.isoformat() if m.next_meeting.date else "",
                lambda m, v: setattr(m.next_meeting, "date", parse_date(v)),
                partial(check_date, self.words),
            ),
            "m-next-place": Field(
                self.t("meeting.next_place"),
                lambda m: m.next_meeting.place,
                lambda m, v: setattr(m.next_meeting, "place", v.strip()),
            ),
        }

    @property
    def style(self) -> SubitemStyle:
        try:
            return self.session.repo.config.group(self.ref.group).subitem_style
        except KeyError:
            return SubitemStyle.LETTER

    def compose(self) -> ComposeResult:
        yield Static(id="title")
        yield Static(id="error", classes="error")
        yield Static(id="frozen-why")
        with TabbedContent(id="tabs", initial="agenda"):
            with TabPane(self.t("meeting.agenda"), id="agenda"):
                yield AgendaPane(id="agenda-pane")
            with TabPane(self.t("meeting.details"), id="details"), VerticalScroll(classes="form", can_focus=False):
                for widget_id, spec in self.fields.items():
                    yield Label(spec.label.capitalize())
                    if widget_id == "m-status":
                        options = [(self.d(f"status.{s.value}"), s.value) for s in Status]
                        yield Select(options, allow_blank=False, id=widget_id, value=Status.DRAFT.value, compact=True)
                    else:
                        yield Input(id=widget_id, compact=True)
            with TabPane(self.t("meeting.attendance"), id="attendance"):
                yield AttendancePane(id="attendance-pane")
        yield StatusLine(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(StatusLine).show(self.session.repo_status)
        self.reload()
        self.query_one(AgendaTree).focus()

    def on_summaries_changed(self, message: SummariesChanged) -> None:
        status = message.status
        self.query_one(StatusLine).show(status)

    # ------------------------------------------------------------ loading

    def reload(self) -> None:
        try:
            loaded = self.session.repo.load(self.ref)
        except CesamError as exc:
            self.show_error(exc.text(self.session.lang))
            return
        self.show(loaded.meeting)

    def on_meeting_changed(self, message: MeetingChanged) -> None:
        update = message.update
        if update.ref != self.ref:
            return
        if update.loaded is None:
            self.show_error(update.error)
        else:
            self.show(update.loaded.meeting, external=update.external)

    def show_error(self, message: str) -> None:
        self.error = message
        box = self.query_one("#error", Static)
        text = Text(f"{self.t('meeting.broken')}: ", style="bold")
        text.append_text(literal(message))
        box.update(text)
        box.display = True

    def show(self, meeting: Meeting, *, external: bool = False) -> None:
        self.error = ""
        self.query_one("#error", Static).display = False
        self.meeting = meeting
        self.numbers = item_numbers(meeting, self.style)
        title = Text()
        title.append_text(literal(f"{self.session.repo.group_label(meeting.group)} {meeting.date.isoformat()}", "bold"))
        title.append(f"  ·  {self.d(f'status.{meeting.status.value}')}")
        if meeting.start or meeting.place:
            title.append("  ·  ")
            title.append_text(literal(" ".join(p for p in (meeting.start, meeting.place) if p), style="dim"))
        if self.frozen:
            title.append(f"   {self.t('frozen')}", style="bold black on yellow")
        self.query_one("#title", Static).update(title)
        why = self.query_one("#frozen-why", Static)
        why.display = self.frozen
        if self.frozen:
            # the reason and the way out, with the meeting's own name to copy
            why.update(literal(self.t("frozen.why", meeting=str(self.ref)), "yellow"))
        self.fill_agenda(meeting)
        self.fill_attendance(meeting)
        self.load_fields(meeting, external=external)

    def fill_agenda(self, meeting: Meeting, select: str | None = None) -> None:
        self.query_one(AgendaPane).show(meeting, self.numbers, select)

    @on(Tree.NodeSelected, "#agenda-tree")
    def selected(self, event: Tree.NodeSelected[Any]) -> None:
        if event.node.data:
            self.open_item(event.node.data)

    def fill_attendance(self, meeting: Meeting) -> None:
        self.query_one(AttendancePane).fill(meeting, self.numbers)

    # ------------------------------------------------------------ agenda actions

    def current_item(self) -> str | None:
        node = self.query_one(AgendaTree).cursor_node
        return node.data if node is not None and isinstance(node.data, str) else None

    def editable(self) -> bool:
        if self.meeting is None:
            return False
        if self.frozen:
            self.session.notify_text(self.t("frozen.notice"), severity="warning")
            return False
        return True

    def structural(self, change: Any, select: str | None = None) -> None:
        """Apply an agenda change to a copy first, so an impossible move is a hint, not a save."""
        if not self.editable() or self.meeting is None:
            return
        import copy

        trial = copy.deepcopy(self.meeting)
        try:
            change(trial)
        except ValueError:
            self.session.notify_text(self.t("meeting.cannot_move"), severity="warning")
            return
        self.session.save(self.ref, change, lambda _r: self.focus_item(select))

    def focus_item(self, item_id: str | None) -> None:
        if item_id and self.meeting is not None:
            self.fill_agenda(self.meeting, select=item_id)

    def action_move(self, step: int) -> None:
        item_id = self.current_item()
        if item_id:
            self.structural(lambda m: agenda.move(m, item_id, step), item_id)

    def action_indent(self) -> None:
        item_id = self.current_item()
        if not item_id or not self.editable() or self.meeting is None:
            return
        import copy

        trial = copy.deepcopy(self.meeting)
        try:
            agenda.indent(trial, item_id)
        except ValueError:
            self.session.notify_text(self.t("meeting.cannot_indent"), severity="warning")
            return
        self.session.save(self.ref, lambda m: agenda.indent(m, item_id), lambda _r: self.focus_item(item_id))

    def action_outdent(self) -> None:
        item_id = self.current_item()
        if item_id:
            self.structural(lambda m: agenda.outdent(m, item_id), item_id)

    def _ask_item(self, title: str, on_ok: Any, draft: str) -> None:
        dialog = FormDialog(
            title,
            [
                FormField("title", self.d("field.title").capitalize(), required=True),
                FormField(
                    "kind",
                    self.d("field.kind").capitalize(),
                    "select",
                    ItemKind.INFORMATION.value,
                    kind_options(self.words),
                    True,
                ),
            ],
            draft=draft_key(self.ref, draft),
        )
        self.app.push_screen(dialog, on_ok)

    def action_add_item(self) -> None:
        if not self.editable() or self.meeting is None:
            return
        after = self.current_item() or ""
        # on a sub-item, the new item is its sibling (4 b after 4 a), not a top-level item
        parent = self.meeting.item(after).parent if after else ""

        def done(values: dict[str, str] | None) -> None:
            if not values:
                return
            created: list[str] = []

            def change(m: Meeting) -> None:
                kind = ItemKind(values["kind"])
                item = agenda.add_item(m, values["title"].strip(), parent=parent, after=after, kind=kind)
                created.append(item.id)

            self.session.save(self.ref, change, lambda _r: self.focus_item(created[0] if created else None))

        self._ask_item(self.t("meeting.new_item"), done, "item.new")

    def action_add_subitem(self) -> None:
        if not self.editable() or self.meeting is None:
            return
        current = self.current_item()
        if not current:
            return
        item = self.meeting.item(current)
        parent = item.parent or item.id
        after = item.id if item.parent else ""

        def done(values: dict[str, str] | None) -> None:
            if not values:
                return
            created: list[str] = []

            def change(m: Meeting) -> None:
                new = agenda.add_item(
                    m, values["title"].strip(), parent=parent, after=after, kind=ItemKind(values["kind"])
                )
                created.append(new.id)

            self.session.save(self.ref, change, lambda _r: self.focus_item(created[0] if created else None))

        self._ask_item(self.t("meeting.new_subitem", number=self.numbers.get(parent, "")), done, f"item.new.{parent}")

    def action_delete_item(self) -> None:
        item_id = self.current_item()
        if not item_id or not self.editable() or self.meeting is None:
            return
        item = self.meeting.item(item_id)
        question = literal(
            self.t("meeting.confirm_delete_item", number=self.numbers.get(item_id, ""), title=item.title)
        )
        detail = self.t("meeting.confirm_delete_children") if self.meeting.children(item_id) else ""

        # the cursor goes to the item now after it (or before it, at the end), not back to § 1
        gone = {item_id, *(c.id for c in self.meeting.children(item_id))}
        ids = [i.id for i in self.meeting.items]
        index = ids.index(item_id)
        rest = [i for i in ids[index:] if i not in gone] + [i for i in reversed(ids[:index]) if i not in gone]
        neighbour = rest[0] if rest else None

        def delete(meeting: Meeting) -> None:
            agenda.delete_item(meeting, item_id)  # the ids it returns are the removed ones, known here already

        def done(yes: bool | None) -> None:
            if yes:
                self.session.save(self.ref, delete, lambda _r: self.focus_item(neighbour))

        self.app.push_screen(ConfirmDialog(question, detail), done)

    def action_edit_item(self) -> None:
        item_id = self.current_item()
        if item_id:
            self.open_item(item_id)

    def open_item(self, item_id: str) -> None:
        from cesam_tui.screens.item import ItemScreen

        self.app.push_screen(ItemScreen(self.ref, item_id))

    def action_statements(self) -> None:
        item_id = self.current_item()
        if item_id:
            from cesam_tui.screens.statements import StatementsScreen

            self.app.push_screen(StatementsScreen(self.ref, item_id))

    def action_justering(self) -> None:
        from cesam_tui.screens.justering import JusteringScreen

        self.app.push_screen(JusteringScreen(self.ref))

    def action_history(self) -> None:
        from cesam_tui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen(self.ref))

    def action_item_history(self) -> None:
        from cesam_tui.screens.history import HistoryScreen

        item_id = self.current_item()
        if item_id:
            what = f"§ {self.numbers.get(item_id, '')}"
            self.app.push_screen(HistoryScreen(self.ref, item_id=item_id, what=what))

    def action_export(self) -> None:
        from cesam_docs import FORMATS
        from cesam_tui.export import DOCUMENTS, warm_up

        self.run_worker(warm_up, thread=True, group="warm-up", exclusive=True, exit_on_error=False)
        folder = self.session.export_folder
        if folder is None:
            from cesam_tui.export import default_folder

            folder = default_folder()
        dialog = FormDialog(
            self.t("export.title"),
            [
                FormField(
                    "which",
                    self.t("export.which"),
                    "select",
                    "protocol",
                    [(self.t(f"export.{w}"), w) for w in DOCUMENTS],
                    True,
                ),
                FormField("format", self.t("export.format"), "select", "pdf", [(f.upper(), f) for f in FORMATS], True),
                FormField("folder", self.t("export.folder"), value=str(folder), required=True),
            ],
            focus="format",
        )
        self.app.push_screen(dialog, self._export)

    def _export(self, values: dict[str, str] | None) -> None:
        if not values:
            return

        which, fmt, folder = values["which"], values["format"], Path(values["folder"].strip())
        self.session.notify_text(self.t("export.working", format=fmt.upper()))
        self._export_in_thread(self.session, which, fmt, folder)

    @work(thread=True, group="export", exit_on_error=False)
    def _export_in_thread(self, session: Session, which: str, fmt: str, folder: Path) -> None:
        # the session is passed in: this screen may be left (and have no app) before the document is made
        from cesam_tui.export import export

        try:
            path = export(session.repo, self.ref, which, fmt, folder, session.lang)
        except CesamError as exc:
            session.call_from_thread(session.notify_error, exc, session.t("export.failed"))
            return
        session.call_from_thread(self._exported, path)

    def _exported(self, path: Path) -> None:
        self.last_export = path
        self.session.notify_text(self.t("export.done", path=str(path)))

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        if tab == "details":
            # the tab strip, not the first field: a digit typed next switches tabs, never types into a field
            self.query_one(TabbedContent).query_one(Tabs).focus()
            return
        target = {"agenda": "#agenda-tree", "attendance": "#employer"}[tab]
        self.query_one(target).focus()
