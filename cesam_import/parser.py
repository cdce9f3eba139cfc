"""Turn the text of a samverkan protocol into a :class:`store.core.model.Meeting`.

The parser reads patterns, not one municipality's layout: a heading with the
group and a date; Närvarande lists in their usual shapes; numbered items with
sub-items; statements that begin with a party; outcome and follow-up
phrases; the closing Justeras, Bilagor and Underskrifter. What it cannot
place stays as body text of the nearest item, and every decision is written
to the :class:`~cesam_import.report.Report`, so the secretary knows what to
check. A slide appendix after the signatures is set aside with a report line
(or kept as the text of a final item on request).

The pass over the lines has four regions: head (up to the first item),
items, closing (Justeras, Bilagor, signatures) and appendix.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from store.core.config import Config, Group, SubitemStyle
from store.core.ids import new_id, slug
from store.core.model import (
    ALL_UNIONS,
    EMPLOYER,
    Attachment,
    Attendee,
    FollowUp,
    Item,
    ItemKind,
    Meeting,
    NextMeeting,
    Outcome,
    OutcomeKind,
    Signature,
    Statement,
    StatementKind,
    Status,
)
from store.core.numbering import normalise_number

from .parties import Parties
from .report import Report
from .text import (
    MONTHS,
    FoundDate,
    clean_line,
    find_dates,
    find_time_range,
    fold,
    heading_key,
    looks_like_name,
    resolve_date,
    split_sentences,
    strip_emphasis,
    truncate_title,
)


class ImportProblem(Exception):
    """The text lacks what a meeting needs (group or date); the message says what to pass."""


@dataclass
class ImportResult:
    meeting: Meeting
    report: Report
    source: str = ""
    appendix: list[str] = field(default_factory=list)  # lines set aside after the signatures


# ------------------------------------------------------------------ patterns

_ARTEFACTS = [
    (re.compile(r"^\d{1,3}\s*\(\d{1,3}\)$"), "sidnummer"),
    (re.compile(r"^(sida|page)\s+\d+(\s*(av|of|/)\s*\d+)?$", re.I), "sidnummer"),
    (re.compile(r"^\d{1,3}\s*/\s*\d{1,3}$"), "sidnummer"),
    (re.compile(r"^justerandes\s+sign(atur)?\.?[\s_.]*$", re.I), "rutan för justerandes signatur"),
    (re.compile(r"^[_.\s]{6,}$"), "linje"),
]

_TOP = re.compile(r"^(?:§\s*|punkt\s+)?(\d{1,3})(?:\.(?!\d)|\)|:|\s)\s*(.*)$", re.I)
_PARAGRAPH_SIGN = re.compile(r"^§\s*(\d{1,3})\.?\s*(.*)$")
_DIGIT_SUB = re.compile(r"^(?:§\s*)?(\d{1,3})\.(\d{1,2})\.?\s+(\S.*)$")
_LETTER_SUB = re.compile(r"^(?:[-–•*]\s*)?([a-zåäö])(?:\)|\.)\s+(\S.*)$")
_BULLET = re.compile(r"^(\s*)(?:[-–—•*▪◦●·]|o(?=\s))\s+(.*)$")
_LIST_LINE = re.compile(r"^\s*(?:[-–•*]\s*)?(?:\d{1,2}|[a-zåäö]|[ivx]{1,4})[.)]\s+\S")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BILAGA_REF = re.compile(r"\bbilag(?:a|or|an|orna)\s+(\d{1,2}(?:\s*(?:,|och|&|samt|-|–)\s*\d{1,2})*)", re.I)
_BILAGA_LIST = re.compile(r"^(?:[-–•*]\s*)?(?:bilaga\s*)?(\d{1,2})\s*[).:]?\s*(?:[-–:]\s*)?(\S.*)$", re.I)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?")
_PRESENCE_FROM = re.compile(
    r"(?:,\s*)?\b(?:from|fr\.?\s*o\.?\s*m\.?|från(?:\s+och\s+med)?)\s+(?:punkt|§|p\.)\s*(\d{1,3}\s*[a-z]?)\b", re.I
)
_PRESENCE = re.compile(
    r"(?:,\s*)?(?<!\w)(?:punkt(?:erna)?|§§?|p\.)\s*((?:\d{1,3}\s*[a-z]?)(?:\s*(?:,|och|&|samt|-|–)\s*(?:\d{1,3}\s*)?[a-z]?\b)*)",
    re.I,
)
_PRESENCE_TAIL = re.compile(r"(?:,\s*|\s+)(\d{1,2}\s?[a-z]?(?:\s*(?:,|och|-)\s*(?:\d{1,2}\s?)?[a-z]?)*)$")

_SECTION_PRESENT = re.compile(
    r"^(närvarande|deltagare|närvarande ledamöter|ledamöter|närvarande ordinarie|mötesdeltagare|"
    r"övriga närvarande|övriga deltagare|adjungerade|adjungerad|inbjudna|föredragande|även närvarande)"
    r"(?:\s+(?P<side>arbetsgivar\w*|fackliga\s*\w*|för\s+\w+.*|från\s+\w+.*|arbetstagar\w*))?$"
)
_SECTION_SIDE = re.compile(
    r"^(?:för\s+)?(?:(?P<emp>arbetsgivar(?:en|sidan|representanter|e)?|arbetsgivarens representanter)|"
    r"(?P<uni>(?:de\s+)?fackliga(?:\s+(?:parter|parterna|organisationer|organisationerna|representanter|företrädare))?|"
    r"arbetstagar(?:sidan|representanter|organisationer)?))$"
)
_SECTION_ABSENT = re.compile(
    r"^(anm\w*\s+förhinder|förhinder|frånvarande|ej närvarande|anmält frånvaro|frånvaro|ej närvarande ledamöter)$"
)
_PREAMBLE_KEY = re.compile(
    r"^(?P<key>tid|tidpunkt|datum|plats|lokal|ordförande|mötesordförande|ordf|sekreterare|sekr|protokollförare|"
    r"vid protokollet|antecknare|anteckningar fördes av|justerare|justeringsperson(?:er)?|justeringsm[aä]n|grupp|möte)\s*[:–-]\s*(?P<value>.*)$",
    re.I,
)
_TITLE_WORDS = re.compile(
    r"^(protokoll|minnesanteckningar|anteckningar|mötesanteckningar|minnesanteckning|protokollsutdrag|"
    r"dagordning|kallelse)\b",
    re.I,
)
_CLOSING = re.compile(
    r"^(justeras|justerat|justerare|justeringsm[aä]n|justeringspersoner|underskrifter|signaturer|"
    r"underskriven av|vid protokollet|protokollförare|bilagor|bilageförteckning|"
    r"ordförande|mötesordförande|sekreterare|underskrift(?:s)?datum)$"
)

_ROLE_WORDS = (
    "förvaltning",
    "ordförande",
    "ordf",
    "direktör",
    "sekreterare",
    "chef",
    "strateg",
    "punkt",
    "ombud",
    "samordnare",
    "handläggare",
    "konsult",
    "controller",
    "partner",
    "ansvarig",
    "ledare",
    "kommun",
    "skyddsombud",
    "specialist",
)

_CHAIR = re.compile(
    r"^(?:mötes)?ordf(?:örande|\.)?(?:\s+för\s+mötet)?\.?$|^mötets ordförande$|^ordförande för mötet$", re.I
)
_SECRETARY = re.compile(r"^(?:sekreterare|sekr\.?|protokollförare|protokollskrivare|mötessekreterare)$", re.I)

_DISAGREE = re.compile(r"\boeni(?:g|ga|ghet)\b|\b(?:inte|ej|icke) (?:var )?eniga?\b|\boenighet\b", re.I)
_AGREE = re.compile(
    r"\benighet\b|\beniga\b|\benades\b|\bsamverkades\b|inget att erinra|inga invändningar|\bbiföll\b|\bbifaller\b|"
    r"\bbifölls\b|ställ(?:er|de) sig bakom|\btillstyrk",
    re.I,
)
_DECISION = re.compile(
    r"\bvaldes\b|\butsågs\b|\bbeslutade\b|\bbeslutades\b|\bbeslöt\b|\bfattade beslut|\bbeslut fattades",
    re.I,
)
_POSTPONE = re.compile(
    r"\bflyttades till\b|\bflyttas till\b|\bbordl[äa]g|\bbordlad|\bskjuts upp\b|\bsköts upp\b|\bskjuts fram\b", re.I
)
_INFO_FILED = re.compile(r"lades till handlingarna|läggs till handlingarna|lägges till handlingarna", re.I)
_INFO = re.compile(
    r"\binformation(?:en)? (?:lämnades|gavs|mottogs|noterades|togs emot)|\binformationen noteras\b|"
    r"\btog del av informationen|\bnoterades\b",
    re.I,
)
# Weaker signs of an information item; they set the outcome but leave the text in the body.
_INFO_WEAK = re.compile(
    r"\b(?:redovisade|redovisades|informerade|informerades|presenterade|presenterades|föredrog|lämnades)\b|"
    r"\binformation\b|\bgenomgång\b|\bstatus\b",
    re.I,
)
_PROPOSAL_SENTENCE = re.compile(
    r"^(?:förslag(?:et)? (?:lämnades|innebär|är|om att|till beslut (?:är|innebär|lämnades|lyder))|"
    r"arbetsgivarens förslag (?:är|innebär|lämnades)|arbetsgivaren föreslår att)",
    re.I,
)
_FOLLOW_UP_TITLE = re.compile(r"\bkommer (?:vid|på) (?:nästa|kommande) (?:möte|sammanträde)|\båterkommer\b", re.I)
_ANSWER_INSIDE = re.compile(r"^(.*?),?\s+(?:där|varpå|och)\s+arbetsgivaren\s+(svar\w*\s.*)$", re.I)
_PROPOSAL_HEADING = re.compile(r"^(?:förslag till beslut|arbetsgivarens förslag|beslutsförslag)\b", re.I)
_TITLE_FROM = [
    re.compile(r"^(?:information|info) (?:lämnades|gavs) (?:om|kring|gällande|avseende) (?!att\b)(.+)$", re.I),
    re.compile(
        r"^arbetsgivaren (?:samverkade|informerade om|redovisade|presenterade)"
        r"(?: sitt förslag(?: till beslut)? (?:avseende|om|gällande))? (?!att\b|om att\b)(.+)$",
        re.I,
    ),
    re.compile(r"^(.+?) (?:lämnades|redovisades|presenterades|föreslås|föreslogs)$", re.I),
]
_FOLLOW_UP = re.compile(
    r"\båterkommer\b|\båterkomma\b|\båterkoppl(?:ar|a|as|ade)\b|\ben återkoppling\b|\båterrapporter|\bavser att (?:informera|återkomma|redovisa|ta upp|presentera)|"
    r"\bkommer att (?:lyfta|informera|redovisa|återkomma|ta upp|presentera|återkoppla|utreda)|\btar med sig\b|"
    r"\bkommer (?:vid|på) (?:nästa|kommande) (?:möte|sammanträde)|\bkommer att ha löpande information|"
    r"\bska utreda|\butreder frågan|\btas upp (?:vid|på) (?:nästa|kommande)|\bredovisas (?:när|vid|på)",
    re.I,
)
_NEXT_MEETING_WORDS = re.compile(r"\b(nästa|kommande) (möte|sammanträde|träff|cesam|apt|fsg|samverkans\w*)", re.I)

_QUESTION_VERBS = re.compile(
    r"^(?:har\s+|hade\s+)?(?:efter)?fråg|^undr|^ställ\w*\s+(?:en\s+)?fråga|^vill veta|^begär", re.I
)
_STATEMENT_VERB = re.compile(
    r"^(?:har\s+|hade\s+|vill\s+|ville\s+|kan\s+|gärna\s+)?(?:efter)?fråg|^(?:har\s+|hade\s+)?"
    r"(?:undr|ans[eå]|påtal|påpek|ser\b|såg\b|lyft|framför|betona|understr|vill|ville|befar|föresl|ställ|önsk|men[ae]r|menade|"
    r"tyck|uttryck|poängter|yrka|reserv|begär|konstater|delar\b|saknar|informer|tar upp|tog upp|tackar|tackade|välkomna|"
    r"protokollsantecknar|lämnade|vidhåller|hävdar|hävdade|efterlyser|efterlyste|oroa|är (?:positiv|negativ|kritisk|orolig|tveksam|"
    r"emot|för)|var (?:positiv|negativ|kritisk|orolig|tveksam)|hade synpunkter|har synpunkter|instämm|stödjer|stödde|"
    r"anmäl|noterar|noterade|påminner|påminde|efterfråg)",
    re.I,
)
_ANSWER_START = re.compile(
    r"^(?:svar(?:ade|ar)?|förtydlig|förklar|återkommer|tar (?:till|med) sig|informer|anser|ansåg|ser\b|menar|menade|"
    r"har\b|hade\b|kommer\b|avser|föreslår|föreslog|redovis|bekräft|instämm|noter|lovade|lovar|konstater|berättade|"
    r"betonade|påpekade|tackade|tackar)",
    re.I,
)
_UNKNOWN_SPEAKER = re.compile(
    r"^([A-ZÅÄÖ][\wåäö-]+(?:\s+[A-ZÅÄÖ][\wåäö-]+){0,2})\s+(anser|ansåg|frågade|frågar|efterfrågade|efterfrågar|påtalade|"
    r"lyfte|vill gärna|vill att|yrkar|yrkade|reserverar|reserverade|undrade|undrar|framförde|påpekade)\b"
)
_NOT_SPEAKERS = {
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

_INTRO_LIST = re.compile(
    r"(lyft|ställt|ställde|tagit upp|tog upp|framfört|framförde|följande frågor|följande synpunkter)", re.I
)
_LEAD_WORDS = re.compile(r"^(?:även|vidare|därefter|sedan|dessutom|slutligen|också)\s+", re.I)
_RAISED_BY = re.compile(
    r"^(?:anmäld|anmält|anmälda|fråga|frågor|väckt|väckta|inlämnad|inlämnat|inkommen|inkommit|punkt|ärende)\s+"
    r"(?:av|från)\s+(.+?)\s*[:–-]\s*(.*)$",
    re.I,
)


# ------------------------------------------------------------------- records


@dataclass
class Line:
    no: int
    text: str  # cleaned; leading indentation kept

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip(" \t"))

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass
class RawItem:
    label: str  # as printed: "4", "4 a", "7.1", "§ 12"
    number: int
    title: str
    line_no: int
    heading: str  # the whole heading text after the number
    parent: RawItem | None = None
    lines: list[Line] = field(default_factory=list)
    children: list[RawItem] = field(default_factory=list)
    numbered_children: bool = False  # "1." sub-items under a union-question item
    item: Item | None = None

    @property
    def where(self) -> str:
        return f"punkt {self.label}"


@dataclass
class _Unit:
    """A paragraph line, a bullet, a list entry or a table row of an item's body."""

    text: str
    kind: str  # "para", "bullet", "list", "table"
    indent: int
    new_block: bool  # a blank line came before it
    line_no: int
    kept: list[str] = field(default_factory=list)  # sentences left as body text
    proposal_from: int | None = None  # index in ``kept`` where the employer's proposal starts

    def part(self, *, proposal: bool) -> _Unit:
        """The body part or the proposal part of this unit, as a unit of its own."""
        cut = len(self.kept) if self.proposal_from is None else self.proposal_from
        kept = self.kept[cut:] if proposal else self.kept[:cut]
        new_block = self.new_block if not proposal or cut == 0 else True
        return _Unit(self.text, self.kind, self.indent, new_block, self.line_no, kept)


