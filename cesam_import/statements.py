"""Sentences of an item: statements of a party, employer answers, proposals, follow-ups."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from store.core.ids import new_id, slug
from store.core.model import (
    ALL_UNIONS,
    EMPLOYER,
    FollowUp,
    Item,
    ItemKind,
    OutcomeKind,
    Statement,
    StatementKind,
)

from .bilagor import attach_bilaga, bilaga_numbers
from .body import Unit, render_body
from .followups import DUE_TAIL
from .lines import shorten
from .outcomes import DECIDED_UNCLEAR, INFO, INFO_FILED, INFO_WEAK, outcome_of, set_outcome
from .parties import PartyMatch
from .said import Said, say
from .state import ParseState, RawItem
from .text import (
    fold,
    split_sentences,
)

ANSWER_INSIDE = re.compile(r"^(.*?),?\s+(?:där|varpå|och)\s+arbetsgivaren\s+(svar\w*\s.*)$", re.I)


PROPOSAL_HEADING = re.compile(r"^(?:förslag till beslut|arbetsgivarens förslag|beslutsförslag)\b", re.I)


PROPOSAL_SENTENCE = re.compile(
    r"^(?:förslag(?:et)? (?:lämnades|innebär|är|om att|till beslut (?:är|innebär|lämnades|lyder))|"
    r"arbetsgivarens förslag (?:är|innebär|lämnades)|arbetsgivaren föreslår att)",
    re.I,
)


FOLLOW_UP = re.compile(
    r"\båterkommer\b|\båterkomma\b|\båterkoppl(?:ar|a|as|ade)\b|\ben återkoppling\b|\båterrapporter|\bavser att (?:informera|återkomma|redovisa|ta upp|presentera)|"
    r"\bkommer att (?:lyfta|informera|redovisa|återkomma|ta upp|presentera|återkoppla|utreda)|\btar med sig\b|"
    r"\bkommer (?:vid|på) (?:nästa|kommande) (?:möte|sammanträde)|\bkommer att ha löpande information|"
    r"\bska utreda|\butreder frågan|\btas upp (?:vid|på) (?:nästa|kommande)|\bredovisas (?:när|vid|på)",
    re.I,
)


QUESTION_VERBS = re.compile(
    r"^(?:har\s+|hade\s+)?(?:efter)?fråg|^undr|^ställ\w*\s+(?:en\s+)?fråga|^vill veta|^begär", re.I
)


STATEMENT_VERB = re.compile(
    r"^(?:har\s+|hade\s+|vill\s+|ville\s+|kan\s+|gärna\s+)?(?:efter)?fråg|^(?:har\s+|hade\s+)?"
    r"(?:undr|ans[eå]|påtal|påpek|ser\b|såg\b|lyft|framför|betona|understr|vill|ville|befar|föresl|ställ|önsk|men[ae]r|menade|"
    r"tyck|uttryck|poängter|yrka|reserv|begär|konstater|delar\b|saknar|informer|tar upp|tog upp|tackar|tackade|välkomna|"
    r"protokollsantecknar|lämnade|vidhåller|hävdar|hävdade|efterlyser|efterlyste|oroa|är (?:positiv|negativ|kritisk|orolig|tveksam|"
    r"emot|för)|var (?:positiv|negativ|kritisk|orolig|tveksam)|hade synpunkter|har synpunkter|instämm|stödjer|stödde|"
    r"anmäl|noterar|noterade|påminner|påminde|efterfråg)",
    re.I,
)


UNKNOWN_SPEAKER = re.compile(
    r"^([A-ZÅÄÖ][\wåäö-]+(?:\s+[A-ZÅÄÖ][\wåäö-]+){0,2})\s+(anser|ansåg|frågade|frågar|efterfrågade|efterfrågar|påtalade|"
    r"lyfte|vill gärna|vill att|yrkar|yrkade|reserverar|reserverade|undrade|undrar|framförde|påpekade)\b"
)


NOT_SPEAKERS = {
    "det",
    "den",
    "detta",
    "denna",
    "vi",
    "de",
    "han",
    "hon",
    "man",
    "parterna",
    "information",
    "protokollet",
}


INTRO_LIST = re.compile(
    r"(lyft|ställt|ställde|tagit upp|tog upp|framfört|framförde|följande frågor|följande synpunkter)", re.I
)


LEAD_WORDS = re.compile(r"^(?:även|vidare|därefter|sedan|dessutom|slutligen|också)\s+", re.I)


def statement_kind(rest: str, sentence: str, *, union: bool = False) -> StatementKind:
    folded = sentence.casefold()
    if "protokollsanteckning" in folded or "protokollsantecknar" in folded:
        return StatementKind.PROTOCOL_NOTE
    if re.search(r"\breserver", folded):
        return StatementKind.RESERVATION
    if re.search(r"\byrka", folded) or (union and re.search(r"\bföreslår\b|\bföreslog\b", folded)):
        return StatementKind.MOTION
    if QUESTION_VERBS.match(rest.strip()) or (rest.strip().endswith("?") and not STATEMENT_VERB.match(rest.strip())):
        return StatementKind.QUESTION
    if re.match(r"^(?:vill\s+)?(?:ha\s+)?(?:veta|få veta)", rest.strip(), re.I) or sentence.strip().endswith("?"):
        return StatementKind.QUESTION
    return StatementKind.VIEW


# How cesam's documents write a statement whose text begins with a capital: "Vision frågade: …"
_SAID_AS = re.compile(r"^(frågade|framförde|yrkade|reserverade sig|svarade)\s*:\s*(\S.*)$", re.I)
_SAID_KIND = {
    "frågade": StatementKind.QUESTION,
    "framförde": StatementKind.VIEW,
    "yrkade": StatementKind.MOTION,
    "reserverade sig": StatementKind.RESERVATION,
}


def said_as(rest: str, sentence: str) -> tuple[str, StatementKind]:
    """A statement's text and kind; "frågade: X" gives X and the kind the verb says."""
    m = _SAID_AS.match(rest)
    if m and m.group(1).casefold() in _SAID_KIND:
        return m.group(2), _SAID_KIND[m.group(1).casefold()]
    return rest, statement_kind(rest, sentence, union=True)


