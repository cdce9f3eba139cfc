"""Layout of the printed documents: fonts, tagging, wide tables, page breaks, list markers.

Read back with pypdf (text per page, fonts, page sizes) and python-docx; no
test depends on which fonts the machine has: the PDF's fonts are cesam's own.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from functools import cache
from pathlib import Path

import docs_sample as sample
import pypdf
import pytest
from docs_readback import norm, pdf_body
from docs_sample import demo

from cesam_docs import Provenance, first_number, protocol, render
from cesam_docs.pdf_fonts import EMBEDDED_PREFIX
from cesam_docs.structure import Heading
from store.core.codec import content_hash
from store.core.model import Item, ItemKind, Status

PROV = Provenance(sample.COMMIT, "f" * 64)


@cache
def demo_pdf(date: str) -> bytes:
    config, meetings = demo()
    meeting = meetings[date]
    first = first_number(meeting, config.group(meeting.group), meetings.values())
    return render(protocol(meeting, config, Provenance("0" * 40, content_hash(meeting)), first=first), "pdf")


def reader(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def font_names(data: bytes) -> set[str]:
    names: set[str] = set()
    for page in reader(data).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            names.add(str(ref.get_object()["/BaseFont"]).lstrip("/"))
    return names


# ---------------------------------------------------------------- fonts and tagging


@pytest.mark.parametrize("date", ["2021-06-15", "2022-09-20", "2023-09-05"])
def test_every_font_in_the_pdf_is_the_bundled_one(date: str) -> None:
    names = font_names(demo_pdf(date))
    assert names
    # "ABCDEF+LiberationSans-Bold": a subset of a face in cesam_docs/fonts; Typst is given no other (see below)
    assert {re.sub(r"^[A-Z]{6}\+", "", n).startswith(EMBEDDED_PREFIX) for n in names} == {True}, names


def test_the_pdf_is_tagged_with_title_and_language() -> None:
    pdf = reader(demo_pdf("2023-09-05"))
    root = pdf.trailer["/Root"]
    assert root["/Lang"] == "sv"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert (
        pdf.metadata is not None and pdf.metadata.title == "Protokoll – Centrala samverkansgruppen den 5 september 2023"
    )
    tree = root["/StructTreeRoot"].get_object()
    kinds: set[str] = set()

    def walk(node: object, depth: int = 0) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, dict):
            if "/S" in node:
                kinds.add(str(node["/S"]))
            kids = node.get("/K")
            for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
                if depth < 40:
                    walk(kid, depth + 1)

    walk(tree)
    # headings, paragraphs, lists and tables are marked as such for a screen reader
    assert {"/H2", "/P", "/L", "/LI", "/Table", "/TR", "/TD"} <= kinds, kinds


# ---------------------------------------------------------------- wide tables


def _table(columns: int, rows: int) -> str:
    header = "| Nämnd/styrelse | " + " | ".join(f"Kolumn {c} med lång rubrik tkr" for c in range(2, columns + 1)) + " |"
    rule = "| --- |" + " ---: |" * (columns - 1)
    body = [
        f"| Gymnasie- och vuxenutbildningsnämnden {r} | "
        + " | ".join(f"-{r}{c:02d} 116 0{c:02d}" for c in range(2, columns + 1))
        + " |"
        for r in range(rows)
    ]
    return "\n".join([header, rule, *body])


@cache
def wide_pdf() -> tuple[bytes, str, str]:
    eight, twelve = _table(8, 6), _table(12, 5)
    meeting = sample.meeting(Status.HELD)
    meeting.items.append(Item(id="budget-8", title="Budget, åtta kolumner", kind=ItemKind.INFORMATION, body=eight))
    meeting.items.append(Item(id="budget-12", title="Budget, tolv kolumner", kind=ItemKind.INFORMATION, body=twelve))
    return render(protocol(meeting, sample.config(), PROV), "pdf"), eight, twelve


@pytest.mark.parametrize("which", [1, 2])
def test_wide_tables_lose_no_value(which: int) -> None:
    """Every cell of an 8- and a 12-column table is in the PDF's text as a reader extracts it."""
    data, *tables = wide_pdf()
    # a header hyphenated at a line end inside its cell ("ru‐ brik") reads as one word
    text = norm(pdf_body(data)).replace("\u2010 ", "")
    for line in tables[which - 1].splitlines():
        if line.startswith("| ---"):
            continue
        for cell in [c.strip() for c in line.strip("|").split("|")]:
            # a header may wrap inside its cell: its words are there, in order
            assert re.search(r"\s*".join(re.escape(w) for w in norm(cell).split()), text), cell


