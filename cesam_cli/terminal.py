"""The one way the CLI puts text from the data on a terminal.

Every command that prints anything read from a repository (names, titles,
statements, file names, git output, error messages that quote data) passes
it through :func:`safe`, so an escape sequence in a statement is shown as
``\\x1b[2J`` rather than clearing the user's screen. Output is plain text, so
Rich or Textual markup such as ``[bold]`` is printed as the characters it is.
"""

from __future__ import annotations

import json
import sys
from typing import TextIO

from store.text import active_chars, visible


def safe(text: object, *, oneline: bool = False) -> str:
    """``text`` with control characters made visible.

    ``oneline`` also escapes newlines and tabs: for a value printed inside a
    line (a title, a name, a tab-separated field), where a newline in the
    data would otherwise forge a line of output that scripts would trust.
    """
    return visible(str(text), keep="" if oneline else "\n\t")


def out(text: object = "", *, file: TextIO | None = None, flush: bool = False) -> None:
    """Print a block of output whose data parts were already made ``safe``; made safe once more."""
    print(safe(text), file=file or sys.stdout, flush=flush)


def out_json(data: object) -> None:
    """JSON for scripts: valid JSON, with every control character written as a \\u escape."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    print(active_chars(keep="\n").sub(lambda m: f"\\u{ord(m.group()):04x}", text))


def err(text: object) -> None:
    print(safe(text), file=sys.stderr)
