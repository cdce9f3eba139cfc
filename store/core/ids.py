"""Stable ids for items, statements, follow-ups and attendees.

An id is made once, when the record is created, and never changes: it is how
merges, history and attendance refer to a record whatever its number or text
becomes. A readable stem keeps files easy to review; a random tail keeps two
people who add a record at the same time on different clones from picking
the same id.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from collections.abc import Iterable

_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u", "ø": "o", "æ": "ae"})


def slug(text: str, limit: int = 24) -> str:
    text = text.casefold().translate(_FOLD)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:limit].rstrip("-") or "x"


def new_id(stem: str, taken: Iterable[str] = ()) -> str:
    taken = set(taken)
    base = slug(stem)
    while True:
        candidate = f"{base}-{secrets.token_hex(2)}"
        if candidate not in taken:
            return candidate
