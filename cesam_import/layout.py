"""Page furniture that is not part of the protocol: page numbers, page headers and footers, rules.

Only what a page repeats is removed: a page number ("Sida 2 av 3", "2 (3)",
"2/3"), a signature box, a rule of underscores, and a line that comes back at
the top or the bottom of several pages (the municipality's name and the
document title in a header, say). A line repeated elsewhere in the text stays.
Page breaks are form feeds, as pdftotext and the PDF reader give them; a text
without them still has its page numbers, and a line that sits next to a page
number on two pages or more is a header or footer too.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict

from .lines import Line
from .said import say
from .state import ParseState
from .text import clean_line

PAGE_NUMBER = "page_number"  # and "page_edge": keys of import.at.*
ARTEFACTS = [
    (re.compile(r"^\d{1,3}\s*\(\d{1,3}\)$"), PAGE_NUMBER),
    (re.compile(r"^(sida|page|sid\.?)\s+\d+(\s*(av|of|/)\s*\d+)?$", re.I), PAGE_NUMBER),
    (re.compile(r"^\d{1,3}\s*/\s*\d{1,3}$"), PAGE_NUMBER),
    (re.compile(r"^-\s*\d{1,3}\s*-$"), PAGE_NUMBER),
    (re.compile(r"^justerandes\s+sign(atur)?\.?[\s_.]*$", re.I), "rutan för justerandes signatur"),
    (re.compile(r"^[_.\s]{6,}$"), "linje"),
]
_EDGE = 4  # lines at the top and bottom of a page that may be its header or footer


def prepare_lines(st: ParseState, text: str) -> list[Line]:
    """The source as cleaned lines; page furniture blanked out and placed as dropped, with a report line."""
    out: list[Line] = []
    page_starts: list[int] = [0]
    for no, raw in enumerate(text.split("\n"), 1):
        if raw.startswith("\f") and no > 1:
            page_starts.append(no - 1)
        cleaned = clean_line(raw.replace("\f", ""))
        st.source_lines.append(Line(no, cleaned))
        out.append(Line(no, cleaned))
    dropped: dict[str, list[int]] = defaultdict(list)
    for line in out:
        stripped = line.stripped
        for pattern, what in ARTEFACTS:
            # a running header is often a table: "Grupp<tab>Justerat …<tab>sida 2 (5)"
            last = stripped.rsplit("\t", 1)[-1].strip()
            if stripped and (pattern.match(stripped) or (what == PAGE_NUMBER and pattern.match(last))):
                dropped[what].append(line.no)
                break
    for no in repeated_edges(out, page_starts, dropped[PAGE_NUMBER]):
        dropped["page_edge"].append(no)
    for what, numbers in dropped.items():
        if not numbers:
            continue
        for no in numbers:
            out[no - 1] = Line(no, "")
            st.place(no, "dropped", say(f"import.at.{what}"))
        shown = ", ".join(str(n) for n in numbers[:8]) + (" …" if len(numbers) > 8 else "")
        st.report.dropped(
            "artefact",
            say("import.r.artefact", what=say(f"import.at.{what}"), n=len(numbers)),
            say("import.line", no=shown),
        )
    return out


def _key(text: str) -> str:
    """A header line compared across pages: numbers may change ("Sida 2"), the words may not."""
    return re.sub(r"\d+", "#", " ".join(text.split())).casefold()


def repeated_edges(lines: list[Line], page_starts: list[int], page_numbers: list[int]) -> list[int]:
    """Lines that repeat at the edge of two pages or more: the running header and footer."""
    content = [i for i, line in enumerate(lines) if not line.blank]
    edges: dict[str, set[int]] = defaultdict(set)  # key -> pages it stands at the edge of
    where: dict[str, list[int]] = defaultdict(list)
    if len(page_starts) > 1:
        bounds = [*page_starts, len(lines)]
        for page, (start, end) in enumerate(itertools.pairwise(bounds)):
            on_page = [i for i in content if start <= i < end]
            for i in on_page[:_EDGE] + on_page[-_EDGE:]:
                edges[_key(lines[i].text)].add(page)
                where[_key(lines[i].text)].append(lines[i].no)
    for page, no in enumerate(page_numbers):
        at = next((k for k, i in enumerate(content) if lines[i].no == no), None)
        if at is None:
            continue
        for i in content[max(0, at - 2) : at] + content[at + 1 : at + 3]:
            edges[_key(lines[i].text)].add(1000 + page)
            where[_key(lines[i].text)].append(lines[i].no)
    found: set[int] = set()
    for key, pages in edges.items():
        if len(pages) < 2:
            continue
        # every line with this text beside a page edge goes; the same words elsewhere stay
        found.update(where[key])
    return sorted(found - set(page_numbers))
