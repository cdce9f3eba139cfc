"""Small text tools for Swedish protocols: dates, times, sentences, names.

Everything here works on plain strings and knows nothing of the meeting
model, so each rule can be tested on its own.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

# Month names and the abbreviations protocols use ("5 sept. 2023", "25 okt").
MONTHS: dict[str, int] = {
    "januari": 1,
    "jan": 1,
    "februari": 2,
    "feb": 2,
    "febr": 2,
    "mars": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "maj": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "augusti": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
# "5 sept. 2023", "den 15 juni 2021", "25 okt" (year optional, found later)
_NAMED_DATE = re.compile(rf"\b(\d{{1,2}})(?::e|:a)?\s+({_MONTH_RE})\b\.?(?:\s+(\d{{4}}))?", re.IGNORECASE)
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
# "5/9 2023", "5/9-2023"; day first, as Swedish writes it
_SLASH_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})(?:[\s-]+(\d{4}))?\b")
_YEAR_NEAR = re.compile(r"^\W*(?:\w+\W+){0,2}?(\d{4})\b")

# "kl 13.00-15.30", "kl. 14.30 -17.00", "13:00–15:30", "kl 13"
_TIME_RANGE = re.compile(
    r"(?:\bkl(?:ockan)?\.?\s*)?\b([01]?\d|2[0-3])(?:[.:]([0-5]\d))?\s*(?:-|–|—|till)\s*([01]?\d|2[0-3])(?:[.:]([0-5]\d))?\b"
)
_TIME_SINGLE = re.compile(r"\bkl(?:ockan)?\.?\s*([01]?\d|2[0-3])(?:[.:]([0-5]\d))?\b")


@dataclass(frozen=True)
class FoundDate:
    date: dt.date | None  # None when the year is missing and could not be inferred
    day: int
    month: int
    year: int | None
    start: int
    end: int
    text: str


def find_dates(text: str) -> list[FoundDate]:
    """Every date written in ``text``, in order; a missing year is left None."""
    found: list[FoundDate] = []
    for m in _ISO_DATE.finditer(text):
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        found.append(FoundDate(_safe_date(y, mo, d), d, mo, y, m.start(), m.end(), m.group(0)))
    taken = [(f.start, f.end) for f in found]
    for m in _NAMED_DATE.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        d, mo = int(m.group(1)), MONTHS[m.group(2).casefold()]
        year = int(m.group(3)) if m.group(3) else None
        end = m.end()
        if year is None:
            # "25 okt september 2022": the year may follow a stray word
            near = _YEAR_NEAR.match(text[m.end() :])
            if near and 1900 < int(near.group(1)) < 2200:
                year = int(near.group(1))
        found.append(FoundDate(_safe_date(year, mo, d), d, mo, year, m.start(), end, m.group(0)))
    taken = [(f.start, f.end) for f in found]
    for m in _SLASH_DATE.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        d, mo = int(m.group(1)), int(m.group(2))
        if not (1 <= mo <= 12):
            continue
        year = int(m.group(3)) if m.group(3) else None
        found.append(FoundDate(_safe_date(year, mo, d), d, mo, year, m.start(), m.end(), m.group(0)))
    return sorted((f for f in found if f.date is not None or f.year is None), key=lambda f: f.start)


def _safe_date(year: int | None, month: int, day: int) -> dt.date | None:
    if year is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def resolve_date(found: FoundDate, after: dt.date | None) -> dt.date | None:
    """A date without a year is the first such day on or after ``after``."""
    if found.date is not None:
        return found.date
    if after is None:
        return None
    for year in (after.year, after.year + 1):
        candidate = _safe_date(year, found.month, found.day)
        if candidate and candidate >= after:
            return candidate
    return None


def find_time_range(text: str) -> tuple[str, str] | None:
    """("13:00", "15:30") from "kl 13.00-15.30"; end may be "" for "kl 13"."""
    for m in _TIME_RANGE.finditer(text):
        before = text[max(0, m.start() - 12) : m.start()].casefold()
        # a bare "2-3" is not a time; need "kl" or minutes on a side
        if not (m.group(2) or m.group(4) or "kl" in before or m.group(0).casefold().startswith("kl")):
            continue
        return _hhmm(m.group(1), m.group(2)), _hhmm(m.group(3), m.group(4))
    single = _TIME_SINGLE.search(text)
    if single:
        return _hhmm(single.group(1), single.group(2)), ""
    return None


def _hhmm(hours: str, minutes: str | None) -> str:
    return f"{int(hours):02d}:{minutes or '00'}"


# --------------------------------------------------------------- normalising

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# Letters that PDF text extraction sometimes puts in place of Latin ones
# ("Anmäلت förhinder"); used only to match headings, never on stored text.
CONFUSABLES = str.maketrans({"ل": "l", "ت": "t", "ا": "a", "ن": "n", "م": "m", "ر": "r", "ه": "h", "ي": "y"})


def clean_line(line: str) -> str:
    """NFC, ordinary spaces, no zero-width or soft hyphens, no trailing blanks."""
    line = unicodedata.normalize("NFC", line).translate(_ZERO_WIDTH)
    line = line.replace("\u00a0", " ").replace("\u2009", " ").replace("\u202f", " ")
    return line.rstrip()


def heading_key(text: str) -> str:
    """A folded form of a short line for matching headings such as "Närvarande:"."""
    text = clean_line(text).translate(CONFUSABLES).strip()
    text = strip_emphasis(text)
    text = re.sub(r"^#+\s*", "", text)
    return re.sub(r"\s+", " ", text).rstrip(":;.").strip().casefold()


def strip_emphasis(text: str) -> str:
    """Markdown emphasis from converters ("**Arbetsmiljöfrågor**")."""
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", text)
    text = re.sub(r"(?<!\w)\*(\S.*?\S|\S)\*(?!\w)", r"\1", text)
    return text.replace("**", "").strip()


def fold(text: str) -> str:
    """Case- and accent-folded text for comparing names: "Eldstål" ~ "eldstal"."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


