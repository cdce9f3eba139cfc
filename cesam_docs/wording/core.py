"""The one source of wording: a meeting becomes a neutral :class:`Document`.

Every sentence a protocol, notice, extract or restlista prints is composed
here from :mod:`cesam_docs.catalogue`; the renderers only lay it out. The
phrasing follows the CESAM protocols: "Vision anser att … Arbetsgivaren tar
till sig synpunkten.", "Fackliga parter ställde sig oeniga gentemot
arbetsgivarens förslag till beslut.", protokollsanteckningar set apart,
"Justeras:" with signature lines, the bilagor last.

All functions are pure and fast: they read the model and return data.
"""

from __future__ import annotations

import datetime as dt
import re

from cesam_docs.catalogue import SWEDISH_LEAD_VERBS, Catalogue
from cesam_docs.markdown import escape, indent
from cesam_docs.numbering import group_of
from cesam_docs.structure import (
    Block,
    BulletList,
    DocKind,
    Document,
    Fields,
    Frame,
    Heading,
    Markdown,
    Note,
    Provenance,
    Signatures,
    Signer,
    Table,
)
from store.core import mbl
from store.core.config import Config, Group, Numbering
from store.core.model import (
    ALL_UNIONS,
    EMPLOYER,
    Attendee,
    Item,
    ItemKind,
    Meeting,
    OutcomeKind,
    Side,
    Statement,
    StatementKind,
    Status,
)
from store.core.numbering import item_numbers
from store.core.roster import is_member

_STANDING = {ItemKind.ADJUSTERS, ItemKind.PREVIOUS_MINUTES, ItemKind.OTHER_BUSINESS, ItemKind.NEXT_MEETING}
_SET_APART = {StatementKind.PROTOCOL_NOTE, StatementKind.RESERVATION}
_KIND_KEY = {
    StatementKind.VIEW: "view",
    StatementKind.QUESTION: "question",
    StatementKind.MOTION: "motion",
    StatementKind.RESERVATION: "reservation",
    StatementKind.PROTOCOL_NOTE: "note",
}


def language(config: Config, lang: str | None) -> str:
    return lang or config.settings.language or "sv"


class _Phrases:
    """Sentences about parties: who said what, who owes what."""

    def __init__(self, config: Config, lang: str | None, also: list[str]) -> None:
        self.config = config
        self.t = Catalogue(language(config, lang))
        self.employer = config.organisation.employer or EMPLOYER
        parties = [self.employer, EMPLOYER, ALL_UNIONS, "De fackliga", "Facket", *also]
        for union in config.unions:
            parties += [union.name, union.full_name, *union.aliases]
        # longest first so that "Sveriges Lärare" wins over a union called "Sveriges"
        self.parties = sorted({p for p in parties if p}, key=len, reverse=True)

    def starts_with_party(self, text: str) -> bool:
        folded = text.casefold()
        return any(folded.startswith(p.casefold()) and not folded[len(p) : len(p) + 1].isalnum() for p in self.parties)

    def lead(self, key: str, party: str, text: str) -> str:
        """``party`` + ``text`` as the protocols write it, ``key`` picking the verb."""
        text = text.strip()
        if self.starts_with_party(text):
            return text
        first = text.split(maxsplit=1)[0].strip(",.:;").casefold() if text else ""
        if first in SWEDISH_LEAD_VERBS or (key == "answer" and _finite_verb(first)):
            # the text carries its own verb: "ställer sig positiva …"; "Vill lyfta …" reads on from the name too
            return f"{party} {text[:1].lower()}{text[1:]}"
        if text[:1].islower():
            if first == "att" and self.t.lang == "sv":
                text = text.split(maxsplit=1)[1] if " " in text else ""
            return self.t(f"{key}_lower", party=party, employer=party, text=text)
        return self.t(f"{key}_upper", party=party, employer=party, text=text)

    def followup_sentence(self, owner: str, text: str, due: dt.date | None) -> str | None:
        """A follow-up written as the protocol's sentence ("Arbetsgivaren återkommer om frågan."),
        or None when its text only names what is owed (it then goes on the tracked list)."""
        owner = escape(owner or self.employer)
        text = text.strip()
        if self.starts_with_party(text) or text.casefold().startswith(owner.casefold()):
            said = text
        elif text[:1].islower():
            said = f"{owner} {text}"
        else:
            return None
        if due:
            end = "." if said.endswith(".") else ""
            said = self.t("followup_due", text=said.removesuffix("."), date=due.isoformat()) + end
        return said

    def followup_line(self, owner: str, text: str, due: dt.date | None) -> str:
        """One line of the tracked list: what is owed, by whom, by when."""
        who = escape(owner or self.employer)
        if due:
            who = self.t("followup_due", text=who, date=due.isoformat())
        return f"{text.strip()} – {who}"

    def followup_text(self, owner: str, text: str) -> str:
        """The follow-up as the restlista prints it: a sentence when it is one, else as written."""
        return self.followup_sentence(owner, text, None) or text.strip()


