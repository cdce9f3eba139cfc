"""Source lines and the small shapes every step shares (bullets, lists, name lists)."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass
class Line:
    no: int
    text: str  # cleaned; leading indentation kept

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip(" \t"))

    @property
    def blank(self) -> bool:
        return not self.text.strip()


BULLET = re.compile(r"^(\s*)(?:[-–—•*▪◦●·]|o(?=\s))\s+(.*)$")


LIST_LINE = re.compile(r"^\s*(?:[-–•*]\s*)?(?:\d{1,2}|[a-zåäö]|[ivx]{1,4})[.)]\s+\S")


MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")


ROLE_WORDS = (
    "förvaltning",
    "ordförande",
    "ordf",
    "direktör",
    "sekreterare",
    "chef",
    "strateg",
    "punkt",
    "ombud",
    "samordnare",
    "handläggare",
    "konsult",
    "controller",
    "partner",
    "ansvarig",
    "ledare",
    "kommun",
    "skyddsombud",
    "specialist",
)


def shorten(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def first_value(preamble: dict[str, tuple[str, int]], *keys: str) -> str:
    for key in keys:
        if key in preamble and preamble[key][0]:
            return preamble[key][0]
    return ""


def split_top_level(text: str) -> list[str]:
    """Split a list at commas, semicolons and a final "och", not inside parentheses."""
    parts: list[str] = []
    depth = 0
    current = ""
    for ch in text:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        if ch in ",;" and depth == 0:
            parts.append(current)
            current = ""
            continue
        current += ch
    parts.append(current)
    out: list[str] = []
    for part in parts:
        pieces = re.split(r"\s+(?:och|samt|&)\s+(?![^(]*\))", part)
        out.extend(p.strip().rstrip(".") for p in pieces if p.strip())
    return out
