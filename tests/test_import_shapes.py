"""Protocols in other shapes than the seeds: our own test protocols, DOCX and PDF made in the test."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cesam_import import EntryKind, ImportProblem, ReadError, parse_protocol, read_document
from cesam_import.text import find_dates, find_time_range, looks_like_name, split_sentences
from store.core.config import Config, loads_config
from store.core.errors import ProblemKind
from store.core.model import ALL_UNIONS, EMPLOYER, ItemKind, OutcomeKind, StatementKind, Status
from store.core.numbering import item_numbers
from store.core.validate import validate

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import"


@pytest.fixture(scope="module")
def config() -> Config:
    cfg, _ = loads_config((FIXTURES / "cesam.toml").read_text("utf-8"))
    return cfg


def _errors(meeting, config) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(p) for p in validate(meeting, config) if p.kind == ProblemKind.ERROR]


# ------------------------------------------------------------------ helpers


def test_swedish_dates_and_times() -> None:
    assert [f.date for f in find_dates("den 5 sept. 2023")] == [dt.date(2023, 9, 5)]
    assert find_dates("25 okt september 2022")[0].date == dt.date(2022, 10, 25)
    assert find_dates("Tisdag 12 mars")[0].year is None
    assert find_dates("Datum: 2024-03-12")[0].date == dt.date(2024, 3, 12)
    assert find_time_range("kl 13.00-15.30") == ("13:00", "15:30")
    assert find_time_range("kl. 14.30 -17.00") == ("14:30", "17:00")
    assert find_time_range("kl 9") == ("09:00", "")
    assert find_time_range("punkt 2-3") is None


def test_sentences_and_names() -> None:
    assert split_sentences(
        "Kommunstyrelseförvaltningen, ordf. Vision anser att det är bra. Arbetsgivaren svarade."
    ) == [
        "Kommunstyrelseförvaltningen, ordf. Vision anser att det är bra.",
        "Arbetsgivaren svarade.",
    ]
    assert split_sentences("SSR efterfrågade hur? Arbetsgivaren anser att fr.o.m. 1 januari gäller.") == [
        "SSR efterfrågade hur?",
        "Arbetsgivaren anser att fr.o.m. 1 januari gäller.",
    ]
    assert looks_like_name("Gunilla Ejefors Lublin")
    assert looks_like_name("Ann-Sofie Källman mfl")
    assert not looks_like_name("Kommunstyrelseförvaltningen, punkt 3")
    assert not looks_like_name("Ordförande Vision", ("ordförande",))


# ------------------------------------------------------ our own protocols


def test_fsg_with_paragraph_numbers_and_side_headings(config: Config) -> None:
    path = FIXTURES / "fsg-ubf-2024-03-12.txt"
    result = parse_protocol(read_document(path).text, config, source=path.name)
    meeting = result.meeting
    assert (meeting.group, meeting.date) == ("fsg-ubf", dt.date(2024, 3, 12))
    assert (meeting.start, meeting.end, meeting.place) == ("09:00", "11:30", "Stadshuset, rum Ekoxen")
    assert _errors(meeting, config) == []
    parties = {a.name: (a.party, a.absent) for a in meeting.attendees}
    assert parties == {
        "Anna Berg": (EMPLOYER, False),
        "Per Ahl": (EMPLOYER, False),
        "Lina Sjö": (EMPLOYER, False),
        "Karin Ek": ("Kommunal", False),
        "Omar Said": ("Vision", False),
        "Lisa Holm": ("Sveriges Lärare", False),
        "Jonas Lind": ("Sveriges Skolledare", False),  # through the alias "Skolledarna"
        "Eva Ström": ("Vårdförbundet", True),
    }
    assert (meeting.chair, meeting.secretary, meeting.adjusters) == ("Anna Berg", "Per Ahl", ["Karin Ek"])
    titles = [(n, meeting.item(i).title) for i, n in item_numbers(meeting).items()]
    assert [t for _, t in titles][:4] == [
        "Mötets öppnande och val av justerare",
        "Föregående protokoll",
        "Ekonomisk uppföljning februari",
        "Förändrad organisation av elevhälsan (MBL § 11)",
    ]
    by_title = {item.title: item for item in meeting.items}
    # § 14 presence and "från § 15"
    lina = next(a for a in meeting.attendees if a.name == "Lina Sjö")
    assert lina.items == [by_title["Ekonomisk uppföljning februari"].id] and lina.role == "ekonomichef"
    omar = next(a for a in meeting.attendees if a.name == "Omar Said")
    assert omar.from_item == by_title["Förändrad organisation av elevhälsan (MBL § 11)"].id
    # digit sub-items under §, statement kinds, disagreement of named unions
    risk = by_title["Risk- och konsekvensanalys"]
    assert risk.parent and risk.kind == ItemKind.NEGOTIATION
    assert [(s.party, s.kind) for s in risk.statements] == [
        ("Sveriges Lärare", StatementKind.VIEW),
        ("Kommunal", StatementKind.PROTOCOL_NOTE),
    ]
    vote = by_title["Förhandling"]
    assert vote.outcome.kind == OutcomeKind.DISAGREEMENT and vote.outcome.parties == ["Kommunal", "Vision"]
    assert [(s.party, s.kind) for s in vote.statements] == [("Vision", StatementKind.RESERVATION)]
    assert by_title["Friskvårdsbidrag"].outcome.postponed_to == dt.date(2024, 4, 9)
    followup = by_title["Arbetsmiljö Björkskolan"].followups[0]
    assert followup.owner == EMPLOYER and followup.due == dt.date(2024, 4, 9)  # "till nästa möte"
    question = by_title["Hur ser tidplanen ut för de nya lärplattformarna?"]
    assert question.raised_by == "Sveriges Lärare" and question.statements[0].answer
    assert [a.title for a in by_title["Ekonomisk uppföljning februari"].attachments] == [
        "Ekonomisk uppföljning februari 2024"
    ]
    assert meeting.next_meeting.date == dt.date(2024, 4, 9)


def test_apt_note_with_inline_list_and_bullets(config: Config) -> None:
    path = FIXTURES / "apt-solrosen-2024-03-12.txt"
    text = read_document(path).text
    with pytest.raises(ImportProblem, match="--group"):
        parse_protocol(text, config)  # the heading names no configured group
    result = parse_protocol(text, config, group="apt-solrosen", source=path.name)
    meeting = result.meeting
    assert _errors(meeting, config) == []
    assert meeting.status == Status.HELD and meeting.date == dt.date(2024, 3, 12)
    assert [(a.name, a.party, a.absent) for a in meeting.attendees] == [
        ("Maria Lund", EMPLOYER, False),
        ("Sofia Berg", "Sveriges Lärare", False),
        ("Ali Hassan", "Kommunal", False),
        ("Jenny Ek", EMPLOYER, False),
        ("Tove Ahl", EMPLOYER, False),
        ("Nils Öst", "Kommunal", True),
    ]
    assert (meeting.chair, meeting.secretary) == ("Maria Lund", "Tove Ahl")
    assert [i.title for i in meeting.items] == [
        "Föregående anteckningar",
        "Arbetsmiljö",
        "Ekonomi och bemanning",
        "Övrigt",
    ]
    work = meeting.items[1]
    assert work.statements[0].party == "Kommunal" and work.statements[0].answer.startswith("Förskolechefen")
    assert "- Ljudnivån i matsalen är fortsatt hög." in work.body
    assert work.followups and meeting.next_meeting.date == dt.date(2024, 4, 9)
    assert meeting.next_meeting.start == "15:00"
    assert "Vårfesten" in meeting.items[3].body  # nothing dropped


def test_inline_list_without_parentheses_and_union_statement_forms(config: Config) -> None:
    text = """Protokoll CESAM 2024-02-06