class _Words(_Phrases):
    """What every phrase of one meeting's documents needs at hand."""

    def __init__(self, meeting: Meeting, config: Config, lang: str | None, first: int) -> None:
        super().__init__(config, lang, [s.party for item in meeting.items for s in item.statements])
        self.meeting = meeting
        self.group: Group = group_of(meeting, config)
        self.numbers = item_numbers(meeting, self.group.subitem_style, first=first)

    # ------------------------------------------------------------ numbers

    def label(self, item: Item) -> str:
        """The number as a heading prints it: "3.", "4 a", "§ 45", "§ 45 a"."""
        number = self.numbers[item.id]
        if self.group.numbering == Numbering.YEAR:
            return self.t("number_year", n=number)
        return number if item.parent else self.t("number_meeting", n=number)

    def item_refs(self, item_ids: list[str]) -> str:
        order = [item.id for item in self.meeting.items]
        wanted = sorted((i for i in item_ids if i in self.numbers), key=order.index)
        return self.t("item_ref", numbers=self.t.join([self.numbers[i] for i in wanted]))

    # ------------------------------------------------------------ page frame

    def frame(self, title: str, provenance: Provenance | None, *, marked: bool, initials: int) -> Frame:
        meeting = self.meeting
        if not marked:
            marking, draft = "", False
        elif meeting.status == Status.ADJUSTED:
            draft = False
            marking = (
                self.t("adjusted_on", date=meeting.adjusted_on.isoformat())
                if meeting.adjusted_on
                else self.t("adjusted")
            )
        else:
            marking, draft = self.t("draft"), True
        return Frame(
            organisation=self.config.organisation.name,
            group=self.group.name,
            title=title,
            date=meeting.date.isoformat(),
            page_word=self.t("page"),
            marking=marking,
            draft=draft,
            footer=self.t("footer_signature") if initials else "",
            footer_boxes=initials,
            stamp=short_stamp(self.t, provenance),
        )

    def clock(self, start: str, end: str) -> str:
        """'kl. 13.00–15.30' as Swedish documents write a time; empty when neither is known."""
        times = [self.t("clock", time=x.replace(":", self.t("clock_sep"))) for x in (start, end) if x]
        return self.t("clock_prefix") + "–".join(times) if times else ""

    def subtitle(self) -> str:
        return self.t("meeting_title", group=self.group.name, date=self.t.long_date(self.meeting.date))

    def file_stem(self, suffix: str) -> str:
        return f"{self.group.id}-{self.meeting.date.isoformat()}-{suffix}"

    # ------------------------------------------------------------ people

    def describe(self, attendee: Attendee) -> str:
        """Title or union, chair/secretary, and the items attended: 'Ordförande Vision, from punkt 5'."""
        role = attendee.role.strip()
        parts = [role] if role else []
        if attendee.side == Side.UNION and attendee.party.casefold() not in role.casefold():
            if role and "," not in role and len(role.split()) <= 2:
                parts = [f"{role} {attendee.party}"]  # "Ordförande Sveriges Lärare", as protocols write it
            else:
                parts.append(attendee.party)
        if attendee.name == self.meeting.chair and not re.search(r"ordf|chair", role, re.IGNORECASE):
            parts.append(self.t("chair"))
        if attendee.name == self.meeting.secretary and not re.search(r"sekreterare|secretary", role, re.IGNORECASE):
            parts.append(self.t("secretary"))
        if attendee.items:
            parts.append(self.item_refs(attendee.items))
        elif attendee.from_item in self.numbers:
            parts.append(self.t("from_item", number=self.numbers[attendee.from_item]))
        return ", ".join(parts)

    def attendance(self, attendees: list[Attendee], heading: str) -> list[Block]:
        header = (self.t("col_name"), self.t("col_role"))
        blocks: list[Block] = []
        for side, title in ((Side.EMPLOYER, self.t("employer_side")), (Side.UNION, self.t("union_side"))):
            rows = tuple((a.name, self.describe(a)) for a in attendees if a.side == side)
            if rows:
                blocks += [Heading(title, level=3), Table(header, rows, plain=True)]
        return [Heading(heading, level=2), *blocks] if blocks else []

    def people(self, heading: str, attendees: list[Attendee]) -> list[Block]:
        """A part of the attendance apart from the members: Övriga deltagande, Anmält förhinder."""
        if not attendees:
            return []
        rows = tuple((a.name, self.describe(a)) for a in attendees)
        return [Heading(heading, level=3), Table((self.t("col_name"), self.t("col_role")), rows, plain=True)]

    def registry(self, *, distribution: bool = True) -> list[tuple[str, str]]:
        """The registrar's fields where the meeting records them: Diarienummer, Expedieras till."""
        rows = [(self.t("case_number"), escape(self.meeting.case_number.strip()))]
        if distribution:
            names = [n.strip() for n in self.meeting.distribution if n.strip()]
            rows.append((self.t("extract_to"), escape(", ".join(names))))
        return [(label, value) for label, value in rows if value]

    def signer(self, name: str) -> Signer:
        attendee = next((a for a in self.meeting.attendees if a.name == name), None)
        if attendee is None:
            return Signer(name)
        if attendee.signs_as.strip():
            return Signer(name, attendee.signs_as.strip())
        if attendee.side == Side.UNION:
            return Signer(name, attendee.party)
        return Signer(name, attendee.role.split(",")[0].strip())

    def signers(self) -> list[Signer]:
        names = [self.meeting.chair] if self.meeting.chair else []
        names += [n for n in self.meeting.adjusters if n and n not in names]
        return [self.signer(n) for n in names]

    # ------------------------------------------------------------ sentences

    def statement(self, statement: Statement) -> str:
        key = _KIND_KEY.get(statement.kind, "view")
        said = self.lead(key, escape(statement.party), statement.text) if statement.text.strip() else ""
        if statement.kind in _SET_APART and statement.text.strip()[:1].isupper():
            # "Vi reserverar oss …" stands as written under a title that names the party;
            # a clause ("mot beslutet") reads on from the party's name: "SACO reserverade sig mot beslutet"
            said = statement.text.strip()
        if statement.answer.strip():
            answer = self.lead("answer", escape(self.employer), statement.answer)
            sep = "\n\n" if "\n\n" in said.strip() else " "
            said = f"{_sentence(said)}{sep}{answer}" if said else answer
        return said

    def outcome(self, item: Item) -> str:
        outcome = item.outcome
        if outcome.text.strip():
            return outcome.text.strip()
        parties = self.t.join([escape(p) for p in outcome.parties])
        match outcome.kind:
            case OutcomeKind.INFORMATION_RECEIVED:
                # an information item needs no closing phrase; the previous minutes are filed
                return self.t("outcome_minutes_filed") if item.kind == ItemKind.PREVIOUS_MINUTES else ""
            case OutcomeKind.AGREEMENT:
                return self.t("outcome_agreement_some", parties=parties) if parties else self.t("outcome_agreement_all")
            case OutcomeKind.DISAGREEMENT:
                if parties:
                    return self.t("outcome_disagreement_some", parties=parties)
                return self.t("outcome_disagreement_all")
            case OutcomeKind.POSTPONED:
                if outcome.postponed_to:
                    return self.t("outcome_postponed_to", date=self.t.long_date(outcome.postponed_to))
                return self.t("outcome_postponed")
            case OutcomeKind.DECISION:
                return self.t("outcome_decision")
        return ""

    def next_meeting(self) -> str:
        nxt = self.meeting.next_meeting
        if nxt.date is None:
            return escape(nxt.note) if nxt.note else ""
        time = "–".join(t for t in (nxt.start, nxt.end) if t)
        sentence = self.t(
            "next_meeting",
            date=self.t.long_date(nxt.date),
            time=self.t("next_meeting_time", time=time) if time else "",
            place=self.t("next_meeting_place", place=escape(nxt.place)) if nxt.place else "",
        )
        return f"{sentence} {nxt.note}".strip() if nxt.note else sentence

    def ref(self, ref: str) -> str:
        """'cesam/2023-09-05#id' as a reader knows it: 'CESAM 2023-09-05'."""
        meeting_ref = ref.split("#", 1)[0]
        group_id, _, date = meeting_ref.partition("/")
        try:
            label = self.config.group(group_id).label
        except KeyError:
            label = group_id
        return escape(f"{label} {date}".strip())

    # ------------------------------------------------------------ items

    def raised(self, item: Item, statements: list[Statement]) -> tuple[list[Markdown], list[Statement]]:
        """The question a union raised as the item's own text, as the protocols print it ("Anmäld av
        Sveriges Lärare: Hur säkrar vi …?", "Vision efterfrågar datum …"), with the employer's answer;
        and the statements left to print after the text."""
        raiser = statements[0] if item.raised_by and statements and statements[0].party == item.raised_by else None
        if raiser is None:
            lead = [Markdown(self.t("raised_by", party=escape(item.raised_by)), style="lead")] if item.raised_by else []
            return lead, statements
        text = raiser.text.strip()
        if text[:1].isupper() and self.starts_with_party(text):
            # "Vision: Vision ser att …", as 2022 § 7 a writes the union's own words after its name
            asked = self.t("party_said", party=escape(raiser.party), text=text)
        elif text[:1].isupper():
            asked = self.t("raised_by_text", party=escape(raiser.party), text=text)
        else:
            asked = _sentence(self.lead(_KIND_KEY.get(raiser.kind, "view"), escape(raiser.party), text))
        blocks = [Markdown(asked)]
        if raiser.answer.strip():
            blocks.append(Markdown(self.lead("answer", escape(self.employer), raiser.answer)))
        return blocks, statements[1:]

    def item_blocks(self, item: Item, *, held: bool, signed: bool = False) -> list[Block]:
        """The item as printed; ``signed``: the protocol is justerat and prints only what was approved."""
        blocks: list[Block] = [Heading(item.title, level=3 if item.parent else 2, number=self.label(item))]
        said: list[str] = []  # what the item already says, so no phrase is printed twice

        def add(block: Block, *texts: str) -> None:
            blocks.append(block)
            said.extend(_norm(t) for t in texts)

        def says(text: str) -> bool:
            return _norm(text) in " ".join(said)

        on = mbl.basis(item, grouping=bool(self.meeting.children(item.id)))
        if on is not None:
            basis = self.t(f"basis_{on[0].value}", section=on[1])
            add(Markdown(escape(basis), style="basis"), basis)
        statements = [s for s in item.statements if s.kind not in _SET_APART]
        raised, statements = self.raised(item, statements)
        for block in raised:
            add(block, block.markdown)
        for ref in [] if signed else item.carried_from:
            add(Markdown(self.t("carried_from", ref=self.ref(ref)), style="small"))
        # a bilaga the text does not refer to is named first, as "a) Nya mallar …, se bilaga 3" does
        written = " ".join(
            [item.body, item.proposal, item.outcome.text, *(f"{x.text} {x.answer}" for x in item.statements)]
        )
        unmentioned = [a.number for a in item.attachments if not _mentions_attachment(written, a.number)]
        if unmentioned:
            add(Markdown(self.t("see_attachments", numbers=self.t.join([str(n) for n in unmentioned]))))
        if item.body.strip():
            add(Markdown(item.body.strip()), item.body)
        auto = self.standing_text(item, held=held)
        if auto and not says(auto):
            add(Markdown(auto), auto)
        proposal = item.proposal.strip()
        if proposal:
            # the employer's proposal is set apart from what the parties then said about it
            if not re.search(r"förslag|proposal", proposal.split("\n", 1)[0], re.IGNORECASE):
                proposal = f"**{escape(self.t('proposal'))}**\n\n{proposal}"
            add(Markdown(proposal, style="proposal"), proposal)
        # a statement the body already records word for word (2021 § 7 b lists Kommunal's questions
        # in its text) is data for search and the restlista, not a second copy on paper
        spoken = [self.statement(s) for s in statements if not _recorded_in(s, item.body)]
        spoken = [x for x in spoken if x]
        if spoken:
            add(BulletList(tuple(spoken), style="statements"), *spoken)
        outcome = self.outcome(item)
        if outcome and not says(outcome):
            # what the parties decided stands out; "lades till handlingarna" does not need to
            style = "" if item.outcome.kind in (OutcomeKind.INFORMATION_RECEIVED, OutcomeKind.NONE) else "outcome"
            add(Markdown(outcome, style=style), outcome)
        if mbl.negotiation_closed(item):
            # the formal close, dated as the restlista counts the days for central negotiation
            key = f"negotiation_closed_{item.outcome.kind.value}"
            closed = self.t(key, date=self.t.long_date(mbl.closed_on(self.meeting)))
            add(Markdown(escape(closed), style="outcome"), closed)
        tracked: list[str] = []
        for followup in [] if signed else item.followups:
            # a justerat protocol holds only what was approved: follow-ups live on the restlista
            if followup.closed:
                continue
            sentence = self.followup_sentence(followup.owner, followup.text, followup.due)
            if sentence is None:
                tracked.append(self.followup_line(followup.owner, followup.text, followup.due))
            elif not says(sentence):
                add(Markdown(sentence, style="followup"), sentence)
        if tracked:
            lines = "\n".join("- " + indent(line) for line in tracked)
            blocks.append(Markdown(f"*{escape(self.t('tracked'))}*\n\n{lines}", style="small"))
        for statement in item.statements:
            if statement.kind in _SET_APART:
                key = "protocol_note" if statement.kind == StatementKind.PROTOCOL_NOTE else "reservation_title"
                blocks.append(Note(self.t(key, party=statement.party), self.statement(statement)))
        return blocks

    def standing_text(self, item: Item, *, held: bool) -> str:
        """What a standing item says when the secretary left its text empty."""
        if item.body.strip():
            return ""
        meeting = self.meeting
        if item.kind == ItemKind.ADJUSTERS and meeting.adjusters:
            names = [n for n in meeting.adjusters if n != meeting.chair] or meeting.adjusters
            return self.t("adjusters_chosen", names=self.t.join([escape(n) for n in names]))
        if item.kind == ItemKind.NEXT_MEETING:
            return self.next_meeting()
        if item.kind == ItemKind.OTHER_BUSINESS and held and not (item.statements or item.followups):
            return self.t("no_other_business")
        return ""

    def items(self, items: list[Item], *, held: bool, signed: bool = False) -> list[Block]:
        blocks: list[Block] = []
        for item in items:
            blocks += self.item_blocks(item, held=held, signed=signed)
            for child in self.meeting.children(item.id):
                blocks += self.item_blocks(child, held=held, signed=signed)
        return blocks

    def attachments(self, items: list[Item]) -> list[Block]:
        seen: dict[int, str] = {}
        for item in items:
            for att in item.attachments:
                seen.setdefault(att.number, att.title)
        if not seen:
            return []
        lines = tuple(escape(self.t("attachment_line", number=n, title=t)) for n, t in sorted(seen.items()))
        return [Heading(self.t("attachments"), level=2), BulletList(lines, plain=True)]


