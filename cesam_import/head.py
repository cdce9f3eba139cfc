"""The head of a protocol: title, group, time, place, preamble keys and attendance sections."""

from __future__ import annotations

import datetime as dt
import re

from store.core.config import Group
from store.core.model import (
    Meeting,
    Status,
)

from .accounting import LABEL_WORDS, words
from .attendance import read_persons
from .dates import pick_date
from .lines import MD_HEADING, Line
from .said import at_line, say, verbatim
from .state import ImportProblem, ParseState, Person
from .text import (
    find_dates,
    find_time_range,
    heading_key,
    strip_emphasis,
)

SECTION_PRESENT = re.compile(
    r"^(närvarande|deltagare|närvarande ledamöter|ledamöter|närvarande ordinarie|mötesdeltagare|"
    r"övriga närvarande|övriga deltagare|övriga deltagande|adjungerade|adjungerad|inbjudna|föredragande|"
    r"även närvarande|ersättare|tjänstgörande ersättare|närvarande ersättare)"
    r"(?:\s+(?P<side>arbetsgivar\w*|fackliga\s*\w*|för\s+\w+.*|från\s+\w+.*|arbetstagar\w*))?$"
)


SECTION_SIDE = re.compile(
    r"^(?:för\s+)?(?:(?P<emp>arbetsgivar(?:en|sidan|representanter|e)?|arbetsgivarens representanter)|"
    r"(?P<uni>(?:de\s+)?fackliga(?:\s+(?:parter|parterna|organisationer|organisationerna|representanter|företrädare))?|"
    r"arbetstagar(?:sidan|representanter|organisationer)?))$"
)


GUEST_SECTION = re.compile(r"^(övriga närvarande|övriga deltagare|övriga deltagande|adjungerade|adjungerad|inbjudna)$")


SECTION_ABSENT = re.compile(
    r"^(anm\w*\s+förhinder|förhinder|frånvarande|ej närvarande|anmält frånvaro|frånvaro|ej närvarande ledamöter)$"
)


PREAMBLE_KEY = re.compile(
    r"^(?P<key>tid|tidpunkt|datum|plats|lokal|ordförande|mötesordförande|ordf|sekreterare|sekr|protokollförare|"
    r"vid protokollet|antecknare|anteckningar fördes av|justerare|justeringsperson(?:er)?|justeringsm[aä]n|grupp|möte|"
    r"diarienummer|dnr|diarienr|expedieras till|expedieras)\s*[:–-]\s*(?P<value>.*)$",
    re.I,
)


# the registrar's fields as two cells of a row (cesam's DOCX and PDF): "Diarienummer<tab>KS 2023/218"
REGISTRY_CELLS = re.compile(r"^(?P<key>diarienummer|dnr|diarienr|expedieras till|expedieras)\t+(?P<value>.*)$", re.I)


ADJUSTED_LINE = re.compile(r"^(?:justerat|justerad|ej justerat|utkast)\b(?!\s*:)", re.I)


TITLE_WORDS = re.compile(
    r"^(protokoll|minnesanteckningar|anteckningar|mötesanteckningar|minnesanteckning|protokollsutdrag|"
    r"dagordning|kallelse)\b",
    re.I,
)


