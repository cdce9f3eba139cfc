"""Body text of an item: paragraphs, bullets, lists and tables, rendered as Markdown."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lines import BULLET, LIST_LINE, Line
from .text import (
    strip_emphasis,
)


@dataclass
class Unit:
    """A paragraph line, a bullet, a list entry or a table row of an item's body."""

    text: str
    kind: str  # "para", "bullet", "list", "table"
    indent: int
    new_block: bool  # a blank line came before it
    line_no: int
    kept: list[str] = field(default_factory=list)  # sentences left as body text
    proposal_from: int | None = None  # index in ``kept`` where the employer's proposal starts

    def part(self, *, proposal: bool) -> Unit:
        """The body part or the proposal part of this unit, as a unit of its own."""
        cut = len(self.kept) if self.proposal_from is None else self.proposal_from
        kept = self.kept[cut:] if proposal else self.kept[:cut]
        new_block = self.new_block if not proposal or cut == 0 else True
        return Unit(self.text, self.kind, self.indent, new_block, self.line_no, kept)


# "Beslut:" on a line of its own: the decision is the line after it
DECISION_LABEL = re.compile(r"^(?:beslut|beslutet|mötets beslut|överenskommelse)\s*:$", re.I)


def to_units(lines: list[Line]) -> list[Unit]:
    units: list[Unit] = []
    blank_before = False
    for line in lines:
        if line.blank:
            blank_before = True
            continue
        text = line.text
        bullet = BULLET.match(text)
        stripped = line.stripped
        if "\t" in stripped:
            units.append(Unit(stripped, "table", 0, blank_before, line.no))
        elif bullet:
            level = len(bullet.group(1).replace("\t", "  ")) // 1
            units.append(Unit(bullet.group(2).strip(), "bullet", min(level, 3), blank_before, line.no))
        elif LIST_LINE.match(text):
            units.append(Unit(stripped, "list", min(line.indent, 3), blank_before, line.no))
        else:
            prev = units[-1] if units else None
            continues = (
                prev is not None
                and prev.kind in ("para", "bullet", "list")
                and (not blank_before or prev.kind == "para")
                and not re.search(r"[.?!:;]$", prev.text)
                and stripped[:1].islower()
            ) or (prev is not None and not blank_before and DECISION_LABEL.match(prev.text) is not None)
            if continues and prev is not None:
                prev.text = f"{prev.text} {stripped}"
            else:
                units.append(
                    Unit(
                        strip_emphasis(stripped) if stripped.startswith("**") else stripped,
                        "para",
                        0,
                        blank_before,
                        line.no,
                    )
                )
        blank_before = False
    return units


def markdown_table(rows: list[str]) -> list[str]:
    """Tab-separated rows as a Markdown table; numeric columns right-aligned."""
    cells = [[c.strip().replace("|", "\\|") for c in row.split("\t")] for row in rows]
    width = max(len(r) for r in cells)
    cells = [r + [""] * (width - len(r)) for r in cells]
    numeric = re.compile(r"^[-+−]?[\d\s]+(?:[,.]\d+)?\s*%?$")
    align = []
    for col in range(width):
        values = [r[col] for r in cells[1:] if r[col]]
        right = bool(values) and sum(bool(numeric.match(v)) for v in values) >= len(values) * 0.8
        align.append("---:" if right else "---")
    out = ["| " + " | ".join(cells[0]) + " |", "| " + " | ".join(align) + " |"]
    out += ["| " + " | ".join(r) + " |" for r in cells[1:]]
    return out


def render_body(units: list[Unit]) -> str:
    out: list[str] = []
    table: list[str] = []
    for index, unit in enumerate(units):
        if unit.kind == "table" and unit.kept:
            table.append(unit.text)
            following = units[index + 1] if index + 1 < len(units) else None
            if following is not None and following.kind == "table" and following.kept and not following.new_block:
                continue
            if out:
                out.append("")
            out.extend(markdown_table(table) if len(table) > 1 else [table[0].replace("\t", " | ")])
            table = []
            continue
        if not unit.kept:
            continue
        text = " ".join(unit.kept)
        if unit.kind == "bullet":
            text = "  " * unit.indent + "- " + text
        elif unit.kind == "list":
            text = "  " * unit.indent + text
        previous = next((u for u in reversed(units[:index]) if u.kept), None)
        if out and (unit.new_block or unit.kind == "para" or (previous is not None and previous.kind != unit.kind)):
            out.append("")
        out.append(text)
    return "\n".join(out).strip("\n")
