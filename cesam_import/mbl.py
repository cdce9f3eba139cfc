"""The MBL lines a protocol prints per paragraph: "Information enligt 19 § MBL" under the heading,
"Förhandlingen förklaras avslutad i enighet den …" after the outcome.

They are the protocol's form, not text of the item: the first says what kind of item it is, the
second how a negotiation closed. cesam's own documents print both (cesam_docs.wording); so do many
municipalities' protocols. Their words are label words of the accounting (a structure line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from store.core.model import Item, ItemKind, OutcomeKind

from .body import Unit
from .said import say
from .state import ParseState, RawItem
from .text import strip_emphasis

BASIS = re.compile(
    r"^(?:information(?: om upphandling)?|förhandling|mbl-förhandling)\s+enligt\s+(?:mbl\s+)?§?\s*(11|19|38)\s*§?"
    r"(?:\s+mbl)?\.?$",
    re.I,
)
CLOSED = re.compile(
    r"^förhandlingen\s+(?:förklaras|förklarades)\s+avslutad\s+i\s+(enighet|oenighet)\b.*\.$",
    re.I,
)
_KIND = {"11": ItemKind.NEGOTIATION, "19": ItemKind.INFORMATION, "38": ItemKind.PROCUREMENT}
_OUTCOME = {
    "enighet": OutcomeKind.AGREEMENT,
    "oenighet": OutcomeKind.DISAGREEMENT,
}


@dataclass
class MblLines:
    units: list[Unit]  # the item's units without its MBL lines
    basis: bool = False  # a basis line set the item's kind: the outcome does not change it
    closed: OutcomeKind = OutcomeKind.NONE  # how the closing line says the negotiation ended


def take_mbl(st: ParseState, item: Item, units: list[Unit], raw: RawItem) -> MblLines:
    """The item's units without its MBL lines; the basis sets the item's kind."""
    found = MblLines([])
    for index, unit in enumerate(units):
        text = strip_emphasis(unit.text)
        basis = BASIS.match(text) if index == 0 and unit.kind == "para" else None
        if basis is not None:
            item.kind, found.basis = _KIND[basis.group(1)], True
            st.place(unit.line_no, "structure", say("import.at.mbl", where=raw.where))
            continue
        close = CLOSED.match(text) if unit.kind == "para" else None
        if close is not None:
            found.closed = _OUTCOME[close.group(1).casefold()]
            st.place(unit.line_no, "structure", say("import.at.mbl", where=raw.where))
            continue
        found.units.append(unit)
    return found