@dataclass
class _Person:
    name: str
    role: str
    absent: bool
    side_hint: str  # "", "employer", "union"
    line_no: int


# -------------------------------------------------------------------- parser


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
    return _Parser(config, source=source, keep_appendix=keep_appendix).parse(text, group=group, date=date)


class _Parser:
    def __init__(self, config: Config, *, source: str, keep_appendix: bool) -> None:
        self.config = config
        self.parties = Parties(config)
        self.report = Report()
        self.source = source
        self.keep_appendix = keep_appendix
        self.group: Group | None = None
        self.style = SubitemStyle.LETTER
        self.meeting_date: dt.date | None = None
        self._referenced: dict[int, list[str]] = {}
        # follow-ups and postponements whose date is "nästa möte" or a month: set once that is known
        self._when_later: list[tuple[FollowUp | Outcome, str]] = []
        self._persons_raw: list[_Person] = []
        self._leftover_head: list[Line] = []
        self._preamble: dict[str, tuple[str, int]] = {}

    # ------------------------------------------------------------- the pass

    def parse(self, text: str, *, group: str | None, date: dt.date | None) -> ImportResult:
        lines = self._prepare(text)
        head_end = self._find_first_item(lines)
        head = lines[:head_end]
        meeting = self._head(head, group=group, date=date)
        raws, closing_start = self._items(lines[head_end:])
        closing = lines[head_end:][closing_start:] if closing_start is not None else []
        appendix = self._closing(closing, meeting, raws)
        self._build_items(raws, meeting)
        self._resolve_attendance(meeting, raws)
        self._finish(meeting, raws)
        if appendix:
            self._appendix(appendix, meeting)
        self._summarise(meeting, raws)
        return ImportResult(meeting, self.report, self.source, [line.text for line in appendix])

    def _prepare(self, text: str) -> list[Line]:
        out: list[Line] = []
        dropped: dict[str, list[int]] = {}
        for no, raw in enumerate(text.splitlines(), 1):
            line = clean_line(raw)
            stripped = line.strip()
            for pattern, what in _ARTEFACTS:
                if stripped and pattern.match(stripped):
                    dropped.setdefault(what, []).append(no)
                    line = ""
                    break
            out.append(Line(no, line))
        for what, numbers in dropped.items():
            shown = ", ".join(str(n) for n in numbers[:8]) + (" …" if len(numbers) > 8 else "")
            self.report.dropped("artefact", f"{what} ({len(numbers)} st.) togs bort", f"rad {shown}")
        return out

    def _find_first_item(self, lines: list[Line]) -> int:
        seen_text = 0
        for i, line in enumerate(lines):
            if line.blank:
                continue
            text = line.stripped
            md = _MD_HEADING.match(text)
            bare = md.group(2) if md else text
            key = heading_key(text)
            if _SECTION_ABSENT.match(key) or _SECTION_PRESENT.match(key) or _PREAMBLE_KEY.match(bare):
                seen_text += 1
                continue
            if self._top_candidate(bare, None) is not None and not _looks_like_date_line(bare):
                return i
            if md and seen_text > 0 and not _TITLE_WORDS.match(bare) and not find_dates(bare):
                return i
            seen_text += 1
        return len(lines)

    # ------------------------------------------------------------ the head

    def _head(self, head: list[Line], *, group: str | None, date: dt.date | None) -> Meeting:
        section: tuple[str, str] | None = None  # ("present"|"absent", side hint)
        persons: list[_Person] = []
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
            md = _MD_HEADING.match(text)
            bare = strip_emphasis(md.group(2) if md else text)
            key = heading_key(bare)
            new_section = self._section_of(key)
            inline_value = ""
            if new_section is None and ":" in bare:
                before, _, after = bare.partition(":")
                candidate = self._section_of(heading_key(before))
                if candidate is not None:
                    new_section, inline_value = candidate, after.strip()
            if new_section is not None:
                section = new_section
                section_lines.append((section, []))
                if inline_value:
                    section_lines[-1][1].append(Line(line.no, inline_value))
                if re.search(r"[^\x00-\u024f]", text):  # letters of another script, from the PDF's text layer
                    self.report.check("heading", f"rubriken {text!r} lästes som {key.capitalize()!r}", f"rad {line.no}")
                continue
            pre = _PREAMBLE_KEY.match(bare)
            if pre:
                preamble.setdefault(pre.group("key").casefold(), (pre.group("value").strip(), line.no))
                section = None
                continue
            if section is not None:
                section_lines[-1][1].append(line)
                continue
            if _TITLE_WORDS.match(bare) or find_dates(bare) or self._group_in(bare):
                heading_lines.append(line)
                continue
            leftovers.append(line)
        for (kind, side), lines in section_lines:
            persons.extend(self._persons(lines, absent=kind == "absent", side=side))

        self.group = self._pick_group(group, heading_lines + leftovers)
        self.style = self.group.subitem_style
        meeting_date = self._pick_date(date, heading_lines + leftovers, preamble)
        self.meeting_date = meeting_date
        meeting = Meeting(group=self.group.id, date=meeting_date, status=Status.HELD)

        for line in heading_lines:
            self.report.recognised("heading", f"rubrik: {line.stripped}", f"rad {line.no}")
        times = None
        if "tid" in preamble or "tidpunkt" in preamble:
            times = find_time_range(preamble.get("tid", preamble.get("tidpunkt", ("", 0)))[0])
        for line in heading_lines:
            times = times or find_time_range(line.stripped)
        if times:
            meeting.start, meeting.end = times
            self.report.recognised("time", f"tid {meeting.start}–{meeting.end}".rstrip("–"))
        for key in ("plats", "lokal"):
            if key in preamble:
                meeting.place = preamble[key][0]
                self.report.recognised("place", f"plats: {meeting.place}", f"rad {preamble[key][1]}")
        self._leftover_head = leftovers
        self._preamble = preamble
        self._persons_raw = persons
        return meeting

    def _section_of(self, key: str) -> tuple[str, str] | None:
        if _SECTION_ABSENT.match(key):
            return ("absent", "")
        m = _SECTION_PRESENT.match(key)
        if m:
            side = m.group("side") or ""
            if side.startswith("arbetsgivar") or "arbetsgivar" in side:
                return ("present", "employer")
            if side.startswith(("fackliga", "arbetstagar")) or "fackliga" in side:
                return ("present", "union")
            return ("present", "")
        m = _SECTION_SIDE.match(key)
        if m:
            return ("present", "employer" if m.group("emp") else "union")
        return None

    def _group_in(self, text: str) -> Group | None:
        folded = text.casefold()
        best: tuple[int, Group] | None = None
        for group in self.config.groups:
            for spelling in (group.name, group.short, group.id):
                s = spelling.strip().casefold()
                found = s and re.search(rf"(?<![\wåäö]){re.escape(s)}(?![\wåäö])", folded)
                if found and (best is None or len(s) > best[0]):
                    best = (len(s), group)
        return best[1] if best else None

    def _pick_group(self, wanted: str | None, lines: list[Line]) -> Group:
        if wanted:
            try:
                group = self.config.group(wanted)
            except KeyError:
                known = ", ".join(g.id for g in self.config.groups) or "(inga)"
                raise ImportProblem(f"okänd grupp {wanted!r}; kända grupper: {known}") from None
            found = next((g for line in lines if (g := self._group_in(line.stripped))), None)
            if found and found.id != group.id:
                self.report.check("group", f"rubriken nämner {found.label} men --group {group.id} användes")
            else:
                self.report.recognised("group", f"grupp: {group.label} (angiven)")
            return group
        for line in lines:
            found = self._group_in(line.stripped)
            if found:
                self.report.recognised("group", f"grupp: {found.label}", f"rad {line.no}")
                return found
        if len(self.config.groups) == 1:
            group = self.config.groups[0]
            self.report.check(
                "group", f"ingen grupp i rubriken; den enda gruppen i cesam.toml ({group.label}) användes"
            )
            return group
        known = ", ".join(g.id for g in self.config.groups) or "(inga)"
        raise ImportProblem(f"kan inte se vilken grupp protokollet gäller; ange --group (kända grupper: {known})")

    def _pick_date(self, wanted: dt.date | None, lines: list[Line], preamble: dict[str, tuple[str, int]]) -> dt.date:
        candidates: list[tuple[FoundDate, int]] = []
        if "datum" in preamble:
            candidates += [(f, preamble["datum"][1]) for f in find_dates(preamble["datum"][0])]
        for line in lines:
            candidates += [(f, line.no) for f in find_dates(line.stripped)]
        found = candidates[0] if candidates else None
        if wanted is not None:
            if found and found[0].date and found[0].date != wanted:
                self.report.check(
                    "date", f"protokollet säger {found[0].date.isoformat()} men --date {wanted.isoformat()} användes"
                )
            else:
                self.report.recognised("date", f"datum: {wanted.isoformat()} (angivet)")
            return wanted
        if found and found[0].date:
            self.report.recognised("date", f"datum: {found[0].date.isoformat()} ({found[0].text})", f"rad {found[1]}")
            return found[0].date
        from_name = find_dates(self.source)
        if from_name and from_name[0].date:
            if found:
                self.report.check(
                    "date", f"datumet {found[0].text!r} saknar år; {from_name[0].date.isoformat()} togs från filnamnet"
                )
            else:
                self.report.check(
                    "date", f"inget datum i rubriken; {from_name[0].date.isoformat()} togs från filnamnet"
                )
            return from_name[0].date
        if found:
            raise ImportProblem(f"datumet {found[0].text!r} saknar år; ange --date ÅÅÅÅ-MM-DD")
        raise ImportProblem("hittar inget mötesdatum i protokollet; ange --date ÅÅÅÅ-MM-DD")

    # ------------------------------------------------------- attendee lists

    def _persons(self, lines: list[Line], *, absent: bool, side: str) -> list[_Person]:
        content = [line for line in lines if not line.blank]
        if not content:
            return []
        out: list[_Person] = []
        if any("\t" in line.text for line in content):
            for line in content:
                cells = [c.strip() for c in line.stripped.split("\t") if c.strip()]
                if len(cells) >= 2 and looks_like_name(cells[0], _ROLE_WORDS) is False and looks_like_name(cells[-1]):
                    cells = [cells[-1], *cells[:-1]]  # role first, name last
                if cells:
                    out.append(_Person(_tidy_name(cells[0]), ", ".join(cells[1:]), absent, side, line.no))
            return out
        joined = " ".join(line.stripped for line in content)
        split_inline = [_split_name_role(line.stripped) for line in content]
        one_a_line = all(
            role
            and looks_like_name(n, _ROLE_WORDS)
            and not any(looks_like_name(p.strip(), _ROLE_WORDS) for p in role.split(","))
            for n, role in split_inline
        )
        if one_a_line:
            # one person a line: "Anna Berg, förvaltningsdirektör" or "Anna Berg – Vision"
            return [
                _Person(_tidy_name(n), r, absent, side, line.no)
                for (n, r), line in zip(split_inline, content, strict=True)
            ]
        commas = joined.count(",") + joined.count(";")
        if len(content) <= 3 and ((commas >= 1 and "(" in joined) or commas >= 2):
            return self._inline_persons(joined, content[0].no, absent=absent, side=side)
        names = [line for line in content if looks_like_name(_split_name_role(line.stripped)[0], _ROLE_WORDS)]
        roles = [line for line in content if line not in names]
        if names and len(names) == len(roles) and content[: len(names)] == names:
            for name, role in zip(names, roles, strict=True):
                out.append(_Person(name.stripped, role.stripped, absent, side, name.no))
            self.report.recognised(
                "attendees",
                f"namn och roller i två block ({len(names)} rader var) parades ihop",
                f"rad {content[0].no}",
            )
            return out
        # name, role, name, role … or names alone
        i = 0
        while i < len(content):
            line = content[i]
            name, role = _split_name_role(line.stripped)
            nxt = content[i + 1] if i + 1 < len(content) else None
            if not role and nxt is not None and nxt not in names and looks_like_name(name, _ROLE_WORDS):
                out.append(_Person(name, nxt.stripped, absent, side, line.no))
                i += 2
                continue
            out.append(_Person(name, role, absent, side, line.no))
            if not looks_like_name(name, _ROLE_WORDS):
                self.report.check(
                    "attendee", f"{line.stripped!r} ser inte ut som ett namn; kontrollera", f"rad {line.no}"
                )
            i += 1
        if len(names) != len(roles) and roles and names:
            self.report.check(
                "attendees",
                f"{len(names)} namn men {len(roles)} andra rader i listan; kontrollera att roller hamnat rätt",
                f"rad {content[0].no}",
            )
        return out

    def _inline_persons(self, text: str, line_no: int, *, absent: bool, side: str) -> list[_Person]:
        parts = _split_top_level(text)
        out: list[_Person] = []
        has_parens = "(" in text
        for part in parts:
            m = re.match(r"^(.*?)\s*\((.*)\)\s*$", part)
            if m:
                out.append(_Person(m.group(1).strip(), m.group(2).strip(), absent, side, line_no))
                continue
            if not has_parens and out and not looks_like_name(part, _ROLE_WORDS) and not out[-1].role:
                out[-1].role = part  # "Anna Berg, förvaltningschef, Karin Ek, Kommunal"
                continue
            out.append(_Person(part, "", absent, side, line_no))
        self.report.recognised("attendees", f"lista på en rad med {len(out)} personer", f"rad {line_no}")
        return out

    # ------------------------------------------------------------ the items

    def _top_candidate(self, text: str, expected: int | None) -> tuple[int, str] | None:
        m = _PARAGRAPH_SIGN.match(text) or _TOP.match(text)
        if not m:
            return None
        number, title = int(m.group(1)), strip_emphasis(m.group(2).strip())
        if title and not (title[0].isupper() or title[0] in "\"”“'«"):
            return None
        if not title and not text.lstrip().startswith("§"):
            return None
        if expected is None and title and not _PARAGRAPH_SIGN.match(text) and number > 40:
            return None
        return number, title

    def _items(self, lines: list[Line]) -> tuple[list[RawItem], int | None]:
        raws: list[RawItem] = []
        top: RawItem | None = None
        current: RawItem | None = None
        expected: int | None = None
        inner: tuple[int, int] | None = None  # (indent, next number) of a numbered list in a body
        after_blank = False
        pending_title: RawItem | None = None
        for index, line in enumerate(lines):
            if line.blank:
                if current is not None:
                    current.lines.append(line)
                after_blank = True
                continue
            text = line.stripped
            md = _MD_HEADING.match(text)
            bare = md.group(2).strip() if md else text
            key = heading_key(bare)
            if pending_title is not None:
                pending_title.title = strip_emphasis(bare)
                pending_title.heading = pending_title.title
                pending_title = None
                after_blank = False
                continue
            if _CLOSING.match(key) or (":" in bare and _CLOSING.match(heading_key(bare.split(":")[0]))):
                if top is not None and not re.match(r"^(ordförande|sekreterare)$", key):
                    return raws, index
                if top is not None and _is_signature_block(lines, index):
                    return raws, index
            digit = _DIGIT_SUB.match(bare)
            if (
                digit
                and top is not None
                and (int(digit.group(1)), int(digit.group(2)))
                == (
                    top.number,
                    len(top.children) + 1,
                )
            ):
                current = self._new_sub(top, f"{top.number}.{digit.group(2)}", digit.group(3), line)
                inner = None
                after_blank = False
                continue
            cand = self._top_candidate(bare, expected)
            if cand is not None:
                n, title = cand
                indent = line.indent
                continues_inner = inner is not None and n == inner[1] and indent >= inner[0]
                if continues_inner and top is not None and top.numbered_children:
                    current = self._new_sub(top, f"{top.number}.{n}", title, line, numbered=True)
                    inner = (indent, n + 1)
                    after_blank = False
                    continue
                if not continues_inner:
                    is_top = False
                    if expected is None or n == expected:
                        is_top = True
                    elif expected < n <= expected + 2 and _heading_like(title) and inner is None:
                        is_top = True
                        self.report.check("items", f"punktnumret hoppar från {expected - 1} till {n}", f"rad {line.no}")
                    if is_top:
                        top = RawItem(
                            label=str(n) if not text.lstrip("#").lstrip().startswith("§") else f"§ {n}",
                            number=n,
                            title="",
                            line_no=line.no,
                            heading=title,
                        )
                        top.title = title
                        raws.append(top)
                        current = top
                        expected = n + 1
                        inner = None
                        after_blank = False
                        if not title:
                            pending_title = top
                        continue
                    if n == 1 and current is not None:
                        if current is top and top is not None and not top.children and _is_union_questions(top.title):
                            top.numbered_children = True
                            current = self._new_sub(top, f"{top.number}.1", title, line, numbered=True)
                            inner = (line.indent, 2)
                            after_blank = False
                            continue
                        inner = (line.indent, 2)
                elif inner is not None:
                    inner = (inner[0], n + 1)
            letter = _LETTER_SUB.match(bare)
            if letter and top is not None and not top.numbered_children:
                wanted = chr(ord("a") + len(top.children))
                nested = inner is not None and line.indent > inner[0]
                if (
                    letter.group(1) == wanted
                    and not nested
                    and not (inner is not None and not after_blank and _prev_is_list(current))
                ):
                    current = self._new_sub(top, f"{top.number} {wanted}", letter.group(2), line)
                    inner = None
                    after_blank = False
                    continue
            if md and not cand and top is not None and not _LIST_LINE.match(bare):
                # an unnumbered heading in a Word document
                n = (expected or 1) if expected is not None else 1
                top = RawItem(label=str(n), number=n, title=strip_emphasis(bare), line_no=line.no, heading=bare)
                raws.append(top)
                current = top
                expected = n + 1
                inner = None
                after_blank = False
                self.report.check("items", f"rubrik utan nummer blev punkt {n}: {bare}", f"rad {line.no}")
                continue
            ends_list = (
                inner is not None and after_blank and not _LIST_LINE.match(text) and not _BULLET.match(line.text)
            )
            if ends_list and line.indent <= inner[0] and not (top is not None and top.numbered_children):  # type: ignore[index]
                inner = None
            if current is None:  # cannot happen: the items region starts at a heading
                continue
            current.lines.append(line)
            after_blank = False
        return raws, None

    def _new_sub(self, top: RawItem, label: str, heading: str, line: Line, *, numbered: bool = False) -> RawItem:
        if self.style == SubitemStyle.LETTER and not numbered and "." in label:
            label = label  # printed "7.1" even when the group uses letters; the number follows position
        sub = RawItem(
            label=label,
            number=len(top.children) + 1,
            title="",
            line_no=line.no,
            heading=strip_emphasis(heading),
            parent=top,
        )
        top.children.append(sub)
        return sub

    # --------------------------------------------------------- closing part

    def _closing(self, lines: list[Line], meeting: Meeting, raws: list[RawItem]) -> list[Line]:
        """Justeras, Bilagor, Underskrifter; returns the appendix lines after them."""
        self._justeras: list[tuple[str, int]] = []
        self._justeras_roles: list[str] = []
        self._bilagor: dict[int, str] = {}
        self._signers: list[Signature] = []
        self._secretary_sig = ""
        self._chair_sig = ""
        phase = ""
        budget = 0
        expecting = ""  # "signer", "signed_at", "secretary", "chair"
        i = 0
        started_justeras = False
        while i < len(lines):
            line = lines[i]
            i += 1
            if line.blank:
                continue
            text = line.stripped
            bare = strip_emphasis(text)
            key = heading_key(bare)
            head, _, rest = bare.partition(":")
            head_key = heading_key(head) if rest.strip() else key
            if expecting == "signer":
                email = _EMAIL.search(bare)
                method = "e-legitimation" if "e-legitimation" in bare.casefold() else ""
                self._signers.append(Signature(name=email.group(0) if email else bare.split(",")[0], method=method))
                expecting = ""
                continue
            if expecting == "signed_at" and _DATETIME.match(bare):
                if self._signers:
                    self._signers[-1].signed_at = bare
                expecting = ""
                continue
            if expecting in ("secretary", "chair") and looks_like_name(bare):
                if expecting == "secretary":
                    self._secretary_sig = bare
                else:
                    self._chair_sig = bare
                expecting = ""
                continue
            if re.match(r"^(justeras|justerat|justerare|justeringsm[aä]n|justeringspersoner)$", head_key):
                phase, started_justeras = "justeras", True
                if rest.strip():
                    for name in _split_top_level(rest):
                        self._justeras.append((name, line.no))
                        budget += 1
                continue
            if head_key in ("bilagor", "bilageförteckning"):
                phase = "bilagor"
                if rest.strip():
                    for j, title in enumerate(_split_top_level(rest), 1):
                        self._bilagor[j] = title
                continue
            if head_key in ("underskrifter", "signaturer"):
                phase = "sign"
                continue
            if key.startswith("underskriven av"):
                phase = "sign"
                if rest.strip():
                    lines.insert(i, Line(line.no, rest.strip()))
                expecting = "signer"
                continue
            if key.startswith("underskrift") and "datum" in key:
                expecting = "signed_at"
                if rest.strip() and _DATETIME.match(rest.strip()) and self._signers:
                    self._signers[-1].signed_at = rest.strip()
                    expecting = ""
                continue
            if head_key in ("vid protokollet", "protokollförare", "sekreterare"):
                expecting = "secretary"
                if rest.strip():
                    self._secretary_sig, expecting = rest.strip(), ""
                continue
            if head_key in ("ordförande", "mötesordförande"):
                if phase == "justeras" and budget > 0:
                    budget -= 1
                    self._justeras_roles.append(bare)
                    continue
                expecting = "chair"
                if rest.strip():
                    self._chair_sig, expecting = rest.strip(), ""
                continue
            if phase == "bilagor":
                m = _BILAGA_LIST.match(bare)
                b = _BULLET.match(line.text)
                if m:
                    self._bilagor[int(m.group(1))] = m.group(2).strip()
                    continue
                if b:
                    self._bilagor[len(self._bilagor) + 1] = b.group(2).strip()
                    continue
            if phase == "justeras":
                cells = [c.strip() for c in bare.split("\t") if c.strip()] if "\t" in bare else [bare]
                names = [c for c in cells if self._is_person(c)]
                if names and len(names) == len(cells):
                    for name in names:
                        self._justeras.append((name, line.no))
                        budget += 1
                    continue
                if budget >= len(cells) and all(len(c.split()) <= 6 and not c.endswith(".") for c in cells):
                    budget -= len(cells)
                    self._justeras_roles.extend(cells)
                    continue
            # anything else ends the closing part
            rest_lines = lines[i - 1 :]
            if self._signers or started_justeras:
                return rest_lines
            self._stray_closing(rest_lines, raws)
            return []
        return []

    def _is_person(self, text: str) -> bool:
        if any(fold(p.name) == fold(text) for p in self._persons_raw):
            return True
        return looks_like_name(text, _ROLE_WORDS) and self.parties.canonical(text) is None

    def _stray_closing(self, lines: list[Line], raws: list[RawItem]) -> None:
        if not raws:
            return
        target = raws[-1].children[-1] if raws[-1].children else raws[-1]
        target.lines.append(Line(lines[0].no, ""))
        target.lines.extend(lines)
        self.report.text("closing", f"text efter avslutningen lades i {target.where}", f"rad {lines[0].no}")

    def _appendix(self, lines: list[Line], meeting: Meeting) -> None:
        content = [line for line in lines if not line.blank]
        if not content:
            return
        span = f"rad {lines[0].no}–{lines[-1].no}"
        first = content[0].stripped[:60]
        if self.keep_appendix:
            body = "\n".join(line.text for line in lines).strip("\n")
            taken = [item.id for item in meeting.items]
            meeting.items.append(
                Item(
                    id=new_id("bilagor-text", taken),
                    title="Bilagor (text ur originalet)",
                    kind=ItemKind.OTHER,
                    body=body,
                )
            )
            self.report.text(
                "appendix", f"bilagedelen efter underskrifterna ({len(content)} rader) sparades som sista punkten", span
            )
        else:
            self.report.dropped(
                "appendix",
                f"bilagedelen efter underskrifterna ({len(content)} rader, börjar {first!r}) togs inte med; "
                "använd --keep-appendix för att spara den som text",
                span,
            )

    # ---------------------------------------------------------- item bodies

    def _build_items(self, raws: list[RawItem], meeting: Meeting) -> None:
        taken: list[str] = []
        if self._leftover_head and not raws:
            # no numbered items at all: the text is kept as one item for the secretary to divide
            first_no = self._leftover_head[0].no
            raws.append(RawItem(label="1", number=1, title="Protokolltext", line_no=first_no, heading="Protokolltext"))
            self.report.check("items", "inga numrerade punkter hittades; all text lades i en punkt 'Protokolltext'")
        if self._leftover_head and raws:
            first = raws[0]
            first.lines[:0] = [*self._leftover_head, Line(self._leftover_head[-1].no, "")]
            for line in self._leftover_head:
                self.report.text(
                    "head", f"text före första punkten lades i {first.where}: {line.stripped[:70]}", f"rad {line.no}"
                )
        for raw in raws:
            for r in (raw, *raw.children):
                item = self._item(r, taken)
                taken.append(item.id)
                meeting.items.append(item)

    def _item(self, raw: RawItem, taken: list[str]) -> Item:
        parent = raw.parent
        heading = strip_emphasis(raw.heading)
        units: list[_Unit] = []
        raised_by = ""
        heading_statement: Statement | None = None
        if parent is None:
            title, rest = _title_and_rest(heading, limit=120)
            kind = _item_kind(title, self.group)
        else:
            parent_kind = parent.item.kind if parent.item else _item_kind(parent.title, self.group)
            kind = (
                parent_kind
                if parent_kind in (ItemKind.UNION_QUESTION, ItemKind.PROCUREMENT, ItemKind.NEGOTIATION)
                else ItemKind.INFORMATION
            )
            raised_by, said = self._raised_by(heading) if kind == ItemKind.UNION_QUESTION else ("", heading)
            title, rest = self._sub_title(said, raised_by)
            if raised_by:
                start = self.parties.at_start(said)
                text = said[start.end :].strip(" :") if start and start.party == raised_by else said
                kind_of = _statement_kind(text, said, union=True)
                heading_statement = Statement(
                    id=new_id(slug(raised_by), []),
                    party=raised_by,
                    kind=kind_of if kind_of != StatementKind.VIEW else StatementKind.QUESTION,
                    text=text,
                )
                rest = ""
        raw.title = title
        item = Item(
            id=new_id(title or "punkt", taken),
            title=title,
            parent=parent.item.id if parent and parent.item else "",
            kind=kind,
            raised_by=raised_by,
        )
        if self.group is not None:
            for standing in self.group.standing_items:
                if standing.title.strip().casefold() == title.casefold() and standing.purpose:
                    item.purpose = standing.purpose
        raw.item = item
        units.extend(_units([Line(raw.line_no, rest), *raw.lines] if rest else raw.lines))
        if heading_statement is not None:
            item.statements.append(heading_statement)
            self.report.recognised(
                "statement",
                f"{raised_by} ({_KIND_SV[heading_statement.kind]}, anmäld fråga): {_short(heading_statement.text)}",
                raw.where,
            )
        for number in _bilaga_numbers(raw.heading):
            self._attach(item, number, raw)
        self._analyse(item, raw, units, heading_statement)
        if parent is None and _FOLLOW_UP_TITLE.search(heading):
            self._follow_up(item, heading, EMPLOYER, raw)
        negotiable = item.kind == ItemKind.INFORMATION or (parent is not None and item.kind == ItemKind.PROCUREMENT)
        if negotiable and item.outcome.kind in (OutcomeKind.AGREEMENT, OutcomeKind.DISAGREEMENT):
            item.kind = ItemKind.NEGOTIATION
        return item

    def _sub_title(self, said: str, raised_by: str) -> tuple[str, str]:
        """A sub-item's title from its first line; a formula ("Information lämnades om X") gives X."""
        sentences = split_sentences(said)
        first = sentences[0] if sentences else said
        bare = _BILAGA_TITLE_TAIL.sub("", first.rstrip(".")).strip().rstrip(" ,:;") or first.rstrip(".")
        if raised_by:
            start = self.parties.at_start(bare)
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
            for pattern in _TITLE_FROM:
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
        return _title_and_rest(said, limit=90)

    def _raised_by(self, heading: str) -> tuple[str, str]:
        m = _RAISED_BY.match(heading)
        if m:
            party = self.parties.canonical(m.group(1)) or next(
                (p.party for p in self.parties.unions_in(m.group(1))), None
            )
            if party:
                return party, m.group(2).strip()
        head, sep, rest = heading.partition(":")
        if sep and (party := self.parties.canonical(head)):
            return party, rest.strip()
        start = self.parties.at_start(heading)
        if start and start.party != EMPLOYER:
            return start.party, heading
        m = re.search(r"\(([^()]+)\)\s*$", heading)
        if m and (party := self.parties.canonical(m.group(1))):
            return party, heading[: m.start()].strip()
        return "", heading

    def _attach(self, item: Item, number: int, raw: RawItem) -> None:
        if any(a.number == number for a in item.attachments):
            return
        item.attachments.append(Attachment(number=number, title=""))
        self._referenced.setdefault(number, []).append(raw.where)

    def _analyse(self, item: Item, raw: RawItem, units: list[_Unit], heading_statement: Statement | None) -> None:
        """Place each sentence: statement, answer, outcome, proposal or body; follow-ups are noted on the side."""
        statement: Statement | None = heading_statement
        in_answer = False
        list_party: str | None = None
        list_kind = StatementKind.VIEW
        outcomes: list[tuple[OutcomeKind, str, list[str], bool]] = []
        last_was_statement = heading_statement is not None
        in_proposal = False
        weak_info = bool(_INFO_WEAK.search(raw.heading)) or bool(_INFO.search(raw.heading))
        for unit in units:
            for number in _bilaga_numbers(unit.text):
                self._attach(item, number, raw)
            if unit.kind == "table":
                unit.kept = [unit.text]
                unit.proposal_from = 0 if in_proposal else None
                statement, in_answer, last_was_statement = None, False, False
                continue
            if unit.new_block and unit.kind == "para":
                list_party = None
            if unit.kind == "para" and _PROPOSAL_HEADING.match(unit.text) and not unit.text.rstrip().endswith("."):
                in_proposal = True
            sentences = split_sentences(unit.text) if unit.kind != "list" else [unit.text]
            unit_started_statement = False
            for index, sentence in enumerate(sentences):
                body_sentence = _LEAD_WORDS.sub("", sentence)
                start = self.parties.at_start(body_sentence)
                outcome = _outcome_of(sentence)
                follow = bool(_FOLLOW_UP.search(sentence))
                first_in_unit = index == 0
                by_employer = start is not None and start.party == EMPLOYER
                # an employer's sentence right after a union's statement is the answer
                if (
                    statement is not None
                    and (by_employer or (in_answer and not first_in_unit and start is None))
                    and (last_was_statement or not first_in_unit)
                    and (outcome is None or outcome[0] == OutcomeKind.INFORMATION_RECEIVED)
                ):
                    said = _strip_employer(sentence) if not statement.answer else sentence
                    statement.answer = f"{statement.answer} {said}".strip()
                    in_answer = True
                    if follow:
                        self._follow_up(item, sentence, EMPLOYER, raw)
                    continue
                if in_proposal and outcome is not None and outcome[0] == OutcomeKind.DECISION:
                    outcome = None  # "Beslutet innebär att …" inside a proposal describes it, it records nothing
                if outcome is not None and outcome[0] != OutcomeKind.INFORMATION_RECEIVED:
                    outcomes.append((*outcome, True))
                    statement, in_answer, in_proposal = None, False, False
                    if follow:
                        self._follow_up(item, sentence, EMPLOYER, raw)
                    continue
                if outcome is not None:
                    consumed = bool(_INFO_FILED.search(sentence)) and len(sentence) < 120
                    outcomes.append((*outcome, consumed))
                    if consumed:
                        statement, in_answer = None, False
                        continue
                elif _INFO_WEAK.search(sentence):
                    weak_info = True
                speaker = start.party if start and start.party != EMPLOYER else None
                rest = body_sentence[start.end :].strip() if start else ""
                if speaker and _STATEMENT_VERB.match(rest) and (first_in_unit or unit.kind == "para"):
                    statement = Statement(
                        id=new_id(slug(speaker), [s.id for s in item.statements]),
                        party=speaker,
                        kind=_statement_kind(rest, sentence, union=True),
                        text=rest,
                    )
                    item.statements.append(statement)
                    in_answer, in_proposal = _split_answer(statement), False
                    unit_started_statement = True
                    self.report.recognised(
                        "statement", f"{speaker} ({_KIND_SV[statement.kind]}): {_short(sentence)}", raw.where
                    )
                    if follow:
                        self._follow_up(item, sentence, speaker, raw)
                    continue
                if list_party and unit.kind in ("bullet", "list") and first_in_unit:
                    statement = Statement(
                        id=new_id(slug(list_party), [s.id for s in item.statements]),
                        party=list_party,
                        kind=list_kind,
                        text=sentence,
                    )
                    item.statements.append(statement)
                    in_answer = _split_answer(statement)
                    unit_started_statement = True
                    self.report.recognised(
                        "statement", f"{list_party} ({_KIND_SV[list_kind]}, ur listan): {_short(sentence)}", raw.where
                    )
                    continue
                if (
                    statement is not None
                    and not first_in_unit
                    and start is None
                    and (unit_started_statement or in_answer)
                ):
                    if in_answer:
                        statement.answer = f"{statement.answer} {sentence}".strip()
                    else:
                        statement.text = f"{statement.text} {sentence}".strip()
                        if statement.party != ALL_UNIONS and re.search(r"\bföreslår\b|\byrkar\b", sentence, re.I):
                            statement.kind = _statement_kind(sentence, sentence, union=True)
                    continue
                if follow and (start is None or by_employer):
                    self._follow_up(item, sentence, EMPLOYER, raw)
                if sentence.rstrip().endswith(":") and unit.kind == "para":
                    named = self.parties.unions_in(sentence)
                    if len(named) == 1 and _INTRO_LIST.search(sentence):
                        list_party = named[0].party
                        list_kind = StatementKind.QUESTION if "fråg" in sentence.casefold() else StatementKind.VIEW
                self._unknown_speaker(body_sentence, raw)
                if unit.kind == "para" and _PROPOSAL_SENTENCE.match(body_sentence):
                    in_proposal = True
                if in_proposal and unit.proposal_from is None:
                    unit.proposal_from = len(unit.kept)  # the proposal may start inside a line
                unit.kept.append(sentence)
                statement, in_answer = None, False
            last_was_statement = statement is not None
        if re.search(r"restlist|uppföljningslist|ärendelist|bevakningslist", item.title, re.I):
            self._restlist(item, units, raw)
        informative = item.kind in (ItemKind.INFORMATION, ItemKind.PROCUREMENT) and not raw.children
        has_content = any(u.kept for u in units) or item.attachments or item.statements
        if not outcomes and ((weak_info and item.kind == ItemKind.OTHER_BUSINESS) or (informative and has_content)):
            outcomes.append((OutcomeKind.INFORMATION_RECEIVED, "", [], False))
        self._set_outcome(item, outcomes, raw)
        item.body = _render_body([u.part(proposal=False) for u in units])
        item.proposal = _render_body([u.part(proposal=True) for u in units])
        if item.proposal:
            self.report.recognised("proposal", f"förslag till beslut: {_short(item.proposal)}", raw.where)
        kept_units = [u for u in units if u.part(proposal=False).kept]
        if kept_units:
            paragraphs = sum(1 for u in kept_units if u.new_block or u is kept_units[0])
            lines = f"{len(kept_units)} rad" if len(kept_units) == 1 else f"{len(kept_units)} rader"
            blocks = "1 stycke" if paragraphs == 1 else f"{paragraphs} stycken"
            self.report.text("body", f"{lines} brödtext ({blocks})", raw.where)

    def _restlist(self, item: Item, units: list[_Unit], raw: RawItem) -> None:
        """Each entry of a restlista is an open follow-up; an entry that only heads sub-entries is not."""
        entries = [u for u in units if u.kind in ("list", "bullet") and u.kept]
        for index, unit in enumerate(entries):
            following = entries[index + 1] if index + 1 < len(entries) else None
            if following is not None and following.indent > unit.indent and len(split_sentences(unit.text)) == 1:
                continue
            text = re.sub(r"^(?:[-–•*]\s*)?(?:\d{1,2}|[a-zåäö])[.)]\s+", "", " ".join(unit.kept))
            self._follow_up(item, text, EMPLOYER, raw)

    def _unknown_speaker(self, sentence: str, raw: RawItem) -> None:
        unknown = _UNKNOWN_SPEAKER.match(sentence)
        if not unknown or unknown.group(1).casefold() in _NOT_SPEAKERS:
            return
        if self.parties.canonical(unknown.group(1)) is not None or self.parties.at_start(sentence) is not None:
            return
        if fold(unknown.group(1)) in {fold(p.name.split()[0]) for p in self._persons_raw if p.name}:
            return
        self.report.check(
            "speaker",
            f"{unknown.group(1)!r} låter som en part men finns inte i cesam.toml; meningen lämnades som text "
            "(lägg till förbundet eller ett alias i cesam.toml och importera igen)",
            raw.where,
        )

    def _set_outcome(self, item: Item, outcomes: list[tuple[OutcomeKind, str, list[str], bool]], raw: RawItem) -> None:
        if not outcomes:
            return
        ranked = sorted(outcomes, key=lambda o: _OUTCOME_RANK[o[0]])
        kind, _, _, _ = ranked[0]
        texts = [text for _, text, _, consumed in outcomes if consumed]
        parties: list[str] = []
        if kind == OutcomeKind.DISAGREEMENT:
            for k, text, _, _ in outcomes:
                if k == kind and not re.search(r"fackliga|parterna|samtliga", text, re.I):
                    parties += [p.party for p in self.parties.unions_in(text) if p.party not in parties]
        item.outcome = Outcome(kind=kind, parties=parties, text=" ".join(texts))
        if kind == OutcomeKind.POSTPONED:
            self._when_later.append((item.outcome, " ".join(texts)))
        who = f" ({', '.join(parties)})" if parties else ""
        guess = " (antaget av ordalydelsen)" if kind == OutcomeKind.INFORMATION_RECEIVED and not texts else ""
        self.report.recognised("outcome", f"utfall: {_OUTCOME_SV[kind]}{who}{guess}", raw.where)
        strong = {o[0] for o in outcomes if o[0] != OutcomeKind.INFORMATION_RECEIVED}
        if len(strong) > 1:
            others = ", ".join(sorted(_OUTCOME_SV[k] for k in strong if k != kind))
            self.report.check(
                "outcome", f"flera utfall i samma punkt ({others} också); {_OUTCOME_SV[kind]} valdes", raw.where
            )

    def _follow_up(self, item: Item, sentence: str, owner: str, raw: RawItem) -> None:
        if any(f.text == sentence.strip() for f in item.followups):
            return
        followup = FollowUp(
            id=new_id(sentence[:24], [f.id for f in item.followups]), text=sentence.strip(), owner=owner
        )
        item.followups.append(followup)
        self._when_later.append((followup, sentence))
        self.report.recognised("followup", f"uppföljning ({owner}): {_short(sentence)}", raw.where)

    def _resolve_attendance(self, meeting: Meeting, raws: list[RawItem]) -> None:
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
        by_top = {normalise_number(str(raw.number)): raw for raw in raws}
        taken: list[str] = []
        chair_from_roles = ""
        secretary_from_roles = ""
        for person in self._persons_raw:
            attendee = Attendee(id=new_id(person.name, taken), name=person.name, absent=person.absent)
            taken.append(attendee.id)
            role = person.role
            where = f"rad {person.line_no}"
            m = _PRESENCE_FROM.search(role)
            if m:
                ref = self._item_ref(m.group(1), labels, by_top, person.name, where)
                if ref:
                    attendee.from_item = ref
                    role = (role[: m.start()] + role[m.end() :]).strip(" ,")
            m = _PRESENCE.search(role)
            refs: list[str] = []
            if m:
                refs = _expand_refs(m.group(1))
            else:
                tail = _PRESENCE_TAIL.search(role)
                if tail and not self.parties.unions_in(role[: tail.start()] or "x"):
                    m = tail
                    refs = _expand_refs(tail.group(1))
            if m and refs:
                ids = [r for ref in refs if (r := self._item_ref(ref, labels, by_top, person.name, where))]
                if ids:
                    attendee.items = list(dict.fromkeys(ids))
                    role = (role[: m.start()] + role[m.end() :]).strip(" ,")
            segments = [s.strip() for s in role.split(",")]
            unions = self.parties.unions_in(role)
            if unions:
                attendee.party = unions[0].party
                if len(unions) > 1:
                    self.report.check(
                        "attendee", f"{person.name}: flera förbund i rollen ({role}); {attendee.party} valdes", where
                    )
                if person.side_hint == "employer":
                    self.report.check(
                        "attendee", f"{person.name} står bland arbetsgivarna men rollen nämner {attendee.party}", where
                    )
            elif person.side_hint == "union":
                self.report.check(
                    "attendee",
                    f"{person.name} står bland de fackliga men inget känt förbund i rollen {role!r}; lades som "
                    "arbetsgivare: rätta partiet eller lägg till förbundet i cesam.toml",
                    where,
                )
            if any(_CHAIR.match(s) for s in segments) and not unions:
                chair_from_roles = chair_from_roles or person.name
            if any(_SECRETARY.match(s) for s in segments):
                secretary_from_roles = secretary_from_roles or person.name
            attendee.role = role
            meeting.attendees.append(attendee)
            if attendee.party == EMPLOYER and not attendee.absent:
                # someone from the employer's side who came for one item presented it
                for item_id in attendee.items:
                    meeting.item(item_id).presenters.append(attendee.name)
        present = meeting.present
        employer = sum(1 for a in present if a.party == EMPLOYER)
        self.report.recognised(
            "attendees",
            f"närvarande: {len(present)} ({employer} arbetsgivare, {len(present) - employer} fackliga)"
            + (f", anmält förhinder: {len(meeting.absent)}" if meeting.absent else ""),
        )
        pre = self._preamble
        chair = _first(pre, "ordförande", "mötesordförande", "ordf") or chair_from_roles or self._chair_sig
        secretary = (
            _first(pre, "sekreterare", "sekr", "protokollförare", "vid protokollet", "antecknare")
            or secretary_from_roles
            or self._secretary_sig
        )
        meeting.chair = self._known_name(meeting, chair)
        meeting.secretary = self._known_name(meeting, secretary)

    def _item_ref(self, ref: str, labels: dict[str, str], by_top: dict[str, RawItem], name: str, where: str) -> str:
        key = normalise_number(ref)
        if key in labels:
            return labels[key]
        top = key.split(" ")[0]
        if top in by_top and by_top[top].item:
            self.report.check(
                "attendee", f"{name}: punkt {ref.strip()} finns inte; närvaro sattes till punkt {top}", where
            )
            return by_top[top].item.id  # type: ignore[union-attr]
        self.report.check("attendee", f"{name}: punkt {ref.strip()} finns inte; närvaron står kvar i rollen", where)
        return ""

    def _known_name(self, meeting: Meeting, name: str) -> str:
        name = name.strip()
        if not name:
            return ""
        for attendee in meeting.attendees:
            if fold(attendee.name) == fold(name) or fold(attendee.name).startswith(fold(name) + " "):
                return attendee.name
        return name

    def _finish(self, meeting: Meeting, raws: list[RawItem]) -> None:
        items_by_kind = {item.kind: item for item in meeting.items if not item.parent}
        # adjusters: named in "Val av justerare", else Justeras names other than the chair
        adjusters: list[str] = []
        adj_item = items_by_kind.get(ItemKind.ADJUSTERS)
        if adj_item is not None:
            text = f"{adj_item.title} {adj_item.body} {adj_item.outcome.text}"
            hits = []
            for attendee in meeting.attendees:
                pos = fold(text).find(fold(attendee.name))
                if pos >= 0:
                    hits.append((pos, attendee.name))
            adjusters = [name for _, name in sorted(hits)]
        pre_adj = _first(
            self._preamble, "justerare", "justeringspersoner", "justeringsperson", "justeringsmän", "justeringsmän"
        )
        if not adjusters and pre_adj:
            adjusters = [self._known_name(meeting, n) for n in _split_top_level(pre_adj)]
        justeras = [self._known_name(meeting, n) for n, _ in self._justeras]
        if not meeting.chair and justeras:
            employer_names = [
                n for n in justeras if any(a.name == n and a.party == EMPLOYER for a in meeting.attendees)
            ]
            candidates = [n for n in employer_names if n not in adjusters]
            if candidates:
                meeting.chair = candidates[0]
                self.report.check("chair", f"ordförande antogs vara {meeting.chair} (under Justeras)")
        if not adjusters and justeras:
            adjusters = [n for n in justeras if n != meeting.chair]
        meeting.adjusters = adjusters
        if meeting.chair:
            self.report.recognised("chair", f"ordförande: {meeting.chair}")
        if meeting.secretary:
            self.report.recognised("secretary", f"sekreterare: {meeting.secretary}")
        if adjusters:
            self.report.recognised("adjusters", f"justerare: {', '.join(adjusters)}")
        if justeras:
            self.report.recognised("justeras", f"Justeras: {', '.join(justeras)}")
            for name in justeras:
                if name != meeting.chair and name not in adjusters:
                    self.report.check("justeras", f"{name} står under Justeras men valdes inte till justerare")
        # bilagor: titles from the list, unreferenced ones to the last item
        for item in meeting.items:
            for attachment in item.attachments:
                attachment.title = self._bilagor.get(attachment.number, "")
        for number, title in sorted(self._bilagor.items()):
            if number not in self._referenced:
                target = next((i for i in reversed(meeting.items) if i.kind != ItemKind.NEXT_MEETING), None)
                if target is None:
                    continue
                target.attachments.append(Attachment(number=number, title=title))
                self.report.check(
                    "attachment", f"bilaga {number} ({title}) nämns inte i texten; lades på {target.title!r}"
                )
        for number, places in sorted(self._referenced.items()):
            if self._bilagor and number not in self._bilagor:
                self.report.check(
                    "attachment", f"bilaga {number} hänvisas till men finns inte i bilageförteckningen", places[0]
                )
        if self._bilagor:
            self.report.recognised("attachments", f"bilageförteckning: {len(self._bilagor)} bilagor")
        # next meeting
        next_item = items_by_kind.get(ItemKind.NEXT_MEETING)
        sources = [next_item.body] if next_item is not None else []
        sources += [s for item in meeting.items for s in split_sentences(item.body) if _NEXT_MEETING_WORDS.search(s)]
        for text in sources:
            dates = find_dates(text)
            if not dates:
                continue
            nm = NextMeeting(date=resolve_date(dates[0], meeting.date))
            times = find_time_range(text)
            if times:
                nm.start, nm.end = times
            meeting.next_meeting = nm
            when = nm.date.isoformat() if nm.date else dates[0].text
            self.report.recognised("next_meeting", f"nästa möte: {when} {nm.start}–{nm.end}".rstrip(" –"))
            if dates[0].year is None or len(dates) > 1 or re.search(rf"{dates[0].text}\s+[a-zåäö]+\s+\d{{4}}", text):
                self.report.check("next_meeting", f"datumet för nästa möte lästes som {when} ur {text.strip()!r}")
            break
        for record, text in self._when_later:
            when = self._date_in(text, meeting)
            if when is None:
                continue
            if isinstance(record, FollowUp):
                record.due = when
            else:
                record.postponed_to = when
        # signatures
        for signature in self._signers:
            signature.name = self._signer_name(meeting, signature.name)
        meeting.signatures = self._signers
        if self._signers:
            meeting.status = Status.ADJUSTED
            dates = [d for s in self._signers if (d := _date_of(s.signed_at))]
            if dates:
                meeting.adjusted_on = max(dates)
            self.report.recognised(
                "signatures",
                f"underskrifter: {len(self._signers)}; status justerad"
                + (f", justerat {meeting.adjusted_on.isoformat()}" if meeting.adjusted_on else ""),
            )
        elif self._justeras:
            meeting.status = Status.ADJUSTED
            self.report.check(
                "status", "inga digitala underskrifter men Justeras med namn: status justerad, utan justeringsdag"
            )
        else:
            self.report.check("status", "inga underskrifter: status hållen; sätt justerad om protokollet är justerat")

    def _date_in(self, text: str, meeting: Meeting) -> dt.date | None:
        """The date a follow-up or postponement points at: a written date, "nästa möte", or a month of it."""
        for found in find_dates(text):
            if (when := resolve_date(found, meeting.date)) is not None:
                return when
        upcoming = meeting.next_meeting.date
        if upcoming is None:
            return None
        if _NEXT_MEETING_WORDS.search(text):
            return upcoming
        m = re.search(r"\b(?:mötet|sammanträdet|möte|sammanträde|träffen)\s+i\s+([a-zåäö]+)", text, re.I)
        if m and MONTHS.get(m.group(1).casefold()) == upcoming.month:
            return upcoming
        return None

    def _signer_name(self, meeting: Meeting, text: str) -> str:
        local = text.split("@")[0] if "@" in text else text
        wanted = re.sub(r"[^a-z0-9]+", "-", fold(local)).strip("-")
        for attendee in meeting.attendees:
            if (
                slug(attendee.name, 80) == wanted
                or re.sub(r"[^a-z0-9]+", "-", fold(attendee.name)).strip("-") == wanted
            ):
                return attendee.name
        self.report.check("signatures", f"undertecknaren {text} hittades inte bland de närvarande")
        return text

    def _summarise(self, meeting: Meeting, raws: list[RawItem]) -> None:
        tops = [i for i in meeting.items if not i.parent]
        subs = [i for i in meeting.items if i.parent]
        statements = sum(len(i.statements) for i in meeting.items)
        followups = sum(len(i.followups) for i in meeting.items)
        outcomes = sum(1 for i in meeting.items if not i.outcome.is_empty)
        self.report.recognised(
            "summary",
            f"{len(tops)} punkter, {len(subs)} underpunkter, {statements} uttalanden, {outcomes} utfall, "
            f"{followups} uppföljningar",
        )
        for raw in raws:
            self.report.recognised("item", f"{raw.title}", raw.where)
            for child in raw.children:
                self.report.recognised("item", f"{child.title}", child.where)


