"""What every cesam screen shares: help, back, access to the session."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual.app import App
from textual.binding import ActiveBinding, Binding, BindingType
from textual.screen import ModalScreen, Screen
from textual.worker import Worker, WorkerState

from cesam_tui.guard import Guarded, report
from cesam_tui.keys import LocalizedBindings
from cesam_tui.palette import translated
from cesam_tui.strings import Speaks

if TYPE_CHECKING:
    from cesam_tui.session import Session

#: Tab moves focus in the app's own queue, in the order keys were typed. Without priority it is
#: handled in the focused field's queue, after the keys typed behind it were already sent to
#: that field: "Pers<tab>Roll" typed while the app is busy became "PersRoll" in one field.
FOCUS_KEYS: list[BindingType] = [
    Binding("tab", "app.focus_next", "key.focus_next", id="focus.next", show=False, priority=True),
    Binding("shift+tab", "app.focus_previous", "key.focus_previous", id="focus.previous", show=False, priority=True),
]


def report_failed_worker(event: Worker.StateChanged, app: App[Any]) -> None:
    if event.state == WorkerState.ERROR and event.worker.error is not None:
        report(event.worker.error, app)


class CesamScreen(Guarded, Speaks, LocalizedBindings, Screen[None]):
    #: key into strings for the help screen's title
    HELP_NAME: ClassVar[str] = "screen.navigator"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "key.back", id="screen.back"),
        *FOCUS_KEYS,
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        #: what this screen shows was deleted while another screen was on top: leave when shown again
        self._gone = False

    @property
    def session(self) -> Session:
        return cast("Session", self.app)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # a worker's StateChanged does not bubble: a screen's own workers end here, in the one error path
        report_failed_worker(event, self.app)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """What the footer shows: Textual's own descriptions ("Dismiss menu") in the UI's language."""
        return translated(super().active_bindings, self.words)

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()

    def leave_when_shown(self) -> None:
        """What this screen shows is gone (deleted elsewhere): leave now, or when it is on top again."""
        if self.app.screen is self:
            self.app.pop_screen()
        else:
            self._gone = True

    def on_screen_resume(self) -> None:
        if self._gone:
            self.app.pop_screen()


class CesamModal(Guarded, Speaks, LocalizedBindings, ModalScreen[Any]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "key.cancel", id="dialog.cancel"),
        *FOCUS_KEYS,
    ]

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        report_failed_worker(event, self.app)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return translated(super().active_bindings, self.words)

    def action_cancel(self) -> None:
        self.dismiss(None)
