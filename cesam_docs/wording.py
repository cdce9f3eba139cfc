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

from .catalogue import SWEDISH_LEAD_VERBS, Catalogue
from .markdown import escape, indent, plain
from .numbering import group_of
from .restlista import Restlista
from .structure import (
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
        if first in SWEDISH_LEAD_VERBS:
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

    def signer(self, name: str) -> Signer:
        attendee = next((a for a in self.meeting.attendees if a.name == name), None)
        if attendee is None:
            return Signer(name)
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
        if statement.kind in _SET_APART and not self.starts_with_party(statement.text.strip()):
            said = statement.text.strip()  # the note's title names the party
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

    def item_blocks(self, item: Item, *, held: bool) -> list[Block]:
        blocks: list[Block] = [Heading(item.title, level=3 if item.parent else 2, number=self.label(item))]
        said: list[str] = []  # what the item already says, so no phrase is printed twice

        def add(block: Block, *texts: str) -> None:
            blocks.append(block)
            said.extend(_norm(t) for t in texts)

        def says(text: str) -> bool:
            return _norm(text) in " ".join(said)

        statements = [s for s in item.statements if s.kind not in _SET_APART]
        raiser = statements[0] if item.raised_by and statements and statements[0].party == item.raised_by else None
        if raiser is not None:
            # the question a union raised is the item's own text, as the protocols print it:
            # "Anmäld av Sveriges Lärare: Hur säkrar vi …?" or "Vision efterfrågar datum …"
            statements = statements[1:]
            text = raiser.text.strip()
            if text[:1].isupper() and not self.starts_with_party(text):
                asked = self.t("raised_by_text", party=escape(raiser.party), text=text)
            else:
                asked = _sentence(self.lead(_KIND_KEY.get(raiser.kind, "view"), escape(raiser.party), text))
            add(Markdown(asked), asked)
            if raiser.answer.strip():
                answer = self.lead("answer", escape(self.employer), raiser.answer)
                add(Markdown(answer), answer)
        elif item.raised_by:
            add(Markdown(self.t("raised_by", party=escape(item.raised_by)), style="lead"))
        for ref in item.carried_from:
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
            if not re.search(r"förslag|proposal", proposal.split("\n", 1)[0], re.IGNORECASE):
                add(Markdown(f"**{escape(self.t('proposal'))}**"))
            add(Markdown(proposal), proposal)
        spoken = [x for x in (self.statement(s) for s in statements) if x]
        if spoken:
            add(BulletList(tuple(spoken)), *spoken)
        outcome = self.outcome(item)
        if outcome and not says(outcome):
            # what the parties decided stands out; "lades till handlingarna" does not need to
            style = "" if item.outcome.kind in (OutcomeKind.INFORMATION_RECEIVED, OutcomeKind.NONE) else "outcome"
            add(Markdown(outcome, style=style), outcome)
        tracked: list[str] = []
        for followup in item.followups:
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

    def items(self, items: list[Item], *, held: bool) -> list[Block]:
        blocks: list[Block] = []
        for item in items:
            blocks += self.item_blocks(item, held=held)
            for child in self.meeting.children(item.id):
                blocks += self.item_blocks(child, held=held)
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
    blocks += w.attendance(meeting.present, t("present"))
    absent = meeting.absent
    if absent:
        header = (t("col_name"), t("col_role"))
        blocks += [Heading(t("absent"), level=3), Table(header, tuple((a.name, w.describe(a)) for a in absent), True)]
    top = meeting.top_level()
    blocks += w.items(top, held=held)
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
        file_stem=w.file_stem("protokoll" if t.lang == "sv" else "minutes"),
    )


def notice(
    meeting: Meeting,
    config: Config,
    provenance: Provenance | None = None,
    *,
    lang: str | None = None,
    first: int = 1,
) -> Document:
    """The kallelse: when, where, who, and per item its purpose, MBL basis, presenter and bilagor."""
    w = _Words(meeting, config, lang, first)
    t = w.t
    facts: list[tuple[str, str]] = []
    when = "–".join(x for x in (meeting.start or w.group.start, meeting.end or w.group.end) if x)
    facts.append((t("time"), escape(" ".join(x for x in (meeting.date.isoformat(), when) if x))))
    place = meeting.place or w.group.place
    if place:
        facts.append((t("place"), escape(place)))
    blocks: list[Block] = [Fields(tuple(facts))]
    called = w.attendance(meeting.attendees, t("called"))
    if called:
        blocks += called
    else:
        blocks += [Heading(t("called"), level=2), Markdown(t("called_everyone", group=escape(w.group.name)))]
    blocks.append(Heading(t("agenda"), level=2))
    for item in meeting.items:
        blocks.append(Heading(item.title, level=3 if item.parent else 2, number=w.label(item)))
        rows: list[tuple[str, str]] = []
        # a heading over sub-items ("Koncernfrågor") is no matter of its own: its sub-items carry kind and basis
        grouping = bool(meeting.children(item.id))
        standing = item.kind in _STANDING or grouping
        if item.purpose.strip():
            rows.append((t("purpose"), item.purpose.strip()))
        elif not standing:
            rows.append((t("purpose"), f"*{escape(t('purpose_missing'))}*"))
        if not standing:
            kind = t(f"kind_{item.kind.value}")
            if item.raised_by:
                kind += " – " + t("raised_by", party=item.raised_by).rstrip(".")
            rows.append((t("kind"), escape(kind)))
        section = None if standing else item.kind.mbl_section
        if section:
            rows.append((t("basis"), escape(f"{t('mbl', section=section)} ({t(f'mbl_{section}')})")))
        if item.presenters:
            rows.append((t("presenter"), escape(", ".join(item.presenters))))
        if item.attachments:
            rows.append(
                (
                    t("attachments"),
                    "  \n".join(
                        escape(t("attachment_line", number=a.number, title=a.title))
                        for a in sorted(item.attachments, key=lambda a: a.number)
                    ),
                )
            )
        if rows:
            blocks.append(Fields(tuple(rows)))
    secretary = t("notice_secretary", name=escape(meeting.secretary)) if meeting.secretary else ""
    blocks.append(Markdown(t("notice_footer", secretary=secretary), style="small"))
    return Document(
        kind=DocKind.NOTICE,
        lang=t.lang,
        frame=w.frame(t("notice"), provenance, marked=False, initials=0),
        title=t("notice"),
        subtitle=w.subtitle(),
        blocks=tuple(blocks),
        stamp=stamp(t, provenance),
        file_stem=w.file_stem("kallelse" if t.lang == "sv" else "notice"),
    )