Närvarande: Anna Berg, kommundirektör, Karin Ek, Kommunal, Omar Said, Vision
Sekreterare: Per Ahl

1. Information om lönerevision
Information lämnades om lönerevisionen 2024.
Fackliga parter efterfrågade tidplanen. Arbetsgivaren återkommer med en tidplan vid nästa möte.
Visions representant påtalade att samverkan kommit sent.
Protokollsanteckning från Kommunal: Kommunal anser att underlaget är bristfälligt.

2. Beslut om friskvård
Arbetsgivaren beslutade att höja friskvårdsbidraget.
Kommunal yrkar att bidraget höjs mer.

3. Nästa möte
5 mars kl 13-15.
"""
    result = parse_protocol(text, config)
    meeting = result.meeting
    assert [(a.name, a.party) for a in meeting.attendees] == [
        ("Anna Berg", EMPLOYER),
        ("Karin Ek", "Kommunal"),
        ("Omar Said", "Vision"),
    ]
    info = meeting.items[0]
    assert [(s.party, s.kind) for s in info.statements][:2] == [
        (ALL_UNIONS, StatementKind.QUESTION),
        ("Vision", StatementKind.VIEW),
    ]
    assert info.statements[0].answer.startswith("återkommer")
    assert info.followups[0].due == dt.date(2024, 3, 5)
    assert info.outcome.kind == OutcomeKind.INFORMATION_RECEIVED
    assert "Protokollsanteckning från Kommunal" in info.body or any(
        s.kind == StatementKind.PROTOCOL_NOTE for s in info.statements
    )
    decision = meeting.items[1]
    assert decision.kind == ItemKind.DECISION and decision.outcome.kind == OutcomeKind.DECISION
    assert [(s.party, s.kind) for s in decision.statements] == [("Kommunal", StatementKind.MOTION)]
    assert (meeting.next_meeting.date, meeting.next_meeting.start, meeting.next_meeting.end) == (
        dt.date(2024, 3, 5),
        "13:00",
        "15:00",
    )


def test_unknown_party_and_text_before_the_first_item_are_reported(config: Config) -> None:
    text = """CESAM 2024-02-06
