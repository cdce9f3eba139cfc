"""The invariant of an import: every word of the source is in the meeting or named in the report.

Each source line is placed by the step that read it (:meth:`ParseState.place`):
as structure (a heading, an attendee, a preamble key, a signature), as text of
an item, or dropped with a reason (a page number, the slide appendix). The
accounting then walks the source line by line and takes each word (a run of
letters; numbers are not counted) from the words of the stored meeting. On a
structure line, the words of labels that became fields ("Närvarande",
"Datum", "Justeras", a month name …) may be consumed; on a text line every
word must be found in the meeting. Words of dropped lines count as reported.
What is left over is lost, with its line: the import must then fail.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from store.core.codec import meeting_to_dict
from store.core.config import Config
from store.core.model import ALL_UNIONS, EMPLOYER, Meeting

from .lines import Line
from .parties import ALL_UNION_PHRASES, Parties
from .said import Said, say
from .text import CONFUSABLES, MONTHS

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

# Words of labels that a step may turn into a field instead of text. They
# count as kept only on a line placed as structure, never in an item's text.
LABEL_WORDS = frozenset(
    [
        "protokoll",
        "protokollet",
        "protokollsutdrag",
        "minnesanteckningar",
        "minnesanteckning",
        "anteckningar",
        "mötesanteckningar",
        "dagordning",
        "kallelse",
        "möte",
        "mötet",
        "sammanträde",
        "den",
        "kl",
        "klockan",
        "tid",
        "tidpunkt",
        "datum",
        "plats",
        "lokal",
        "grupp",
        "närvarande",
        "frånvarande",
        "frånvaro",
        "deltagare",
        "deltagande",
        "mötesdeltagare",
        "ledamöter",
        "ordinarie",
        "övriga",
        "även",
        "adjungerade",
        "adjungerad",
        "inbjudna",
        "föredragande",
        "ersättare",
        "ersättande",
        "anmält",
        "anmäld",
        "anmälda",
        "förhinder",
        "ej",
        "arbetsgivaren",
        "arbetsgivare",
        "arbetsgivarsidan",
        "arbetsgivarens",
        "arbetsgivarna",
        "arbetsgivarrepresentanter",
        "fackliga",
        "facklig",
        "parter",
        "parterna",
        "organisationer",
        "organisationerna",
        "representanter",
        "företrädare",
        "arbetstagarsidan",
        "arbetstagarrepresentanter",
        "arbetstagarorganisationer",
        "för",
        "från",
        "de",
        "namn",
        "utkast",
        "hållen",
        "kallad",
        "följs",
        "upp",
        "på",
        "restlistan",
        "senast",
        "närvaro",
        "deltog",
        "befattning",
        "ledamot",
        "förbund",
        "titel",
        "eller",
        "organisation",
        "roll",
        "funktion",
        "part",
        "x",
        "ordförande",
        "mötesordförande",
        "ordf",
        "sekreterare",
        "sekr",
        "protokollförare",
        "protokollskrivare",
        "antecknare",
        "vid",
        "anteckningar",
        "fördes",
        "av",
        "justeras",
        "justerat",
        "justerare",
        "justeringsman",
        "justeringsmän",
        "justeringsperson",
        "justeringspersoner",
        "justerandes",
        "signatur",
        "underskrifter",
        "underskrift",
        "underskriven",
        "underskriftsdatum",
        "signaturer",
        "via",
        "godkänd",
        "underskriftdatum",
        "se",
        "from",
        "bilagor",
        "bilaga",
        "bilageförteckning",
        "punkt",
        "punkterna",
        "paragraf",
        "nästa",
        "justerad",
        "diarienummer",
        "dnr",
        "diarienr",
        "expedieras",
        "till",
        # "Information enligt 19 § MBL", "Förhandlingen förklaras avslutad i enighet den …" (mbl.py)
        "information",
        "om",
        "upphandling",
        "förhandling",
        "mbl",
        "enligt",
        "förhandlingen",
        "förklaras",
        "förklarades",
        "avslutad",
        "i",
        "enighet",
        "oenighet",
        *list(MONTHS),
    ]
)


_MFL = re.compile(r"\bm\.\s?fl\b\.?", re.I)
_EMAIL_DOMAIN = re.compile(r"(?<=[\w.+-])@[\w-]+(?:\.[\w-]+)+")


def words(text: str) -> list[str]:
    """The counted words of ``text``: runs of letters, case-folded ("m.fl." is one word)."""
    text = _MFL.sub(" mfl ", unicodedata.normalize("NFC", text)).translate(CONFUSABLES)
    return [w.casefold() for w in _WORD.findall(text)]


@dataclass(frozen=True)
class Placement:
    kind: str  # "structure", "text", "dropped"
    where: Said  # "punkt 4 a", "närvarande", "sidnummer" …


@dataclass
class Accounting:
    total: int = 0
    kept: int = 0
    reported: int = 0
    lost: list[tuple[int, list[str]]] = field(default_factory=list)  # (line, words)

    @property
    def lost_count(self) -> int:
        return sum(len(w) for _, w in self.lost)

    @property
    def adds_up(self) -> bool:
        return self.kept + self.reported == self.total

    def summary(self, lang: str = "sv") -> str:
        return self.said().text(lang)

    def said(self) -> Said:
        counts = {"kept": self.kept, "total": self.total, "reported": self.reported}
        if self.lost:
            return say("import.words_lost_count", **counts, lost=self.lost_count)
        return say("import.words", **counts)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


# The verb that writes a statement's kind ("Vision frågade: …"): the kind is the field that keeps it
_KIND_VERBS = {
    "question": "frågade",
    "view": "framförde",
    "motion": "yrkade",
    "reservation": "reserverade sig",
    "protocol_note": "protokollsanteckning",
}


def meeting_words(meeting: Meeting, config: Config) -> Counter[str]:
    """Every word stored in the meeting, with the names its fields stand for.

    A party is a field, so a statement's sentence lost the party's words
    ("Visions representant", "De fackliga organisationerna"): each statement
    counts the spellings of its party, and an answer the employer's name.
    """
    found: Counter[str] = Counter()
    for text in _strings(meeting_to_dict(meeting)):
        found.update(words(text))
    spellings = Parties(config).spellings_of
    for item in meeting.items:
        for statement in item.statements:
            found.update([*words(" ".join(spellings(statement.party))), "representant", "representanter"])
            if statement.party == ALL_UNIONS:
                found.update(words(" ".join(ALL_UNION_PHRASES)))
            found.update(words(_KIND_VERBS[statement.kind.value]))
            if statement.answer:
                found.update(words(f"{EMPLOYER} arbetsgivarsidan arbetsgivarna svarade"))
        if item.raised_by:
            found.update(words(" ".join(spellings(item.raised_by))))
    return found


def _fields(meeting: Meeting, config: Config) -> set[str]:
    """Words a structure line may repeat: anything in the meeting, the organisation and its group."""
    names = [config.organisation.name, config.organisation.employer]
    names += [f"{g.name} {g.short} {g.id}" for g in config.groups if g.id == meeting.group]
    return set(meeting_words(meeting, config)) | {w for n in names for w in words(n)}


def account(lines: Iterable[Line], placed: dict[int, Placement], meeting: Meeting, config: Config) -> Accounting:
    """Walk the source and take each word from the meeting; what cannot be taken is lost.

    A text line takes its words from the meeting's stock, once each. A
    structure line (a name under Justeras, a role, a heading) repeats or
    labels what a field holds: its words need only be in the meeting at all;
    an e-mail address there identifies a signer by its local part.
    """
    result = Accounting()
    available = meeting_words(meeting, config)
    fields = _fields(meeting, config)
    for line in lines:
        placement = placed.get(line.no)
        structure = placement is not None and placement.kind == "structure"
        line_words = words(_EMAIL_DOMAIN.sub("", line.text) if structure else line.text)
        if not line_words:
            continue
        result.total += len(line_words)
        if placement is not None and placement.kind == "dropped":
            result.reported += len(line_words)
            continue
        missing: list[str] = []
        for word in line_words:
            # on a structure line a single letter is an item's letter ("a)") or a mark ("X")
            if structure and (word in LABEL_WORDS or word in fields or len(word) == 1):
                result.kept += 1
            elif available[word] > 0:
                available[word] -= 1
                result.kept += 1
            else:
                missing.append(word)
        if missing:
            result.lost.append((line.no, missing))
    return result
