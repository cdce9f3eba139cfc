"""The protocol in every format, read back with another tool than the one that wrote it."""

from __future__ import annotations

import io
from functools import cache

import docs_sample as sample
import pytest
from docs_readback import (
    assert_in_order,
    docx_body,
    docx_part_text,
    docx_xml,
    html_select,
    html_text,
    html_tree,
    md_text,
    norm,
    page_counter,
    pdf_body,
    pdf_frames,
    pdf_pages,
)
from docx import Document as open_docx

from cesam_docs import FORMATS, Provenance, protocol, render
from store.core.codec import content_hash
from store.core.model import Status

FORMATS_ = list(FORMATS)


@cache
def exported(status: Status, fmt: str) -> bytes:
    meeting = sample.meeting(status)
    provenance = Provenance(sample.COMMIT, content_hash(meeting), dirty=False)
    return render(protocol(meeting, sample.config(), provenance), fmt)


def body_text(status: Status, fmt: str) -> str:
    data = exported(status, fmt)
    if fmt == "pdf":
        return pdf_body(data, marking="UTKAST")
    if fmt == "docx":
        return docx_body(data)
    if fmt == "html":
        return html_text(data)
    return md_text(data)


# The facts every format must hold, in the order a reader meets them.
PROTOCOL_FACTS = [
    "Protokoll",
    "Centrala samverkansgruppen den 5 september 2023",
    "Närvarande",
    "Arbetsgivaren",
    "Magnus Gyllestad",
    "Kommundirektör, mötesordförande",
    "Margareta Jarnevall",
    "Kommunstyrelseförvaltningen, sekreterare",
    "Johan Westin",
    "Kommunstyrelseförvaltningen, punkt 3",
    "Oskar Spanne",
    "punkt 4 a och 4 b",
    "Fackliga parter",
    "Alexandra Eldstål",
    "Ordförande Kommunal",
    "Lena Possbeck",
    "Ordförande Sveriges Lärare",
    "Ester Hreinsson",
    "SSR, from punkt 5",
    "Xerxes Fallah",
    "Ordförande Vision",
    "Anmält förhinder",
    "Johanna Andersson",
    "SACO",
    "1.",
    "Val av justeringsman",
    "Alexandra Eldstål och Lena Possbeck valdes att justera dagens protokoll.",
    "2.",
    "Föregående sammanträdesprotokoll",
    "Protokollet lades till handlingarna.",
    "3.",
    "Ekonomi och styrfrågor",
    "Information enligt 19 § MBL",
    "Se bilaga 1.",
    "Kommunstyrelsen",
    "-181,1",
    "Socialnämnden",
    "Juridiska informationstjänster",
    "lönemodul",
    "4.",
    "Koncernfrågor",
    "4 a",
    "Digitaliseringsprogrammet",
    "Information enligt 19 § MBL",
    "se bilaga 2",
    "Vision anser att målbilden med digitaliseringen är otydlig. Arbetsgivaren tar till sig synpunkten",
    "Kommunal frågade om huruvida styrkor",
    "Arbetsgivaren svarade att en stor förståelse finns",
    "Sveriges Lärare ställer sig positiva till programmet.",
    "4 b",
    "Omorganisation av fritidsverksamhet",
    "Förhandling enligt 11 § MBL",
    "Arbetsgivarens förslag till beslut",
    "Att öppen fritidsverksamhet bedrivs av UBF",
    "Fackliga parter ställde sig oeniga gentemot arbetsgivarens förslag till beslut.",
    "Förhandlingen förklaras avslutad i oenighet den 5 september 2023.",
    "Protokollsanteckning från Kommunal",
    "Kommunal anser att deltidstjänster går emot heltid som norm.",
    "5.",
    "Upphandling",
    "Information om upphandling enligt 38 § MBL",
    "Kommunal frågar om hur den fackliga påverkansmöjligheten enligt § 38 MBL tas om hand?",
    "Arbetsgivaren återkommer om frågan (senast 2023-10-03).",
    "6.",
    "Fackliga frågor",
    "6 a",
    "Kallelser och syfte",
    "Anmäld av Sveriges Lärare.",
    "Syftet bör framgå i kallelsen.",
    "Arbetsgivaren tar med sig frågan och återkommer.",
    "7.",
    "Övriga frågor",
    "Inga övriga frågor anmäldes.",
    "8.",
    "Nästa möte",
    "Nästa möte är den 3 oktober 2023 kl. 13:00–15:30.",
    "Justeras:",
    "Magnus Gyllestad",
    "Kommundirektör",
    "Alexandra Eldstål",
    "Kommunal",
    "Lena Possbeck",
    "Sveriges Lärare",
    "Vid protokollet",
    "Margareta Jarnevall",
    "Bilagor",
    "1) CESAM – Uppföljning och prognos juli",
    "2) CESAM – Digitaliseringsprogrammet",
    "3) CESAM – Omorganisation av fritidsverksamhet",
    sample.COMMIT,
]