def test_wide_table_gets_a_landscape_page_and_nothing_passes_the_margin() -> None:
    data, *_ = wide_pdf()
    pdf = reader(data)
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pdf.pages]
    assert (842, 595) in sizes and (595, 842) in sizes, sizes
    for page in pdf.pages:
        width = float(page.mediabox.width)
        xs = _run_starts(page)
        # every run starts inside the right margin (20 mm): none is pushed off the sheet
        assert all(0 <= x < width - 20 * 72 / 25.4 for x in xs), (width, max(xs))


def _run_starts(page: pypdf.PageObject) -> list[float]:
    xs: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            xs.append(tm[4] * cm[0] + tm[5] * cm[2] + cm[4])

    page.extract_text(visitor_text=visit)
    return xs


# ---------------------------------------------------------------- page breaks


def _page_texts(data: bytes) -> list[str]:
    return [norm(p.extract_text() or "") for p in reader(data).pages]


@pytest.mark.parametrize("date", ["2021-06-15", "2022-09-20", "2023-09-05"])
def test_no_heading_is_left_at_the_foot_of_a_page(date: str) -> None:
    config, meetings = demo()
    meeting = meetings[date]
    first = first_number(meeting, config.group(meeting.group), meetings.values())
    headings = [
        norm(f"{b.number} {b.text}".strip())
        for b in protocol(meeting, config, None, first=first).blocks
        if isinstance(b, Heading)
    ]
    data = demo_pdf(date)
    for number, page in enumerate(reader(data).pages[:-1], start=1):
        lines = [norm(x) for x in pdf_body(_single(page)).split("\n") if x.strip()]
        body = " ".join(lines)
        for heading in headings:
            # a heading may not be the last thing on a page
            assert not body.endswith(heading), (date, number, heading)


def _single(page: pypdf.PageObject) -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("date", ["2021-06-15", "2022-09-20", "2023-09-05"])
def test_justeras_and_vid_protokollet_share_a_page(date: str) -> None:
    pages = _page_texts(demo_pdf(date))
    with_justeras = [i for i, t in enumerate(pages) if "justeras:" in t]
    with_secretary = [i for i, t in enumerate(pages) if "vid protokollet" in t]
    assert with_justeras and with_justeras == with_secretary


def test_labelled_list_items_have_no_second_marker() -> None:
    """2021 § 3 keeps the protocol's "a." labels: no bullet in front of them."""
    text = " ".join(_page_texts(demo_pdf("2021-06-15")))
    assert "a. standardprotokoll" in text
    assert not re.search(r"[•◦▪‣] ?a\. standardprotokoll", text)
    assert not re.search(r"[•◦▪‣] ?i\. effektivitet", text)


def test_time_and_place_are_printed_under_the_title() -> None:
    meeting = sample.meeting(Status.HELD)
    text = norm(pdf_body(render(protocol(meeting, sample.config(), PROV), "pdf")))
    assert norm(f"Tid kl. 13.00–15.30 Plats {meeting.place}") in text
    assert text.index(norm("Tid kl. 13.00")) < text.index(norm("Närvarande"))