def extract(
    meeting: Meeting,
    config: Config,
    item_id: str,
    provenance: Provenance | None,
    *,
    lang: str | None = None,
    first: int = 1,
) -> Document:
    """A protokollsutdrag of one item (with its sub-items) and the protocol's justering status."""
    w = _Words(meeting, config, lang, first)
    t = w.t
    item = meeting.item(item_id)
    held = meeting.status in (Status.HELD, Status.ADJUSTED)
    if meeting.status == Status.ADJUSTED:
        status = (
            t("extract_status_adjusted", date=meeting.adjusted_on.isoformat())
            if meeting.adjusted_on
            else t("extract_status_adjusted_undated")
        )
    else:
        status = t("extract_status_draft", status=t(f"status_{meeting.status.value}"))
    blocks: list[Block] = w.item_blocks(item, held=held)
    for child in meeting.children(item.id):
        blocks += w.item_blocks(child, held=held)
    blocks += w.attachments([item, *meeting.children(item.id)])
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
        file_stem=w.file_stem(("utdrag-" if t.lang == "sv" else "extract-") + number),
    )


def restlista_document(
    data: Restlista,
    config: Config,
    *,
    lang: str | None = None,
    provenance: Provenance | None = None,
) -> Document:
    """The restlista as a document: open follow-ups, justering waiting, central-negotiation deadlines."""
    phrases = _Phrases(config, lang, [])
    t = phrases.t
    blocks: list[Block] = [Markdown(escape(t("as_of", date=data.today.isoformat())), style="small")]

    blocks.append(Heading(t("open_followups"), level=2))
    # three tables of different widths share these two names
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    if data.followups:
        header = (
            t("col_meeting"),
            t("col_item"),
            t("col_followup"),
            t("col_owner"),
            t("col_due"),
            t("col_age"),
            t("col_taken_up"),
        )
        rows = tuple(
            (
                f.meeting_label,
                f"{f.item_number} {f.item_title}".strip(),
                plain(phrases.followup_text(f.owner, f.text)),
                f.owner,
                (f.due.isoformat() + (f" ({t('overdue')})" if f.overdue else "")) if f.due else "",
                str(f.age_days),
                ", ".join(f.taken_up_in),
            )
            for f in data.followups
        )
        blocks.append(Table(header, rows, numeric=(5,), wide=(2,)))
    else:
        blocks.append(Markdown(t("none")))

    blocks.append(Heading(t("justering_waiting"), level=2))
    if data.justering:
        header = (t("col_meeting"), t("col_status"), t("col_deadline"), t("col_days_over"))
        rows = tuple(
            (
                j.meeting_label,
                t(f"status_{j.status.value}"),
                j.deadline.isoformat(),
                str(j.days_over) if j.overdue else "",
            )
            for j in data.justering
        )
        blocks.append(Table(header, rows, numeric=(3,)))
    else:
        blocks.append(Markdown(t("none")))

    blocks.append(Heading(t("central_negotiation"), level=2))
    if data.central_negotiation:
        header = (t("col_meeting"), t("col_item"), t("col_parties"), t("col_last_day"), t("col_days_left"))
        rows = tuple(
            (
                c.meeting_label,
                f"{c.item_number} {c.item_title}".strip(),
                ", ".join(c.parties) or t("union_side"),
                c.last_day.isoformat(),
                str(c.days_left),
            )
            for c in data.central_negotiation
        )
        blocks.append(Table(header, rows, numeric=(4,), wide=(1,)))
    else:
        blocks.append(Markdown(t("none")))

    groups = sorted({g for g in data.groups})
    group_names = ", ".join(_group_name(config, g) for g in groups) if groups else ""
    frame = Frame(
        organisation=config.organisation.name,
        group=group_names,
        title=t("restlista"),
        date=data.today.isoformat(),
        page_word=t("page"),
        marking="",
        draft=False,
        stamp=short_stamp(t, provenance),
    )
    return Document(
        kind=DocKind.RESTLISTA,
        lang=t.lang,
        frame=frame,
        title=t("restlista"),
        subtitle=group_names,
        blocks=tuple(blocks),
        stamp=stamp(t, provenance),
        file_stem=f"restlista-{data.today.isoformat()}",
    )


def _group_name(config: Config, group_id: str) -> str:
    try:
        return config.group(group_id).name
    except KeyError:
        return group_id
