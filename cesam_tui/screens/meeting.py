"""A meeting: the agenda as a tree, its details, and who attended."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Input, Label, Select, Static, TabbedContent, TabPane, Tabs, Tree
from textual.widgets.tree import TreeNode

from cesam_tui.drafts import draft_key
from cesam_tui.guard import on
from cesam_tui.keys import localize_bindings
from cesam_tui.screens.dialogs import ConfirmDialog, FormDialog, FormField
from cesam_tui.screens.fields import Field, FieldScreen
from cesam_tui.session import MeetingUpdate, RepoStatus, literal
from cesam_tui.strings import d, t
from cesam_tui.widgets.attendance import AttendancePane, split_names
from cesam_tui.widgets.status import StatusLine
from store.core import agenda
from store.core.config import SubitemStyle
from store.core.errors import CesamError
from store.core.model import EMPLOYER, Item, ItemKind, Meeting, Status
from store.core.numbering import item_numbers
from store.services.repository import MeetingRef


def check_date(value: str) -> str:
    if not value.strip():
        return ""
    try:
        dt.date.fromisoformat(value.strip())
    except ValueError:
        return t("item.bad_date", value=value)
    return ""


def parse_date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value.strip()) if value.strip() else None


def kind_options() -> list[tuple[str, str]]:
    return [(d(f"kind.{k.value}"), k.value) for k in ItemKind]


class AgendaTree(Tree[Any]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "key.down", id="agenda.down", show=False),
        Binding("k", "cursor_up", "key.up", id="agenda.up", show=False),
        Binding("a", "screen.add_item", "key.add_item", id="agenda.add"),
        Binding("A", "screen.add_subitem", "key.add_subitem", id="agenda.add_sub"),
        Binding("d,delete", "screen.delete_item", "key.delete", id="agenda.delete"),
        Binding("K,shift+up", "screen.move(-1)", "key.move_up", id="agenda.move_up", show=False),
        Binding("J,shift+down", "screen.move(1)", "key.move_down", id="agenda.move_down", show=False),
        Binding("greater_than_sign,shift+right", "screen.indent", "key.indent", id="agenda.indent", show=False),
        Binding("less_than_sign,shift+left", "screen.outdent", "key.outdent", id="agenda.outdent", show=False),
        Binding("s", "screen.statements", "key.statements", id="agenda.statements"),
        Binding("enter,e", "select_cursor", "key.edit_item", id="agenda.edit"),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        localize_bindings(self)


def item_label(item: Item, number: str) -> Text:
    text = Text()
    text.append(f"{number:<5}", style="bold")
    text.append_text(literal(item.title or "–"))
    extra = []
    if item.statements:
        extra.append(f"{len(item.statements)} {d('record.statement')}")
    if item.outcome.kind:
        extra.append(d(f"outcome.{item.outcome.kind.value}"))
    if any(not f.closed for f in item.followups):
        extra.append(d("record.followup"))
    if extra:
        text.append("  · " + ", ".join(extra), style="dim")
    return text


def item_preview(meeting: Meeting, item: Item, number: str) -> Text:
    text = Text()
    text.append(f"§ {number} ", style="bold")
    text.append_text(literal(item.title, style="bold"))
    text.append("\n")
    text.append(d(f"kind.{item.kind.value}"), style="italic dim")
    if item.presenters:
        text.append("  ·  ")
        text.append_text(literal(", ".join(item.presenters), style="dim"))
    text.append("\n")
    if item.purpose:
        text.append(f"\n{d('field.purpose').capitalize()}: ", style="bold")
        text.append_text(literal(item.purpose))
        text.append("\n")
    if item.body:
        text.append("\n")
        text.append_text(literal(item.body))
        text.append("\n")
    if item.proposal:
        text.append(f"\n{d('field.proposal').capitalize()}: ", style="bold")
        text.append_text(literal(item.proposal))
        text.append("\n")
    for statement in item.statements:
        text.append("\n• ")
        text.append_text(literal(statement.party, style="bold"))
        text.append(f" ({d(f'statement.{statement.kind.value}')}): ", style="dim")
        text.append_text(literal(statement.text))
        if statement.answer:
            text.append(f"\n  {EMPLOYER}: ", style="italic")
            text.append_text(literal(statement.answer))
    if item.outcome.kind:
        text.append(f"\n\n{d('record.outcome').capitalize()}: ", style="bold")
        text.append(d(f"outcome.{item.outcome.kind.value}"))
        if item.outcome.parties:
            text.append(" (")
            text.append_text(literal(", ".join(item.outcome.parties)))
            text.append(")")
        if item.outcome.postponed_to:
            text.append(f" → {item.outcome.postponed_to.isoformat()}")
        if item.outcome.text:
            text.append(" – ")
            text.append_text(literal(item.outcome.text))
    for followup in item.followups:
        text.append("\n☐ " if not followup.closed else "\n☑ ", style="yellow" if not followup.closed else "green")
        text.append_text(literal(f"{followup.owner}: {followup.text}"))
    for attachment in item.attachments:
        text.append(f"\n{d('record.attachment').capitalize()} {attachment.number}: ", style="dim")
        text.append_text(literal(attachment.title, style="dim"))
    return text


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
            "m-start": Field(d("field.start"), lambda m: m.start, lambda m, v: setattr(m, "start", v.strip())),
            "m-end": Field(d("field.end"), lambda m: m.end, lambda m, v: setattr(m, "end", v.strip())),
            "m-place": Field(d("field.place"), lambda m: m.place, lambda m, v: setattr(m, "place", v.strip())),
            "m-status": Field(
                d("field.status"), lambda m: m.status.value, lambda m, v: setattr(m, "status", Status(v))
            ),
            "m-chair": Field(d("field.chair"), lambda m: m.chair, lambda m, v: setattr(m, "chair", v.strip())),
            "m-secretary": Field(
                d("field.secretary"), lambda m: m.secretary, lambda m, v: setattr(m, "secretary", v.strip())
            ),
            "m-adjusters": Field(
                d("field.adjusters"),
                lambda m: ", ".join(m.adjusters),
                lambda m, v: setattr(m, "adjusters", split_names(v)),
            ),
            "m-next-date": Field(
                t("meeting.next_date"),
                lambda m: m.next_meeting.date.isoformat() if m.next_meeting.date else "",
                lambda m, v: setattr(m.next_meeting, "date", parse_date(v)),
                check_date,
            ),
            "m-next-place": Field(
                t("meeting.next_place"),
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
            with TabPane(t("meeting.agenda"), id="agenda"), Horizontal():
                yield AgendaTree("", id="agenda-tree")
                with VerticalScroll(id="preview-box"):
                    yield Static(id="preview")
            with TabPane(t("meeting.details"), id="details"), VerticalScroll(classes="form", can_focus=False):
                for widget_id, spec in self.fields.items():
                    yield Label(spec.label.capitalize())
                    if widget_id == "m-status":
                        options = [(d(f"status.{s.value}"), s.value) for s in Status]
                        yield Select(options, allow_blank=False, id=widget_id, value=Status.DRAFT.value, compact=True)
                    else:
                        yield Input(id=widget_id, compact=True)
            with TabPane(t("meeting.attendance"), id="attendance"):
                yield AttendancePane(id="attendance-pane")
        yield StatusLine(id="status")
        yield Footer()

    def on_mount(self) -> None:
        tree = self.query_one(AgendaTree)
        tree.show_root = False
        tree.auto_expand = False
        tree.guide_depth = 2
        self.query_one(StatusLine).show(self.session.repo_status)
        self.reload()
        tree.focus()

    def summaries_updated(self, _summaries: object, status: RepoStatus | None) -> None:
        self.query_one(StatusLine).show(status)

    # ------------------------------------------------------------ loading

    def reload(self) -> None:
        try:
            loaded = self.session.repo.load(self.ref)
        except CesamError as exc:
            self.show_error(str(exc))
            return
        self.show(loaded.meeting)

    def meeting_updated(self, update: MeetingUpdate) -> None:
        if update.ref != self.ref:
            return
        if update.loaded is None:
            self.show_error(update.error)
        else:
            self.show(update.loaded.meeting, external=update.external)

    def show_error(self, message: str) -> None:
        self.error = message
        box = self.query_one("#error", Static)
        text = Text(f"{t('meeting.broken')}: ", style="bold")
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
        title.append(f"  ·  {d(f'status.{meeting.status.value}')}")
        if meeting.start or meeting.place:
            title.append("  ·  ")
            title.append_text(literal(" ".join(p for p in (meeting.start, meeting.place) if p), style="dim"))
        if self.frozen:
            title.append(f"   {t('frozen')}", style="bold black on yellow")
        self.query_one("#title", Static).update(title)
        why = self.query_one("#frozen-why", Static)
        why.display = self.frozen
        if self.frozen:
            # the reason and the way out, with the meeting's own name to copy
            why.update(literal(t("frozen.why", meeting=str(self.ref)), "yellow"))
        self.fill_agenda(meeting)
        self.fill_attendance(meeting)
        self.load_fields(meeting, external=external)

    def fill_agenda(self, meeting: Meeting, select: str | None = None) -> None:
        tree = self.query_one(AgendaTree)
        current = select or (tree.cursor_node.data if tree.cursor_node is not None else None)
        tree.clear()
        nodes: dict[str, TreeNode[Any]] = {}
        for item in meeting.items:
            label = item_label(item, self.numbers[item.id])
            parent = nodes.get(item.parent) if item.parent else None
            if parent is not None:
                nodes[item.id] = parent.add_leaf(label, data=item.id)
            elif meeting.children(item.id):
                nodes[item.id] = tree.root.add(label, data=item.id, expand=True)
            else:
                nodes[item.id] = tree.root.add_leaf(Text("  ") + label, data=item.id)
        target = nodes.get(current) if current else None
        if target is None and meeting.items:
            target = nodes[meeting.items[0].id]
        if target is not None:
            self.call_after_refresh(tree.move_cursor, target)
        self.show_preview(current if current in nodes else (meeting.items[0].id if meeting.items else None))

    def show_preview(self, item_id: str | None) -> None:
        preview = self.query_one("#preview", Static)
        if self.meeting is None or not item_id:
            preview.update(Text(t("meeting.no_item"), style="dim"))
            return
        try:
            item = self.meeting.item(item_id)
        except KeyError:
            return
        preview.update(item_preview(self.meeting, item, self.numbers.get(item_id, "")))

    @on(Tree.NodeHighlighted, "#agenda-tree")
    def highlighted(self, event: Tree.NodeHighlighted[Any]) -> None:
        if event.node.data:
            self.show_preview(event.node.data)

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
            self.session.notify_text(t("frozen.notice"), severity="warning")
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
            self.session.notify_text(t("meeting.cannot_move"), severity="warning")
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
            self.session.notify_text(t("meeting.cannot_indent"), severity="warning")
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
                FormField("title", d("field.title").capitalize(), required=True),
                FormField(
                    "kind", d("field.kind").capitalize(), "select", ItemKind.INFORMATION.value, kind_options(), True
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

        self._ask_item(t("meeting.new_item"), done, "item.new")

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

        self._ask_item(t("meeting.new_subitem", number=self.numbers.get(parent, "")), done, f"item.new.{parent}")

    def action_delete_item(self) -> None:
        item_id = self.current_item()
        if not item_id or not self.editable() or self.meeting is None:
            return
        item = self.meeting.item(item_id)
        question = literal(t("meeting.confirm_delete_item", number=self.numbers.get(item_id, ""), title=item.title))
        detail = t("meeting.confirm_delete_children") if self.meeting.children(item_id) else ""

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
        folder = getattr(self.app, "export_folder", None)
        if folder is None:
            from cesam_tui.export import default_folder

            folder = default_folder()
        dialog = FormDialog(
            t("export.title"),
            [
                FormField(
                    "which", t("export.which"), "select", "protocol", [(t(f"export.{w}"), w) for w in DOCUMENTS], True
                ),
                FormField("format", t("export.format"), "select", "pdf", [(f.upper(), f) for f in FORMATS], True),
                FormField("folder", t("export.folder"), value=str(folder), required=True),
            ],
            focus="format",
        )
        self.app.push_screen(dialog, self._export)

    def _export(self, values: dict[str, str] | None) -> None:
        if not values:
            return
        from cesam_tui.export import export
        from cesam_tui.strings import language

        repo, ref = self.session.repo, self.ref
        which, fmt, folder = values["which"], values["format"], Path(values["folder"].strip())
        self.session.notify_text(t("export.working", format=fmt.upper()))

        def work() -> None:
            try:
                path = export(repo, ref, which, fmt, folder, language())
            except CesamError as exc:
                self.app.call_from_thread(self.session.notify_error, exc, t("export.failed"))
                return
            self.app.call_from_thread(self.session.notify_text, t("export.done", path=str(path)))
            self.app.call_from_thread(setattr, self, "last_export", path)

        self.run_worker(work, thread=True, group="export", exit_on_error=False)

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        if tab == "details":
            # the tab strip, not the first field: a digit typed next switches tabs, never types into a field
            self.query_one(TabbedContent).query_one(Tabs).focus()
            return
        target = {"agenda": "#agenda-tree", "attendance": "#employer"}[tab]
        self.query_one(target).focus()
