"""What an import recognised, what it left as text, and what it set aside.

The report is for the secretary who checks an imported protocol: each line
says where (an item number or a line of the source) and what happened, in
Swedish. Tests read the same records through their ``kind`` and ``topic``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum


class EntryKind(StrEnum):
    RECOGNISED = "recognised"  # känt igen
    TEXT = "text"  # lämnat som text i en punkt
    CHECK = "check"  # osäkert: kontrollera
    DROPPED = "dropped"  # inte med i mötet, med skäl


@dataclass(frozen=True)
class Entry:
    kind: EntryKind
    topic: str  # "heading", "attendee", "item", "statement", "outcome", ... for tests and filters
    message: str  # Swedish, for the user
    where: str = ""  # "punkt 4 a", "rad 12"


_TITLES = {
    EntryKind.RECOGNISED: "Känt igen",
    EntryKind.TEXT: "Lämnat som text (kontrollera att det hamnat rätt)",
    EntryKind.CHECK: "Kontrollera",
    EntryKind.DROPPED: "Inte med i mötet",
}


@dataclass
class Report:
    entries: list[Entry] = field(default_factory=list)

    def add(self, kind: EntryKind, topic: str, message: str, where: str = "") -> None:
        self.entries.append(Entry(kind, topic, message, where))

    def recognised(self, topic: str, message: str, where: str = "") -> None:
        self.add(EntryKind.RECOGNISED, topic, message, where)

    def text(self, topic: str, message: str, where: str = "") -> None:
        self.add(EntryKind.TEXT, topic, message, where)

    def check(self, topic: str, message: str, where: str = "") -> None:
        self.add(EntryKind.CHECK, topic, message, where)

    def dropped(self, topic: str, message: str, where: str = "") -> None:
        self.add(EntryKind.DROPPED, topic, message, where)

    def of(self, kind: EntryKind, topic: str | None = None) -> list[Entry]:
        return [e for e in self.entries if e.kind == kind and (topic is None or e.topic == topic)]

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def render(self, *, indent: str = "  ") -> str:
        """Plain text grouped by kind; user text is printed as it is, never as markup."""
        lines: list[str] = []
        for kind in EntryKind:
            entries = self.of(kind)
            if not entries:
                continue
            lines.append(f"{_TITLES[kind]}:")
            for entry in entries:
                where = f"{entry.where}: " if entry.where else ""
                lines.append(f"{indent}{where}{entry.message}")
        return "\n".join(lines)

    def summary(self) -> str:
        counts = {kind: len(self.of(kind)) for kind in EntryKind}
        return (
            f"{counts[EntryKind.RECOGNISED]} känt igen, {counts[EntryKind.TEXT]} som text, "
            f"{counts[EntryKind.CHECK]} att kontrollera, {counts[EntryKind.DROPPED]} inte med"
        )