# ----------------------------------------------------------------- helpers

_OUTCOME_RANK = {
    OutcomeKind.DISAGREEMENT: 0,
    OutcomeKind.AGREEMENT: 1,
    OutcomeKind.DECISION: 2,
    OutcomeKind.POSTPONED: 3,
    OutcomeKind.INFORMATION_RECEIVED: 4,
    OutcomeKind.NONE: 5,
}
_OUTCOME_SV = {
    OutcomeKind.DISAGREEMENT: "oenighet",
    OutcomeKind.AGREEMENT: "enighet",
    OutcomeKind.DECISION: "beslut",
    OutcomeKind.POSTPONED: "bordlagd",
    OutcomeKind.INFORMATION_RECEIVED: "information mottagen",
    OutcomeKind.NONE: "",
}
_KIND_SV = {
    StatementKind.QUESTION: "fråga",
    StatementKind.VIEW: "synpunkt",
    StatementKind.PROTOCOL_NOTE: "protokollsanteckning",
    StatementKind.RESERVATION: "reservation",
    StatementKind.MOTION: "yrkande",
}
_BILAGA_TITLE_TAIL = re.compile(
    r"[,(]?\s*(?:se\s+)?bilag(?:a|or)\s+\d+(?:\s*(?:,|och|-|–)\s*\d+)*\)?\s*[.:]?\s*$", re.I
)


