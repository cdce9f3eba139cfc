"""Items from their raw lines: titles, kinds, raised-by, bilaga references."""

from __future__ import annotations

import re

from store.core.ids import new_id, slug
from store.core.model import (
    ALL_UNIONS,
    EMPLOYER,
    Item,
    ItemKind,
    Meeting,
    OutcomeKind,
    Statement,
    StatementKind,
)

from .bilagor import attach_bilaga, bilaga_numbers
from .body import Unit, to_units
from .followups import take_tracked
from .kinds import item_kind
from .lines import Line, shorten
from .mbl import take_mbl
from .said import at_line, say
from .state import ParseState, RawItem
from .statements import add_follow_up, analyse_item, statement_kind
from .text import (
    split_sentences,
    strip_emphasis,
    truncate_title,
)

TITLE_FROM = [
    re.compile(r"^(?:information|info) (?:lämnades|gavs) (?:om|kring|gällande|avseende) (?!att\b)(.+)$", re.I),
    re.compile(
        r"^arbetsgivaren (?:samverkade|informerade om|redovisade|presenterade)"
        r"(?: sitt förslag(?: till beslut)? (?:avseende|om|gällande))? (?!att\b|om att\b)(.+)$",
        re.I,
    ),
    re.compile(r"^(.+?) (?:lämnades|redovisades|presenterades|föreslås|föreslogs)$", re.I),
]


BILAGA_TITLE_TAIL = re.compile(r"[,(]?\s*(?:se\s+)?bilag(?:a|or)\s+\d+(?:\s*(?:,|och|-|–)\s*\d+)*\)?\s*[.:]?\s*$", re.I)


RAISED_BY = re.compile(
    r"^(?:anmäld|anmält|anmälda|fråga|frågor|väckt|väckta|inlämnad|inlämnat|inkommen|inkommit|punkt|ärende)\s+"
    r"(?:av|från)\s+(.+?)\s*[:–-]\s*(.*)$",
    re.I,
)


# "Vision: Vill lyfta …" / "Vision: Vision ser att …": the union's own words after its name, as the
# 2022 seed's § 7 writes a question (and cesam's documents print a text that repeats the name)
PARTY_SAID = re.compile(r"^([^\W\d][^:.!?]{0,60}?)\s*:\s+(\S.*)$", re.S)


FOLLOW_UP_TITLE = re.compile(r"\bkommer (?:vid|på) (?:nästa|kommande) (?:möte|sammanträde)|\båterkommer\b", re.I)


def title_and_rest(text: str, *, limit: int) -> tuple[str, str]:
    """A title from a heading line; a long line gives its first sentence, the rest is body."""
    text = text.strip()
    if len(text) <= limit and len(split_sentences(text)) <= 1:
        return text.rstrip("."), ""
    sentences = split_sentences(text)
    first = sentences[0] if sentences else text
    rest = text[len(first) :].strip()
    title, cut = truncate_title(first.rstrip("."), limit)
    if cut:
        return title, text  # keep the whole line as body: nothing is lost in a cut title
    return title, rest


def build_items(st: ParseState, raws: list[RawItem], meeting: Meeting) -> None:
    taken: list[str] = []
    if st.leftover_head and not raws:
        # no numbered items at all: the text is kept as one item for the secretary to divide
        first_no = st.leftover_head[0].no
        raws.append(RawItem(label="1", number=1, title="Protokolltext", line_no=first_no, heading="Protokolltext"))
        st.report.check("items", say("import.r.no_items"))
    if st.leftover_head and raws:
        first = raws[0]
        first.lines[:0] = [*st.leftover_head, Line(st.leftover_head[-1].no, "")]
        for line in st.leftover_head:
            said = say("import.r.before_first", where=first.where, text=line.stripped[:70])
            st.report.text("head", said, at_line(line.no))
    for raw in raws:
        for r in (raw, *raw.children):
            item = build_item(st, r, taken)
            taken.append(item.id)
            meeting.items.append(item)


def build_item(st: ParseState, raw: RawItem, taken: list[str]) -> Item:
    parent = raw.parent
    heading = strip_emphasis(raw.heading)
    units: list[Unit] = []
    raised_by = ""
    heading_statement: Statement | None = None
    if parent is None:
        title, rest = title_and_rest(heading, limit=120)
        kind = item_kind(title, st.group)
    else:
        parent_kind = parent.item.kind if parent.item else item_kind(parent.title, st.group)
        kind = (
            parent_kind
            if parent_kind in (ItemKind.UNION_QUESTION, ItemKind.PROCUREMENT, ItemKind.NEGOTIATION)
            else ItemKind.INFORMATION
        )
        raised_by, said = read_raised_by(st, heading) if kind == ItemKind.UNION_QUESTION else ("", heading)
        title, rest = sub_title(st, said, raised_by)
        if raised_by:
            start = st.parties.at_start(said)
            text = said[start.end :].strip(" :") if start and start.party == raised_by else said
            heading_statement = raised_question(raised_by, text, statement_kind(text, said, union=True))
            rest = ""
    raw.title = title
    item = Item(
        id=new_id(title or "punkt", taken),
        title=title,
        parent=parent.item.id if parent and parent.item else "",
        kind=kind,
        raised_by=raised_by,
    )
    if st.group is not None:
        for standing in st.group.standing_items:
            if standing.title.strip().casefold() == title.casefold() and standing.purpose:
                item.purpose = standing.purpose
    raw.item = item
    units.extend(to_units([Line(raw.line_no, rest), *raw.lines] if rest else raw.lines))
    if heading_statement is not None:
        add_raised(st, item, raw, heading_statement)
    for number in bilaga_numbers(raw.heading):
        attach_bilaga(st, item, number, raw)
    units = take_tracked(st, item, units, raw)
    mbl = take_mbl(st, item, units, raw)
    units = mbl.units
    if item.kind == ItemKind.UNION_QUESTION and parent is not None and not raised_by and units:
        heading_statement, units = raised_in_body(st, item, units, raw)
    analyse_item(st, item, raw, units, heading_statement)
    if item.outcome.kind == OutcomeKind.NONE and mbl.closed != OutcomeKind.NONE:
        item.outcome.kind = mbl.closed  # "Förhandlingen förklaras avslutad i oenighet" records the outcome
    if parent is None and FOLLOW_UP_TITLE.search(heading):
        add_follow_up(st, item, heading, EMPLOYER, raw)
    negotiable = item.kind == ItemKind.INFORMATION or (parent is not None and item.kind == ItemKind.PROCUREMENT)
    if negotiable and not mbl.basis and item.outcome.kind in (OutcomeKind.AGREEMENT, OutcomeKind.DISAGREEMENT):
        item.kind = ItemKind.NEGOTIATION
    return item


