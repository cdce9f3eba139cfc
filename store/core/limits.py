"""Read-time bounds on TOML data: depth, file size, string length, array length.

Anyone who can push can commit a file, so a file is hostile data. Python's
TOML parser and everything after it (decoding, validation, copying, the
writer) recurse into nested values: 400 levels of ``[[[…]]]`` in an
800-byte file ended every command in ``RecursionError``. These limits are
checked before anything recurses, and reported like any other problem in a
file (``file:line: nested too deep``), so one bad file is named and skipped
and never stops commands for the other meetings.

The numbers are far above what a real protocol needs and far below what
hurts (the largest real protocol in the seeds is 18 KB, nested 4 deep: a
meeting, its items, a statement's parties):

* depth 32: the model nests at most 4 levels; unknown keys kept from newer
  versions get room, recursion does not (Python's limit is 1000 frames and
  the parser spends 2-3 per level);
* file 8 MiB: some 400 of the largest real protocols; every screen reads
  every file, so a larger one costs every command;
* string 2 MiB: a whole protocol pasted into one body is 30 KB, and the
  hostile-input test saves a megabyte in a field, which must come back;
* array 10,000 elements: a meeting has some 30 items and 30 attendees.

Pure: no I/O, no imports from the rest of store except errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from store.core.errors import Problem

MAX_DEPTH = 32
MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_STRING = 2 * 1024 * 1024
MAX_ARRAY = 10_000

TOO_DEEP = "nested too deep"


@dataclass(frozen=True)
class Limits:
    depth: int = MAX_DEPTH
    file_bytes: int = MAX_FILE_BYTES
    string: int = MAX_STRING
    array: int = MAX_ARRAY


DEFAULT = Limits()


def size_problem(size: int, limits: Limits = DEFAULT) -> Problem | None:
    """A problem when a file of ``size`` bytes is larger than cesam reads."""
    if size <= limits.file_bytes:
        return None
    return Problem(
        f"the file is {size:,} bytes; cesam reads meeting files up to {limits.file_bytes:,} bytes".replace(",", " "),
        line=1,
        col=1,
    )


def _skip_string(text: str, i: int) -> int:
    """Index just past the TOML string starting at ``text[i]`` (a quote); len(text) when unterminated."""
    quote = text[i]
    if text.startswith(quote * 3, i):
        end = text.find(quote * 3, i + 3) if quote == "'" else _find_basic_end(text, i + 3, quote * 3)
        if end < 0:
            return len(text)
        end += 3
        for _ in range(2):  # a closing run of four or five quotes ends the content with one or two
            if end < len(text) and text[end] == quote:
                end += 1
        return end
    if quote == "'":
        end = text.find("'", i + 1)
        newline = text.find("\n", i + 1)
        if end < 0 or (0 <= newline < end):
            return newline if newline >= 0 else len(text)
        return end + 1
    end = _find_basic_end(text, i + 1, '"', single_line=True)
    return len(text) if end < 0 else end + 1


# what ends a scan inside a basic string: an escape, the closing quote(s), a line end (single-line)
_BASIC_STOPS = {'"': re.compile(r'[\\"\n]'), '"""': re.compile(r'\\|"""')}
# what the depth scan must look at; everything else is skipped by the regex engine, not a Python loop
_INTERESTING = re.compile(r"[\"'#\[\]{}\n]")


def _find_basic_end(text: str, i: int, closing: str, *, single_line: bool = False) -> int:
    stops = _BASIC_STOPS[closing]
    while True:
        found = stops.search(text, i)
        if found is None:
            return -1
        j = found.start()
        char = text[j]
        if char == "\\":
            i = j + 2
            continue
        if char == "\n":
            if single_line:
                return j - 1  # unterminated: the parser reports it; the scan goes on at the line's end
            i = j + 1
            continue
        return j


def bracket_depth_problem(text: str, limits: Limits = DEFAULT) -> Problem | None:
    """The line where arrays and inline tables nest deeper than the limit, before any parser recurses.

    A small scan of TOML's lexical structure: brackets inside strings and
    comments do not count. Table headers (``[a]``, ``[[a]]``) count 1-2,
    which the limit has room for.
    """
    depth = 0
    line = 1
    i = 0
    n = len(text)
    while i < n:
        found = _INTERESTING.search(text, i)
        if found is None:
            break
        i = found.start()
        char = text[i]
        if char == "\n":
            line += 1
        elif char in "\"'":
            end = _skip_string(text, i)
            line += text.count("\n", i, end)
            i = end
            continue
        elif char == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        elif char in "[{":
            depth += 1
            if depth > limits.depth:
                return Problem(f"{TOO_DEEP} (more than {limits.depth} levels)", line=line, col=1)
        elif char in "]}":
            depth = max(0, depth - 1)
        i += 1
    return None


def data_problem(data: Any, limits: Limits = DEFAULT) -> Problem | None:
    """The first value nested deeper, or longer, than the limits, with its key path; walks without recursion.

    Dotted keys (``a.b.c = 1``) and headers nest tables without brackets, so
    the parsed data is walked too. The problem's ``key_path`` is cut at the
    limit, so placing it on a line stays cheap.
    """
    try:
        if _within(data, 0, limits):
            return None  # nearly every file: no key path is made (most of this walk's cost)
    except RecursionError:  # a caller already deep in its own stack: the walk below has none
        pass
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if len(path) > limits.depth:
            return Problem(f"{TOO_DEEP} (more than {limits.depth} levels)", key_path=path[: limits.depth])
        if isinstance(value, str):
            if len(value) > limits.string:
                return Problem(
                    f"a text of {len(value):,} characters; cesam reads texts up to {limits.string:,}".replace(",", " "),
                    key_path=path,
                )
        elif isinstance(value, dict):
            stack.extend((v, (*path, k)) for k, v in value.items())
        elif isinstance(value, list):
            if len(value) > limits.array:
                return Problem(
                    f"a list of {len(value):,} entries; cesam reads lists of up to {limits.array:,}".replace(",", " "),
                    key_path=path,
                )
            stack.extend((v, (*path, i)) for i, v in enumerate(value))
    return None


def _within(value: Any, depth: int, limits: Limits) -> bool:
    """Whether nothing at or under ``value`` (``depth`` levels down) passes the limits, as the walk above decides.

    Recursion is bounded: it stops one level past ``limits.depth``.
    """
    if isinstance(value, dict):
        values: Any = value.values()
    elif isinstance(value, list):
        if len(value) > limits.array:
            return False
        values = value
    else:
        return depth <= limits.depth and not (isinstance(value, str) and len(value) > limits.string)
    if depth > limits.depth:
        return False
    inner = depth + 1
    if inner > limits.depth:
        return not values  # any value one level down is too deep
    for child in values:
        if type(child) is str:
            if len(child) > limits.string:
                return False
        elif isinstance(child, (dict, list, str)) and not _within(child, inner, limits):
            return False
    return True


__all__ = [
    "DEFAULT",
    "MAX_ARRAY",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_STRING",
    "TOO_DEEP",
    "Limits",
    "bracket_depth_problem",
    "data_problem",
    "size_problem",
]