def continue_statement(statement: Statement, sentence: str) -> None:
    """A sentence that goes on with the statement before it; a proposal in it makes it a motion."""
    statement.text = f"{statement.text} {sentence}".strip()
    if statement.party != ALL_UNIONS and re.search(r"\bföreslår\b|\byrkar\b", sentence, re.I):
        statement.kind = statement_kind(sentence, sentence, union=True)


def split_answer(statement: Statement) -> bool:
    """ "Administrativa frågor där arbetsgivaren svarar att …": the answer inside the sentence."""
    m = ANSWER_INSIDE.match(statement.text)
    if not m:
        return False
    statement.text = m.group(1).rstrip(" ,") + "."
    statement.answer = m.group(2).strip()
    return True


def strip_employer(sentence: str) -> str:
    """ "Arbetsgivaren svarade att …" → "svarade att …": the answer field already says whose it is."""
    m = re.match(r"^(?:[-–]\s*)?(?:arbetsgivaren|arbetsgivarsidan|arbetsgivarna)\s+(?=\w)", sentence, re.I)
    said = sentence[m.end() :] if m else sentence
    return re.sub(r"^svarade\s*:\s*", "", said, flags=re.I)  # "svarade: Ja." as cesam writes a capital answer


def analyse_item(
    st: ParseState, item: Item, raw: RawItem, units: list[Unit], heading_statement: Statement | None
) -> None:
    """Place each sentence: statement, answer, outcome, proposal or body; follow-ups are noted on the side."""
    reading = _Reading(st, item, raw, heading_statement)
    for unit in units:
        reading.unit(unit)
    reading.finish(units)