def raised_in_body(st: ParseState, item: Item, units: list[Unit], raw: RawItem) -> tuple[Statement | None, list[Unit]]:
    """ "Anmäld av Vision: Hur …?" as the first paragraph of a union question: who raised it, and what."""
    m = RAISED_BY.match(units[0].text) or PARTY_SAID.match(units[0].text)
    named = m.group(1) if m else re.sub(r"^anmäld av\s+(.+?)\.$", r"\1", units[0].text, flags=re.I)
    party = st.parties.canonical(named) if (m or named != units[0].text) else None
    if party in (EMPLOYER, ALL_UNIONS):
        party, m = None, None  # "Arbetsgivaren: …" is text of the item, not a union's question
    if party is None:
        start = st.parties.at_start(units[0].text)
        if start is not None and start.party != EMPLOYER:
            item.raised_by = start.party  # "Vision efterfrågar …": the statement is read with the others
        return None, units
    item.raised_by = party
    st.place(units[0].line_no, "structure", raw.where)
    if m is None:
        return None, units[1:]
    text = m.group(2).strip()
    statement = raised_question(party, text, statement_kind(text, text, union=True))
    add_raised(st, item, raw, statement)
    return statement, units[1:]


def raised_question(party: str, text: str, kind: StatementKind) -> Statement:
    """What a union raised as a question of its own: a question unless the words say otherwise."""
    kind = kind if kind != StatementKind.VIEW else StatementKind.QUESTION
    return Statement(id=new_id(slug(party), []), party=party, kind=kind, text=text)


def add_raised(st: ParseState, item: Item, raw: RawItem, statement: Statement) -> None:
    item.statements.append(statement)
    kind = say(f"statement.{statement.kind}")
    said = say("import.r.statement_raised", party=statement.party, kind=kind, text=shorten(statement.text))
    st.report.recognised("statement", said, raw.where)


def sub_title(st: ParseState, said: str, raised_by: str) -> tuple[str, str]:
    """A sub-item's title from its first line; a formula ("Information lämnades om X") gives X."""
    sentences = split_sentences(said)
    first = sentences[0] if sentences else said
    bare = BILAGA_TITLE_TAIL.sub("", first.rstrip(".")).strip().rstrip(" ,:;") or first.rstrip(".")
    if raised_by:
        start = st.parties.at_start(bare)
        if start is not None:
            bare = bare[start.end :].strip(" :")
        derived = re.sub(
            r"^(?:efterfrågar|efterfrågade|frågar om|frågade om|frågar|frågade|vill lyfta behovet av|"
            r"vill lyfta frågan om|vill lyfta|lyfter|lyfte|undrar över|undrar|vill anmäla en punkt som avser|"
            r"vill anmäla|vill ta upp|tar upp)\s+(?:(?:ett|en)\s+)?",
            "",
            bare,
            flags=re.I,
        )
    else:
        derived = ""
        for pattern in TITLE_FROM:
            m = pattern.match(bare)
            if m:
                derived = m.group(1).strip()
                break
        if not derived and len(bare) > 90 and ", " in bare:
            head = bare.split(", ")[0]
            if len(head.split()) >= 3:
                derived = head
    if derived:
        title, _ = truncate_title(derived[:1].upper() + derived[1:], 110)
        return title, said  # the whole line stays as body text
    if bare != first.rstrip(".") and len(bare) <= 90:
        return bare, said[len(first) :].strip()  # "Allmänna ekonomifrågor, se bilaga 1": the bilaga is recorded
    return title_and_rest(said, limit=90)


def read_raised_by(st: ParseState, heading: str) -> tuple[str, str]:
    m = RAISED_BY.match(heading)
    if m:
        party = st.parties.canonical(m.group(1)) or next((p.party for p in st.parties.unions_in(m.group(1))), None)
        if party:
            return party, m.group(2).strip()
    head, sep, rest = heading.partition(":")
    if sep and (party := st.parties.canonical(head)):
        return party, rest.strip()
    start = st.parties.at_start(heading)
    if start and start.party != EMPLOYER:
        return start.party, heading
    m = re.search(r"\(([^()]+)\)\s*$", heading)
    if m and (party := st.parties.canonical(m.group(1))):
        return party, heading[: m.start()].strip()
    return "", heading
