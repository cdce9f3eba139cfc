"""Marking changed and matched words in plain terminal output.

On a terminal the words are coloured (unless NO_COLOR is set); elsewhere they
get the markers of ``git diff --word-diff`` (``[-old-]{+new+}``) and
``[…]`` for a search match, so a script or a pipe still sees them.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from store.core.text import visible

if TYPE_CHECKING:  # `cesam search` marks matches only: the wording of changes is imported where used
    from store.core.messages import Span

_RED, _GREEN, _BOLD, _RESET = "\x1b[31m", "\x1b[32m", "\x1b[1;4m", "\x1b[0m"


def color() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _clean(text: str) -> str:
    # user text is data: a stray escape in it must not drive the terminal (the one output gate)
    return visible(text)


def spans(parts: list[Span]) -> str:
    from store.core.messages import SpanKind

    out = []
    use = color()
    for span in parts:
        text = _clean(span.text)
        if span.kind == SpanKind.SAME:
            out.append(text)
        elif span.kind == SpanKind.DELETED:
            out.append(f"{_RED}{text}{_RESET}" if use else f"[-{text}-]")
        else:
            out.append(f"{_GREEN}{text}{_RESET}" if use else f"{{+{text}+}}")
    return "".join(out)


def matched(text: str, found: tuple[tuple[int, int], ...], width: int = 70) -> str:
    """One line around the first matches, the matched words marked."""
    flat = text.replace("\n", " ")
    if not found:
        return _clean(flat[: width * 2])
    start = max(0, found[0][0] - width)
    end = min(len(flat), found[-1][1] + width) if found[-1][1] - start < width * 3 else found[0][1] + width
    use = color()
    out, pos = [], start
    for a, b in found:
        if a < start or b > end:
            continue
        out.append(_clean(flat[pos:a]))
        word = _clean(flat[a:b])
        out.append(f"{_BOLD}{word}{_RESET}" if use else f"[{word}]")
        pos = b
    out.append(_clean(flat[pos:end]))
    return ("…" if start else "") + "".join(out) + ("…" if end < len(flat) else "")