@dataclass
class _Sentence:
    text: str
    body: str  # without a leading "Även", "Vidare" …
    start: PartyMatch | None  # the party it begins with
    outcome: tuple[OutcomeKind, str, list[str]] | None
    follow: bool  # says that something is owed
    first: bool  # the first sentence of its unit

    @property
    def by_employer(self) -> bool:
        return self.start is not None and self.start.party == EMPLOYER


class _Reading:
    """The sentences of one item in order; each rule that can take a sentence is a method."""

    def __init__(self, st: ParseState, item: Item, raw: RawItem, heading_statement: Statement | None) -> None:
        self.st, self.item, self.raw = st, item, raw
        self.statement = heading_statement
        self.in_answer = False
        self.list_party: str | None = None
        self.list_kind = StatementKind.VIEW
        self.outcomes: list[tuple[OutcomeKind, str, list[str], bool]] = []
        self.last_was_statement = heading_statement is not None
        self.in_proposal = False
        self.weak_info = bool(INFO_WEAK.search(raw.heading)) or bool(INFO.search(raw.heading))
        self.started = False  # the current unit started a statement

    def unit(self, unit: Unit) -> None:
        for number in bilaga_numbers(unit.text):
            attach_bilaga(self.st, self.item, number, self.raw)
        if unit.kind == "table":
            unit.kept = [unit.text]
            unit.proposal_from = 0 if self.in_proposal else None
            self.statement, self.in_answer, self.last_was_statement = None, False, False
            return
        if unit.new_block and unit.kind == "para":
            self.list_party = None
        if unit.kind == "para" and PROPOSAL_HEADING.match(unit.text) and not unit.text.rstrip().endswith("."):
            self.in_proposal = True
        self.started = False
        for index, text in enumerate(split_sentences(unit.text) if unit.kind != "list" else [unit.text]):
            sentence = self._read(text, index == 0)
            taken = (
                self._answer(sentence)
                or self._outcome(sentence)
                or self._statement(sentence, unit)
                or self._list_entry(sentence, unit)
                or self._continuation(sentence)
            )
            if not taken:
                self._body(sentence, unit)
        self.last_was_statement = self.statement is not None

    def _read(self, text: str, first: bool) -> _Sentence:
        body = LEAD_WORDS.sub("", text)
        start = self.st.parties.at_start(body)
        outcome = outcome_of(text)
        union_says = start is not None and start.party not in (EMPLOYER, ALL_UNIONS)
        postpones_or_decides = outcome is not None and outcome[0] in (OutcomeKind.POSTPONED, OutcomeKind.DECISION)
        if (
            union_says
            and postpones_or_decides
            and start is not None
            and STATEMENT_VERB.match(body[start.end :].strip())
        ):
            outcome = None  # "Vision yrkar att beslutet skjuts upp" is a motion, not what was decided
        return _Sentence(text, body, start, outcome, bool(FOLLOW_UP.search(text)), first)

    def _answer(self, s: _Sentence) -> bool:
        """An employer's sentence right after a union's statement is the answer."""
        statement = self.statement
        if statement is None:
            return False
        answering = s.by_employer or (self.in_answer and not s.first and s.start is None)
        weak = s.outcome is None or s.outcome[0] == OutcomeKind.INFORMATION_RECEIVED
        if not (answering and (self.last_was_statement or not s.first) and weak):
            return False
        said = strip_employer(s.text) if not statement.answer else s.text
        statement.answer = f"{statement.answer} {said}".strip()
        self.in_answer = True
        if s.follow:
            add_follow_up(self.st, self.item, s.text, EMPLOYER, self.raw)
        return True

    def _outcome(self, s: _Sentence) -> bool:
        outcome = s.outcome
        if self.in_proposal and outcome is not None and outcome[0] == OutcomeKind.DECISION:
            outcome = None  # "Beslutet innebär att …" inside a proposal describes it, it records nothing
        if outcome is None:
            if INFO_WEAK.search(s.text):
                self.weak_info = True
            return False
        if outcome[0] != OutcomeKind.INFORMATION_RECEIVED:
            self.outcomes.append((*outcome, True))
            self.statement, self.in_answer, self.in_proposal = None, False, False
            if s.follow:
                add_follow_up(self.st, self.item, s.text, EMPLOYER, self.raw)
            return True
        consumed = bool(INFO_FILED.search(s.text)) and len(s.text) < 120
        self.outcomes.append((*outcome, consumed))
        if consumed:
            self.statement, self.in_answer = None, False
        return consumed

    def _statement(self, s: _Sentence, unit: Unit) -> bool:
        """ "Vision anser …": a statement of a union; later sentences by the same union go on with it."""
        start = s.start
        speaker = start.party if start and start.party != EMPLOYER else None
        if speaker is None or start is None:
            return False
        rest = s.body[start.end :].strip()
        statement = self.statement
        if statement is not None and statement.party == speaker and self.started and not s.first and not self.in_answer:
            continue_statement(statement, s.text)  # "Vision ser … Vision föreslår därför …": one statement
            return True
        if not (STATEMENT_VERB.match(rest) and (s.first or unit.kind == "para")):
            return False
        text, kind = said_as(rest, s.text)
        statement = Statement(
            id=new_id(slug(speaker), [x.id for x in self.item.statements]), party=speaker, kind=kind, text=text
        )
        self._add(
            statement,
            say("import.r.statement", party=speaker, kind=say(f"statement.{statement.kind}"), text=shorten(s.text)),
        )
        self.in_proposal = False
        if s.follow:
            add_follow_up(self.st, self.item, s.text, speaker, self.raw)
        return True

    def _list_entry(self, s: _Sentence, unit: Unit) -> bool:
        """Each bullet after "Vision lyfte följande frågor:" is a statement of Vision."""
        party = self.list_party
        if not (party and unit.kind in ("bullet", "list") and s.first):
            return False
        statement = Statement(
            id=new_id(slug(party), [x.id for x in self.item.statements]), party=party, kind=self.list_kind, text=s.text
        )
        self._add(
            statement,
            say(
                "import.r.statement_listed", party=party, kind=say(f"statement.{self.list_kind}"), text=shorten(s.text)
            ),
        )
        return True

    def _add(self, statement: Statement, message: Said) -> None:
        self.item.statements.append(statement)
        self.statement = statement
        self.in_answer = split_answer(statement)
        self.started = True
        self.st.report.recognised("statement", message, self.raw.where)

    def _continuation(self, s: _Sentence) -> bool:
        statement = self.statement
        if statement is None or s.first or s.start is not None or not (self.started or self.in_answer):
            return False
        if self.in_answer:
            statement.answer = f"{statement.answer} {s.text}".strip()
        else:
            continue_statement(statement, s.text)
        return True

    def _body(self, s: _Sentence, unit: Unit) -> None:
        """Text of the item; a proposal from "Förslag till beslut" on; an intro of a union's list noted."""
        if s.follow and (s.start is None or s.by_employer):
            add_follow_up(self.st, self.item, s.text, EMPLOYER, self.raw)
        if s.text.rstrip().endswith(":") and unit.kind == "para":
            named = self.st.parties.unions_in(s.text)
            if len(named) == 1 and INTRO_LIST.search(s.text):
                self.list_party = named[0].party
                self.list_kind = StatementKind.QUESTION if "fråg" in s.text.casefold() else StatementKind.VIEW
        unknown_speaker(self.st, s.body, self.raw)
        if unit.kind == "para" and PROPOSAL_SENTENCE.match(s.body):
            self.in_proposal = True
        if self.in_proposal and unit.proposal_from is None:
            unit.proposal_from = len(unit.kept)  # the proposal may start inside a line
        unit.kept.append(s.text)
        self.statement, self.in_answer = None, False

    def finish(self, units: list[Unit]) -> None:
        st, item, raw = self.st, self.item, self.raw
        if re.search(r"restlist|uppföljningslist|ärendelist|bevakningslist", item.title, re.I):
            restlist_followups(st, item, units, raw)
        informative = item.kind in (ItemKind.INFORMATION, ItemKind.PROCUREMENT) and not raw.children
        has_content = any(u.kept for u in units) or item.attachments or item.statements
        body_said = [s for u in units for s in u.part(proposal=False).kept]  # a proposal's words decide nothing
        outcomes = self.outcomes
        if not outcomes and any(DECIDED_UNCLEAR.search(s) for s in body_said) and item.kind != ItemKind.DECISION:
            st.report.check("outcome", say("import.r.decision_unread"), raw.where)
        elif not outcomes and (
            (self.weak_info and item.kind == ItemKind.OTHER_BUSINESS) or (informative and has_content)
        ):
            outcomes.append((OutcomeKind.INFORMATION_RECEIVED, "", [], False))
        set_outcome(st, item, outcomes, raw)
        item.body = render_body([u.part(proposal=False) for u in units])
        item.proposal = render_body([u.part(proposal=True) for u in units])
        if item.proposal:
            st.report.recognised("proposal", say("import.r.proposal", text=shorten(item.proposal)), raw.where)
        kept_units = [u for u in units if u.part(proposal=False).kept]
        if kept_units:
            paragraphs = sum(1 for u in kept_units if u.new_block or u is kept_units[0])
            lines = say("import.r.rows.one" if len(kept_units) == 1 else "import.r.rows.many", n=len(kept_units))
            blocks = say("import.r.paragraphs.one" if paragraphs == 1 else "import.r.paragraphs.many", n=paragraphs)
            st.report.text("body", say("import.r.body", lines=lines, blocks=blocks), raw.where)


