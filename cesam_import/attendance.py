"""Who attended: the list shapes of protocols, sides from roles, presence per item."""

from __future__ import annotations

import re

from store.core.ids import new_id
from store.core.model import (
    EMPLOYER,
    Attendee,
    Meeting,
)
from store.core.numbering import normalise_number

from .lines import ROLE_WORDS, Line, first_value, split_top_level
from .said import Said, at_line, say
from .state import ParseState, Person, RawItem
from .text import (
    fold,
    heading_key,
    looks_like_name,
)

PRESENCE_FROM = re.compile(
    r"(?:,\s*)?\b(?:from|fr\.?\s*o\.?\s*m\.?|från(?:\s+och\s+med)?)\s+(?:punkt|§|p\.)\s*(\d{1,3}\s*[a-z]?)\b", re.I
)


PRESENCE = re.compile(
    r"(?:,\s*)?(?<!\w)(?:punkt(?:erna)?|§§?|p\.)\s*((?:\d{1,3}\s*[a-z]?)(?:\s*(?:,|och|&|samt|-|–)\s*(?:\d{1,3}\s*)?[a-z]?\b)*)",
    re.I,
)


PRESENCE_TAIL = re.compile(r"(?:,\s*|\s+)(\d{1,2}\s?[a-z]?(?:\s*(?:,|och|-)\s*(?:\d{1,2}\s?)?[a-z]?)*)$")


ABSENT_IN_ROLE = re.compile(r"^(?:frånvarande|anmält förhinder|anmält frånvaro|förhinder|ej närvarande)$", re.I)


CHAIR = re.compile(
    r"^(?:mötes)?ordf(?:örande|\.)?(?:\s+för\s+mötet)?\.?$|^mötets ordförande$|^ordförande för mötet$", re.I
)


SECRETARY = re.compile(r"^(?:sekreterare|sekr\.?|protokollförare|protokollskrivare|mötessekreterare)$", re.I)


def tidy_name(name: str) -> str:
    """ "Anna Berg mfl" → "Anna Berg m.fl." (med flera, as Swedish writes it)."""
    return re.sub(r"\s+(?:mfl|m\.fl|m fl)\.?$", " m.fl.", name.strip())


def split_name_role(text: str) -> tuple[str, str]:
    for sep in (" – ", " - ", ", ", " — "):
        if sep in text:
            name, _, role = text.partition(sep)
            if looks_like_name(name.strip(), ROLE_WORDS):
                return name.strip(), role.strip()
    return text.strip(), ""


def expand_refs(text: str) -> list[str]:
    """ "3 a och b" → ["3 a", "3 b"]; "4, 5" → ["4", "5"]; "4-6" → ["4", "5", "6"]."""
    refs: list[str] = []
    top = ""
    pieces = re.split(r"\s*(?:,|och|&|samt)\s*", text.strip())
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        rng = re.match(r"^(\d+)\s*[-–]\s*(\d+)$", piece)
        if rng:
            refs.extend(str(n) for n in range(int(rng.group(1)), int(rng.group(2)) + 1))
            top = rng.group(2)
            continue
        m = re.match(r"^(\d+)\s*([a-z]?)$", piece)
        if m:
            top = m.group(1)
            refs.append(f"{m.group(1)} {m.group(2)}".strip())
            continue
        if re.match(r"^[a-z]$", piece) and top:
            refs.append(f"{top} {piece}")
    return refs


# Header cells of an attendance table, and the column that marks presence with an X
_HEADER_CELL = re.compile(
    r"^(namn|deltagare|ledamot|ledamöter|funktion|roll|titel|titel eller organisation|organisation|part|förbund|"
    r"befattning|närvaro|närvarande|deltog|x)$"
)
_PRESENCE_COLUMN = re.compile(r"^(närvaro|närvarande|deltog|x)$")
_MARK = re.compile(r"^(x|✓|✔|ja|j)$", re.I)


def table_persons(st: ParseState, content: list[Line], *, absent: bool, side: str) -> list[Person]:
    """Rows of an attendance table: name and role cells, a header row, an X column for presence."""
    out: list[Person] = []
    mark_column: int | None = None
    for index, line in enumerate(content):
        raw_cells = [c.strip() for c in line.stripped.split("\t")]
        header = [heading_key(c) for c in raw_cells if c.strip()]
        if index == 0 and header and all(_HEADER_CELL.match(c) for c in header):
            mark_column = next((i for i, c in enumerate(header) if _PRESENCE_COLUMN.match(c)), None)
            continue
        if "\t" not in line.stripped:
            name, role = split_name_role(line.stripped)
            out.append(Person(tidy_name(name), role, absent, side, line.no))
            continue
        row_absent = absent
        if mark_column is not None:
            mark = raw_cells[mark_column] if mark_column < len(raw_cells) else ""
            row_absent = absent or not _MARK.match(mark)
            raw_cells = [c for i, c in enumerate(raw_cells) if i != mark_column]
        cells = [c for c in raw_cells if c]
        if len(cells) >= 2 and looks_like_name(cells[0], ROLE_WORDS) is False and looks_like_name(cells[-1]):
            cells = [cells[-1], *cells[:-1]]  # role first, name last
        if cells:
            out.append(Person(tidy_name(cells[0]), ", ".join(cells[1:]), row_absent, side, line.no))
    return out


