"""MBL's procedure as cesam applies it to one item: its basis, and when a negotiation closed.

The protocol, its extracts, the web site and the restlista all ask here, so that the date a
protocol prints in "Förhandlingen förklaras avslutad … den …" is the date the restlista counts
the days for central negotiation from (MBL 14 §: the union asks within the group's
``central_negotiation_days`` after the local negotiation closed).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from .config import Group
from .model import Item, ItemKind, Meeting, OutcomeKind


class Basis(StrEnum):
    """What the protocol says an item is under MBL."""

    INFORMATION = "information"  # 19 §: the employer informs
    NEGOTIATION = "negotiation"  # 11 § (or 38 §): negotiated before a decision
    PROCUREMENT = "procurement"  # 38 §: a procurement the unions are told about


_NEGOTIATED = (OutcomeKind.AGREEMENT, OutcomeKind.DISAGREEMENT)


def basis(item: Item, *, grouping: bool = False) -> tuple[Basis, int] | None:
    """The item's basis and MBL section, or None for an item that is not one (standing items,
    union questions, decisions, and a heading whose sub-items carry their own)."""
    section = item.kind.mbl_section
    if section is None or grouping:
        return None
    if item.kind == ItemKind.PROCUREMENT and item.outcome.kind not in _NEGOTIATED:
        return Basis.PROCUREMENT, section
    if item.kind == ItemKind.INFORMATION:
        return Basis.INFORMATION, section
    return Basis.NEGOTIATION, section


def negotiation_closed(item: Item) -> bool:
    """The item is a negotiation (11 § or 38 §) that ended in enighet or oenighet."""
    return item.kind in (ItemKind.NEGOTIATION, ItemKind.PROCUREMENT) and item.outcome.kind in _NEGOTIATED


def closed_on(meeting: Meeting) -> dt.date:
    """The day the local negotiations of ``meeting`` closed: the meeting's own day, as the
    protocol records them closed there (justering confirms the record, it does not move the day)."""
    return meeting.date


def central_negotiation_last_day(meeting: Meeting, group: Group) -> dt.date:
    """The last day to ask for central negotiation after oenighet at ``meeting``."""
    return closed_on(meeting) + dt.timedelta(days=group.central_negotiation_days)