def _outcome_of(sentence: str) -> tuple[OutcomeKind, str, list[str]] | None:
    if _DISAGREE.search(sentence):
        return OutcomeKind.DISAGREEMENT, sentence, []
    if _AGREE.search(sentence) and not re.search(r"\bsamverkade\b", sentence, re.I):
        return OutcomeKind.AGREEMENT, sentence, []
    if _POSTPONE.search(sentence):
        return OutcomeKind.POSTPONED, sentence, []
    if _DECISION.search(sentence):
        return OutcomeKind.DECISION, sentence, []
    if _INFO_FILED.search(sentence) or _INFO.search(sentence):
        return OutcomeKind.INFORMATION_RECEIVED, sentence, []
    return None


def _statement_kind(rest: str, sentence: str, *, union: bool = False) -> StatementKind:
    folded = sentence.casefold()
    if "protokollsanteckning" in folded or "protokollsantecknar" in folded:
        return StatementKind.PROTOCOL_NOTE
    if re.search(r"\breserver", folded):
        return StatementKind.RESERVATION
    if re.search(r"\byrka", folded) or (union and re.search(r"\bföreslår\b|\bföreslog\b", folded)):
        return StatementKind.MOTION
    if _QUESTION_VERBS.match(rest.strip()) or (rest.strip().endswith("?") and not _STATEMENT_VERB.match(rest.strip())):
        return StatementKind.QUESTION
    if re.match(r"^(?:vill\s+)?(?:ha\s+)?(?:veta|få veta)", rest.strip(), re.I) or sentence.strip().endswith("?"):
        return StatementKind.QUESTION
    return StatementKind.VIEW


