"""What every cesam screen shares: help, back, access to the session."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, Screen

from cesam_tui.keys import localize_bindings

if TYPE_CHECKING:
    from cesam_tui.session import MeetingUpdate, Session


class CesamScreen(Screen[None]):
    #: key into strings for the help screen's title
    HELP_NAME: ClassVar[str] = "screen.navigator"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "key.back", id="screen.back"),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        localize_bindings(self)

    @property
    def session(self) -> Session:
        return cast("Session", self.app)

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()

    def meeting_updated(self, update: MeetingUpdate) -> None:
        """A meeting was saved or changed on disk; screens that show it repaint."""

    def leave_when_shown(self) -> None:
        """What this screen shows is gone (deleted elsewhere): leave now, or when it is on top again."""
        if self.app.screen is self:
            self.app.pop_screen()
        else:
            self._gone = True

    def on_screen_resume(self) -> None:
        if getattr(self, "_gone", False):
            self.app.pop_screen()


class CesamModal(ModalScreen[Any]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "key.cancel", id="dialog.cancel"),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        localize_bindings(self)

    def action_cancel(self) -> None:
        self.dismiss(None)
