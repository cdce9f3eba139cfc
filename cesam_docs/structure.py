"""The neutral document structure every renderer draws.

:mod:`cesam_docs.wording` decides every word; the renderers (Markdown, HTML,
PDF, DOCX) only decide how a block looks. Text that may hold Markdown is
named ``markdown``; everything else is plain text and is escaped by each
renderer as its format needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from .markdown import WIDE_COLUMNS, parse, table_columns


@dataclass(frozen=True)
class Provenance:
    """Which version of the data a document was made from."""

    commit: str
    content_hash: str
    dirty: bool = False


class DocKind(StrEnum):
    PROTOCOL = "protocol"
    NOTICE = "notice"
    EXTRACT = "extract"
    RESTLISTA = "restlista"


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2  # 2 = item, 3 = sub-item or part, 4 = minor
    number: str = ""  # "3.", "§ 45", "4 a": shown before the text, kept apart for styling


@dataclass(frozen=True)
class Markdown:
    markdown: str
    style: str = ""  # "" | "lead" (who raised it) | "proposal" | "outcome" | "followup" | "small"


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]  # each one Markdown
    plain: bool = False  # lines without bullets: the bilagor, the underskrifter
    style: str = ""  # "" | "statements" (what the parties said, each with the employer's answer)


@dataclass(frozen=True)
class Fields:
    """Label/value rows: meeting facts in a notice, an extract's header."""

    rows: tuple[tuple[str, str], ...]  # (plain label, Markdown value)


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # plain text cells
    plain: bool = False  # a list laid out in columns (Närvarande): no rules, no header row on paper
    numeric: tuple[int, ...] = ()  # columns aligned right
    wide: tuple[int, ...] = ()  # columns that take the room the others leave (the follow-up's text)


@dataclass(frozen=True)
class Note:
    """Set apart from the body: a protokollsanteckning, a reservation."""

    title: str
    markdown: str


@dataclass(frozen=True)
class Signer:
    name: str
    role: str = ""


@dataclass(frozen=True)
class Signatures:
    title: str  # "Justeras:", "Vid protokollet"
    signers: tuple[Signer, ...]


Block = Heading | Markdown | BulletList | Fields | Table | Note | Signatures


@dataclass(frozen=True)
class Frame:
    """What every page repeats: header, footer and the draft marking."""

    organisation: str
    group: str
    title: str  # "Protokoll"
    date: str  # as printed in the header, ISO
    page_word: str  # "sida": the counter is "<page_word> x (y)"
    marking: str  # "UTKAST" or "Justerat 2023-09-15"
    draft: bool
    footer: str = ""  # "Justerandes signatur"; empty for documents nobody initials
    footer_boxes: int = 0  # one initials box per justerare
    stamp: str = ""  # short provenance for the footer


@dataclass(frozen=True)
class Document:
    kind: DocKind
    lang: str
    frame: Frame
    title: str  # "Protokoll"
    subtitle: str  # "Centrala samverkansgruppen den 5 september 2023"
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    stamp: str = ""  # full provenance, printed last
    file_stem: str = ""  # a suggested file name without extension
    author: str = ""  # who made it (the secretary): DOCX and PDF metadata
    landscape: bool = False  # every page turned: the restlista's wide table


def _has_wide_table(block: Block) -> bool:
    if not isinstance(block, Markdown) or "|" not in block.markdown:
        return False
    tokens = parse(block.markdown)
    return any(t.type == "table_open" and table_columns(tokens, i) >= WIDE_COLUMNS for i, t in enumerate(tokens))


def landscape_runs(blocks: tuple[Block, ...]) -> tuple[set[int], set[int]]:
    """Where a landscape section opens and closes (block indices), for PDF and DOCX alike: a block
    with a wide table and the headings just before it, so that no heading is left on the portrait
    page before the turn."""
    opens: set[int] = set()
    closes: set[int] = set()
    for i, block in enumerate(blocks):
        if _has_wide_table(block):
            start = i
            while start > 0 and isinstance(blocks[start - 1], Heading):
                start -= 1
            opens.add(start)
            closes.add(i)
    return opens, closes