def _item_kind(title: str, group: Group | None) -> ItemKind:
    folded = title.casefold()
    if group is not None:
        for standing in group.standing_items:
            if standing.title.strip().casefold() == folded:
                return standing.kind
    rules = [
        (r"juster", ItemKind.ADJUSTERS),
        (
            r"föregående.*(protokoll|anteckning|möte)|protokoll från föregående|(förra|föregående) mötets",
            ItemKind.PREVIOUS_MINUTES,
        ),
        (
            r"(fackliga frågor|frågor från (de )?fackliga|facklig fråga|frågor från arbetstagar|fackliga organisationernas frågor)",
            ItemKind.UNION_QUESTION,
        ),
        (r"^övrig(a|t)|övriga (frågor|punkter)", ItemKind.OTHER_BUSINESS),
        (r"^(nästa|kommande) (möte|sammanträde|träff)|^kommande möten|^mötestider", ItemKind.NEXT_MEETING),
        (r"upphandling|§\s*38", ItemKind.PROCUREMENT),
        (r"förhandling|mbl\s*§\s*11|§\s*11\b", ItemKind.NEGOTIATION),
        (r"^beslut", ItemKind.DECISION),
        (r"dagordning|mötets öppnande|öppnande|avslutning|mötet avslutas|närvaro", ItemKind.OTHER),
    ]
    for pattern, kind in rules:
        if re.search(pattern, folded):
            return kind
    return ItemKind.INFORMATION