def statement_sentences(statement: Statement, config: Config, *, lang: str | None = None) -> tuple[str, str]:
    """A statement and the employer's answer as the protocol words them (Markdown), apart: for a list of
    what one party said across meetings (the web site's party pages)."""
    phrases = _Phrases(config, lang, [statement.party])
    key = _KIND_KEY.get(statement.kind, "view")
    said = phrases.lead(key, escape(statement.party), statement.text) if statement.text.strip() else ""
    answer = phrases.lead("answer", escape(phrases.employer), statement.answer) if statement.answer.strip() else ""
    return said, answer


def _sentence(text: str) -> str:
    """The text ending as a sentence, so that the employer's answer can follow it."""
    text = text.rstrip()
    return text if not text or text[-1] in '.?!:…”")' else f"{text}."


def _recorded_in(statement: Statement, body: str) -> bool:
    """The statement's words and its answer both stand in the item's text already."""
    text = _norm(body)
    parts = [_norm(p).rstrip(".") for p in (statement.text, statement.answer) if p.strip()]
    return bool(parts) and all(p in text for p in parts)


# past tense (-ade, -de, -te) and present tense (-ar, -er) endings of Swedish verbs, for an
# answer such as "avslog yrkandet" or "godkänner förslaget"; nouns that end so ("frågor",
# "åtgärder") do not start an answer without an article or a verb before them
_VERB_END = re.compile(r"^[a-zåäö]{2,}(ade|erade|dde|de|te|ar|er|ör|år|ig)$")
_STRONG_PAST = frozenset(
    [
        "avslog",
        "tog",
        "gav",
        "såg",
        "bad",
        "fick",
        "lät",
        "gick",
        "kom",
        "sa",
        "sade",
        "drog",
        "höll",
        "bjöd",
        "bröt",
        "valde",
        "lovade",
        "sköt",
        "förstod",
    ]
)
_NOT_VERBS = frozenset(
    [
        "det",
        "detta",
        "denna",
        "dessa",
        "de",
        "den",
        "man",
        "vi",
        "alla",
        "inga",
        "ingen",
        "frågan",
        "förslaget",
        "beslutet",
    ]
)


