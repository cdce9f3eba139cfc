"""Turn the text of a samverkan protocol into a :class:`store.core.model.Meeting`.

The parser reads patterns, not one municipality's layout. The steps, each in
its own module, share a :class:`~cesam_import.state.ParseState`:

* :mod:`.layout` drops page furniture (page numbers, repeated page headers);
* :mod:`.structure` finds where the head ends and where items begin;
* :mod:`.head` reads the heading, preamble and attendance sections
  (:mod:`.attendance`, :mod:`.dates`);
* :mod:`.closing` reads Justeras, Bilagor and signatures, and sets the slide
  appendix aside;
* :mod:`.items` and :mod:`.statements` place each sentence of an item
  (:mod:`.outcomes` for the decisions);
* :mod:`.finish` links what needs the whole meeting;
* :mod:`.accounting` checks that every word of the source is in the meeting
  or named in the report.
"""

from __future__ import annotations

import datetime as dt

from store.core.config import Config

from .accounting import Accounting, account
from .attendance import resolve_attendance
from .closing import read_closing, set_aside_appendix
from .finish import finish_meeting, summarise
from .head import read_head
from .items import build_items
from .layout import prepare_lines
from .parties import Parties
from .report import Report
from .said import at_line, say
from .state import ImportProblem, ImportResult, ParseState
from .structure import find_first_item, split_items


def parse_protocol(
    text: str,
    config: Config,
    *,
    group: str | None = None,
    date: dt.date | None = None,
    source: str = "",
    keep_appendix: bool = False,
) -> ImportResult:
    """Parse the text of one protocol; raise ImportProblem when group or date cannot be known."""
    st = ParseState(config, Parties(config), Report(), source, keep_appendix)
    lines = prepare_lines(st, text)
    head_end = find_first_item(st, lines)
    meeting = read_head(st, lines[:head_end], group=group, date=date)
    raws, closing_start = split_items(st, lines[head_end:])
    closing = lines[head_end:][closing_start:] if closing_start is not None else []
    appendix = read_closing(st, closing, meeting, raws)
    build_items(st, raws, meeting)
    resolve_attendance(st, meeting, raws)
    finish_meeting(st, meeting, raws)
    if appendix:
        set_aside_appendix(st, appendix, meeting)
    summarise(st, meeting, raws)
    for raw in raws:
        for r in (raw, *raw.children):
            st.place(r.line_no, "structure", r.where)
            st.place_lines(r.lines, "text", r.where)
    accounting = account(st.source_lines, st.placed, meeting, config)
    report_accounting(st, accounting)
    return ImportResult(
        meeting,
        st.report,
        st.source,
        [line.text for line in appendix],
        accounting,
        st.placed,
        [line.text for line in st.source_lines],
    )


def report_accounting(st: ParseState, accounting: Accounting) -> None:
    """The word count in the report, and each line with a word the meeting does not have."""
    for line_no, lost in accounting.lost:
        shown = ", ".join(lost[:8]) + (" …" if len(lost) > 8 else "")
        st.report.check("lost", say("import.r.words_lost", n=len(lost), words=shown), at_line(line_no))
    st.report.recognised("words", accounting.said())


__all__ = ["ImportProblem", "ImportResult", "parse_protocol"]