def _is_union_questions(title: str) -> bool:
    return _item_kind(title, None) == ItemKind.UNION_QUESTION


def _title_and_rest(text: str, *, limit: int) -> tuple[str, str]:
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


def _heading_like(title: str) -> bool:
    return bool(title) and len(title) <= 100 and not title.rstrip().endswith((".", ",", ";"))


def _looks_like_date_line(text: str) -> bool:
    return bool(find_dates(text)) and len(text) < 40 and bool(re.match(r"^\d{1,2}\s+[a-zåäö]", text))


def _prev_is_list(raw: RawItem | None) -> bool:
    if raw is None:
        return False
    for line in reversed(raw.lines):
        if line.blank:
            return False
        return bool(_LIST_LINE.match(line.text) or _BULLET.match(line.text))
    return False


def _is_signature_block(lines: list[Line], index: int) -> bool:
    """A lone "Ordförande"/"Sekreterare" line followed by a name is a signature block."""
    for line in lines[index + 1 : index + 4]:
        if line.blank:
            continue
        return looks_like_name(line.stripped)
    return False


def _tidy_name(name: str) -> str:
    """ "Anna Berg mfl" → "Anna Berg m.fl." (med flera, as Swedish writes it)."""
    return re.sub(r"\s+(?:mfl|m\.fl|m fl)\.?$", " m.fl.", name.strip())


