"""The one way the CLI puts text from the data on a terminal.

Every command that prints anything read from a repository (names, titles,
statements, file names, git output, error messages that quote data) passes
it through :func:`safe`, so an escape sequence in a statement is shown as
``\\x1b[2J`` rather than clearing the user's screen. Output is plain text, so
Rich or Textual markup such as ``[bold]`` is printed as the characters it is.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable
from typing import TextIO

from store.core.text import active_chars, visible


def safe(text: object, *, oneline: bool = False) -> str:
    """``text`` with control characters made visible.

    ``oneline`` also escapes newlines and tabs: for a value printed inside a
    line (a title, a name, a tab-separated field), where a newline in the
    data would otherwise forge a line of output that scripts would trust.
    """
    return visible(str(text), keep="" if oneline else "\n\t")


# the colours cesam_cli.commands._marks puts around changed and matched words
COLOURS = ("\x1b[31m", "\x1b[32m", "\x1b[1;4m", "\x1b[0m")
_COLOUR = re.compile("|".join(re.escape(c) for c in COLOURS))


def coloured(text: object) -> str:
    """Like :func:`safe`, but cesam's own word colours (and nothing else) pass.

    The words inside the colours are cleaned where they are marked
    (``_marks``); at worst a text holding one of these exact sequences
    colours itself red, green or bold: it can move, hide or query nothing.
    """
    parts = _COLOUR.split(str(text))
    codes = _COLOUR.findall(str(text))
    shown = [safe(parts[0])]
    for code, part in zip(codes, parts[1:], strict=True):
        shown += [code, safe(part)]
    return "".join(shown)


def out(
    text: object = "", *, file: TextIO | None = None, flush: bool = False, colour: bool = False, end: str = "\n"
) -> None:
    """Print a block of output whose data parts were already made ``safe``; made safe once more."""
    print(coloured(text) if colour else safe(text), file=file or sys.stdout, flush=flush, end=end)


def out_json(data: object) -> None:
    """JSON for scripts: valid JSON, with every control character written as a \\u escape."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    print(active_chars(keep="\n").sub(lambda m: f"\\u{ord(m.group()):04x}", text))


def out_json_list(items: Iterable[object]) -> None:
    """A JSON array printed item by item as ``items`` yields them (the same text as ``out_json`` of the list)."""
    escape = active_chars(keep="\n")
    first = True
    for item in items:
        text = json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        print(("[\n  " if first else ",\n  ") + escape.sub(lambda m: f"\\u{ord(m.group()):04x}", text), end="")
        first = False
    print("[]" if first else "\n]")


def err(text: object) -> None:
    print(safe(text), file=sys.stderr)