Mötet hölls digitalt på grund av stormen.

1. Övriga frågor
Lärarförbundet Riks anser att frågan bör tas upp igen.
"""
    result = parse_protocol(text, config)
    item = result.meeting.items[0]
    assert "stormen" in item.body and "Lärarförbundet Riks anser" in item.body
    assert result.report.of(EntryKind.TEXT, "head")
    assert result.meeting.status == Status.HELD


def test_unknown_speaker_is_flagged(config: Config) -> None:
    text = "CESAM 2024-02-06\n\n1. Övriga frågor\nLedarna anser att chefernas arbetsmiljö är pressad.\n"
    result = parse_protocol(text, config)
    assert "Ledarna anser" in result.meeting.items[0].body
    assert any("Ledarna" in e.text() for e in result.report.of(EntryKind.CHECK, "speaker"))


def test_missing_date_needs_the_option(config: Config) -> None:
    text = "CESAM den 5 mars\n\n1. Val av justerare\n"
    with pytest.raises(ImportProblem, match="--date"):
        parse_protocol(text, config)
    meeting = parse_protocol(text, config, date=dt.date(2024, 3, 5)).meeting
    assert meeting.date == dt.date(2024, 3, 5)


# ----------------------------------------------------------- DOCX and PDF


def _docx(path: Path) -> Path:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("Protokoll", 0)
    document.add_paragraph("Centrala samverkansgruppen 16 januari 2024")
    document.add_heading("Närvarande", 2)
    table = document.add_table(rows=0, cols=2)
    for name, role in [
        ("Anna Berg", "Kommundirektör, ordförande"),
        ("Per Ahl", "HR, sekreterare"),
        ("Karin Ek", "Ordförande Kommunal"),
        ("Omar Said", "Vision, punkt 3"),
    ]:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = name, role
    document.add_paragraph("Anmält förhinder")
    cells = document.add_table(rows=0, cols=2).add_row().cells
    cells[0].text, cells[1].text = "Lisa Holm", "Sveriges Lärare"
    # Word's automatic numbering: the numbers are not in the paragraphs' text
    document.add_paragraph("Val av justerare", style="List Number")
    document.add_paragraph("Karin Ek valdes att justera protokollet.")
    document.add_paragraph("Budget", style="List Number")
    document.add_paragraph("Arbetsgivaren redovisade budgeten, se bilaga 1.")
    document.add_paragraph("Vision frågade om vakanserna. Arbetsgivaren svarade att de tillsätts under våren.")
    document.add_paragraph("Organisation", style="List Number")
    document.add_paragraph("a) Ny HR-organisation. Förslag lämnades om att samla HR centralt.")
    document.add_paragraph("Fackliga parter ställde sig bakom förslaget.")
    document.add_paragraph("b) Lokaler")
    document.add_paragraph("Arbetsgivaren återkommer med en tidplan.")
    document.add_paragraph("Nästa möte", style="List Number")
    document.add_paragraph("Nästa möte är den 20 februari 2024 kl 13.00-15.00.")
    document.add_paragraph("Justeras:")
    document.add_paragraph("Anna Berg")
    document.add_paragraph("Karin Ek")
    document.save(str(path))
    return path


def test_docx_with_table_and_word_numbering(tmp_path: Path, config: Config) -> None:
    path = _docx(tmp_path / "cesam-2024-01-16.docx")
    document = read_document(path)
    assert document.format == "docx"
    assert "Anna Berg\tKommundirektör, ordförande" in document.lines
    assert "1. Val av justerare" in document.lines
    meeting = parse_protocol(document.text, config, source=path.name).meeting
    assert _errors(meeting, config) == []
    assert [(a.name, a.party, a.absent) for a in meeting.attendees] == [
        ("Anna Berg", EMPLOYER, False),
        ("Per Ahl", EMPLOYER, False),
        ("Karin Ek", "Kommunal", False),
        ("Omar Said", "Vision", False),
        ("Lisa Holm", "Sveriges Lärare", True),
    ]
    numbers = item_numbers(meeting)
    assert [(numbers[i.id], i.title) for i in meeting.items] == [
        ("1", "Val av justerare"),
        ("2", "Budget"),
        ("3", "Organisation"),
        ("3 a", "Ny HR-organisation"),
        ("3 b", "Lokaler"),
        ("4", "Nästa möte"),
    ]
    assert meeting.attendees[3].items == [meeting.items[2].id]
    assert meeting.items[3].outcome.kind == OutcomeKind.AGREEMENT and meeting.items[3].proposal
    assert meeting.items[4].followups and meeting.adjusters == ["Karin Ek"] and meeting.chair == "Anna Berg"


def test_pdf_made_from_html(tmp_path: Path, config: Config) -> None:
    try:
        import weasyprint  # a PDF maker other than cesam's own, as a municipality's PDFs are
    except (ImportError, OSError) as exc:  # OSError: WeasyPrint without the system's pango
        pytest.skip(f"WeasyPrint with pango (Debian libpango-1.0-0 libpangoft2-1.0-0) is needed: {exc}")
    html = """<html><head><style>
    body { font-family: sans-serif; font-size: 11pt; } td { padding: 2pt 24pt 2pt 0; }
    </style></head><body>
    <h1>Minnesanteckningar</h1>
    <p>Förvaltningens samverkansgrupp, utbildningsförvaltningen (FSG UBF), 4 juni 2024</p>
    <h2>Närvarande</h2>
    <table>
    <tr><td>Anna Berg</td><td>Förvaltningsdirektör, ordförande</td></tr>
    <tr><td>Per Ahl</td><td>HR-strateg, sekreterare</td></tr>
    <tr><td>Karin Ek</td><td>Kommunal</td></tr>
    <tr><td>Omar Said</td><td>Vision, från punkt 3</td></tr>
    </table>
    <h2>1. Val av justerare</h2><p>Karin Ek valdes att justera protokollet.</p>
    <h2>2. Sommarens bemanning</h2>
    <p>Arbetsgivaren informerade om bemanningen under sommaren, se bilaga 1. Semesterväxlingen fortsätter som
    tidigare år och rektorerna planerar för att alla elever med behov av sommarskola ska få plats.</p>
    <ul><li>Kommunal frågade hur många vikarier som anställs. Arbetsgivaren svarade att det blir ungefär som
    förra året.</li><li>Vision anser att planeringen kommer för sent.</li></ul>
    <h2>3. Skolskjutsar</h2><p>Punkten bordlades till nästa möte.</p>
    <h2>4. Nästa möte</h2><p>Nästa möte är den 27 augusti 2024 kl 9.00-11.00.</p>
    </body></html>"""
    path = tmp_path / "fsg.pdf"
    weasyprint.HTML(string=html).write_pdf(str(path))
    document = read_document(path)
    assert document.format == "pdf"
    assert "Anna Berg\tFörvaltningsdirektör, ordförande" in document.lines  # the column gap became a tab
    meeting = parse_protocol(document.text, config, source=path.name).meeting
    assert _errors(meeting, config) == []
    assert (meeting.group, meeting.date) == ("fsg-ubf", dt.date(2024, 6, 4))
    assert [a.party for a in meeting.attendees] == [EMPLOYER, EMPLOYER, "Kommunal", "Vision"]
    assert [i.title for i in meeting.items] == ["Val av justerare", "Sommarens bemanning", "Skolskjutsar", "Nästa möte"]
    staffing = meeting.items[1]
    assert [(s.party, s.kind) for s in staffing.statements] == [
        ("Kommunal", StatementKind.QUESTION),
        ("Vision", StatementKind.VIEW),
    ]
    assert staffing.statements[0].answer.endswith("förra året.")  # the wrapped line joined
    assert meeting.items[2].outcome.postponed_to == dt.date(2024, 8, 27)


# --------------------------------------------------------------- readers


def test_unreadable_files_say_why(tmp_path: Path) -> None:
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0 binary")
    with pytest.raises(ReadError, match="docx"):
        read_document(tmp_path / "old.doc")
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ReadError, match="DOCX"):
        read_document(tmp_path / "broken.docx")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\n garbage")
    with pytest.raises(ReadError, match="PDF"):
        read_document(tmp_path / "broken.pdf")
    with pytest.raises(ReadError, match=r"cannot read missing\.txt") as missing:
        read_document(tmp_path / "missing.txt")
    assert missing.value.text("sv").startswith("kan inte läsa missing.txt: ")


def test_windows_1252_text_is_read_and_noted(tmp_path: Path) -> None:
    path = tmp_path / "p.txt"
    path.write_bytes("Närvarande\nÅsa Öberg\tVision\n".encode("cp1252"))
    document = read_document(path)
    assert document.lines[1] == "Åsa Öberg\tVision" and document.notes


def test_text_without_numbered_items_is_kept(config: Config) -> None:
    text = "Anteckningar CESAM 2024-02-06\n\nVi pratade om sommaren.\nAlla var nöjda.\n"
    result = parse_protocol(text, config)
    assert [i.title for i in result.meeting.items] == ["Protokolltext"]
    assert "Vi pratade om sommaren." in result.meeting.items[0].body
    assert result.report.of(EntryKind.CHECK, "items")
