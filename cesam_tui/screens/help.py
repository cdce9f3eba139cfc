"""F1: every binding of the screen underneath, with its id for the keymap."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import DataTable, Static

from cesam_tui.keys import merged_bindings
from cesam_tui.screens.base import CesamModal, CesamScreen

if TYPE_CHECKING:
    from cesam_tui.session import Session


def screen_bindings(screen: Screen[Any]) -> list[tuple[str, Binding, DOMNode]]:
    """The bindings a user can press on ``screen``: the focus chain first, then its other widgets, then the app."""
    keymap = cast("Session", screen.app).keymap
    focused = screen.focused
    chain: list[DOMNode] = []
    node: DOMNode | None = focused
    while node is not None and node is not screen:
        chain.append(node)
        node = node.parent
    ours = [n for n in chain if type(n).__module__.startswith("cesam_tui")]
    others = [w for w in screen.query("*") if type(w).__module__.startswith("cesam_tui") and w not in ours]
    # cesam's own keys first; the focused built-in widget's editing keys (Input, TextArea) last
    nodes: list[DOMNode] = [*ours, screen, *others, screen.app]
    nodes += [n for n in chain if n not in ours]
    grouped: dict[tuple[int, str], tuple[list[str], Binding, DOMNode]] = {}
    for owner in nodes:
        for binding in _bindings_of(screen, owner):
            if not binding.description:
                continue
            mark = (id(owner), binding.id or binding.action)
            keys, _, _ = grouped.setdefault(mark, ([], binding, owner))
            for key in keymap[binding.id].split(",") if binding.id in keymap else [binding.key]:
                if key.strip() not in keys:
                    keys.append(key.strip())
    out: list[tuple[str, Binding, DOMNode]] = []
    shown: set[tuple[str, str]] = set()
    # cesam's own bindings (they all have ids) before the built-in ones of Textual's widgets
    ordered = sorted(grouped.values(), key=lambda entry: entry[1].id is None)
    for keys, binding, owner in ordered:
        joined = ",".join(keys)
        if (joined, binding.action) not in shown:
            shown.add((joined, binding.action))
            out.append((joined, binding, owner))
    return out


def _bindings_of(screen: Screen[Any], owner: DOMNode) -> list[Binding]:
    """``owner``'s bindings: its class's, and for the app the palette key Textual gives the app when it starts."""
    bindings = merged_bindings(type(owner))
    if owner is screen.app:
        known = {(b.id, b.action) for b in bindings}
        bindings += [
            active.binding
            for active in screen.active_bindings.values()
            if active.node is owner and (active.binding.id, active.binding.action) not in known
        ]
    return bindings


def key_text(app: Any, keys: str) -> str:
    """Keys as a person reads them ("shift+←, <"), not Textual's names ("shift+left,less_than_sign")."""
    return ", ".join(app.get_key_display(Binding(k.strip(), "")) for k in keys.split(","))


class HelpScreen(CesamModal):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1,q", "cancel", "key.back", id="help.close", show=False),
    ]

    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__(classes="help")
        self.target = screen
        self.entries = screen_bindings(screen)

    def compose(self) -> ComposeResult:
        name = self.t(self.target.HELP_NAME if isinstance(self.target, CesamScreen) else "screen.navigator")
        with Vertical(classes="dialog help"):
            yield Static(Text(self.t("help.title", screen=name), style="bold"), classes="dialog-title")
            yield DataTable(id="help-table", cursor_type="row", zebra_stripes=True)
            yield Static(Text(self.t("help.footer"), style="dim"), classes="dialog-hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(self.t("help.key"), key="key")
        table.add_column(self.t("help.action"), key="action")
        table.add_column(self.t("help.id"), key="id")
        for key, binding, _owner in self.entries:
            keys = key_text(self.app, key)
            description = self.textual_word(binding.description)  # Textual's own keys are English
            table.add_row(Text(keys, style="bold"), Text(description), Text(binding.id or "", style="dim"))
        table.focus()