def read_head(st: ParseState, head: list[Line], *, group: str | None, date: dt.date | None) -> Meeting:
    section: tuple[str, str] | None = None  # ("present"|"absent", side hint)
    persons: list[Person] = []
    section_lines: list[tuple[tuple[str, str], list[Line]]] = []
    heading_lines: list[Line] = []
    preamble: dict[str, tuple[str, int]] = {}
    leftovers: list[Line] = []
    for line in head:
        if line.blank:
            if section is not None:
                section_lines[-1][1].append(line)
            continue
        text = line.stripped
        md = MD_HEADING.match(text)
        bare = strip_emphasis(md.group(2) if md else text)
        key = heading_key(bare)
        new_section, inline_value = section_start(st, bare)
        if new_section is not None:
            section = new_section
            st.place(line.no, "structure", say("import.at.absent" if section[0] == "absent" else "import.at.present"))
            section_lines.append((section, []))
            if inline_value:
                section_lines[-1][1].append(Line(line.no, inline_value))
            if re.search(r"[^\x00-\u024f]", text):  # letters of another script, from the PDF's text layer
                st.report.check(
                    "heading", say("import.r.heading_read_as", text=text, key=key.capitalize()), at_line(line.no)
                )
            continue
        field_line = re.sub(r"^[-*•]\s+", "", bare)  # cesam's Markdown lists its fields
        pre = PREAMBLE_KEY.match(field_line) or REGISTRY_CELLS.match(field_line)
        if pre:
            preamble.setdefault(pre.group("key").casefold(), (pre.group("value").strip(), line.no))
            st.place(line.no, "structure", verbatim(pre.group("key").casefold()))
            section = None
            continue
        if section is not None:
            section_lines[-1][1].append(line)
            st.place(line.no, "structure", say("import.at.absent" if section[0] == "absent" else "import.at.present"))
            continue
        if ADJUSTED_LINE.match(bare):  # "Justerat 2022-10-12": the day of justering, not of the meeting
            st.place(line.no, "structure", say("import.at.status"))
            continue
        if TITLE_WORDS.match(bare) or find_dates(bare) or group_in(st, bare):
            heading_lines.append(line)
            if all(w in LABEL_WORDS or w in heading_words(st) for w in words(bare)):
                st.place(line.no, "structure", say("import.at.heading"))
            else:  # words the meeting has no field for ("sektionens styrelse"): kept as text
                leftovers.append(line)
            continue
        leftovers.append(line)
    for (kind, side), lines in section_lines:
        for person in read_persons(st, lines, absent=kind == "absent", side=side):
            person.guest = kind == "guest"
            persons.append(person)

    st.group = pick_group(st, group, heading_lines + leftovers)
    st.style = st.group.subitem_style
    meeting_date = pick_date(st, date, heading_lines + leftovers, preamble)
    st.meeting_date = meeting_date
    meeting = Meeting(group=st.group.id, date=meeting_date, status=Status.HELD)

    for line in heading_lines:
        st.report.recognised("heading", say("import.r.heading", text=line.stripped), at_line(line.no))
    times = None
    if "tid" in preamble or "tidpunkt" in preamble:
        times = find_time_range(preamble.get("tid", preamble.get("tidpunkt", ("", 0)))[0])
    for line in heading_lines:
        times = times or find_time_range(line.stripped)
    if times:
        meeting.start, meeting.end = times
        st.report.recognised("time", say("import.r.time", times=f"{meeting.start}–{meeting.end}".rstrip("–")))
    for key in ("plats", "lokal"):
        if key in preamble:
            meeting.place = preamble[key][0]
            st.report.recognised("place", say("import.r.place", place=meeting.place), at_line(preamble[key][1]))
    read_registry(st, meeting, preamble)
    st.leftover_head = leftovers
    st.preamble = preamble
    st.persons_raw = persons
    return meeting


def section_of(st: ParseState, key: str) -> tuple[str, str] | None:
    if SECTION_ABSENT.match(key):
        return ("absent", "")
    m = SECTION_PRESENT.match(key)
    if m:
        # "Övriga deltagande", "Adjungerade": present without being members of the group
        kind = "guest" if GUEST_SECTION.match(m.group(1)) else "present"
        side = m.group("side") or ""
        if side.startswith("arbetsgivar") or "arbetsgivar" in side:
            return (kind, "employer")
        if side.startswith(("fackliga", "arbetstagar")) or "fackliga" in side:
            return (kind, "union")
        if side.startswith(("för ", "från ")):
            # "Närvarande för Vision": the party of everyone in the section, known or not
            named = side.split(" ", 1)[1].strip()
            party = st.parties.canonical(named)
            return (kind, f"party:{party}" if party else f"unknown:{named}")
        return (kind, "")
    m = SECTION_SIDE.match(key)
    if m:
        return ("present", "employer" if m.group("emp") else "union")
    return None


