"""Find the line of a key path in TOML text, for messages like file:line:col.

tomllib keeps no positions, so this walks the text once, tracking table and
array-of-tables headers and ``key =`` lines. It understands the layout our
writer produces and the usual hand-written variants; where a path is not
found exactly, the line of its nearest known ancestor is returned.
"""

from __future__ import annotations

import re

_KEY = re.compile(r'^\s*("(?:[^"\\]|\\.)*"|[A-Za-z0-9_-]+)\s*=')


def _unquote(key: str) -> str:
    key = key.strip()
    if len(key) >= 2 and key[0] == key[-1] == '"':
        return key[1:-1]
    return key


def _split_dotted(name: str) -> list[str]:
    return [_unquote(part) for part in re.findall(r'"(?:[^"\\]|\\.)*"|[^.]+', name)]


def key_lines(text: str) -> dict[tuple[str | int, ...], int]:
    """Map each key path (as the codec reports them) to its 1-based line."""
    lines: dict[tuple[str | int, ...], int] = {}
    latest: dict[tuple[str, ...], int] = {}
    current: tuple[str | int, ...] = ()
    in_multiline: str | None = None
    # numbered like tomllib counts: str.splitlines would also break at U+2028, U+0085 and others
    for number, line in enumerate(text.split("\n"), 1):
        if in_multiline:
            if line.count(in_multiline) % 2 == 1:
                in_multiline = None
            continue
        stripped = line.strip()
        if stripped.startswith("[["):
            end = stripped.find("]]")
            parts = _split_dotted(stripped[2:end])
            key = tuple(parts)
            latest[key] = latest.get(key, -1) + 1
            for other in list(latest):
                if len(other) > len(key) and other[: len(key)] == key:
                    del latest[other]
            current = _resolve(parts, latest)
            lines.setdefault(current, number)
            continue
        if stripped.startswith("["):
            parts = _split_dotted(stripped[1 : stripped.find("]")])
            current = _resolve(parts, latest)
            lines.setdefault(current, number)
            continue
        match = _KEY.match(line)
        if match:
            path = (*current, _unquote(match.group(1)))
            lines.setdefault(path, number)
            rest = line[match.end() :]
            for quote in ('"""', "'''"):
                if rest.count(quote) % 2 == 1:
                    in_multiline = quote
    return lines


def _resolve(parts: list[str], latest: dict[tuple[str, ...], int]) -> tuple[str | int, ...]:
    out: list[str | int] = []
    for i, part in enumerate(parts):
        out.append(part)
        index = latest.get(tuple(parts[: i + 1]))
        if index is not None:
            out.append(index)
    return tuple(out)


def locate(text: str, path: tuple[str | int, ...]) -> int:
    """Line of ``path`` or of its nearest ancestor; 0 when nothing matches."""
    lines = key_lines(text)
    for end in range(len(path), 0, -1):
        line = lines.get(path[:end])
        if line:
            return line
    return 0
