"""A list of people edited in place: add, edit, remove and reorder names (the item's föredragande).

One line per person. Each change (a name added, edited, removed, moved) is a confirmed change,
posted as ``NameList.Changed``; the screen saves it at once, as a choice in a list is saved.
The value is a tuple, so the order counts when the screen compares it with what is saved.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from cesam_tui.keys import LocalizedBindings
from cesam_tui.session import literal
from cesam_tui.strings import Speaks

#: asks the user for a name (prefilled); calls back with the name, or None when cancelled
AskName = Callable[[str, str, Callable[[str | None], None]], None]


class NameList(Speaks, LocalizedBindings, OptionList):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a,plus", "add", "key.add_person", id="names.add"),
        Binding("e,enter", "edit", "key.edit_person", id="names.edit"),
        Binding("d,delete", "remove", "key.remove_person", id="names.remove"),
        Binding("K,shift+up", "move(-1)", "key.move_up", id="names.up"),
        Binding("J,shift+down", "move(1)", "key.move_down", id="names.down"),
    ]

    @dataclass
    class Changed(Message):
        """The list changed by the user's hand (never by ``value = …``)."""

        names: NameList

        @property
        def control(self) -> NameList:
            return self.names

    def __init__(self, ask: AskName, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.ask = ask
        self._names: tuple[str, ...] = ()

    def on_mount(self) -> None:
        self._show()  # its words are the app's: shown once mounted

    @property
    def value(self) -> tuple[str, ...]:
        return self._names

    @value.setter
    def value(self, names: Iterable[str]) -> None:
        self._names = tuple(names)
        self._show()

    def _show(self, cursor: int | None = None) -> None:
        keep = self.highlighted if cursor is None else cursor
        self.clear_options()
        if not self._names:
            self.add_option(Option(Text(self.t("names.empty"), style="dim"), disabled=True))
            return
        self.add_options(literal(name) for name in self._names)
        # the cursor always on a person, so a, e, d and K/J act where it shows
        self.highlighted = max(0, min(keep or 0, len(self._names) - 1))

    def _changed(self, names: tuple[str, ...], cursor: int) -> None:
        if names == self._names:
            return
        self._names = names
        self._show(cursor)
        self.post_message(self.Changed(self))

    def _at(self) -> int | None:
        index = self.highlighted
        return index if self._names and index is not None and 0 <= index < len(self._names) else None

    # ------------------------------------------------------------ actions

    def action_add(self) -> None:
        if self.disabled:
            return
        at = self._at()
        where = len(self._names) if at is None else at + 1

        def added(name: str | None) -> None:
            name = " ".join((name or "").split())
            if name and name not in self._names:
                self._changed((*self._names[:where], name, *self._names[where:]), where)

        self.ask(self.t("names.add"), "", added)

    def action_edit(self) -> None:
        at = self._at()
        if at is None:
            self.action_add()
            return
        if self.disabled:
            return

        def edited(name: str | None) -> None:
            name = " ".join((name or "").split())
            if name and (name == self._names[at] or name not in self._names):
                self._changed((*self._names[:at], name, *self._names[at + 1 :]), at)

        self.ask(self.t("names.edit"), self._names[at], edited)

    def action_remove(self) -> None:
        at = self._at()
        if at is None or self.disabled:
            return
        self._changed(self._names[:at] + self._names[at + 1 :], at)

    def action_move(self, step: int) -> None:
        at = self._at()
        if at is None or self.disabled or not 0 <= at + step < len(self._names):
            return
        names = list(self._names)
        names[at], names[at + step] = names[at + step], names[at]
        self._changed(tuple(names), at + step)
