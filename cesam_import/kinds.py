"""The kind of an item from its title and the group's standing items."""

from __future__ import annotations

import re

from store.core.config import Group
from store.core.model import (
    ItemKind,
)


def item_kind(title: str, group: Group | None) -> ItemKind:
    folded = title.casefold()
    if group is not None:
        for standing in group.standing_items:
            if standing.title.strip().casefold() == folded:
                return standing.kind
    rules = [
        (r"juster", ItemKind.ADJUSTERS),
        (
            r"föregående.*(protokoll|anteckning|möte)|protokoll från föregående|(förra|föregående) mötets",
            ItemKind.PREVIOUS_MINUTES,
        ),
        (
            r"(fackliga frågor|frågor från (de )?fackliga|facklig fråga|frågor från arbetstagar|fackliga organisationernas frågor)",
            ItemKind.UNION_QUESTION,
        ),
        (r"^övrig(a|t)|övriga (frågor|punkter)", ItemKind.OTHER_BUSINESS),
        (r"^(nästa|kommande) (möte|sammanträde|träff)|^kommande möten|^mötestider", ItemKind.NEXT_MEETING),
        (r"upphandling|§\s*38", ItemKind.PROCUREMENT),
        (r"förhandling|mbl\s*§\s*11|§\s*11\b", ItemKind.NEGOTIATION),
        (r"^beslut", ItemKind.DECISION),
        (r"dagordning|mötets öppnande|öppnande|avslutning|mötet avslutas|närvaro", ItemKind.OTHER),
    ]
    for pattern, kind in rules:
        if re.search(pattern, folded):
            return kind
    return ItemKind.INFORMATION


def is_union_questions(title: str) -> bool:
    return item_kind(title, None) == ItemKind.UNION_QUESTION
