"""File names from data: a group id or a party's name never leaves its folder."""

from __future__ import annotations

import hashlib
import re

_SEGMENT = re.compile(r"[a-z0-9][a-z0-9_.-]{0,80}")


def segment(text: str) -> str:
    """A file-name part from data: kept when it is plainly safe, else a hash of it."""
    low = text.lower()
    if _SEGMENT.fullmatch(low) and ".." not in low:
        return low
    return "x" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