def _split_name_role(text: str) -> tuple[str, str]:
    for sep in (" – ", " - ", ", ", " — "):
        if sep in text:
            name, _, role = text.partition(sep)
            if looks_like_name(name.strip(), _ROLE_WORDS):
                return name.strip(), role.strip()
    return text.strip(), ""


def _split_top_level(text: str) -> list[str]:
    """Split a list at commas, semicolons and a final "och", not inside parentheses."""
    parts: list[str] = []
    depth = 0
    current = ""
    for ch in text:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        if ch in ",;" and depth == 0:
            parts.append(current)
            current = ""
            continue
        current += ch
    parts.append(current)
    out: list[str] = []
    for part in parts:
        pieces = re.split(r"\s+(?:och|samt|&)\s+(?![^(]*\))", part)
        out.extend(p.strip().rstrip(".") for p in pieces if p.strip())
    return out


def _expand_refs(text: str) -> list[str]:
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


def _bilaga_numbers(text: str) -> list[int]:
    out: list[int] = []
    for m in _BILAGA_REF.finditer(text):
        spec = m.group(1)
        rng = re.match(r"^(\d+)\s*[-–]\s*(\d+)$", spec.strip())
        if rng:
            out.extend(range(int(rng.group(1)), int(rng.group(2)) + 1))
            continue
        out.extend(int(n) for n in re.findall(r"\d+", spec))
    return out


