"""What the services write: commit and tag messages, the items they add, their errors."""

from __future__ import annotations

ENTRIES: dict[str, tuple[str, str]] = {
    # store/services/planning.py: the item that carries open follow-ups into a new meeting
    "planning.carry_title": ("Uppföljning från tidigare möten", "Follow-ups from earlier meetings"),
}
