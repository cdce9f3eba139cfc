"""The meeting date: from the document first, then the file name, then ``--date``."""

from __future__ import annotations

import datetime as dt
import re

from .lines import Line
from .said import at_line, say
from .state import ImportProblem, ParseState
from .text import (
    FoundDate,
    find_dates,
)


def date_of(text: str) -> dt.date | None:
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


# In a file name: "protokoll_2014-11-20", "20141120", "141120"; digits around do not belong to it.
_NAME_DATES = (
    re.compile(r"(?<!\d)(\d{4})[-_.]?(\d{2})[-_.]?(\d{2})(?!\d)"),
    re.compile(r"(?<!\d)(\d{2})(\d{2})(\d{2})(?!\d)"),
)


def date_from_name(name: str) -> dt.date | None:
    """The meeting date written in a file name, in the forms archives use."""
    stem = name.rsplit("/", 1)[-1]
    for pattern in _NAME_DATES:
        for m in pattern.finditer(stem):
            year = int(m.group(1))
            if year < 100:
                year += 2000
            try:
                found = dt.date(year, int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
            if 1950 <= found.year <= 2100:
                return found
    return None


def pick_date(
    st: ParseState, wanted: dt.date | None, lines: list[Line], preamble: dict[str, tuple[str, int]]
) -> dt.date:
    candidates: list[tuple[FoundDate, int]] = []
    if "datum" in preamble:
        candidates += [(f, preamble["datum"][1]) for f in find_dates(preamble["datum"][0])]
    for line in lines:
        candidates += [(f, line.no) for f in find_dates(line.stripped)]
    found = candidates[0] if candidates else None
    if wanted is not None:
        if found and found[0].date and found[0].date != wanted:
            st.report.check(
                "date", say("import.r.date_differs", found=found[0].date.isoformat(), date=wanted.isoformat())
            )
        else:
            st.report.recognised("date", say("import.r.date_given", date=wanted.isoformat()))
        return wanted
    if found and found[0].date:
        st.report.recognised(
            "date", say("import.r.date", date=found[0].date.isoformat(), text=found[0].text), at_line(found[1])
        )
        return found[0].date
    from_name = date_from_name(st.source)
    if from_name is not None:
        if found:
            st.report.check("date", say("import.r.date_no_year", text=found[0].text, date=from_name.isoformat()))
        else:
            st.report.check("date", say("import.r.date_from_name", date=from_name.isoformat()))
        return from_name
    if found:
        raise ImportProblem(say("err.import.date_no_year", text=repr(found[0].text)))
    raise ImportProblem(say("err.import.no_date"))