def read_persons(st: ParseState, lines: list[Line], *, absent: bool, side: str) -> list[Person]:
    content = [line for line in lines if not line.blank]
    if not content:
        return []
    out: list[Person] = []
    if any("\t" in line.text for line in content):
        return table_persons(st, content, absent=absent, side=side)
    joined = " ".join(line.stripped for line in content)
    split_inline = [split_name_role(line.stripped) for line in content]
    one_a_line = all(
        role
        and looks_like_name(n, ROLE_WORDS)
        and not any(looks_like_name(p.strip(), ROLE_WORDS) for p in split_top_level(role))
        for n, role in split_inline
    )
    if one_a_line:
        # one person a line: "Anna Berg, förvaltningsdirektör" or "Anna Berg – Vision"
        return [
            Person(tidy_name(n), r, absent, side, line.no) for (n, r), line in zip(split_inline, content, strict=True)
        ]
    commas = joined.count(",") + joined.count(";")
    parts = split_top_level(joined)
    names_only = len(parts) >= 2 and all(looks_like_name(p, ROLE_WORDS) for p in parts)  # "A, B och C"
    if len(content) <= 3 and ((commas >= 1 and "(" in joined) or commas >= 2 or names_only):
        return inline_persons(st, joined, content[0].no, absent=absent, side=side)
    names = [line for line in content if looks_like_name(split_name_role(line.stripped)[0], ROLE_WORDS)]
    roles = [line for line in content if line not in names]
    if names and len(names) == len(roles) and content[: len(names)] == names:
        for name_line, role_line in zip(names, roles, strict=True):
            out.append(Person(name_line.stripped, role_line.stripped, absent, side, name_line.no))
        st.report.recognised("attendees", say("import.r.two_blocks", n=len(names)), at_line(content[0].no))
        return out
    # name, role, name, role … or names alone
    i = 0
    while i < len(content):
        line = content[i]
        name, role = split_name_role(line.stripped)
        nxt = content[i + 1] if i + 1 < len(content) else None
        if not role and nxt is not None and nxt not in names and looks_like_name(name, ROLE_WORDS):
            out.append(Person(name, nxt.stripped, absent, side, line.no))
            i += 2
            continue
        out.append(Person(name, role, absent, side, line.no))
        if not looks_like_name(name, ROLE_WORDS):
            st.report.check("attendee", say("import.r.not_a_name", text=line.stripped), at_line(line.no))
        i += 1
    if len(names) != len(roles) and roles and names:
        st.report.check(
            "attendees", say("import.r.names_and_roles", names=len(names), roles=len(roles)), at_line(content[0].no)
        )
    return out


def inline_persons(st: ParseState, text: str, line_no: int, *, absent: bool, side: str) -> list[Person]:
    parts = split_top_level(text)
    out: list[Person] = []
    has_parens = "(" in text
    for part in parts:
        m = re.match(r"^(.*?)\s*\((.*)\)\s*$", part)
        if m:
            out.append(Person(m.group(1).strip(), m.group(2).strip(), absent, side, line_no))
            continue
        if not has_parens and out and not looks_like_name(part, ROLE_WORDS) and not out[-1].role:
            out[-1].role = part  # "Anna Berg, förvaltningschef, Karin Ek, Kommunal"
            continue
        out.append(Person(part, "", absent, side, line_no))
    st.report.recognised("attendees", say("import.r.one_line", n=len(out)), at_line(line_no))
    return out


def resolve_attendance(st: ParseState, meeting: Meeting, raws: list[RawItem]) -> None:
    """Attendees from the persons of the head: presence per item, party, chair and secretary from roles."""
    labels, by_top = _item_labels(raws)
    taken: list[str] = []
    chair_from_roles = ""
    secretary_from_roles = ""
    for person in st.persons_raw:
        attendee = Attendee(id=new_id(person.name, taken), name=person.name, absent=person.absent)
        attendee.guest = person.guest
        taken.append(attendee.id)
        where = at_line(person.line_no)
        role = _absence(attendee, person.role)
        role = _presence(st, attendee, role, labels, by_top, where)
        role = _party(st, person, attendee, role, where)
        segments = [s.strip() for s in role.split(",")]
        if any(CHAIR.match(s) for s in segments) and not st.parties.unions_in(role):
            chair_from_roles = chair_from_roles or person.name
        if any(SECRETARY.match(s) for s in segments):
            secretary_from_roles = secretary_from_roles or person.name
        attendee.role = role
        meeting.attendees.append(attendee)
        if attendee.party == EMPLOYER and not attendee.absent:
            # someone from the employer's side who came for one item presented it
            for item_id in attendee.items:
                meeting.item(item_id).presenters.append(attendee.name)
    present = meeting.present
    employer = sum(1 for a in present if a.party == EMPLOYER)
    counts = {"n": len(present), "employer": employer, "unions": len(present) - employer}
    if meeting.absent:
        st.report.recognised("attendees", say("import.r.present_absent", **counts, absent=len(meeting.absent)))
    else:
        st.report.recognised("attendees", say("import.r.present", **counts))
    pre = st.preamble
    chair = first_value(pre, "ordförande", "mötesordförande", "ordf") or chair_from_roles or st.chair_sig
    secretary = (
        first_value(pre, "sekreterare", "sekr", "protokollförare", "vid protokollet", "antecknare")
        or secretary_from_roles
        or st.secretary_sig
    )
    meeting.chair = known_name(st, meeting, chair)
    meeting.secretary = known_name(st, meeting, secretary)


