"""Where items and sub-items begin: numbered headings, paragraph signs, letters, headings."""

from __future__ import annotations

import re

from store.core.config import SubitemStyle

from .head import PREAMBLE_KEY, TITLE_WORDS, group_in, section_start
from .kinds import is_union_questions
from .lines import BULLET, LIST_LINE, MD_HEADING, Line
from .said import at_line, say
from .state import ParseState, RawItem
from .text import (
    find_dates,
    heading_key,
    looks_like_name,
    strip_emphasis,
)

TOP = re.compile(r"^(?:§\s*|punkt\s+)?(\d{1,3})(?:\.(?!\d)|\)|:|\s)\s*(.*)$", re.I)


PARAGRAPH_SIGN = re.compile(r"^§\s*(\d{1,3})\.?\s*(.*)$")


DIGIT_SUB = re.compile(r"^(?:§\s*)?(\d{1,3})\.(\d{1,2})\.?\s+(\S.*)$")


LETTER_SUB = re.compile(r"^(?:[-–•*]\s*)?([a-zåäö])(?:\)|\.)\s+(\S.*)$")


NUMBER_LETTER_SUB = re.compile(r"^(\d{1,3})\s?([a-zåäö])[).]?\s+(\S.*)$")
BOLD_LINE = re.compile(r"^\*\*[^*].*\*\*:?$|^__[^_].*__:?$")
STATUS_LINE = re.compile(r"^(justerat|justerad|utkast|kallad|hållen|ej justerat|preliminärt?)$")


CLOSING = re.compile(
    r"^(justeras|justerat|justerare|justeringsm[aä]n|justeringspersoner|underskrifter|signaturer|"
    r"underskriven av|vid protokollet|protokollförare|bilagor|bilageförteckning|"
    r"ordförande|mötesordförande|sekreterare|underskrift(?:s)?datum)$"
)


def heading_like(title: str) -> bool:
    return bool(title) and len(title) <= 100 and not title.rstrip().endswith((".", ",", ";"))


def looks_like_date_line(text: str) -> bool:
    return bool(find_dates(text)) and len(text) < 40 and bool(re.match(r"^\d{1,2}\s+[a-zåäö]", text))


def prev_is_list(raw: RawItem | None) -> bool:
    if raw is None:
        return False
    for line in reversed(raw.lines):
        if line.blank:
            return False
        return bool(LIST_LINE.match(line.text) or BULLET.match(line.text))
    return False


def is_signature_block(lines: list[Line], index: int) -> bool:
    """A lone "Ordförande"/"Sekreterare" line followed by a name is a signature block."""
    for line in lines[index + 1 : index + 4]:
        if line.blank:
            continue
        return looks_like_name(line.stripped)
    return False


def find_first_item(st: ParseState, lines: list[Line]) -> int:
    """Index of the line where the first item begins: a numbered heading, or a heading after the head."""
    seen_text = 0
    for i, line in enumerate(lines):
        if line.blank:
            continue
        text = line.stripped
        md = MD_HEADING.match(text)
        bare = md.group(2) if md else text
        key = heading_key(text)
        if is_head_line(st, bare, key):
            seen_text += 1
            continue
        if top_candidate(st, bare, None) is not None and not looks_like_date_line(bare):
            return i
        title = strip_emphasis(bare)
        heading = heading_style(st, text, lines, i) is not None and seen_text > 0 and not TITLE_WORDS.match(title)
        if heading and not find_dates(bare) and group_in(st, title) is None:
            return i
        seen_text += 1
    return len(lines)


def is_head_line(st: ParseState, bare: str, key: str) -> bool:
    """A line that belongs to the head whatever its shape: attendance, a preamble key, the status."""
    if PREAMBLE_KEY.match(strip_emphasis(bare)) or STATUS_LINE.match(key):
        return True
    return section_start(st, strip_emphasis(bare))[0] is not None


def heading_style(st: ParseState, text: str, lines: list[Line], index: int) -> tuple[str, int] | None:
    """("md", level), ("bold", 0), ("caps", 0) or ("short", 0) when the line is an unnumbered heading."""
    md = MD_HEADING.match(text)
    if md:
        return ("md", len(md.group(1)))
    if LIST_LINE.match(text) or BULLET.match(text) or "\t" in text:
        return None
    if BOLD_LINE.match(text) and heading_like(strip_emphasis(text)):
        return ("bold", 0)
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) >= 6 and all(ch.isupper() for ch in letters) and heading_like(text) and len(text) <= 80:
        # "SACO", "SSR" in an attendance list are parties, not headings
        return ("caps", 0) if st.parties.canonical(text) is None else None
    before = lines[index - 1] if index > 0 else None
    after = lines[index + 1] if index + 1 < len(lines) else None
    short = len(text) <= 60 and len(text.split()) <= 8 and text[:1].isupper() and heading_like(text)
    if short and (before is None or before.blank) and after is not None and not after.blank:
        paragraph = len(after.stripped) > 40 and after.stripped.endswith((".", "!", "?"))
        if paragraph and not LIST_LINE.match(after.stripped) and not looks_like_name(text):
            return ("short", 0)
    return None