@pytest.mark.parametrize("fmt", FORMATS_)
def test_every_part_in_order(fmt: str) -> None:
    assert_in_order(body_text(Status.HELD, fmt), PROTOCOL_FACTS, fmt)


@pytest.mark.parametrize("fmt", FORMATS_)
def test_stamp_names_commit_and_content_hash(fmt: str) -> None:
    text = body_text(Status.HELD, fmt)
    assert sample.COMMIT in text
    assert content_hash(sample.meeting(Status.HELD)) in text


@pytest.mark.parametrize("fmt", FORMATS_)
def test_draft_is_marked_and_adjusted_is_dated(fmt: str) -> None:
    draft = exported(Status.HELD, fmt)
    adjusted = exported(Status.ADJUSTED, fmt)
    if fmt == "pdf":
        pages = pdf_pages(draft)
        assert all("UTKAST" in p for p in pdf_frames(draft)) and len(pages) > 1
        assert all("Justerat 2023-09-15" in p for p in pdf_frames(adjusted))
        assert not any("UTKAST" in p for p in pdf_pages(adjusted))
    elif fmt == "docx":
        assert "UTKAST" in docx_part_text(draft, "header")
        assert "UTKAST" in docx_xml(draft, "header")  # the watermark shape
        assert "Justerat 2023-09-15" in docx_part_text(adjusted, "header")
        assert "UTKAST" not in docx_xml(adjusted, "header")
    else:
        decode = bytes.decode
        assert "UTKAST" in decode(draft) and "UTKAST" not in decode(adjusted)
        assert "Justerat 2023-09-15" in decode(adjusted)


def test_pdf_every_page_has_header_counter_and_initials_footer() -> None:
    data = exported(Status.HELD, "pdf")
    frames = pdf_frames(data)
    assert len(frames) >= 2
    for number, frame in enumerate(frames, 1):
        for part in ("Haninge kommun", "Centrala samverkansgruppen", "Protokoll", "2023-09-05"):
            assert part in frame, (number, frame)
        assert page_counter(frame) == [(number, len(frames))]
        assert "Justerandes signatur" in frame


def test_docx_header_footer_fields_and_real_lists_and_tables() -> None:
    data = exported(Status.HELD, "docx")
    header = docx_part_text(data, "header")
    for part in ("Haninge kommun", "Centrala samverkansgruppen", "Protokoll", "2023-09-05", "sida"):
        assert part in header
    xml = docx_xml(data, "header")
    assert 'w:instr="PAGE"' in xml and 'w:instr="NUMPAGES"' in xml
    assert "Justerandes signatur" in docx_part_text(data, "footer")

    doc = open_docx(io.BytesIO(data))
    styles = {p.text: p.style.name for p in doc.paragraphs}
    # the nested list of the body is a Word list, two levels deep
    assert styles["Juridiska informationstjänster"] == "List Bullet"
    assert styles["lönemodul"] == "List Bullet 2"
    assert styles["5.\tUpphandling"] == "Heading 2"
    assert styles["4 b\tOmorganisation av fritidsverksamhet"] == "Heading 3"
    # the budget table in the text is a Word table with its header row
    budget = next(t for t in doc.tables if t.cell(0, 0).text == "Nämnd")
    assert [c.text for c in budget.rows[1].cells] == ["Kommunstyrelsen", "-181,1", "-181,7"]
    # the protokollsanteckning sits apart, in a box of its own
    note = next(t for t in doc.tables if "Protokollsanteckning" in t.cell(0, 0).text)
    assert "deltidstjänster" in note.cell(0, 0).text
    assert sample.COMMIT in doc.core_properties.comments


