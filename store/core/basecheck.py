"""A write whose base is no longer the file: merge it three-way, or refuse and say why.

A writer that replaces a meeting's whole text (`cesam edit`, a kept draft)
started from some version of the file: its base. The check that the base
is still the file must run under the repository lock, in the same critical
section as the write; checked before the lock, a save from another process
in between was silently reverted (issue 14: 53 of 400 saves lost).

When the base has moved on, the writer's version and the file's are merged
field by field from the base (store/core/merge.py). Changes to different fields
both survive; a field both changed is a conflict, and the write is refused
with the conflicts named, so nothing is overwritten unseen.

Pure: no I/O.
"""

from __future__ import annotations

from store.core.catalogue import Catalogue, t
from store.core.config import SubitemStyle
from store.core.errors import RepoStateError
from store.core.merge import Conflict, Take, merge_meetings
from store.core.model import Meeting

CONFLICTS_SHOWN = 10


class StaleBaseError(RepoStateError):
    """The file changed since the writer read it, and the changes overlap."""

    def __init__(self, message: str, *, hint: str, conflicts: list[Conflict]) -> None:
        super().__init__(message, hint=hint)
        self.conflicts = conflicts


def conflict_lines(conflicts: list[Conflict], lang: str) -> list[str]:
    """One line per overlapping field, at most CONFLICTS_SHOWN and a count of the rest."""
    lines = [f"  - {c.path}" for c in conflicts[:CONFLICTS_SHOWN]]
    if len(conflicts) > CONFLICTS_SHOWN:
        rest = len(conflicts) - CONFLICTS_SHOWN
        lines.append(t("basecheck.more", lang, rest=rest))
    return lines


def merge_onto_current(
    base: Meeting,
    mine: Meeting,
    current: Meeting,
    *,
    style: SubitemStyle,
    lang: str,
    keep_mine: bool = False,
) -> tuple[Meeting, list[Conflict]]:
    """``mine`` (made from ``base``) moved onto ``current``: the merged meeting and the overlapping fields.

    With ``keep_mine`` an overlapping field takes the writer's value (the
    caller shows the list to the user before anything is saved); without it
    the caller refuses when the list is not empty.
    """
    result = merge_meetings(base, mine, current, default=Take.MINE, lang=lang, style=style)
    if result.conflicts and not keep_mine:
        return current, result.conflicts
    return result.meeting, result.conflicts


def stale_error(meeting: str, conflicts: list[Conflict], lang: str, kept: str = "") -> StaleBaseError:
    """The refusal for a write whose changes overlap changes saved meanwhile by someone else."""
    cat = Catalogue(lang)
    message = cat.t("basecheck.stale", meeting=meeting)
    hint = cat.t("basecheck.stale.kept", kept=kept, meeting=meeting) if kept else cat.t("basecheck.stale.reload")
    return StaleBaseError("\n".join([message, *conflict_lines(conflicts, lang)]), hint=hint, conflicts=conflicts)


__all__ = ["CONFLICTS_SHOWN", "StaleBaseError", "conflict_lines", "merge_onto_current", "stale_error"]
