"""§ numbers that run through the calendar year, as Swedish protocols number them.

The caller loads the earlier meetings; these functions only count, so they
stay pure and fast and can be tested without a repository.
"""

from __future__ import annotations

from collections.abc import Iterable

from store.core.config import Config, Group, Numbering
from store.core.model import Meeting
from store.core.numbering import item_numbers


def first_number(meeting: Meeting, group: Group, earlier: Iterable[Meeting]) -> int:
    """The number of ``meeting``'s first top-level item.

    1 for a group that numbers per meeting. For a group that numbers per
    year: 1 + the top-level items of the group's meetings earlier in the same
    calendar year. Meetings of other groups, other years or later dates among
    ``earlier`` are ignored, so the caller may pass all it has loaded.
    """
    if group.numbering != Numbering.YEAR:
        return 1
    counted = {
        m.date: len(m.top_level())
        for m in earlier
        if m.group == meeting.group and m.date.year == meeting.date.year and m.date < meeting.date
    }
    return 1 + sum(counted.values())


def numbers_for(meeting: Meeting, config: Config, earlier: Iterable[Meeting] = ()) -> dict[str, str]:
    """Item id → printed number ("3", "4 a", "45") for ``meeting``."""
    group = group_of(meeting, config)
    return item_numbers(meeting, group.subitem_style, first=first_number(meeting, group, earlier))


def first_numbers(meetings: Iterable[Meeting], config: Config) -> dict[str, int]:
    """Meeting ref → first § number, for many meetings at once (the restlista)."""
    meetings = sorted(meetings, key=lambda m: (m.group, m.date))
    out: dict[str, int] = {}
    running: dict[tuple[str, int], int] = {}
    for meeting in meetings:
        group = group_of(meeting, config)
        if group.numbering != Numbering.YEAR:
            out[meeting.ref] = 1
            continue
        key = (meeting.group, meeting.date.year)
        out[meeting.ref] = 1 + running.get(key, 0)
        running[key] = running.get(key, 0) + len(meeting.top_level())
    return out


def group_of(meeting: Meeting, config: Config) -> Group:
    """The meeting's group from cesam.toml, or a plain one named after the id.

    A meeting of a group that is not (or no longer) in cesam.toml can still
    be printed; validation reports the unknown group elsewhere.
    """
    try:
        return config.group(meeting.group)
    except KeyError:
        return Group(id=meeting.group, name=meeting.group)
