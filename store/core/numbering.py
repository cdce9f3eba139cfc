"""Item numbers follow from position: 1, 2 … and sub-items 4 a, 4 b (or 7.1, 7.2)."""

from __future__ import annotations

import string

from store.core.config import SubitemStyle
from store.core.model import Meeting


def subitem_label(index: int, style: SubitemStyle = SubitemStyle.LETTER) -> str:
    if style == SubitemStyle.DIGIT:
        return str(index + 1)
    letters = string.ascii_lowercase
    label = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        label = letters[rest] + label
    return label


def item_numbers(meeting: Meeting, style: SubitemStyle = SubitemStyle.LETTER, first: int = 1) -> dict[str, str]:
    """Map item id to its number as protocols print it ("4", "4 a", "7.1").

    ``first`` is the number of the first top-level item: 1 for groups that
    number per meeting, the running § number for groups that number per year.
    """
    numbers: dict[str, str] = {}
    top = 0
    children: dict[str, int] = {}
    for item in meeting.items:
        if not item.parent or item.parent not in numbers:
            numbers[item.id] = str(first + top)
            top += 1
            continue
        index = children.get(item.parent, 0)
        children[item.parent] = index + 1
        label = subitem_label(index, style)
        sep = "." if style == SubitemStyle.DIGIT else " "
        numbers[item.id] = f"{numbers[item.parent]}{sep}{label}"
    return numbers


def normalise_number(text: str) -> str:
    """'4c', '4 c', '4.c', '§ 4 c' and '4 C' all name item 4 c."""
    text = text.strip().lower().removeprefix("§").strip()
    out = ""
    for ch in text:
        if ch in " .)":
            continue
        if out and (ch.isalpha() != out[-1].isalpha()):
            out += " "
        out += ch
    return out


def find_item_id(meeting: Meeting, number: str, style: SubitemStyle = SubitemStyle.LETTER) -> str | None:
    """The id of the item a user names by its number ("4c") or by its id."""
    wanted = normalise_number(number)
    for item_id, label in item_numbers(meeting, style).items():
        if normalise_number(label) == wanted:
            return item_id
    if style == SubitemStyle.DIGIT:
        for item_id, label in item_numbers(meeting, style).items():
            if label.replace(".", " ") == wanted or label == number.strip():
                return item_id
    return next((item.id for item in meeting.items if item.id == number.strip()), None)
