"""Fields that save themselves: a widget bound to part of the meeting, saved when confirmed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Input, Select, SelectionList, TextArea
from textual.widgets.select import InvalidSelectValueError

from cesam_tui.drafts import draft_key
from cesam_tui.screens.base import CesamScreen
from cesam_tui.strings import Words
from cesam_tui.widgets.namelist import NameList
from store.core.errors import RepoStateError
from store.core.model import Meeting, Status
from store.services.repository import MeetingRef


@dataclass(frozen=True)
class Field:
    """A widget bound to part of the meeting: read it, write it, check it."""

    label: str
    get: Callable[[Meeting], Any]
    set: Callable[[Meeting, Any], None]
    check: Callable[[Any], str] | None = None  # returns a message when the value is not acceptable


def widget_value(widget: Widget) -> Any:
    if isinstance(widget, NameList):
        return widget.value
    if isinstance(widget, Input):
        return widget.value
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, Select):
        return "" if widget.value is Select.NULL else widget.value
    if isinstance(widget, SelectionList):
        return list(widget.selected)
    raise TypeError(widget)


def set_widget_value(widget: Widget, value: Any) -> None:
    if isinstance(widget, (Input, NameList)):
        widget.value = value
    elif isinstance(widget, TextArea):
        widget.load_text(value)
    elif isinstance(widget, Select):
        try:
            widget.value = value
        except InvalidSelectValueError:
            if value != "":
                raise
            widget.value = Select.NULL  # "" is no option here: the blank choice
    elif isinstance(widget, SelectionList):
        widget.deselect_all()
        for party in value:
            widget.select(party)


def same(a: Any, b: Any) -> bool:
    if isinstance(a, list) and isinstance(b, list):
        return sorted(a) == sorted(b)
    return bool(a == b)


def check_date(words: Words, value: str) -> str:
    if not value.strip():
        return ""
    try:
        dt.date.fromisoformat(value.strip())
    except ValueError:
        return words.t("item.bad_date", value=value)
    return ""


def parse_date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value.strip()) if value.strip() else None


_NOTHING = object()


class FieldScreen(CesamScreen):
    """A screen of fields that save themselves: on leaving a changed field, on enter, on ctrl+s.

    Each field remembers the value last loaded from disk (its *original*). A
    field whose widget differs from its original is a draft: it is saved when
    confirmed, and it survives reloads and failed saves untouched.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "key.save", id="form.save"),
        Binding("ctrl+r", "revert", "key.revert", id="form.revert", show=False),
    ]

    def __init__(self, ref: MeetingRef, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.ref = ref
        self.fields: dict[str, Field] = {}
        self.originals: dict[str, Any] = {}
        self.meeting: Meeting | None = None
        #: the fields loaded at least once (a draft is only kept for those)
        self._loaded: set[str] = set()
        #: what each field's last save sent, to recognise it when it comes back
        self._sent: dict[str, Any] = {}
        #: drafts put back into fields on the first load, by field: they go when that field is saved
        self._restored_drafts: dict[str, str] = {}
        self._told_restored = False

    @property
    def frozen(self) -> bool:
        return self.meeting is not None and self.meeting.status == Status.ADJUSTED

    # ------------------------------------------------------------ drafts: typed text survives a crash

    #: what the fields' drafts are keyed by, after the meeting (an item screen: its item)
    draft_scope: ClassVar[str] = "meeting"

    def field_draft(self, widget_id: str) -> str:
        return draft_key(self.ref, f"{self.draft_scope_of()}.{widget_id}")

    def draft_scope_of(self) -> str:
        return self.draft_scope

    def _keep_field_draft(self, widget: Widget) -> None:
        widget_id = widget.id or ""
        drafts = self.session.drafts
        if widget_id not in self.fields or widget_id not in self._loaded:
            return
        value = widget_value(widget)
        if not isinstance(value, str):
            return
        if same(value, self.originals.get(widget_id)):
            drafts.drop(self.field_draft(widget_id))
        else:
            drafts.put(self.field_draft(widget_id), {"value": value})

    def on_input_changed(self, event: Input.Changed) -> None:
        self._keep_field_draft(event.input)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._keep_field_draft(event.text_area)

    def _restore_field_draft(self, widget_id: str, widget: Widget, saved: Any) -> bool:
        """On the first load: a draft left by a crash or a failed save is put back in its field."""
        drafts = self.session.drafts
        if not isinstance(saved, str):
            return False
        offered = drafts.offer(self.field_draft(widget_id), self.session.busy_drafts)
        if offered is None:
            return False
        key, values, when = offered
        value = values.get("value", "")
        if same(value, saved):
            drafts.drop(key)  # it was saved after all (a save at quit)
            return False
        with widget.prevent(Input.Changed, TextArea.Changed, Select.Changed):
            set_widget_value(widget, value)
        self._restored_drafts[widget_id] = key
        if not self._told_restored:
            self._told_restored = True
            self.session.notify_text(self.t("draft.field_restored", when=when.replace("T", " ")), severity="warning")
        return True

    def _confirm_field_drafts(self, widget_ids: list[str]) -> None:
        drafts = self.session.drafts
        for widget_id in widget_ids:
            key = self.field_draft(widget_id)
            restored = self._restored_drafts.pop(widget_id, "")
            if drafts.get(key) is None and restored:
                continue  # the restored draft, not typed into since: it goes when this save succeeds
            drafts.confirm(key)
            if restored:
                drafts.drop(restored)

    # ------------------------------------------------------------ loading

    def load_fields(self, meeting: Meeting, *, external: bool = False) -> None:
        for widget_id, spec in self.fields.items():
            widget = self.query_one(f"#{widget_id}")
            new = spec.get(meeting)
            if widget_id not in self._loaded and self._restore_field_draft(widget_id, widget, new):
                self.originals[widget_id] = new
                self._loaded.add(widget_id)
                widget.disabled = meeting.status == Status.ADJUSTED
                continue
            current = widget_value(widget)
            original = self.originals.get(widget_id)
            self.originals[widget_id] = new
            sent = self._sent.pop(widget_id, _NOTHING)
            if sent is not _NOTHING and same(current, sent):
                original = current  # our own save came back, maybe normalised: show what was stored
            if widget_id in self._loaded and not same(current, original) and not same(current, new):
                if external:
                    self.session.notify_text(self.t("external.draft_kept", field=spec.label), severity="warning")
                continue  # a draft: keep what the user typed
            if not same(current, new):
                with widget.prevent(Input.Changed, TextArea.Changed, Select.Changed):
                    set_widget_value(widget, new)
            self._loaded.add(widget_id)
            widget.disabled = meeting.status == Status.ADJUSTED

    def dirty(self) -> list[str]:
        out = []
        for widget_id in self.fields:
            if widget_id not in self._loaded:
                continue
            widget = self.query_one(f"#{widget_id}")
            if not same(widget_value(widget), self.originals.get(widget_id)):
                out.append(widget_id)
        return out

    def pending_change(self) -> Callable[[Meeting], None] | None:
        """The change that would save every draft on this screen, for a save at quit; None if none."""
        ids = self.dirty()
        if not ids or self.frozen:
            return None
        values = {i: widget_value(self.query_one(f"#{i}")) for i in ids}
        if any((check := self.fields[i].check) is not None and check(v) for i, v in values.items()):
            return None
        return self._change(values)

    def _change(self, values: dict[str, Any]) -> Callable[[Meeting], None]:
        """The change that writes ``values``, checking each field's base under the repository lock.

        A field someone else changed since this screen showed it (and not to
        the same value) is not overwritten: the save is refused, naming it,
        and the draft stays in the widget; once the screen shows the new
        value (the watch reloads it), saving again is a choice made seeing it.
        """
        bases = {widget_id: self.originals.get(widget_id) for widget_id in values}

        def change(meeting: Meeting) -> None:
            stale = [
                self.fields[widget_id].label
                for widget_id, value in values.items()
                if not same(self.fields[widget_id].get(meeting), bases[widget_id])
                and not same(self.fields[widget_id].get(meeting), value)
            ]
            if stale:
                raise RepoStateError(self.t("save.changed_meanwhile", fields=", ".join(stale)))
            for widget_id, value in values.items():
                self.fields[widget_id].set(meeting, value)

        return change

    def save_fields(self, widget_ids: list[str]) -> None:
        if not widget_ids:
            return
        if self.frozen:
            self.session.notify_text(self.t("frozen.notice"), severity="warning")
            return
        values: dict[str, Any] = {}
        for widget_id in widget_ids:
            spec = self.fields[widget_id]
            value = widget_value(self.query_one(f"#{widget_id}"))
            problem = spec.check(value) if spec.check else ""
            if problem:
                self.session.notify_text(problem, severity="error", title=spec.label)
                return
            values[widget_id] = value
        self._sent.update(values)
        self._confirm_field_drafts(list(values))
        change = self._change(values)

        def failed() -> None:
            for widget_id in values:
                self._sent.pop(widget_id, None)
                # a choice the store refused (a status only justering may set) is not left showing;
                # typed text stays, to be saved once the cause is gone
                widget = self.query_one(f"#{widget_id}")
                if isinstance(widget, (Select, SelectionList, NameList)):
                    with widget.prevent(Select.Changed, SelectionList.SelectedChanged):
                        set_widget_value(widget, self.originals.get(widget_id))

        self.session.save(self.ref, change, on_failed=failed)

    def action_save(self) -> None:
        self.save_fields(self.dirty())

    def action_revert(self) -> None:
        widget = self.focused
        if widget is not None and widget.id in self.fields:
            set_widget_value(widget, self.originals.get(widget.id))

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        widget_id = event.widget.id
        if widget_id in self.fields and widget_id in self.dirty():
            self.save_fields([widget_id])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        widget_id = event.input.id
        if widget_id in self.fields and widget_id in self.dirty():
            self.save_fields([widget_id])

    def on_name_list_changed(self, event: NameList.Changed) -> None:
        # a person added, removed or moved is confirmed at once, as a choice in a list is
        widget_id = event.names.id
        if widget_id in self.fields and widget_id in self.dirty():
            self.save_fields([widget_id])

    def on_select_changed(self, event: Select.Changed) -> None:
        widget_id = event.select.id
        if widget_id in self.fields and widget_id in self.dirty():
            self.save_fields([widget_id])

    def action_back(self) -> None:
        self.save_fields(self.dirty())
        super().action_back()
