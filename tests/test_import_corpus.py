"""A corpus of protocols unlike the seeds, each as text and DOCX (some as PDF): nothing may be lost.

The documents under fixtures/import/corpus were written for these tests in the
shapes protocols of other organisations have: notes with only ``###``
headings and "Mötet överenskommer", all-caps headings without numbers,
"Punkt 3" with an attendance table of X marks and running page headers,
"3.1" sub-items with side headings. The DOCX versions are made here with
python-docx (Heading styles, bold lines, real tables, list paragraphs), the
PDF versions with WeasyPrint (a two-column attendance table). For every
document and format: every word is in the meeting or reported
(kept + reported = total), and the items and attendees are found.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from docx import Document as new_docx

from cesam_import import EntryKind, ImportResult, parse_protocol, read_document
from store.core.config import Config, loads_config
from store.core.model import EMPLOYER, OutcomeKind
from store.core.validate import validate

CORPUS = Path(__file__).resolve().parent / "fixtures" / "import" / "corpus"
CONFIG: Config = loads_config((CORPUS / "cesam.toml").read_text("utf-8"))[0]


@dataclass(frozen=True)
class Expected:
    group: str
    date: str
    items: int  # items and sub-items
    present: int
    absent: int


EXPECTED = {
    "lg-vof-2024-05-06.md": Expected("lg-vof", "2024-05-06", 4, 4, 1),
    "lsg-hemtjanst_2023-10-17.txt": Expected("lsg-hemtjanst", "2023-10-17", 4, 6, 1),
    "skyddskommitte-20240215.txt": Expected("skk-teknik", "2024-02-15", 4, 5, 1),
    "fsg-kultur-2024-09-10.txt": Expected("fsg-kultur", "2024-09-10", 8, 4, 1),
}


def _import(path: Path) -> ImportResult:
    return parse_protocol(read_document(path).text, CONFIG, source=path.name)


def _blocks(text: str) -> list[tuple[str, list[str]]]:
    """The source as blocks: ("heading3", [line]), ("bold", …), ("table", rows), ("bullet", …), ("para", …)."""
    blocks: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        md = re.match(r"^(#{1,6})\s+(.*)$", line)
        if not line.strip():
            blocks.append(("blank", []))
        elif md:
            blocks.append((f"heading{len(md.group(1))}", [md.group(2)]))
        elif re.match(r"^\*\*.+\*\*$", line):
            blocks.append(("bold", [line.strip("*")]))
        elif "\t" in line:
            if blocks and blocks[-1][0] == "table":
                blocks[-1][1].append(line)
            else:
                blocks.append(("table", [line]))
        elif line.startswith("- "):
            blocks.append(("bullet", [line[2:]]))
        else:
            blocks.append(("para", [line]))
    return blocks


def to_docx(source: Path, target: Path) -> Path:
    """The protocol as Word writes it: Heading styles, a bold run, a table, list paragraphs."""
    doc = new_docx()
    for kind, lines in _blocks(source.read_text("utf-8")):
        if kind == "blank":
            continue
        if kind.startswith("heading"):
            doc.add_heading(lines[0], level=int(kind[-1]))
        elif kind == "bold":
            doc.add_paragraph().add_run(lines[0]).bold = True
        elif kind == "table":
            rows = [row.split("\t") for row in lines]
            table = doc.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
        elif kind == "bullet":
            doc.add_paragraph(lines[0], style="List Bullet")
        else:
            doc.add_paragraph(lines[0])
    doc.save(str(target))
    return target


def to_pdf(source: Path, target: Path) -> Path:
    """The protocol printed from HTML by WeasyPrint (a PDF maker other than cesam's own, as a municipality's
    PDFs are): tables as real columns, each paragraph its own block."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: WeasyPrint without the system's pango
        pytest.skip(f"WeasyPrint with pango (Debian libpango-1.0-0 libpangoft2-1.0-0) is needed: {exc}")

    parts = []
    for kind, lines in _blocks(source.read_text("utf-8")):
        if kind == "table":
            rows = "".join(
                "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row.split("\t")) + "</tr>" for row in lines
            )
            parts.append(f"<table style='width:100%'>{rows}</table>")
        elif kind.startswith("heading"):
            parts.append(f"<h3>{html.escape(lines[0])}</h3>")
        elif kind in ("bold", "para", "bullet"):
            parts.append(f"<p>{'– ' if kind == 'bullet' else ''}{html.escape(lines[0])}</p>")
    page = f"<html><body style='font-family: DejaVu Sans; font-size: 10pt'>{''.join(parts)}</body></html>"
    HTML(string=page).write_pdf(str(target))
    return target