def _finite_verb(word: str) -> bool:
    if word in _NOT_VERBS:
        return False
    return word in _STRONG_PAST or bool(_VERB_END.match(word))


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[*_`\\]", "", text).casefold().split())


def _mentions_attachment(text: str, number: int) -> bool:
    return bool(re.search(rf"\b(bilaga|bilagor|attachment)\s+(\d+\s*(,|och|and|&)\s*)*{number}\b", text))


def short_stamp(t: Catalogue, provenance: Provenance | None) -> str:
    if provenance is None:
        return ""
    return t("stamp_short", commit=provenance.commit[:10], hash=provenance.content_hash[:12])


def stamp(t: Catalogue, provenance: Provenance | None) -> str:
    if provenance is None:
        return ""
    key = "stamp_dirty" if provenance.dirty else "stamp"
    return t(key, commit=provenance.commit, hash=provenance.content_hash)


# ---------------------------------------------------------------- documents


def protocol(
    meeting: Meeting,
    config: Config,
    provenance: Provenance | None,
    *,
    lang: str | None = None,
    first: int = 1,
) -> Document:
    """The protocol (minutes) of ``meeting``. ``first`` is its first § number."""
    w = _Words(meeting, config, lang, first)
    t = w.t
    held = meeting.status in (Status.HELD, Status.ADJUSTED)
    signers = w.signers()
    blocks: list[Block] = []
    # time and place as recorded for this meeting: the group's usual ones are a plan, not a record
    facts = [(t("time"), escape(when)) for when in [w.clock(meeting.start, meeting.end)] if when]
    facts += [(t("place"), escape(meeting.place))] if meeting.place.strip() else []
    top_numbers = [w.numbers[i.id] for i in meeting.top_level()]
    if w.group.numbering == Numbering.YEAR and top_numbers:
        # a protocol numbered per year names its paragraphs, as the registrar files them
        facts.append((t("paragraphs"), escape(t("paragraph_range", first=top_numbers[0], last=top_numbers[-1]))))
    facts += w.registry()
    if facts:
        blocks.append(Fields(tuple(facts)))
    present = meeting.present
    blocks += w.attendance([a for a in present if is_member(a, w.group)], t("present"))
    blocks += w.people(t("others_present"), [a for a in present if not is_member(a, w.group)])
    blocks += w.people(t("absent"), meeting.absent)
    top = meeting.top_level()
    blocks += w.items(top, held=held, signed=meeting.status == Status.ADJUSTED)
    if not any(i.kind == ItemKind.NEXT_MEETING for i in meeting.items) and w.next_meeting():
        blocks.append(Markdown(w.next_meeting()))
    if signers:
        blocks.append(Signatures(t("adjust_title"), tuple(signers)))
    if meeting.secretary:
        blocks.append(Signatures(t("minutes_by"), (Signer(meeting.secretary),)))
    blocks += w.attachments(meeting.items)
    if meeting.signatures:
        lines = []
        for sig in meeting.signatures:
            parts = [t("signature_line", name=escape(sig.name))]
            if sig.signed_at:
                parts.append(escape(t("signature_at", at=sig.signed_at)))
            if sig.method:
                parts.append(escape(t("signature_via", method=sig.method)))
            lines.append(", ".join(parts))
        blocks += [Heading(t("signatures"), level=2), BulletList(tuple(lines), plain=True)]
    return Document(
        kind=DocKind.PROTOCOL,
        lang=t.lang,
        frame=w.frame(t("protocol"), provenance, marked=True, initials=max(1, len(signers))),
        title=t("protocol"),
        subtitle=w.subtitle(),
        blocks=tuple(blocks),
        stamp=stamp(t, provenance),
        file_stem=w.file_stem(t("stem.protocol")),
        author=meeting.secretary,
    )


def extract(
    meeting: Meeting,
    config: Config,
    item_id: str,
    provenance: Provenance | None,
    *,
    lang: str | None = None,
    first: int = 1,
    extracted: dt.date | None = None,
    recipients: list[str] | None = None,
) -> Document:
    """A protokollsutdrag of one item (with its sub-items) as the registrar sends it.

    The heading of the item's parent for context, the date of the extract (today when not
    given), who it goes to (``recipients``; else the item's presenters and the unions that spoke,
    with a line to fill in where there are none), the justerare, the justering status in words,
    and "Rätt utdraget intygar" with the secretary's line.
    """
    w = _Words(meeting, config, lang, first)
    t = w.t
    item = meeting.item(item_id)
    held = meeting.status in (Status.HELD, Status.ADJUSTED)
    signed = meeting.status == Status.ADJUSTED
    if signed:
        status = (
            t("extract_status_adjusted", date=meeting.adjusted_on.isoformat())
            if meeting.adjusted_on
            else t("extract_status_adjusted_undated")
        )
    else:
        status = t("extract_status_not_adjusted")
    children = meeting.children(item.id)
    facts = [(t("extract_date"), escape(t.long_date(extracted or dt.date.today())))]
    facts += w.registry(distribution=False)
    adjusters = [n for n in meeting.adjusters if n and n != meeting.chair]
    if adjusters:
        facts.append((t("adjusters"), escape(t.join(adjusters))))
    facts.append((t("extract_to"), _recipients(w, [item, *children], recipients)))
    blocks: list[Block] = [Fields(tuple(facts))]
    if item.parent:
        parent = meeting.item(item.parent)
        blocks.append(Heading(parent.title, level=2, number=w.label(parent)))
    blocks += w.item_blocks(item, held=held, signed=signed)
    for child in children:
        blocks += w.item_blocks(child, held=held, signed=signed)
    blocks += w.attachments([item, *children])
    blocks.append(Markdown(escape(status), style="outcome"))
    signers = w.signers()
    certifier = meeting.secretary or (signers[0].name if signers else "")
    if certifier:
        blocks.append(Signatures(t("extract_certify"), (Signer(certifier),)))
    number = w.numbers[item.id].replace(" ", "")
    return Document(
        kind=DocKind.EXTRACT,
        lang=t.lang,
        frame=w.frame(t("extract"), provenance, marked=True, initials=max(1, len(signers))),
        title=t("extract"),
        subtitle=t("extract_of", group=w.group.name, date=t.long_date(meeting.date)),
        blocks=tuple(blocks),
        stamp=stamp(t, provenance),
        file_stem=w.file_stem(t("stem.extract", number=number)),
        author=meeting.secretary,
    )


def _recipients(w: _Words, items: list[Item], given: list[str] | None) -> str:
    """Who the extract is sent to, as Markdown: given, else who presented and which unions spoke,
    else the meeting's own distribution list."""
    if given is None:
        names: list[str] = []
        for item in items:
            names += item.presenters
            names += [s.party for s in item.statements if s.party not in (EMPLOYER, w.employer)]
            names += [item.raised_by] if item.raised_by else []
        given = list(dict.fromkeys(n for n in names if n)) or [n for n in w.meeting.distribution if n.strip()]
    if not given:
        return "\\_" * 30  # a line to write on: nobody is named by the data
    return escape(", ".join(given))
