"""Modal dialogs: a yes/no question and a small form. OK (or ctrl+s) confirms, Esc cancels."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from cesam_tui.screens.base import CesamModal
from cesam_tui.session import literal
from cesam_tui.strings import t


class ConfirmDialog(CesamModal):
    """A question; dismisses with True or False."""

    AUTO_FOCUS = "#no"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,j", "answer(True)", "dlg.yes", id="confirm.yes", show=False),
        Binding("n", "answer(False)", "dlg.no", id="confirm.no", show=False),
    ]

    def __init__(self, question: Text | str, detail: str = "") -> None:
        super().__init__()
        self.question = question if isinstance(question, Text) else literal(question)
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="dialog-title")
            if self.detail:
                yield Static(literal(self.detail), classes="dialog-hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("dlg.yes"), id="yes", variant="error")
                yield Button(t("dlg.no"), id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


@dataclass
class FormField:
    name: str
    label: str
    kind: str = "input"  # "input", "text" (multi-line) or "select"
    value: Any = ""
    options: list[tuple[str, str]] = field(default_factory=list)  # (shown, value) for selects
    required: bool = False
    hint: str = ""


class FormDialog(CesamModal):
    """A small form; dismisses with {name: value} or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "ok", "key.ok", id="dialog.ok"),
    ]

    def __init__(self, title: Text | str, fields: list[FormField], *, hint: str = "", focus: str = "") -> None:
        super().__init__()
        self.title_text = title if isinstance(title, Text) else literal(title)
        self.form = fields
        self.hint = hint
        self.first = focus or (fields[0].name if fields else "")
        # focus is given while composing, so what is typed at once is not lost
        self.AUTO_FOCUS = f"#f-{self.first}" if self.first else None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            if self.hint:
                yield Static(literal(self.hint), classes="dialog-hint")
            with VerticalScroll(classes="dialog-body", can_focus=False):
                for spec in self.form:
                    yield Label(spec.label)
                    widget_id = f"f-{spec.name}"
                    if spec.kind == "text":
                        area = TextArea(spec.value, id=widget_id, soft_wrap=True, tab_behavior="focus", compact=True)
                        area.add_class("dialog-text")
                        yield area
                    elif spec.kind == "select":
                        yield Select(
                            [(literal(shown), value) for shown, value in spec.options],
                            value=spec.value if spec.value != "" else Select.NULL,
                            allow_blank=not spec.required,
                            id=widget_id,
                            compact=True,
                        )
                    else:
                        yield Input(spec.value, id=widget_id, placeholder=spec.hint, compact=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("dlg.ok"), id="ok", variant="primary")
                yield Button(t("dlg.cancel"), id="cancel")

    def on_mount(self) -> None:
        if self.first:
            self.query_one(f"#f-{self.first}").focus()

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for spec in self.form:
            widget = self.query_one(f"#f-{spec.name}")
            if isinstance(widget, TextArea):
                out[spec.name] = widget.text
            elif isinstance(widget, Select):
                out[spec.name] = "" if widget.value is Select.NULL else widget.value
            elif isinstance(widget, Input):
                out[spec.name] = widget.value
        return out

    def action_ok(self) -> None:
        values = self.values()
        for spec in self.form:
            if spec.required and not str(values.get(spec.name, "")).strip():
                self.app.notify(t("dlg.text_required"), severity="error", markup=False, title=spec.label)
                self.query_one(f"#f-{spec.name}").focus()
                return
        self.dismiss(values)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_ok()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ok":
            self.action_ok()
        else:
            self.dismiss(None)