def _item_labels(raws: list[RawItem]) -> tuple[dict[str, str], dict[str, RawItem]]:
    """Every way a protocol may name an item ("4 a", "4.1", "§ 12") → its id; and the top items by number."""
    labels: dict[str, str] = {}
    for raw in raws:
        if raw.item:
            labels[normalise_number(raw.label)] = raw.item.id
            labels[normalise_number(str(raw.number))] = raw.item.id
        for child in raw.children:
            if child.item:
                letter = chr(ord("a") + child.number - 1)
                labels[normalise_number(f"{raw.number} {letter}")] = child.item.id
                labels[normalise_number(f"{raw.number}.{child.number}")] = child.item.id
                labels[normalise_number(child.label)] = child.item.id
    return labels, {normalise_number(str(raw.number)): raw for raw in raws}


def _absence(attendee: Attendee, role: str) -> str:
    """ "Per Ek, Vision, frånvarande": absence written at the end of the line."""
    segments = [s.strip() for s in role.split(",")]
    kept = [s for s in segments if not ABSENT_IN_ROLE.match(s)]
    if len(kept) != len(segments):
        attendee.absent = True
        return ", ".join(kept)
    return role


def _presence(
    st: ParseState, attendee: Attendee, role: str, labels: dict[str, str], by_top: dict[str, RawItem], where: Said
) -> str:
    """ "från punkt 5", "punkt 3 a och b", "§ 14" in a role: the items attended, taken out of the role."""
    name = attendee.name
    m = PRESENCE_FROM.search(role)
    if m:
        ref = item_ref(st, m.group(1), labels, by_top, name, where)
        if ref:
            attendee.from_item = ref
            role = (role[: m.start()] + role[m.end() :]).strip(" ,")
    m = PRESENCE.search(role)
    refs: list[str] = []
    if m:
        refs = expand_refs(m.group(1))
    else:
        tail = PRESENCE_TAIL.search(role)
        if tail and not st.parties.unions_in(role[: tail.start()] or "x"):
            m = tail
            refs = expand_refs(tail.group(1))
    if m and refs:
        ids = [r for ref in refs if (r := item_ref(st, ref, labels, by_top, name, where))]
        if ids:
            attendee.items = list(dict.fromkeys(ids))
            role = (role[: m.start()] + role[m.end() :]).strip(" ,")
    return role


def _party(st: ParseState, person: Person, attendee: Attendee, role: str, where: Said) -> str:
    """The union named in the role, or the one of the section; an unknown union is reported, not guessed."""
    unions = st.parties.unions_in(role)
    name = person.name
    if unions:
        attendee.party = unions[0].party
        if len(unions) > 1:
            st.report.check("attendee", say("import.r.many_unions", name=name, role=role, party=attendee.party), where)
        if person.side_hint == "employer":
            st.report.check("attendee", say("import.r.employer_union", name=name, party=attendee.party), where)
    elif person.side_hint.startswith("party:"):
        attendee.party = person.side_hint.split(":", 1)[1]
    elif person.side_hint.startswith("unknown:"):
        named = person.side_hint.split(":", 1)[1]
        if fold(named) not in fold(role):
            role = f"{role}, {named}".strip(" ,")  # the union's name stays with the person
        st.report.check("attendee", say("import.r.unknown_union", name=name, union=named), where)
    elif person.side_hint == "union":
        st.report.check("attendee", say("import.r.union_unknown", name=name, role=role), where)
    return role


def item_ref(
    st: ParseState, ref: str, labels: dict[str, str], by_top: dict[str, RawItem], name: str, where: Said
) -> str:
    key = normalise_number(ref)
    if key in labels:
        return labels[key]
    top = key.split(" ")[0]
    fallback = by_top[top].item if top in by_top else None
    if fallback:
        st.report.check("attendee", say("import.r.no_item_fallback", name=name, ref=ref.strip(), top=top), where)
        return fallback.id
    st.report.check("attendee", say("import.r.no_item", name=name, ref=ref.strip()), where)
    return ""


def known_name(st: ParseState, meeting: Meeting, name: str) -> str:
    name = name.strip()
    if not name:
        return ""
    for attendee in meeting.attendees:
        if fold(attendee.name) == fold(name) or fold(attendee.name).startswith(fold(name) + " "):
            return attendee.name
    return name
