"""Where items and sub-items begin: numbered headings, paragraph signs, letters, headings."""

from __future__ import annotations

import re

from store.config import SubitemStyle

from .head import PREAMBLE_KEY, SECTION_ABSENT, SECTION_PRESENT, TITLE_WORDS
from .kinds import is_union_questions
from .lines import BULLET, LIST_LINE, MD_HEADING, Line
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
    seen_text = 0
    for i, line in enumerate(lines):
        if line.blank:
            continue
        text = line.stripped
        md = MD_HEADING.match(text)
        bare = md.group(2) if md else text
        key = heading_key(text)
        if SECTION_ABSENT.match(key) or SECTION_PRESENT.match(key) or PREAMBLE_KEY.match(bare):
            seen_text += 1
            continue
        if top_candidate(st, bare, None) is not None and not looks_like_date_line(bare):
            return i
        if md and seen_text > 0 and not TITLE_WORDS.match(bare) and not find_dates(bare):
            return i
        seen_text += 1
    return len(lines)


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
        md = MD_HEADING.match(text)
        bare = md.group(2).strip() if md else text
        key = heading_key(bare)
        if pending_title is not None:
            st.place(line.no, "structure", pending_title.where)
            pending_title.title = strip_emphasis(bare)
            pending_title.heading = pending_title.title
            pending_title = None
            after_blank = False
            continue
        if CLOSING.match(key) or (":" in bare and CLOSING.match(heading_key(bare.split(":")[0]))):
            if top is not None and not re.match(r"^(ordförande|sekreterare)$", key):
                return raws, index
            if top is not None and is_signature_block(lines, index):
                return raws, index
        digit = DIGIT_SUB.match(bare)
        if (
            digit
            and top is not None
            and (int(digit.group(1)), int(digit.group(2)))
            == (
                top.number,
                len(top.children) + 1,
            )
        ):
            current = new_subitem(st, top, f"{top.number}.{digit.group(2)}", digit.group(3), line)
            inner = None
            after_blank = False
            continue
        cand = top_candidate(st, bare, expected)
        if cand is not None:
            n, title = cand
            indent = line.indent
            continues_inner = inner is not None and n == inner[1] and indent >= inner[0]
            if continues_inner and top is not None and top.numbered_children:
                current = new_subitem(st, top, f"{top.number}.{n}", title, line, numbered=True)
                inner = (indent, n + 1)
                after_blank = False
                continue
            if not continues_inner:
                is_top = False
                if expected is None or n == expected:
                    is_top = True
                elif expected < n <= expected + 2 and heading_like(title) and inner is None:
                    is_top = True
                    st.report.check("items", f"punktnumret hoppar från {expected - 1} till {n}", f"rad {line.no}")
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
                    if current is top and top is not None and not top.children and is_union_questions(top.title):
                        top.numbered_children = True
                        current = new_subitem(st, top, f"{top.number}.1", title, line, numbered=True)
                        inner = (line.indent, 2)
                        after_blank = False
                        continue
                    inner = (line.indent, 2)
            elif inner is not None:
                inner = (inner[0], n + 1)
        letter = LETTER_SUB.match(bare)
        if letter and top is not None and not top.numbered_children:
            wanted = chr(ord("a") + len(top.children))
            nested = inner is not None and line.indent > inner[0]
            if (
                letter.group(1) == wanted
                and not nested
                and not (inner is not None and not after_blank and prev_is_list(current))
            ):
                current = new_subitem(st, top, f"{top.number} {wanted}", letter.group(2), line)
                inner = None
                after_blank = False
                continue
        if md and not cand and top is not None and not LIST_LINE.match(bare):
            # an unnumbered heading in a Word document
            n = (expected or 1) if expected is not None else 1
            top = RawItem(label=str(n), number=n, title=strip_emphasis(bare), line_no=line.no, heading=bare)
            raws.append(top)
            current = top
            expected = n + 1
            inner = None
            after_blank = False
            st.report.check("items", f"rubrik utan nummer blev punkt {n}: {bare}", f"rad {line.no}")
            continue
        ends_list = inner is not None and after_blank and not LIST_LINE.match(text) and not BULLET.match(line.text)
        if ends_list and line.indent <= inner[0] and not (top is not None and top.numbered_children):  # type: ignore[index]
            inner = None
        if current is None:  # cannot happen: the items region starts at a heading
            continue
        current.lines.append(line)
        after_blank = False
    return raws, None


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