# ----------------------------------------------------------------- sentences

_ABBREVIATIONS = {
    "ordf",
    "bl",
    "a",
    "t",
    "ex",
    "fr",
    "o",
    "m",
    "dvs",
    "ca",
    "mm",
    "resp",
    "kl",
    "nr",
    "s",
    "k",
    "fl",
    "jfr",
    "p",
    "st",
    "tel",
    "obs",
    "sekr",
    "ang",
    "inkl",
    "exkl",
    "enl",
    "etc",
    "d",
    "v",
    "tf",
    "tex",
    "bla",
    "pga",
    "mfl",
    "sept",
    "okt",
    "nov",
    "dec",
    "jan",
    "feb",
    "aug",
}
_SENTENCE_END = re.compile(r"(?<=[.?!])[\"”’)]?\s+(?=[\"”“(]?[A-ZÅÄÖÉÜ0-9])")


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph; abbreviations such as "ordf." do not end one."""
    out: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        head = text[start : m.start()].rstrip()
        word = re.search(r"([\wåäöÅÄÖ]+)[.?!]?[\"”’)]?$", head)
        if head.endswith(".") and word and word.group(1).casefold() in _ABBREVIATIONS and not word.group(1).isdigit():
            continue
        piece = text[start : m.end()].strip()
        if piece:
            out.append(piece)
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


# --------------------------------------------------------------------- names

_NAME_PARTICLES = {"von", "van", "af", "de", "der", "da", "la", "le", "di", "du", "mfl", "m.fl.", "m.fl"}
_NAME_TOKEN = re.compile(r"^[A-ZÅÄÖÉÈÜÆØ][\w'’\-]*\.?$")


def looks_like_name(text: str, role_words: tuple[str, ...] = ()) -> bool:
    """Two to five capitalised words, as a person's name is written."""
    text = text.strip()
    if not text or any(ch.isdigit() for ch in text) or any(ch in text for ch in ",;:()/\t"):
        return False
    tokens = text.split()
    if not 2 <= len(tokens) <= 5:
        return False
    folded = text.casefold()
    if any(word in folded for word in role_words):
        return False
    capitals = 0
    for token in tokens:
        if token.casefold() in _NAME_PARTICLES:
            continue
        if not _NAME_TOKEN.match(token):
            return False
        capitals += 1
    return capitals >= 2


def truncate_title(text: str, limit: int = 90) -> tuple[str, bool]:
    """A title of at most ``limit`` characters, cut at a word; True when cut."""
    text = text.strip()
    if len(text) <= limit:
        return text, False
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:- ")
    return cut + "…", True
