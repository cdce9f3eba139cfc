"""References to bilagor in the text ("se bilaga 3") and the items that carry them."""

from __future__ import annotations

import re

from store.core.model import (
    Attachment,
    Item,
)

from .state import ParseState, RawItem

BILAGA_REF = re.compile(r"\bbilag(?:a|or|an|orna)\s+(\d{1,2}(?:\s*(?:,|och|&|samt|-|–)\s*\d{1,2})*)", re.I)


def bilaga_numbers(text: str) -> list[int]:
    out: list[int] = []
    for m in BILAGA_REF.finditer(text):
        spec = m.group(1)
        rng = re.match(r"^(\d+)\s*[-–]\s*(\d+)$", spec.strip())
        if rng:
            out.extend(range(int(rng.group(1)), int(rng.group(2)) + 1))
            continue
        out.extend(int(n) for n in re.findall(r"\d+", spec))
    return out


def attach_bilaga(st: ParseState, item: Item, number: int, raw: RawItem) -> None:
    if any(a.number == number for a in item.attachments):
        return
    item.attachments.append(Attachment(number=number, title=""))
    st.referenced.setdefault(number, []).append(raw.where)
