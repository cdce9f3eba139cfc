"""Making user text visible instead of active.

Minutes hold whatever people type or paste. Stored, such text is data and
kept exactly; shown on a terminal or written into a commit message, control
characters would act (an ESC sequence retitles the terminal, a CR overwrites
the line, a bidi override reorders what the reader sees). :func:`visible`
writes each of them as an escape a reader can see, e.g. ``\\x1b``.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, bidi embeddings/overrides/isolates and marks, the
# Unicode line and paragraph separators, and the zero-width no-break space (BOM).
_ACTIVE = "\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff"
_PATTERNS: dict[str, re.Pattern[str]] = {}

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF or code > 0xFF:
        return f"\\u{code:04x}"
    return f"\\x{code:02x}"


def _pattern(keep: str) -> re.Pattern[str]:
    pattern = _PATTERNS.get(keep)
    if pattern is None:
        kept = "".join(re.escape(c) for c in keep)
        body = f"[{_ACTIVE}\ud800-\udfff]"
        pattern = re.compile(f"(?![{kept}]){body}" if kept else body)
        _PATTERNS[keep] = pattern
    return pattern


def active_chars(*, keep: str = "\n\t") -> re.Pattern[str]:
    """The pattern :func:`visible` escapes: control characters except those in ``keep``."""
    return _pattern(keep)


def visible(text: str, *, keep: str = "\n\t") -> str:
    """``text`` with every control character except those in ``keep`` written as an escape."""
    return _pattern(keep).sub(_escape, text)


def shorten(line: str, limit: int) -> str:
    return line if len(line) <= limit else line[: limit - 1] + "…"
