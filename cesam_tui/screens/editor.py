"""A full-screen Markdown editor for one long text field of the screen below (the item's text).

Used by ctrl+o when neither $VISUAL nor $EDITOR is set, and by ctrl+g always. It edits the
field itself: every keystroke is put into the field of the screen below, so that field's
draft (kept as you type, offered back after a crash) and the save at quit carry it, as if it
were typed there. ctrl+s saves it (one commit, as leaving the field would); esc with changes
asks, as every dialog does: save, discard (the field goes back to what it held), or stay.
"""

from __future__ import annotations

import shlex
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Input, Static, TextArea

from cesam_tui.screens.base import CesamScreen
from cesam_tui.screens.dialogs import LeaveDialog
from cesam_tui.screens.fields import FieldScreen
from cesam_tui.session import literal


class EditorScreen(CesamScreen):
    HELP_NAME = "screen.editor"
    AUTO_FOCUS = "#editor-text"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "key.save", id="editor.save"),
    ]

    def __init__(
        self,
        title: Text,
        text: str,
        *,
        typed: Callable[[str], None],
        save: Callable[[], None],
        read_only: bool = False,
    ) -> None:
        super().__init__(classes="editor")
        self.heading = title
        self.opened_with = text
        #: puts the text into the field below (its draft follows)
        self.typed = typed
        #: saves the field below (one commit)
        self.save = save
        self.read_only = read_only

    def compose(self) -> ComposeResult:
        yield Static(self.heading, id="title")
        area = TextArea(
            self.opened_with,
            id="editor-text",
            soft_wrap=True,
            # "focus": with "indent", Textual's TextArea takes esc to leave the field, and esc must reach us
            tab_behavior="focus",
            show_line_numbers=False,
            read_only=self.read_only,
        )
        yield area
        yield Static(Text(self.t("editor.hint"), style="dim"), id="editor-hint")
        yield Footer()

    @property
    def text(self) -> str:
        return self.query_one("#editor-text", TextArea).text

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()  # the field below has its own; the text reaches it through ``typed``
        self.typed(self.text)

    def action_save(self) -> None:
        if self.read_only:
            return
        self.save()
        self.opened_with = self.text
        self.app.pop_screen()

    def action_back(self) -> None:
        if self.read_only or self.text == self.opened_with:
            self.app.pop_screen()
            return

        def answered(answer: str | None) -> None:
            if answer == "save":
                self.action_save()
            elif answer == "discard":
                self.typed(self.opened_with)  # the field holds again what it held
                self.app.pop_screen()

        self.app.push_screen(LeaveDialog(), answered)


def text_field(screen: FieldScreen, default: str) -> TextArea | Input:
    """The focused text field of ``screen``, else the one named by ``default``."""
    widget = screen.focused
    if isinstance(widget, (TextArea, Input)) and widget.id in screen.fields:
        return widget
    return screen.query_one(default, TextArea)


def _text_of(widget: TextArea | Input) -> str:
    return widget.text if isinstance(widget, TextArea) else widget.value


def _put(widget: TextArea | Input, text: str) -> None:
    """Into the field; its Changed message keeps the field's draft. A one-line field takes one line."""
    if isinstance(widget, TextArea):
        if widget.text != text:
            widget.load_text(text)
    else:
        widget.value = " ".join(text.split())


def edit_full_screen(screen: FieldScreen, widget: TextArea | Input, where: Text) -> None:
    """The built-in editor over ``screen``, for ``widget``; ctrl+s there saves the field."""
    field_id = widget.id or ""
    title = Text()
    title.append_text(literal(screen.fields[field_id].label, style="bold"))
    title.append("  ·  ")
    title.append_text(where)
    editor = EditorScreen(
        title,
        _text_of(widget),
        typed=lambda text: _put(widget, text),
        save=lambda: screen.save_fields([field_id]),
        read_only=screen.frozen,
    )
    screen.app.push_screen(editor)


def edit_externally(screen: FieldScreen, widget: TextArea | Input, editor: str) -> None:
    """``widget``'s text in the user's $VISUAL/$EDITOR; what it leaves is saved like typing."""
    with tempfile.NamedTemporaryFile("w", suffix=".md", delete=False, encoding="utf-8") as handle:
        handle.write(_text_of(widget))
        path = Path(handle.name)
    try:
        with screen.app.suspend():
            subprocess.run([*shlex.split(editor), str(path)], check=False)
        new = path.read_text(encoding="utf-8")
    except (OSError, ValueError, SuspendNotSupported) as exc:
        screen.session.notify_text(screen.t("item.editor_failed", error=str(exc)), severity="error")
        return
    finally:
        path.unlink(missing_ok=True)
    _put(widget, new if isinstance(widget, TextArea) else new.strip())
    screen.save_fields([widget.id or ""])
