"""A group's roster: the regular members a new meeting's attendance starts from.

Pure (store/services/roster.py commits). The roster lives in cesam.toml
(``[[groups.members]]``: name, role, party). A new meeting
starts from it and from the previous meeting's attendance (guests who came last time
come again more often than not), everyone marked present until the secretary says
otherwise. The app keeps the roster: ``keep_roster`` writes a meeting's attendance back as
the group's members, one commit.
"""

from __future__ import annotations

from collections.abc import Iterable

from store.core.config import Config, Group, Member
from store.core.errors import UsageError, words
from store.core.ids import new_id
from store.core.model import Attendee, Meeting


def _same_person(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def starting_attendees(group: Group, previous: Meeting | None) -> list[Attendee]:
    """The roster, then whoever else attended the previous meeting: all present, on every item."""
    people = [(m.name, m.role, m.party, False) for m in group.members if m.name.strip()]
    for attendee in previous.attendees if previous is not None else []:
        if not any(_same_person(attendee.name, name) for name, *_ in people):
            people.append((attendee.name, attendee.role, attendee.party, attendee.guest))
    out: list[Attendee] = []
    for name, role, party, guest in people:
        attendee = Attendee(id=new_id(name, (a.id for a in out)), name=name.strip(), role=role, party=party)
        attendee.guest = guest  # a guest last time is a guest again, not a member
        out.append(attendee)
    return out


def is_member(attendee: Attendee, group: Group) -> bool:
    """Whether ``attendee`` takes part as a member of the group, or under "Övriga deltagande":
    one marked ``guest`` is not; where the group keeps a roster, neither is anyone not on it."""
    if attendee.guest:
        return False
    return not group.members or any(_same_person(attendee.name, m.name) for m in group.members)


def roster_from(attendees: Iterable[Attendee]) -> list[Member]:
    """The members an attendance list makes: each person once, in the list's order, guests left out."""
    members: list[Member] = []
    for attendee in attendees:
        if attendee.guest:
            continue
        if attendee.name.strip() and not any(_same_person(attendee.name, m.name) for m in members):
            members.append(Member(name=attendee.name.strip(), role=attendee.role, party=attendee.party))
    return members


def with_roster(config: Config, group_id: str, members: list[Member]) -> Config:
    """``config`` with the group's members replaced (each member's unknown keys kept)."""
    try:
        group = config.group(group_id)
    except KeyError:
        raise UsageError(words("err.unknown_group", group=repr(group_id))) from None
    old = {" ".join(m.name.split()).casefold(): m for m in group.members}
    for member in members:
        kept = old.get(" ".join(member.name.split()).casefold())
        if kept is not None:
            member.extra = dict(kept.extra)
    group.members = members
    return config


__all__ = ["is_member", "roster_from", "starting_attendees", "with_roster"]