def test_html_structure() -> None:
    data = exported(Status.HELD, "html")
    tree = html_tree(data)
    notes = html_select(tree, "aside.note")
    assert len(notes) == 1 and "Protokollsanteckning från Kommunal" in notes[0].text_content()
    # Markdown of the body became real HTML: a nested list and a table with right-aligned numbers
    assert tree.xpath("//main//ul/li/ul/li[normalize-space()='lönemodul']")
    assert tree.xpath("//main//div[@class='text']//table//td[normalize-space()='-181,1']")
    assert norm("Justeras:") in norm(html_text(data, "section.signatures"))
    assert "sida" in html_text(data, "header")


def test_markdown_is_plain_markdown() -> None:
    text = exported(Status.HELD, "md").decode()
    assert "| Kommunstyrelsen | -181,1 | -181,7 |" in text
    assert "\n  - lönemodul\n" in text
    assert "> **Protokollsanteckning från Kommunal**" in text


def test_english_on_request() -> None:
    meeting = sample.meeting(Status.HELD)
    doc = protocol(meeting, sample.config(), Provenance(sample.COMMIT, content_hash(meeting)), lang="en")
    text = render(doc, "md").decode()
    for words in ("# Minutes", "## Present", "### Unions", "Apologies", "**Approved by:**", "## Attachments", "DRAFT"):
        assert words in text
    # what people said stays as they said it; only the frame around it is translated
    assert "Vision: målbilden med digitaliseringen är otydlig." in text


def test_docx_as_a_word_user_expects() -> None:
    """Swedish as the language, the meeting's metadata, named styles, real signature lines, no spacer paragraphs."""
    data = exported(Status.HELD, "docx")
    doc = open_docx(io.BytesIO(data))
    styles_xml = doc.styles.element.xml
    assert 'w:lang w:val="sv-SE"' in styles_xml  # the default of every run: Word checks Swedish spelling
    core = doc.core_properties
    assert core.title == "Protokoll – Centrala samverkansgruppen den 5 september 2023"
    assert core.author == "Margareta Jarnevall"  # the secretary, not python-docx
    assert core.created is not None and core.created.year >= 2024  # made now, not the template's 2013
    assert core.language == "sv-SE"
    by_style: dict[str, list[str]] = {}
    for paragraph in doc.paragraphs:
        by_style.setdefault(paragraph.style.name, []).append(paragraph.text)
    assert any("ställde sig oeniga" in t for t in by_style["Utfall"])
    assert any(t.startswith("Vision") for t in by_style["Yttrande"])
    assert any("förslag" in t.casefold() for t in by_style["Förslag till beslut"])
    # outcomes are bold by their style, not by a run's direct formatting
    assert doc.styles["Utfall"].font.bold
    for paragraph in doc.paragraphs:
        if paragraph.style.name == "Utfall":
            assert all(run.bold is None for run in paragraph.runs)
    # a signature line is a border above the name, not underscores
    assert "___" not in docx_body(data)
    lines = [
        c.paragraphs[0]
        for t in doc.tables
        for r in t.rows
        for c in r.cells
        if c.paragraphs and c.paragraphs[0].style.name == "Underskriftslinje"
    ]
    assert [p.text for p in lines] == ["Magnus Gyllestad", "Alexandra Eldstål", "Lena Possbeck", "Margareta Jarnevall"]
    assert all("<w:top " in p._p.xml for p in lines)
    # no empty paragraph makes room: spacing is the styles' (only two tables in a row need a parting line)
    body = list(doc.element.body.iterchildren())
    for n, child in enumerate(body):
        if child.tag.endswith("}p") and not "".join(child.itertext()).strip():
            neighbours = {body[n - 1].tag.rsplit("}", 1)[-1], body[n + 1].tag.rsplit("}", 1)[-1]}
            assert neighbours == {"tbl"}, n


def test_docx_english_is_tagged_english() -> None:
    meeting = sample.meeting(Status.HELD)
    doc = protocol(meeting, sample.config(), Provenance(sample.COMMIT, content_hash(meeting)), lang="en")
    data = render(doc, "docx")
    assert 'w:lang w:val="en-GB"' in open_docx(io.BytesIO(data)).styles.element.xml
