"""What one import run knows while it reads a protocol, and what it hands back."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from store.core.catalogue import language
from store.core.config import Config, Group, SubitemStyle
from store.core.model import (
    FollowUp,
    Item,
    Meeting,
    Outcome,
    Signature,
)

from .accounting import Accounting, Placement
from .lines import Line
from .parties import Parties
from .report import Report
from .said import Said, say


class ImportProblem(Exception):
    """The text lacks what a meeting needs (group or date); the message says what to pass.

    Like the report's entries it holds a catalogue key and its fields, worded when shown;
    ``str()`` is English, as a cesam error's is."""

    def __init__(self, said: Said) -> None:
        super().__init__(said.text("en"))
        self.said = said

    def text(self, lang: str | None) -> str:
        return self.said.text(language(lang))


@dataclass
class ImportResult:
    meeting: Meeting
    report: Report
    source: str = ""
    appendix: list[str] = field(default_factory=list)  # lines set aside after the signatures
    accounting: Accounting = field(default_factory=Accounting)
    placed: dict[int, Placement] = field(default_factory=dict)  # source line → where it went
    lines: list[str] = field(default_factory=list)  # the source lines, for the per-line report


@dataclass
class RawItem:
    label: str  # as printed: "4", "4 a", "7.1", "§ 12"
    number: int
    title: str
    line_no: int
    heading: str  # the whole heading text after the number
    parent: RawItem | None = None
    lines: list[Line] = field(default_factory=list)
    children: list[RawItem] = field(default_factory=list)
    numbered_children: bool = False  # "1." sub-items under a union-question item
    item: Item | None = None

    @property
    def where(self) -> Said:
        return say("import.at.item", label=self.label)


@dataclass
class Person:
    name: str
    role: str
    absent: bool
    side_hint: str  # "", "employer", "union"
    line_no: int
    guest: bool = False  # under "Övriga deltagande": present, not a member


@dataclass
class ParseState:
    """Shared by the steps of one import; each step reads what the earlier ones found."""

    config: Config
    parties: Parties
    report: Report
    source: str
    keep_appendix: bool
    group: Group | None = None
    style: SubitemStyle = SubitemStyle.LETTER
    meeting_date: dt.date | None = None
    referenced: dict[int, list[Said]] = field(default_factory=dict)
    # follow-ups and postponements whose date is "nästa möte" or a month: set once that is known
    when_later: list[tuple[FollowUp | Outcome, str]] = field(default_factory=list)
    persons_raw: list[Person] = field(default_factory=list)
    leftover_head: list[Line] = field(default_factory=list)
    preamble: dict[str, tuple[str, int]] = field(default_factory=dict)
    justeras: list[tuple[str, int]] = field(default_factory=list)
    justeras_roles: list[str] = field(default_factory=list)
    bilagor: dict[int, str] = field(default_factory=dict)
    signers: list[Signature] = field(default_factory=list)
    secretary_sig: str = ""
    chair_sig: str = ""
    source_lines: list[Line] = field(default_factory=list)  # as read, before page furniture is removed
    placed: dict[int, Placement] = field(default_factory=dict)  # source line → where it went
    tracked_items: set[str] = field(default_factory=set)  # items whose follow-ups come from their own list

    def place(self, line_no: int, kind: str, where: Said) -> None:
        """Record where a source line went; the first step to place a line wins."""
        self.placed.setdefault(line_no, Placement(kind, where))

    def place_lines(self, lines: list[Line], kind: str, where: Said) -> None:
        for line in lines:
            if not line.blank:
                self.place(line.no, kind, where)
