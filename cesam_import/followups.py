"""The list of follow-ups a protocol tracks under an item ("Följs upp på restlistan:").

cesam's own documents print what is owed after each item as a list: the text,
a dash, who owes it, and "(senast ÅÅÅÅ-MM-DD)" when it has a due date. When an
item has that list, it is the item's follow-ups, and sentences such as
"Arbetsgivaren återkommer" in its text are not read as follow-ups a second time.
"""

from __future__ import annotations

import datetime as dt
import re

from store.core.ids import new_id
from store.core.model import EMPLOYER, FollowUp, Item

from .body import Unit
from .lines import shorten
from .said import say
from .state import ParseState, RawItem
from .text import strip_emphasis

TRACKED = re.compile(
    r"^(?:följs upp på restlistan|följs upp|uppföljning|att följa upp|followed up on the restlista)\s*:$", re.I
)
_LINE = re.compile(
    r"^(?P<text>.+?)\s+[–—-]\s+(?P<owner>[^–—]+?)(?:\s*\((?:senast|by)\s+(?P<due>\d{4}-\d{2}-\d{2})\))?$"
)
DUE_TAIL = re.compile(r"\s*\((?:senast|by)\s+(\d{4}-\d{2}-\d{2})\)(?=\.?$)")


def take_tracked(st: ParseState, item: Item, units: list[Unit], raw: RawItem) -> list[Unit]:
    """The item's units without its tracked list; the list's entries become its follow-ups."""
    start = next((i for i, u in enumerate(units) if TRACKED.match(strip_emphasis(u.text))), None)
    if start is None:
        return units
    end = start + 1
    while end < len(units) and units[end].kind == "bullet":
        end += 1
    entries = units[start + 1 : end]
    if not entries:
        return units
    st.tracked_items.add(item.id)
    st.place(units[start].line_no, "structure", say("import.at.followups", where=raw.where))
    for unit in entries:
        m = _LINE.match(unit.text)
        text, owner, due = (m.group("text"), m.group("owner"), m.group("due")) if m else (unit.text, EMPLOYER, None)
        party = st.parties.at_start(owner)
        owner_name = party.party if party is not None and party.end >= len(owner.strip()) - 1 else owner.strip()
        followup = FollowUp(
            id=new_id(text[:24], [f.id for f in item.followups]),
            text=text.strip(),
            owner=owner_name if m else EMPLOYER,
            due=dt.date.fromisoformat(due) if due else None,
        )
        item.followups.append(followup)
        st.place(unit.line_no, "structure", say("import.at.followup", where=raw.where))
        said = say("import.r.followup_listed", owner=followup.owner, text=shorten(text))
        st.report.recognised("followup", said, raw.where)
    return units[:start] + units[end:]
