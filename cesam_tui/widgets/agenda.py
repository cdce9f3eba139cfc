"""A meeting's agenda pane: its items as a tree, and beside it the highlighted item in words.

The meeting screen (cesam_tui/screens/meeting.py) owns the agenda's actions (add, move, indent,
delete: the tree's keys call them on the screen); this pane only shows the agenda it is given.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode

from cesam_tui.guard import Guarded, on
from cesam_tui.keys import LocalizedBindings
from cesam_tui.session import literal
from cesam_tui.strings import Speaks, Words
from cesam_tui.widgets.cursor import cursor_to
from store.core.model import EMPLOYER, Item, Meeting


class AgendaTree(Speaks, LocalizedBindings, Tree[Any]):
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


def item_label(words: Words, item: Item, number: str) -> Text:
    text = Text()
    text.append(f"{number:<5}", style="bold")
    text.append_text(literal(item.title or "–"))
    extra = []
    if item.statements:
        extra.append(f"{len(item.statements)} {words.d('record.statement')}")
    if item.outcome.kind:
        extra.append(words.d(f"outcome.{item.outcome.kind.value}"))
    if any(not f.closed for f in item.followups):
        extra.append(words.d("record.followup"))
    if extra:
        text.append("  · " + ", ".join(extra), style="dim")
    return text


def item_preview(words: Words, meeting: Meeting, item: Item, number: str) -> Text:
    text = Text()
    text.append(f"§ {number} ", style="bold")
    text.append_text(literal(item.title, style="bold"))
    text.append("\n")
    text.append(words.d(f"kind.{item.kind.value}"), style="italic dim")
    if item.presenters:
        text.append("  ·  ")
        text.append_text(literal(", ".join(item.presenters), style="dim"))
    text.append("\n")
    if item.purpose:
        text.append(f"\n{words.d('field.purpose').capitalize()}: ", style="bold")
        text.append_text(literal(item.purpose))
        text.append("\n")
    if item.body:
        text.append("\n")
        text.append_text(literal(item.body))
        text.append("\n")
    if item.proposal:
        text.append(f"\n{words.d('field.proposal').capitalize()}: ", style="bold")
        text.append_text(literal(item.proposal))
        text.append("\n")
    for statement in item.statements:
        text.append("\n• ")
        text.append_text(literal(statement.party, style="bold"))
        text.append(f" ({words.d(f'statement.{statement.kind.value}')}): ", style="dim")
        text.append_text(literal(statement.text))
        if statement.answer:
            text.append(f"\n  {EMPLOYER}: ", style="italic")
            text.append_text(literal(statement.answer))
    if item.outcome.kind:
        text.append(f"\n\n{words.d('record.outcome').capitalize()}: ", style="bold")
        text.append(words.d(f"outcome.{item.outcome.kind.value}"))
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
        text.append(f"\n{words.d('record.attachment').capitalize()} {attachment.number}: ", style="dim")
        text.append_text(literal(attachment.title, style="dim"))
    return text


class AgendaPane(Guarded, Speaks, LocalizedBindings, Horizontal):
    """The agenda tree and the preview of the item under its cursor."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.meeting: Meeting | None = None
        self.numbers: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        tree = AgendaTree("", id="agenda-tree")
        tree.show_root = False
        tree.auto_expand = False
        tree.guide_depth = 2
        yield tree
        with VerticalScroll(id="preview-box"):
            yield Static(id="preview")

    def show(self, meeting: Meeting, numbers: dict[str, str], select: str | None = None) -> None:
        """Fill the tree with ``meeting``'s items; the cursor stays on its item (or goes to ``select``)."""
        self.meeting, self.numbers = meeting, numbers
        tree = self.query_one(AgendaTree)
        current = select or (tree.cursor_node.data if tree.cursor_node is not None else None)
        tree.clear()
        nodes: dict[str, TreeNode[Any]] = {}
        for item in meeting.items:
            label = item_label(self.words, item, numbers[item.id])
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
            self.call_after_refresh(cursor_to, tree, target)
        self.show_preview(current if current in nodes else (meeting.items[0].id if meeting.items else None))

    def show_preview(self, item_id: str | None) -> None:
        preview = self.query_one("#preview", Static)
        if self.meeting is None or not item_id:
            preview.update(Text(self.t("meeting.no_item"), style="dim"))
            return
        try:
            item = self.meeting.item(item_id)
        except KeyError:
            return
        preview.update(item_preview(self.words, self.meeting, item, self.numbers.get(item_id, "")))

    @on(Tree.NodeHighlighted, "#agenda-tree")
    def highlighted(self, event: Tree.NodeHighlighted[Any]) -> None:
        if event.node.data:
            self.show_preview(event.node.data)
