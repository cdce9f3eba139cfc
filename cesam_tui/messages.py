"""What the session tells the screens: Textual messages, handled by ``on_...`` methods.

The session (cesam_tui/session.py) posts each of them to every screen on the stack;
a screen that shows what changed has the handler, the others let it pass. They do
not bubble: each screen gets its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from store.services.repository import LoadedMeeting, MeetingRef

if TYPE_CHECKING:
    from cesam_tui.session import RepoStatus
    from store.services.justering import Verification
    from store.services.summary import MeetingSummary


@dataclass(frozen=True)
class MeetingUpdate:
    """What a screen showing a meeting is told after a save or an outside change."""

    ref: MeetingRef
    loaded: LoadedMeeting | None
    error: str = ""  # the file no longer loads: "file:line: message"
    external: bool = False  # changed outside the app


class MeetingChanged(Message, bubble=False):
    """A meeting was saved or changed on disk; screens that show it repaint."""

    def __init__(self, update: MeetingUpdate) -> None:
        super().__init__()
        self.update = update


class SummariesChanged(Message, bubble=False):
    """The list of meetings and the repository's status were read again."""

    def __init__(self, summaries: list[MeetingSummary], status: RepoStatus) -> None:
        super().__init__()
        self.summaries = summaries
        self.status = status


class JusteringChanged(Message, bubble=False):
    """The justering state of the meetings was verified again."""

    def __init__(self, results: dict[MeetingRef, Verification]) -> None:
        super().__init__()
        self.results = results
