"""Pure checks on a three-way merge of one meeting: the justering wall and dropped changes.

No I/O here: :mod:`store.services.mergedriver` (files from git) and
:mod:`store.services.sync_checks` (commits) call these with parsed meetings.
"""

from __future__ import annotations

import copy

from store.core import codec
from store.core.config import SubitemStyle
from store.core.merge import Conflict, ConflictKind, Take, merge_meetings
from store.core.model import Meeting, Status
from store.core.semdiff import Change, diff_meetings

#: The key of the conflict "justerad on one side, changed on the other" in a meeting file.
JUSTERING_KEY = "justering"


def _same(a: Meeting | None, b: Meeting | None) -> bool:
    if a is None or b is None:
        return a is b
    return codec.dumps(a) == codec.dumps(b)


def justerad_side(base: Meeting | None, ours: Meeting, theirs: Meeting, merged: Meeting) -> Take | None:
    """The side whose justerad version the other side's change would alter, if any.

    A justerad meeting changes only by reopening it; a merge that would
    carry a change into it, or lift its justering, must ask a person.
    """
    for side, other, take in ((ours, theirs, Take.MINE), (theirs, ours, Take.THEIRS)):
        if side.status == Status.ADJUSTED and not _same(other, base) and not _same(merged, side):
            return take
    return None


def reopened(meeting: Meeting) -> Meeting:
    """The merged meeting with its justering lifted: status hållen, no justeringsdag."""
    result = copy.deepcopy(meeting)
    result.status = Status.HELD
    result.adjusted_on = None
    return result


def wall_conflict(relpath: str, side: Take, ours: Meeting, theirs: Meeting, lang: str) -> Conflict:
    """The choice the wall leaves: keep the justerad version, or reopen and take the change."""
    sv = lang != "en"
    justerad = ours if side == Take.MINE else theirs
    on = justerad.adjusted_on.isoformat() if justerad.adjusted_on else ""
    keep = (f"behåll den justerade versionen ({on})" if sv else f"keep the justerad version ({on})").replace(" ()", "")
    change = (
        "häv justeringen och ta ändringen (mötet blir hållet och ska justeras igen)"
        if sv
        else "reopen and take the change (the meeting is held again and needs a new justering)"
    )
    path = (
        f"{relpath}: justerat på ena sidan, ändrat på den andra"
        if sv
        else f"{relpath}: justerad on one side, changed on the other"
    )
    mine, theirs_word = (keep, change) if side == Take.MINE else (change, keep)
    return Conflict(path, None, mine, theirs_word, JUSTERING_KEY, ConflictKind.FILE, relpath)


def dropped_changes(
    base: Meeting | None, ours: Meeting, theirs: Meeting, merged: Meeting, style: SubitemStyle = SubitemStyle.LETTER
) -> tuple[list[Change], Meeting]:
    """What a side changed, that the other side left alone, and ``merged`` silently undid; and the fix.

    cesam's own merge of the two sides, with every conflict left at the base
    value, holds exactly the changes nobody disagreed about. Merging that
    into ``merged`` again (from the base) puts back each of those the result
    lacks; where the sides disagreed the result's value was someone's choice
    and stands. Returns the changes that re-merge makes, in words' terms,
    and the result with them put back.
    """
    agreed = merge_meetings(base, ours, theirs, default=Take.BASE, style=style).meeting
    again = merge_meetings(base, merged, agreed, default=Take.MINE, style=style).meeting
    if _same(again, merged):
        return [], merged
    return diff_meetings(merged, again, style), again