def test_sample_meeting_has_time_and_place() -> None:
    meeting = sample.meeting(Status.HELD)
    assert (meeting.start, meeting.end, meeting.date) == ("13:00", "15:30", dt.date(2023, 9, 5))


# ---------------------------------------------------------------- the PDF engine's inputs


def test_typst_sees_the_bundled_faces_and_no_other() -> None:
    """Neither the machine's fonts nor those built into Typst: a face the folder lacks cannot stand in."""
    from cesam_docs.pdf_fonts import FAMILY, MONO, font_folder, fonts

    found = fonts().fonts()
    assert {Path(str(f.path)).parent for f in found} == {font_folder()}
    assert set(fonts().families()) == {FAMILY, MONO}
    assert {(f.family, f.style, f.weight) for f in found if f.family == FAMILY} == {
        (FAMILY, "normal", 400),
        (FAMILY, "normal", 700),
        (FAMILY, "italic", 400),
        (FAMILY, "italic", 700),
    }


def test_the_pdf_claims_pdf_ua_1() -> None:
    data = demo_pdf("2021-06-15")
    assert b"<pdfuaid:part>1</pdfuaid:part>" in data or b'pdfuaid:part="1"' in data


def test_a_character_no_bundled_face_has_still_makes_the_pdf() -> None:
    """PDF/UA forbids a glyph the font lacks; the data is the user's, so the PDF is made all the same
    (tagged, without the PDF/UA claim) rather than refused."""
    meeting = sample.meeting(Status.HELD)
    meeting.items[0].body = "Beslut 👍 och 会议 enligt förslaget."
    data = render(protocol(meeting, sample.config(), PROV), "pdf")
    pdf = reader(data)
    assert "/StructTreeRoot" in pdf.trailer["/Root"] and pdf.trailer["/Root"]["/Lang"] == "sv"
    assert "enligt förslaget" in norm(pdf_body(data))


def test_markdown_headings_never_skip_a_level() -> None:
    """A "###" in an item's text under a level-2 heading is tagged H3, not H6 (PDF/UA's outline)."""
    meeting = sample.meeting(Status.HELD)
    meeting.items[1].body = "### Djup rubrik\n\nText.\n\n# Ytlig rubrik\n\nMer text."
    data = render(protocol(meeting, sample.config(), PROV), "pdf")
    assert b"<pdfuaid:part>1</pdfuaid:part>" in data or b'pdfuaid:part="1"' in data
    assert "djup rubrik" in norm(pdf_body(data))


_AWKWARD = [
    "[tom länk]()",
    "[x](javascript:alert(1)) <http://a.b>",
    "x\x00y\x01z\x7f och a\u202eb",
    "| a |\n|---|\n| b | c | d |",
    "- # rubrik i lista\n- ![bild](saknas.png)",
    '***fet kursiv*** ~~struken~~ `a\\"b`',
    "1. a\n   1. b\n      1. c\n         1. d\n            1. e",
    "> > > djupt citat",
    '```\n#read("/etc/passwd")\n```',
    '\\ " ] [ $ # // /* @x <y> = *',
    "| " + " | ".join(f"k{i}" for i in range(30)) + " |\n|" + "---|" * 30 + "\n| " + " | ".join("v" * 30) + " |",
    "Rad\\\nbryts &amp; &#0; <br> <script>x</script>",
    "---\n\n***\n\nSetext\n===",
    "ord" * 2000,
]


@pytest.mark.parametrize("text", _AWKWARD, ids=range(len(_AWKWARD)))
def test_awkward_text_always_makes_a_pdf(text: str) -> None:
    """Whatever a body or title holds, the PDF is made (Typst refuses, e.g., a link to an empty URL)."""
    meeting = sample.meeting(Status.HELD)
    meeting.items[1].body = text
    meeting.items[1].title = text[:200]
    data = render(protocol(meeting, sample.config(), PROV), "pdf")
    assert len(reader(data).pages) >= 2