def group_in(st: ParseState, text: str) -> Group | None:
    folded = text.casefold()
    best: tuple[int, Group] | None = None
    for group in st.config.groups:
        for spelling in (group.name, group.short, group.id):
            s = spelling.strip().casefold()
            found = s and re.search(rf"(?<![\wåäö]){re.escape(s)}(?![\wåäö])", folded)
            if found and (best is None or len(s) > best[0]):
                best = (len(s), group)
    return best[1] if best else None


def pick_group(st: ParseState, wanted: str | None, lines: list[Line]) -> Group:
    if wanted:
        try:
            group = st.config.group(wanted)
        except KeyError:
            known = ", ".join(g.id for g in st.config.groups) or "-"
            raise ImportProblem(say("err.import.unknown_group", group=repr(wanted), known=known)) from None
        found = next((g for line in lines if (g := group_in(st, line.stripped))), None)
        if found and found.id != group.id:
            st.report.check("group", say("import.r.group_differs", found=found.label, group=group.id))
        else:
            st.report.recognised("group", say("import.r.group_given", group=group.label))
        return group
    for line in lines:
        found = group_in(st, line.stripped)
        if found:
            st.report.recognised("group", say("import.r.group", group=found.label), at_line(line.no))
            return found
    if len(st.config.groups) == 1:
        group = st.config.groups[0]
        st.report.check("group", say("import.r.group_only", group=group.label))
        return group
    known = ", ".join(g.id for g in st.config.groups) or "-"
    raise ImportProblem(say("err.import.no_group", known=known))


def heading_words(st: ParseState) -> set[str]:
    """Words of a heading that fields of the meeting stand for: the organisation and the groups."""
    names = [st.config.organisation.name, st.config.organisation.employer]
    for group in st.config.groups:
        names += [group.name, group.short, group.id]
    return {w for name in names for w in words(name)}


def section_start(st: ParseState, bare: str) -> tuple[tuple[str, str] | None, str]:
    """The attendance section a line opens, and a list that follows on the same line.

    "Närvarande", "Närvarande för Vision: Anna Ek", and a table header whose
    first cell names the section ("Deltagare<tab>Funktion<tab>Närvaro").
    """
    if "\t" in bare:
        first = heading_key(bare.split("\t")[0])
        found = section_of(st, first)
        return (found, bare) if found is not None else (None, "")
    if ":" in bare:
        before, _, after = bare.partition(":")
        candidate = section_of(st, heading_key(before))
        if candidate is not None and after.strip():
            return _as_written(candidate, before), after.strip()
    found = section_of(st, heading_key(bare))
    return (_as_written(found, bare) if found else None), ""


def _as_written(section: tuple[str, str], text: str) -> tuple[str, str]:
    """An unknown union's name as the protocol spells it ("Ledarna", not "ledarna")."""
    kind, side = section
    if side.startswith("unknown:"):
        named = side.split(":", 1)[1]
        at = text.casefold().find(named)
        if at >= 0:
            side = f"unknown:{text[at : at + len(named)]}"
    return kind, side


def read_registry(st: ParseState, meeting: Meeting, preamble: dict[str, tuple[str, int]]) -> None:
    """Diarienummer and Expedieras till of the head: fields of the meeting."""
    for key in ("diarienummer", "dnr", "diarienr"):
        if key in preamble and preamble[key][0]:
            meeting.case_number = preamble[key][0]
            said = say("import.r.case_number", number=meeting.case_number)
            st.report.recognised("case_number", said, at_line(preamble[key][1]))
            break
    for key in ("expedieras till", "expedieras"):
        if key in preamble and preamble[key][0]:
            meeting.distribution = [n.strip() for n in preamble[key][0].split(",") if n.strip()]
            said = say("import.r.distribution", names=", ".join(meeting.distribution))
            st.report.recognised("distribution", said, at_line(preamble[key][1]))
            break
