"""Match figures between an imported meeting and a hand-made transcription.

Items match by number and a similar title, attendees by name, party and
presence, statements by item, party and kind, outcomes by item and kind,
follow-ups by item (their wording is the transcriber's own).
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass

from cesam_import.text import fold
from store.core.model import Meeting
from store.core.numbering import item_numbers


@dataclass
class Figure:
    matched: int
    expected: int
    found: int

    def __str__(self) -> str:
        return f"{self.matched}/{self.expected} (importerat {self.found})"


def similar(a: str, b: str) -> bool:
    a, b = _norm(a), _norm(b)
    if not a or not b:
        return a == b
    return a in b or b in a or difflib.SequenceMatcher(None, a, b).ratio() >= 0.6


def _norm(text: str) -> str:
    return re.sub(r"[^\w ]+", "", fold(text)).strip()


def _name(name: str) -> str:
    return _norm(re.sub(r"\bm\.?\s?fl\.?$", "", name))


def figures(imported: Meeting, reference: Meeting) -> dict[str, Figure]:
    num_i = item_numbers(imported)
    num_r = item_numbers(reference)
    by_number_i = {num_i[item.id]: item for item in imported.items}
    by_number_r = {num_r[item.id]: item for item in reference.items}
    out: dict[str, Figure] = {}

    for label, sub in (("punkter", False), ("underpunkter", True)):
        ref = {n: i for n, i in by_number_r.items() if bool(i.parent) == sub}
        imp = {n: i for n, i in by_number_i.items() if bool(i.parent) == sub}
        matched = sum(1 for n, item in ref.items() if n in imp and similar(item.title, imp[n].title))
        out[label] = Figure(matched, len(ref), len(imp))

    ref_att = Counter((_name(a.name), a.party, a.absent) for a in reference.attendees)
    imp_att = Counter((_name(a.name), a.party, a.absent) for a in imported.attendees)
    out["närvarande med part"] = Figure(
        sum((ref_att & imp_att).values()), len(reference.attendees), len(imported.attendees)
    )

    def per_item(key) -> tuple[Counter, Counter]:  # type: ignore[no-untyped-def]
        ref: Counter = Counter()
        imp: Counter = Counter()
        for n, item in by_number_r.items():
            ref.update(key(n, item))
        for n, item in by_number_i.items():
            imp.update(key(n, item))
        return ref, imp

    ref, imp = per_item(lambda n, item: [(n, s.party, s.kind) for s in item.statements])
    out["uttalanden (punkt, part, slag)"] = Figure(sum((ref & imp).values()), sum(ref.values()), sum(imp.values()))
    ref, imp = per_item(lambda n, item: [(n, s.party) for s in item.statements])
    out["uttalanden (punkt, part)"] = Figure(sum((ref & imp).values()), sum(ref.values()), sum(imp.values()))
    ref, imp = per_item(lambda n, item: [(n, s.party) for s in item.statements if s.answer])
    out["svar från arbetsgivaren"] = Figure(sum((ref & imp).values()), sum(ref.values()), sum(imp.values()))
    ref, imp = per_item(lambda n, item: [] if item.outcome.is_empty else [(n, item.outcome.kind)])
    out["utfall (punkt, slag)"] = Figure(sum((ref & imp).values()), sum(ref.values()), sum(imp.values()))
    ref, imp = per_item(lambda n, item: [n] * len(item.followups))
    out["uppföljningar (per punkt)"] = Figure(sum((ref & imp).values()), sum(ref.values()), sum(imp.values()))
    ref, imp = per_item(lambda n, item: [(n, _name(p)) for p in item.presenters])
    out["föredragande (punkt, namn)"] = Figure(sum((ref & imp).values()), sum(ref.values()), sum(imp.values()))
    ref, imp = per_item(lambda n, item: [(n, a.number) for a in item.attachments])
    out["bilagor (punkt, nummer)"] = Figure(sum((ref & imp).values()), sum(ref.values()), sum(imp.values()))

    head = [
        ("ordförande", imported.chair == reference.chair),
        ("sekreterare", imported.secretary == reference.secretary),
        ("justerare", imported.adjusters == reference.adjusters),
        ("nästa möte", imported.next_meeting.date == reference.next_meeting.date),
        ("underskrifter", [s.name for s in imported.signatures] == [s.name for s in reference.signatures]),
    ]
    out["mötesuppgifter"] = Figure(sum(ok for _, ok in head), len(head), len(head))
    return out


def render(name: str, figs: dict[str, Figure]) -> str:
    lines = [name]
    lines += [f"  {key}: {fig}" for key, fig in figs.items()]
    return "\n".join(lines)
