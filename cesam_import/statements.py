"""Sentences of an item: statements of a party, employer answers, proposals, follow-ups."""

from __future__ import annotations

import datetime as dt
import re

from store.ids import new_id, slug
from store.model import (
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


KIND_SV = {
    StatementKind.QUESTION: "fråga",
    StatementKind.VIEW: "synpunkt",
    StatementKind.PROTOCOL_NOTE: "protokollsanteckning",
    StatementKind.RESERVATION: "reservation",
    StatementKind.MOTION: "yrkande",
}


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
    statement: Statement | None = heading_statement
    in_answer = False
    list_party: str | None = None
    list_kind = StatementKind.VIEW
    outcomes: list[tuple[OutcomeKind, str, list[str], bool]] = []
    last_was_statement = heading_statement is not None
    in_proposal = False
    weak_info = bool(INFO_WEAK.search(raw.heading)) or bool(INFO.search(raw.heading))
    for unit in units:
        for number in bilaga_numbers(unit.text):
            attach_bilaga(st, item, number, raw)
        if unit.kind == "table":
            unit.kept = [unit.text]
            unit.proposal_from = 0 if in_proposal else None
            statement, in_answer, last_was_statement = None, False, False
            continue
        if unit.new_block and unit.kind == "para":
            list_party = None
        if unit.kind == "para" and PROPOSAL_HEADING.match(unit.text) and not unit.text.rstrip().endswith("."):
            in_proposal = True
        sentences = split_sentences(unit.text) if unit.kind != "list" else [unit.text]
        unit_started_statement = False
        for index, sentence in enumerate(sentences):
            body_sentence = LEAD_WORDS.sub("", sentence)
            start = st.parties.at_start(body_sentence)
            outcome = outcome_of(sentence)
            union_says = start is not None and start.party not in (EMPLOYER, ALL_UNIONS)
            if union_says and outcome is not None and outcome[0] in (OutcomeKind.POSTPONED, OutcomeKind.DECISION):
                if STATEMENT_VERB.match(body_sentence[start.end :].strip()):  # type: ignore[union-attr]
                    outcome = None  # "Vision yrkar att beslutet skjuts upp" is a motion, not what was decided
            follow = bool(FOLLOW_UP.search(sentence))
            first_in_unit = index == 0
            by_employer = start is not None and start.party == EMPLOYER
            # an employer's sentence right after a union's statement is the answer
            if (
                statement is not None
                and (by_employer or (in_answer and not first_in_unit and start is None))
                and (last_was_statement or not first_in_unit)
                and (outcome is None or outcome[0] == OutcomeKind.INFORMATION_RECEIVED)
            ):
                said = strip_employer(sentence) if not statement.answer else sentence
                statement.answer = f"{statement.answer} {said}".strip()
                in_answer = True
                if follow:
                    add_follow_up(st, item, sentence, EMPLOYER, raw)
                continue
            if in_proposal and outcome is not None and outcome[0] == OutcomeKind.DECISION:
                outcome = None  # "Beslutet innebär att …" inside a proposal describes it, it records nothing
            if outcome is not None and outcome[0] != OutcomeKind.INFORMATION_RECEIVED:
                outcomes.append((*outcome, True))
                statement, in_answer, in_proposal = None, False, False
                if follow:
                    add_follow_up(st, item, sentence, EMPLOYER, raw)
                continue
            if outcome is not None:
                consumed = bool(INFO_FILED.search(sentence)) and len(sentence) < 120
                outcomes.append((*outcome, consumed))
                if consumed:
                    statement, in_answer = None, False
                    continue
            elif INFO_WEAK.search(sentence):
                weak_info = True
            speaker = start.party if start and start.party != EMPLOYER else None
            rest = body_sentence[start.end :].strip() if start else ""
            same = speaker and statement is not None and statement.party == speaker and unit_started_statement
            if same and statement is not None and not first_in_unit and not in_answer:
                continue_statement(statement, sentence)  # "Vision ser … Vision föreslår därför …": one statement
                continue
            if speaker and STATEMENT_VERB.match(rest) and (first_in_unit or unit.kind == "para"):
                text, kind = said_as(rest, sentence)
                statement = Statement(
                    id=new_id(slug(speaker), [s.id for s in item.statements]),
                    party=speaker,
                    kind=kind,
                    text=text,
                )
                item.statements.append(statement)
                in_answer, in_proposal = split_answer(statement), False
                unit_started_statement = True
                st.report.recognised(
                    "statement", f"{speaker} ({KIND_SV[statement.kind]}): {shorten(sentence)}", raw.where
                )
                if follow:
                    add_follow_up(st, item, sentence, speaker, raw)
                continue
            if list_party and unit.kind in ("bullet", "list") and first_in_unit:
                statement = Statement(
                    id=new_id(slug(list_party), [s.id for s in item.statements]),
                    party=list_party,
                    kind=list_kind,
                    text=sentence,
                )
                item.statements.append(statement)
                in_answer = split_answer(statement)
                unit_started_statement = True
                st.report.recognised(
                    "statement", f"{list_party} ({KIND_SV[list_kind]}, ur listan): {shorten(sentence)}", raw.where
                )
                continue
            if statement is not None and not first_in_unit and start is None and (unit_started_statement or in_answer):
                if in_answer:
                    statement.answer = f"{statement.answer} {sentence}".strip()
                else:
                    continue_statement(statement, sentence)
                continue
            if follow and (start is None or by_employer):
                add_follow_up(st, item, sentence, EMPLOYER, raw)
            if sentence.rstrip().endswith(":") and unit.kind == "para":
                named = st.parties.unions_in(sentence)
                if len(named) == 1 and INTRO_LIST.search(sentence):
                    list_party = named[0].party
                    list_kind = StatementKind.QUESTION if "fråg" in sentence.casefold() else StatementKind.VIEW
            unknown_speaker(st, body_sentence, raw)
            if unit.kind == "para" and PROPOSAL_SENTENCE.match(body_sentence):
                in_proposal = True
            if in_proposal and unit.proposal_from is None:
                unit.proposal_from = len(unit.kept)  # the proposal may start inside a line
            unit.kept.append(sentence)
            statement, in_answer = None, False
        last_was_statement = statement is not None
    if re.search(r"restlist|uppföljningslist|ärendelist|bevakningslist", item.title, re.I):
        restlist_followups(st, item, units, raw)
    informative = item.kind in (ItemKind.INFORMATION, ItemKind.PROCUREMENT) and not raw.children
    has_content = any(u.kept for u in units) or item.attachments or item.statements
    said = [s for u in units for s in u.part(proposal=False).kept]  # a proposal's words decide nothing
    if not outcomes and any(DECIDED_UNCLEAR.search(s) for s in said) and item.kind != ItemKind.DECISION:
        st.report.check("outcome", "texten talar om ett beslut som inte kunde läsas; utfallet lämnades tomt", raw.where)
    elif not outcomes and ((weak_info and item.kind == ItemKind.OTHER_BUSINESS) or (informative and has_content)):
        outcomes.append((OutcomeKind.INFORMATION_RECEIVED, "", [], False))
    set_outcome(st, item, outcomes, raw)
    item.body = render_body([u.part(proposal=False) for u in units])
    item.proposal = render_body([u.part(proposal=True) for u in units])
    if item.proposal:
        st.report.recognised("proposal", f"förslag till beslut: {shorten(item.proposal)}", raw.where)
    kept_units = [u for u in units if u.part(proposal=False).kept]
    if kept_units:
        paragraphs = sum(1 for u in kept_units if u.new_block or u is kept_units[0])
        lines = f"{len(kept_units)} rad" if len(kept_units) == 1 else f"{len(kept_units)} rader"
        blocks = "1 stycke" if paragraphs == 1 else f"{paragraphs} stycken"
        st.report.text("body", f"{lines} brödtext ({blocks})", raw.where)


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
    st.report.check(
        "speaker",
        f"{unknown.group(1)!r} låter som en part men finns inte i cesam.toml; meningen lämnades som text "
        "(lägg till förbundet eller ett alias i cesam.toml och importera igen)",
        raw.where,
    )


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
    st.report.recognised("followup", f"uppföljning ({owner}): {shorten(sentence)}", raw.where)
