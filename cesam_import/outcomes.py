"""Outcomes from the words protocols use: enighet, oenighet, beslut, bordlagt, information."""

from __future__ import annotations

import re

from store.core.model import (
    Item,
    Outcome,
    OutcomeKind,
)

from .said import say
from .state import ParseState, RawItem

DISAGREE = re.compile(r"\boeni(?:g|ga|ghet)\b|\b(?:inte|ej|icke) (?:var )?eniga?\b|\boenighet\b", re.I)


AGREE = re.compile(
    r"\benighet\b|\beniga\b|\benades\b|\bsamverkades\b|inget att erinra|inga invändningar|\bbiföll\b|\bbifaller\b|"
    r"\bbifölls\b|ställ(?:er|de) sig bakom|\btillstyrk",
    re.I,
)


DECISION = re.compile(
    r"\bvaldes\b|\butsågs\b|\bbeslutade\b|\bbeslutades\b|\bbeslöt\b|\bbeslöts\b|\bfattade beslut|\bbeslut fattades|"
    r"\bbeslutar\b|^beslut(?:et)?\s*:|\böverenskommer\b|\böverenskoms\b|\bkom överens\b|\bkommer överens\b|"
    r"\bgodk[äa]nner\b|\bgodkändes\b|\bfastställ(?:er|des|s)\b|^att utse\b|\butser\b",
    re.I,
)
# Words that say something was decided where no phrase above could read what: the item stays text, reported.
DECIDED_UNCLEAR = re.compile(r"^(?:beslut\w*|överens\w*|godk[äa]n\w*)\b|\bbeslut\s*:", re.I)


POSTPONE = re.compile(
    r"\bflyttades till\b|\bflyttas till\b|\bbordl[äa]g|\bbordlad|\bskjuts upp\b|\bsköts upp\b|\bskjuts fram\b", re.I
)


INFO_FILED = re.compile(r"lades till handlingarna|läggs till handlingarna|lägges till handlingarna", re.I)


INFO = re.compile(
    r"\binformation(?:en)? (?:lämnades|gavs|mottogs|noterades|togs emot)|\binformationen noteras\b|"
    r"\btog del av informationen|\bnoterades\b",
    re.I,
)


INFO_WEAK = re.compile(
    r"\b(?:redovisade|redovisades|informerade|informerades|presenterade|presenterades|föredrog|lämnades)\b|"
    r"\binformation\b|\bgenomgång\b|\bstatus\b",
    re.I,
)


OUTCOME_RANK = {
    OutcomeKind.DISAGREEMENT: 0,
    OutcomeKind.AGREEMENT: 1,
    OutcomeKind.DECISION: 2,
    OutcomeKind.POSTPONED: 3,
    OutcomeKind.INFORMATION_RECEIVED: 4,
    OutcomeKind.NONE: 5,
}


def outcome_of(sentence: str) -> tuple[OutcomeKind, str, list[str]] | None:
    if DISAGREE.search(sentence):
        return OutcomeKind.DISAGREEMENT, sentence, []
    if AGREE.search(sentence) and not re.search(r"\bsamverkade\b", sentence, re.I):
        return OutcomeKind.AGREEMENT, sentence, []
    if POSTPONE.search(sentence):
        return OutcomeKind.POSTPONED, sentence, []
    if DECISION.search(sentence):
        return OutcomeKind.DECISION, sentence, []
    if INFO_FILED.search(sentence) or INFO.search(sentence):
        return OutcomeKind.INFORMATION_RECEIVED, sentence, []
    return None


def set_outcome(
    st: ParseState, item: Item, outcomes: list[tuple[OutcomeKind, str, list[str], bool]], raw: RawItem
) -> None:
    if not outcomes:
        return
    ranked = sorted(outcomes, key=lambda o: OUTCOME_RANK[o[0]])
    kind, _, _, _ = ranked[0]
    texts = [text for _, text, _, consumed in outcomes if consumed]
    parties: list[str] = []
    if kind == OutcomeKind.DISAGREEMENT:
        for k, text, _, _ in outcomes:
            if k == kind and not re.search(r"fackliga|parterna|samtliga", text, re.I):
                parties += [p.party for p in st.parties.unions_in(text) if p.party not in parties]
    item.outcome = Outcome(kind=kind, parties=parties, text=" ".join(texts))
    if kind == OutcomeKind.POSTPONED:
        st.when_later.append((item.outcome, " ".join(texts)))
    who = f" ({', '.join(parties)})" if parties else ""
    guessed = kind == OutcomeKind.INFORMATION_RECEIVED and not texts
    key = "import.r.outcome_guessed" if guessed else "import.r.outcome"
    st.report.recognised("outcome", say(key, outcome=say(f"outcome.{kind}"), who=who), raw.where)
    strong = {o[0] for o in outcomes if o[0] != OutcomeKind.INFORMATION_RECEIVED}
    if len(strong) > 1:
        others = tuple(sorted((say(f"outcome.{k}") for k in strong if k != kind), key=lambda said: said.text()))
        st.report.check(
            "outcome", say("import.r.outcomes_many", others=others, outcome=say(f"outcome.{kind}")), raw.where
        )
