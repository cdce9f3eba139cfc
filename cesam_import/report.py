"""What an import recognised, what it left as text, and what it set aside.

The report is for the secretary who checks an imported protocol: each line
says where (an item number or a line of the source) and what happened. Each
entry holds a catalogue key and its fields (:class:`Said`), and is worded in
the reader's language only when it is shown. Tests read the same records
through their ``kind`` and ``topic``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from cesam_docs.markdown import escape
from store.core.catalogue import t

from .accounting import Placement
from .said import NOWHERE, Said


class EntryKind(StrEnum):
    RECOGNISED = "recognised"  # känt igen
    TEXT = "text"  # lämnat som text i en punkt
    CHECK = "check"  # osäkert: kontrollera
    DROPPED = "dropped"  # inte med i mötet, med skäl


@dataclass(frozen=True)
class Entry:
    kind: EntryKind
    topic: str  # "heading", "attendee", "item", "statement", "outcome", ... for tests and filters
    said: Said  # what happened, worded when shown
    where: Said = NOWHERE  # "punkt 4 a", "rad 12"

    def text(self, lang: str = "sv") -> str:
        return self.said.text(lang)

    def place(self, lang: str = "sv") -> str:
        return self.where.text(lang)


@dataclass
class Report:
    entries: list[Entry] = field(default_factory=list)

    def add(self, kind: EntryKind, topic: str, said: Said, where: Said = NOWHERE) -> None:
        self.entries.append(Entry(kind, topic, said, where))

    def recognised(self, topic: str, said: Said, where: Said = NOWHERE) -> None:
        self.add(EntryKind.RECOGNISED, topic, said, where)

    def text(self, topic: str, said: Said, where: Said = NOWHERE) -> None:
        self.add(EntryKind.TEXT, topic, said, where)

    def check(self, topic: str, said: Said, where: Said = NOWHERE) -> None:
        self.add(EntryKind.CHECK, topic, said, where)

    def dropped(self, topic: str, said: Said, where: Said = NOWHERE) -> None:
        self.add(EntryKind.DROPPED, topic, said, where)

    def of(self, kind: EntryKind, topic: str | None = None) -> list[Entry]:
        return [e for e in self.entries if e.kind == kind and (topic is None or e.topic == topic)]

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def render(self, *, indent: str = "  ", lang: str = "sv") -> str:
        """Plain text grouped by kind; user text is printed as it is, never as markup."""
        lines: list[str] = []
        for kind in EntryKind:
            entries = self.of(kind)
            if not entries:
                continue
            lines.append(t(f"import.report.{kind.value}", lang) + ":")
            for entry in entries:
                place = entry.place(lang)
                where = f"{place}: " if place else ""
                lines.append(f"{indent}{where}{entry.text(lang)}")
        return "\n".join(lines)

    def summary(self, lang: str = "sv") -> str:
        counts = {kind.value: len(self.of(kind)) for kind in EntryKind}
        return t("import.report.summary", lang, **counts)


def line_map(lines: list[str], placed: Mapping[int, Placement], lang: str = "sv") -> list[str]:
    """Where each source line went, consecutive lines with the same place as one range."""
    out: list[str] = []
    start = 0
    current: tuple[str, str] | None = None
    for no, text in enumerate([*lines, ""], 1):
        found = placed.get(no)
        place = (found.kind, found.where.text(lang)) if found else (("", "") if not text.strip() else ("?", "?"))
        if place == current:
            continue
        if current is not None and current[0]:
            span = (
                t("import.line", lang, no=start)
                if no - 1 == start
                else t("import.lines", lang, first=start, last=no - 1)
            )
            kind = t(f"import.placed.{current[0]}", lang) if current[0] != "?" else ""
            where = t("import.not_placed", lang) if current[0] == "?" else f"{current[1]} ({kind})"
            out.append(f"{span}: {where}")
        start, current = no, place
    return out


def to_markdown(title: str, report: Report, lines: list[str], placed: Mapping[int, Placement], lang: str = "sv") -> str:
    """The report as Markdown, for the secretary to check against the original line by line."""
    out = [f"# Import: {escape(title)}", "", f"{escape(report.summary(lang))}", ""]
    for kind in EntryKind:
        entries = report.of(kind)
        if not entries:
            continue
        out += [f"## {t(f'import.report.{kind.value}', lang)}", ""]
        for entry in entries:
            place = entry.place(lang)
            where = f"{escape(place)}: " if place else ""
            out.append(f"- {where}{escape(entry.text(lang))}")
        out.append("")
    out += [f"## {t('import.line_by_line', lang).rstrip(':')}", ""]
    for row in line_map(lines, placed, lang):
        source_span = row.split(":", 1)[0]
        first_no = int(source_span.split()[1].split("–")[0])
        text = lines[first_no - 1].strip() if first_no <= len(lines) else ""
        out.append(f"- {escape(row)} — “{escape(text[:60])}”")
    return "\n".join(out).rstrip() + "\n"
