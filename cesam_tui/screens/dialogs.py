"""Modal dialogs: a yes/no question and a small form. OK (or ctrl+s) confirms, Esc cancels."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from cesam_tui.guard import on
from cesam_tui.screens.base import CesamModal
from cesam_tui.session import literal

if TYPE_CHECKING:
    from cesam_tui.session import Session


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
                yield Button(self.t("dlg.yes"), id="yes", variant="error")
                yield Button(self.t("dlg.no"), id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class LeaveDialog(CesamModal):
    """Typed text would be lost: save, discard or stay. Dismisses with "save", "discard" or "stay"."""

    AUTO_FOCUS = "#leave-save"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "answer('save')", "leave.save", id="leave.save", show=False),
        Binding("k,d", "answer('discard')", "leave.discard", id="leave.discard", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.t("leave.question"), style="bold"), classes="dialog-title")
            yield Static(self.t("leave.detail"), classes="dialog-hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.t("leave.save"), id="leave-save", variant="primary")
                yield Button(self.t("leave.discard"), id="leave-discard", variant="error")
                yield Button(self.t("leave.stay"), id="leave-stay")

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer)

    def action_cancel(self) -> None:
        self.dismiss("stay")

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(str(event.button.id).removeprefix("leave-"))


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

    def __init__(
        self, title: Text | str, fields: list[FormField], *, hint: str = "", focus: str = "", draft: str = ""
    ) -> None:
        super().__init__()
        self.title_text = title if isinstance(title, Text) else literal(title)
        self.form = fields
        self.hint = hint
        #: the key of this form's draft (see cesam_tui.drafts.draft_key); "" keeps none
        self.draft = draft
        #: a confirmed draft given back to this form: it goes when this form is saved or discarded
        self.restored = ""
        self.first = focus or (fields[0].name if fields else "")
        # focus is given while composing, so what is typed at once is not lost
        # Textual declares AUTO_FOCUS a ClassVar but reads it through the instance (Screen._update_auto_focus):
        # the one hook for a focus target that differs per dialog
        self.AUTO_FOCUS = f"#f-{self.first}" if self.first else None  # type: ignore[misc]

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
                            prompt=self.t("dlg.choose"),
                            id=widget_id,
                            compact=True,
                        )
                    else:
                        yield Input(spec.value, id=widget_id, placeholder=spec.hint, compact=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.t("dlg.ok"), id="ok", variant="primary")
                yield Button(self.t("dlg.cancel"), id="cancel")

    def on_mount(self) -> None:
        # no focus() here: AUTO_FOCUS already put it in the first field while composing, and a
        # second, later focus would pull keys typed ahead (name, tab, role) back into that field
        if self.draft:
            self.offer_draft()

    # ------------------------------------------------------------ typed text: drafts and leaving

    def typed(self) -> dict[str, str]:
        """What is in the form's text fields (a choice in a list is not typed text)."""
        out: dict[str, str] = {}
        for spec in self.form:
            widget = self.query_one(f"#f-{spec.name}")
            if isinstance(widget, TextArea):
                out[spec.name] = widget.text
            elif isinstance(widget, Input):
                out[spec.name] = widget.value
        return out

    def unconfirmed(self) -> bool:
        """Text typed here that OK has not confirmed."""
        initial = {spec.name: str(spec.value) for spec in self.form}
        return any(value != initial.get(name, "") for name, value in self.typed().items())

    def offer_draft(self) -> None:
        drafts = cast("Session", self.app).drafts
        busy = cast("Session", self.app).busy_drafts
        offered = drafts.offer(self.draft, busy)
        if offered is None:
            return
        key, kept, when = offered
        if all(kept.get(name, "") == value for name, value in self.typed().items()):
            return
        if key != self.draft:
            self.restored = key
        for spec in self.form:
            if spec.name in kept:
                set_value(self.query_one(f"#f-{spec.name}"), kept[spec.name])
        cast("Session", self.app).notify_text(self.t("draft.restored", when=when.replace("T", " ")), severity="warning")

    def keep_draft(self) -> None:
        drafts = cast("Session", self.app).drafts
        if self.draft and self.is_mounted:
            if self.unconfirmed():
                drafts.put(self.draft, self.typed())
            else:
                drafts.drop(self.draft)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.keep_draft()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.keep_draft()

    def discard(self) -> None:
        drafts = cast("Session", self.app).drafts
        if self.draft:
            drafts.drop(self.draft, *([self.restored] if self.restored else []))
        self.dismiss(None)

    def action_cancel(self) -> None:
        """Esc: leave, but never silently with typed text."""
        self.ask_before_leaving(lambda: None)

    def ask_before_leaving(self, then: Any) -> None:
        """Save, discard or stay when text is typed; ``then()`` runs unless the user stays."""
        if not self.unconfirmed():
            self.dismiss(None)
            then()
            return

        def answered(answer: str | None) -> None:
            if answer == "save":
                if self.action_ok():
                    then()
            elif answer == "discard":
                self.discard()
                then()

        self.app.push_screen(LeaveDialog(), answered)

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

    def action_ok(self) -> bool:
        values = self.values()
        for spec in self.form:
            if spec.required and not str(values.get(spec.name, "")).strip():
                self.app.notify(self.t("dlg.text_required"), severity="error", markup=False, title=spec.label)
                self.query_one(f"#f-{spec.name}").focus()
                return False
        drafts = cast("Session", self.app).drafts
        if self.draft:
            if self.unconfirmed():
                drafts.put(self.draft, self.typed())
                drafts.confirm(self.draft)  # gone once the save it starts is in git
            if self.restored:
                drafts.drop(self.restored)  # the text is carried by the draft just confirmed
        self.dismiss(values)
        return True

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_ok()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ok":
            self.action_ok()
        else:
            self.action_cancel()


def set_value(widget: Any, value: str) -> None:
    if isinstance(widget, TextArea):
        widget.text = value
    elif isinstance(widget, Input):
        widget.value = value