def restlist_followups(st: ParseState, item: Item, units: list[Unit], raw: RawItem) -> None:
    """Each entry of a restlista is an open follow-up; an entry that only heads sub-entries is not."""
    entries = [u for u in units if u.kind in ("list", "bullet") and u.kept]
    for index, unit in enumerate(entries):
        following = entries[index + 1] if index + 1 < len(entries) else None
        if following is not None and following.indent > unit.indent and len(split_sentences(unit.text)) == 1:
            continue
        text = re.sub(r"^(?:[-–•*]\s*)?(?:\d{1,2}|[a-zåäö])[.)]\s+", "", " ".join(unit.kept))
        add_follow_up(st, item, text, EMPLOYER, raw)


def unknown_speaker(st: ParseState, sentence: str, raw: RawItem) -> None:
    unknown = UNKNOWN_SPEAKER.match(sentence)
    if not unknown or unknown.group(1).casefold() in NOT_SPEAKERS:
        return
    if st.parties.canonical(unknown.group(1)) is not None or st.parties.at_start(sentence) is not None:
        return
    if fold(unknown.group(1)) in {fold(p.name.split()[0]) for p in st.persons_raw if p.name}:
        return
    st.report.check("speaker", say("import.r.unknown_speaker", name=unknown.group(1)), raw.where)


def add_follow_up(st: ParseState, item: Item, sentence: str, owner: str, raw: RawItem) -> None:
    if item.id in st.tracked_items or any(f.text == sentence.strip() for f in item.followups):
        return
    due = DUE_TAIL.search(sentence)
    if due:  # "Arbetsgivaren återkommer (senast 2024-05-01)." as cesam writes a follow-up with a date
        sentence = sentence[: due.start()] + sentence[due.end() :]
    followup = FollowUp(id=new_id(sentence[:24], [f.id for f in item.followups]), text=sentence.strip(), owner=owner)
    item.followups.append(followup)
    if due:
        followup.due = dt.date.fromisoformat(due.group(1))
    else:
        st.when_later.append((followup, sentence))
    st.report.recognised("followup", say("import.r.followup", owner=owner, text=shorten(sentence)), raw.where)