def top_candidate(st: ParseState, text: str, expected: int | None) -> tuple[int, str] | None:
    m = PARAGRAPH_SIGN.match(text) or TOP.match(text)
    if not m:
        return None
    number, title = int(m.group(1)), strip_emphasis(m.group(2).strip())
    if title and not (title[0].isupper() or title[0] in "\"”“'«"):
        return None
    if not title and not text.lstrip().startswith("§"):
        return None
    if expected is None and title and not PARAGRAPH_SIGN.match(text) and number > 40:
        return None
    return number, title


def split_items(st: ParseState, lines: list[Line]) -> tuple[list[RawItem], int | None]:
    """Items and sub-items with their lines; the index where the closing part begins, if any."""
    splitter = _Splitter(st, lines)
    closing = splitter.run()
    return splitter.raws, closing


class _Splitter:
    """One pass over the items region; each rule that can start an item is a method."""

    def __init__(self, st: ParseState, lines: list[Line]) -> None:
        self.st = st
        self.lines = lines
        self.raws: list[RawItem] = []
        self.top: RawItem | None = None
        self.current: RawItem | None = None
        self.expected: int | None = None
        self.inner: tuple[int, int] | None = None  # (indent, next number) of a numbered list in a body
        self.after_blank = False
        self.pending_title: RawItem | None = None
        self.item_style: tuple[str, int] | None = None  # how this document writes an item heading
        self.numbered = False

    def run(self) -> int | None:
        for index, line in enumerate(self.lines):
            if line.blank:
                if self.current is not None:
                    self.current.lines.append(line)
                self.after_blank = True
                continue
            if self._closing_starts(index, line):
                return index
            if not self._starts_item(index, line):
                self._body(line)
            self.after_blank = False
        return None

    def _starts_item(self, index: int, line: Line) -> bool:
        text = line.stripped
        md = MD_HEADING.match(text)
        bare = md.group(2).strip() if md else text
        if self.pending_title is not None:
            self.st.place(line.no, "structure", self.pending_title.where)
            self.pending_title.title = strip_emphasis(bare)
            self.pending_title.heading = self.pending_title.title
            self.pending_title = None
            return True
        cand = top_candidate(self.st, bare, self.expected)
        return (
            self._digit_sub(line, bare)
            or self._numbered(line, text, cand)
            or self._letter_sub(line, bare)
            or (cand is None and self._unnumbered(index, line, bare))
        )

    def _closing_starts(self, index: int, line: Line) -> bool:
        bare = strip_emphasis(MD_HEADING.sub(r"\2", line.stripped))
        key = heading_key(bare)
        if not (CLOSING.match(key) or (":" in bare and CLOSING.match(heading_key(bare.split(":")[0])))):
            return False
        if self.top is None:
            return False
        return not re.match(r"^(ordförande|sekreterare)$", key) or is_signature_block(self.lines, index)

    def _digit_sub(self, line: Line, bare: str) -> bool:
        """ "7.1 Title" under item 7."""
        digit = DIGIT_SUB.match(bare)
        top = self.top
        if (
            not digit
            or top is None
            or (int(digit.group(1)), int(digit.group(2))) != (top.number, len(top.children) + 1)
        ):
            return False
        self.current = new_subitem(self.st, top, f"{top.number}.{digit.group(2)}", digit.group(3), line)
        self.inner = None
        return True

    def _numbered(self, line: Line, text: str, cand: tuple[int, str] | None) -> bool:
        """ "4. Title", "§ 74 Title", "Punkt 3 Title"; a numbered list inside a body stays text."""
        if cand is None:
            return False
        n, title = cand
        top = self.top
        inner = self.inner
        continues_inner = inner is not None and n == inner[1] and line.indent >= inner[0]
        if continues_inner and top is not None and top.numbered_children:
            self.current = new_subitem(self.st, top, f"{top.number}.{n}", title, line, numbered=True)
            self.inner = (line.indent, n + 1)
            return True
        if continues_inner and inner is not None:  # (the second test only tells the type checker)
            self.inner = (inner[0], n + 1)
            return False
        expected = self.expected
        is_top = expected is None or n == expected
        if (
            not is_top
            and expected is not None
            and expected < n <= expected + 2
            and heading_like(title)
            and inner is None
        ):
            is_top = True
            self.st.report.check("items", say("import.r.number_jump", before=expected - 1, n=n), at_line(line.no))
        if is_top:
            label = f"§ {n}" if text.lstrip("#").lstrip().startswith("§") else str(n)
            self._new_top(line, label, n, title)
            self.numbered = True
            md = MD_HEADING.match(text)
            self.item_style = ("md", len(md.group(1))) if md else self.item_style
            if not title:
                self.pending_title = self.top
            return True
        if n == 1 and self.current is not None:
            if self.current is top and top is not None and not top.children and is_union_questions(top.title):
                top.numbered_children = True
                self.current = new_subitem(self.st, top, f"{top.number}.1", title, line, numbered=True)
                self.inner = (line.indent, 2)
                return True
            self.inner = (line.indent, 2)
        return False

    def _letter_sub(self, line: Line, bare: str) -> bool:
        """ "a) Title", "- b. Title", "5 a Title" under item 5."""
        top = self.top
        if top is None or top.numbered_children:
            return False
        wanted = chr(ord("a") + len(top.children))
        both = NUMBER_LETTER_SUB.match(strip_emphasis(bare))
        if both and int(both.group(1)) == top.number and both.group(2) == wanted:
            self.current = new_subitem(self.st, top, f"{top.number} {wanted}", both.group(3), line)
            self.inner = None
            return True
        letter = LETTER_SUB.match(bare)
        if not letter or letter.group(1) != wanted:
            return False
        inner = self.inner
        if inner is not None and (line.indent > inner[0] or (not self.after_blank and prev_is_list(self.current))):
            return False
        self.current = new_subitem(self.st, top, f"{top.number} {wanted}", letter.group(2), line)
        self.inner = None
        return True

    def _unnumbered(self, index: int, line: Line, bare: str) -> bool:
        """A heading without a number: Markdown or Word heading, bold, all caps, a short line over a paragraph.

        The first one that starts an item sets the document's item style; a
        deeper Markdown heading is then a sub-item, another style is text.
        """
        style = heading_style(self.st, line.stripped, self.lines, index)
        if style is None or LIST_LINE.match(bare):
            return False
        title = strip_emphasis(bare)
        item_style = self.item_style
        if self.top is None or item_style is None or style == item_style:
            if self.numbered and style[0] != "md":
                return False
            n = self.expected or 1
            self._new_top(line, str(n), n, title)
            self.item_style = style
            self.st.report.check("items", say("import.r.unnumbered_item", n=n, title=title), at_line(line.no))
            return True
        if style[0] == "md" and item_style[0] == "md" and style[1] < item_style[1] and self.numbered:
            n = self.expected or 1
            self._new_top(line, str(n), n, title)
            self.st.report.check("items", say("import.r.unnumbered_item", n=n, title=title), at_line(line.no))
            return True
        if style[0] == "md" and item_style[0] == "md" and style[1] > item_style[1]:
            top = self.top
            wanted = chr(ord("a") + len(top.children))
            self.current = new_subitem(self.st, top, f"{top.number} {wanted}", title, line)
            self.st.report.check(
                "items", say("import.r.unnumbered_sub", label=f"{top.number} {wanted}"), at_line(line.no)
            )
            return True
        return False

    def _new_top(self, line: Line, label: str, number: int, title: str) -> None:
        self.top = RawItem(label=label, number=number, title=title, line_no=line.no, heading=title)
        self.raws.append(self.top)
        self.current = self.top
        self.expected = number + 1
        self.inner = None

    def _body(self, line: Line) -> None:
        inner = self.inner
        top = self.top
        if (
            inner is not None
            and self.after_blank
            and not LIST_LINE.match(line.stripped)
            and not BULLET.match(line.text)
            and line.indent <= inner[0]
            and not (top is not None and top.numbered_children)
        ):
            self.inner = None
        if self.current is not None:  # the items region starts at a heading, so there is always one
            self.current.lines.append(line)


def new_subitem(
    st: ParseState, top: RawItem, label: str, heading: str, line: Line, *, numbered: bool = False
) -> RawItem:
    if st.style == SubitemStyle.LETTER and not numbered and "." in label:
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
