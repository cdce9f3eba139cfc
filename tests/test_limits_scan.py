"""The depth scan of store.core.limits, sped up with regular expressions, says what the plain loop said."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from store.core.errors import Problem
from store.core.limits import DEFAULT, TOO_DEEP, Limits, bracket_depth_problem

# the character-by-character scan as integ14a wrote it: the reference


def _ref_skip_string(text: str, i: int) -> int:
    """Index just past the TOML string starting at ``text[i]`` (a quote); len(text) when unterminated."""
    quote = text[i]
    if text.startswith(quote * 3, i):
        end = text.find(quote * 3, i + 3) if quote == "'" else _ref_find_basic_end(text, i + 3, quote * 3)
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
    end = _ref_find_basic_end(text, i + 1, '"', single_line=True)
    return len(text) if end < 0 else end + 1


def _ref_find_basic_end(text: str, i: int, closing: str, *, single_line: bool = False) -> int:
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if single_line and char == "\n":
            return i - 1  # unterminated: the parser reports it; the scan goes on at the line's end
        if text.startswith(closing, i):
            return i
        i += 1
    return -1


def _ref_bracket_depth_problem(text: str, limits: Limits = DEFAULT) -> Problem | None:
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
        char = text[i]
        if char == "\n":
            line += 1
        elif char in "\"'":
            end = _ref_skip_string(text, i)
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


TOKENS = ["[", "]", "{", "}", '"', "'", '"""', "'''", "\\", "\n", "#", "a", " ", "=", "[[x]]", '"\\""']


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=80), st.integers(min_value=1, max_value=6))
def test_the_regex_scan_finds_what_the_loop_found(parts: list[str], depth: int) -> None:
    text = "".join(parts)
    limits = Limits(depth=depth)
    assert bracket_depth_problem(text, limits) == _ref_bracket_depth_problem(text, limits)


def test_a_real_file_and_a_deep_one() -> None:
    from conftest import small_meeting

    from store.core import codec

    text = codec.dumps(small_meeting())
    assert bracket_depth_problem(text) is None and _ref_bracket_depth_problem(text) is None
    deep = "a = " + "[" * 40 + "]" * 40 + "\n"
    found = bracket_depth_problem("# x\n" + deep)
    assert found == _ref_bracket_depth_problem("# x\n" + deep)
    assert found is not None and TOO_DEEP in found.message and found.line == 2
    assert DEFAULT.depth == 32
