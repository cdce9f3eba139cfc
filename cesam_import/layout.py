"""Page furniture that is not part of the protocol: page numbers, signature boxes, rules."""

from __future__ import annotations

import re

from .lines import Line
from .state import ParseState
from .text import (
    clean_line,
)

ARTEFACTS = [
    (re.compile(r"^\d{1,3}\s*\(\d{1,3}\)$"), "sidnummer"),
    (re.compile(r"^(sida|page)\s+\d+(\s*(av|of|/)\s*\d+)?$", re.I), "sidnummer"),
    (re.compile(r"^\d{1,3}\s*/\s*\d{1,3}$"), "sidnummer"),
    (re.compile(r"^justerandes\s+sign(atur)?\.?[\s_.]*$", re.I), "rutan för justerandes signatur"),
    (re.compile(r"^[_.\s]{6,}$"), "linje"),
]


def prepare_lines(st: ParseState, text: str) -> list[Line]:
    out: list[Line] = []
    dropped: dict[str, list[int]] = {}
    for no, raw in enumerate(text.splitlines(), 1):
        line = clean_line(raw)
        st.source_lines.append(Line(no, line))
        stripped = line.strip()
        for pattern, what in ARTEFACTS:
            if stripped and pattern.match(stripped):
                dropped.setdefault(what, []).append(no)
                st.place(no, "dropped", what)
                line = ""
                break
        out.append(Line(no, line))
    for what, numbers in dropped.items():
        shown = ", ".join(str(n) for n in numbers[:8]) + (" …" if len(numbers) > 8 else "")
        st.report.dropped("artefact", f"{what} ({len(numbers)} st.) togs bort", f"rad {shown}")
    return out