def _check(result: ImportResult, expected: Expected) -> None:
    accounting = result.accounting
    assert accounting.total > 0
    assert accounting.lost == [], f"words lost: {accounting.lost}"
    assert accounting.kept + accounting.reported == accounting.total
    meeting = result.meeting
    assert (meeting.group, meeting.date.isoformat()) == (expected.group, expected.date)
    assert len(meeting.items) == expected.items, [i.title for i in meeting.items]
    assert (len(meeting.present), len(meeting.absent)) == (expected.present, expected.absent), [
        (a.name, a.role) for a in meeting.attendees
    ]
    assert all(p.kind.value != "error" for p in validate(meeting, CONFIG))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_text(name: str) -> None:
    _check(_import(CORPUS / name), EXPECTED[name])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_docx(name: str, tmp_path: Path) -> None:
    stem = Path(name).stem
    _check(_import(to_docx(CORPUS / name, tmp_path / f"{stem}.docx")), EXPECTED[name])


@pytest.mark.parametrize("name", ["skyddskommitte-20240215.txt", "fsg-kultur-2024-09-10.txt"])
def test_pdf_with_attendance_in_two_columns(name: str, tmp_path: Path) -> None:
    _check(_import(to_pdf(CORPUS / name, tmp_path / f"{Path(name).stem}.pdf")), EXPECTED[name])


def test_notes_with_only_level_three_headings_and_agreed_decisions() -> None:
    meeting = _import(CORPUS / "lg-vof-2024-05-06.md").meeting
    assert [i.title for i in meeting.items] == [
        "Veckans läge",
        "Budget och prognos april",
        "Rekrytering av enhetschefer",
        "Övrigt",
    ]
    assert [i.outcome.kind for i in meeting.items[:2]] == [OutcomeKind.DECISION, OutcomeKind.DECISION]
    assert "bemanningspoolen startar den 1 september" in meeting.items[1].outcome.text
    assert [a.name for a in meeting.present] == ["Helena Strand", "Tomas Lundgren", "Maria Öberg", "Sofia Nyman"]


def test_sides_from_the_section_and_an_unknown_union_reported() -> None:
    result = _import(CORPUS / "lsg-hemtjanst_2023-10-17.txt")
    parties = {a.name: a.party for a in result.meeting.attendees}
    assert parties["Anita Berg"] == parties["Jussi Mäkelä"] == "Kommunal"
    assert parties["Rebecka Aro"] == "Vision"
    assert parties["Lena Sandberg"] == parties["Karl Holm"] == EMPLOYER
    assert next(a for a in result.meeting.attendees if a.name == "Tove Ring").role == "Ledarna"
    checks = [e.text() for e in result.report.of(EntryKind.CHECK, "attendee")]
    assert any("Ledarna" in m and "Tove Ring" in m and "cesam.toml" in m for m in checks)
    decided = result.meeting.items[2]
    assert decided.outcome.kind == OutcomeKind.DECISION and "att önskemål lämnas" in decided.outcome.text


def test_attendance_table_with_x_marks_and_late_arrival() -> None:
    meeting = _import(CORPUS / "skyddskommitte-20240215.txt").meeting
    absent = {a.name for a in meeting.absent}
    assert absent == {"Britt Nilsson"}
    late = next(a for a in meeting.attendees if a.name == "Anneli Rask")
    assert late.party == "Kommunal" and late.from_item == meeting.items[2].id
    assert meeting.chair == "Jonas Widell" and meeting.secretary == "Eva Lund"


def test_running_page_header_and_page_numbers_are_left_out_and_only_those(tmp_path: Path) -> None:
    result = _import(CORPUS / "skyddskommitte-20240215.txt")
    dropped = {no: p.where.text() for no, p in result.placed.items() if p.kind == "dropped"}
    assert dropped == {20: "sidhuvud eller sidfot", 21: "sidnummer", 32: "sidhuvud eller sidfot", 33: "sidnummer"}
    assert result.placed[1].kind == "structure"  # the same words at the top of page 1 are its heading


def test_absence_at_the_end_of_a_line_and_numbered_sub_items() -> None:
    meeting = _import(CORPUS / "fsg-kultur-2024-09-10.txt").meeting
    assert [(a.name, a.party, a.role) for a in meeting.absent] == [("Nora Berg", "Vision", "Vision")]
    subs = [(i.title, meeting.item(i.parent).title) for i in meeting.items if i.parent]
    assert subs[:2] == [("Öppettider", "Biblioteksorganisationen"), ("Bemanning", "Biblioteksorganisationen")]
    assert meeting.items[4].outcome.kind == OutcomeKind.AGREEMENT
    assert meeting.items[4].statements[0].answer == "svarade att det ses över."