def _units(lines: list[Line]) -> list[_Unit]:
    units: list[_Unit] = []
    blank_before = False
    for line in lines:
        if line.blank:
            blank_before = True
            continue
        text = line.text
        bullet = _BULLET.match(text)
        stripped = line.stripped
        if "\t" in stripped:
            units.append(_Unit(stripped, "table", 0, blank_before, line.no))
        elif bullet:
            level = len(bullet.group(1).replace("\t", "  ")) // 1
            units.append(_Unit(bullet.group(2).strip(), "bullet", min(level, 3), blank_before, line.no))
        elif _LIST_LINE.match(text):
            units.append(_Unit(stripped, "list", min(line.indent, 3), blank_before, line.no))
        else:
            prev = units[-1] if units else None
            continues = (
                prev is not None
                and prev.kind in ("para", "bullet", "list")
                and (not blank_before or prev.kind == "para")
                and not re.search(r"[.?!:;]$", prev.text)
                and stripped[:1].islower()
            )
            if continues and prev is not None:
                prev.text = f"{prev.text} {stripped}"
            else:
                units.append(
                    _Unit(
                        strip_emphasis(stripped) if stripped.startswith("**") else stripped,
                        "para",
                        0,
                        blank_before,
                        line.no,
                    )
                )
        blank_before = False
    return units


def _split_answer(statement: Statement) -> bool:
    """ "Administrativa frågor där arbetsgivaren svarar att …": the answer inside the sentence."""
    m = _ANSWER_INSIDE.match(statement.text)
    if not m:
        return False
    statement.text = m.group(1).rstrip(" ,") + "."
    statement.answer = m.group(2).strip()
    return True


def _strip_employer(sentence: str) -> str:
    """ "Arbetsgivaren svarade att …" → "svarade att …": the answer field already says whose it is."""
    m = re.match(r"^(?:[-–]\s*)?(?:arbetsgivaren|arbetsgivarsidan|arbetsgivarna)\s+(?=\w)", sentence, re.I)
    return sentence[m.end() :] if m else sentence


def _markdown_table(rows: list[str]) -> list[str]:
    """Tab-separated rows as a Markdown table; numeric columns right-aligned."""
    cells = [[c.strip().replace("|", "\\|") for c in row.split("\t")] for row in rows]
    width = max(len(r) for r in cells)
    cells = [r + [""] * (width - len(r)) for r in cells]
    numeric = re.compile(r"^[-+−]?[\d\s]+(?:[,.]\d+)?\s*%?$")
    align = []
    for col in range(width):
        values = [r[col] for r in cells[1:] if r[col]]
        right = bool(values) and sum(bool(numeric.match(v)) for v in values) >= len(values) * 0.8
        align.append("---:" if right else "---")
    out = ["| " + " | ".join(cells[0]) + " |", "| " + " | ".join(align) + " |"]
    out += ["| " + " | ".join(r) + " |" for r in cells[1:]]
    return out


def _render_body(units: list[_Unit]) -> str:
    out: list[str] = []
    table: list[str] = []
    for index, unit in enumerate(units):
        if unit.kind == "table" and unit.kept:
            table.append(unit.text)
            following = units[index + 1] if index + 1 < len(units) else None
            if following is not None and following.kind == "table" and following.kept and not following.new_block:
                continue
            if out:
                out.append("")
            out.extend(_markdown_table(table) if len(table) > 1 else [table[0].replace("\t", " | ")])
            table = []
            continue
        if not unit.kept:
            continue
        text = " ".join(unit.kept)
        if unit.kind == "bullet":
            text = "  " * unit.indent + "- " + text
        elif unit.kind == "list":
            text = "  " * unit.indent + text
        previous = next((u for u in reversed(units[:index]) if u.kept), None)
        if out and (unit.new_block or unit.kind == "para" or (previous is not None and previous.kind != unit.kind)):
            out.append("")
        out.append(text)
    return "\n".join(out).strip("\n")


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _first(preamble: dict[str, tuple[str, int]], *keys: str) -> str:
    for key in keys:
        if key in preamble and preamble[key][0]:
            return preamble[key][0]
    return ""


def _date_of(text: str) -> dt.date | None:
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


__all__ = ["ALL_UNIONS", "ImportProblem", "ImportResult", "parse_protocol"]
