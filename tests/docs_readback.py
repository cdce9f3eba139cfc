"""Read exported documents back with other tools than the ones that wrote them.

PDF with pypdf, DOCX with python-docx, HTML with lxml, Markdown as text. Each
reader returns the text in reading order, so a test can check that facts
come in the order the protocol states them.
"""

from __future__ import annotations

import io
import re

import pypdf
from docx import Document as open_docx
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import html as lxml_html

# A4 in points; the body lies between the page margins of print.css (34 mm top, 26 mm bottom)
_BODY_TOP = 841.9 - 34 * 72 / 25.4 + 3
_BODY_BOTTOM = 26 * 72 / 25.4 - 6


def norm(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split()).casefold()


def assert_in_order(text: str, facts: list[str], where: str = "") -> None:
    """Every fact occurs in ``text``, each after the one before."""
    haystack = norm(text)
    pos = 0
    for fact in facts:
        found = haystack.find(norm(fact), pos)
        if found < 0:
            anywhere = haystack.find(norm(fact))
            context = haystack[max(0, pos - 150) : pos + 150]
            state = f"found earlier at {anywhere}" if anywhere >= 0 else "missing"
            raise AssertionError(f"{where}: {fact!r} {state} (looking from {pos}: …{context}…)")
        pos = found + len(norm(fact))


# ---------------------------------------------------------------- PDF


def pdf_pages(data: bytes) -> list[str]:
    """All text of every page, page frame included."""
    return [page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def _page_chunks(page: pypdf.PageObject) -> list[tuple[float, str]]:
    """Text runs of a page with their baseline height, in content order."""
    chunks: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            chunks.append((tm[4] * cm[1] + tm[5] * cm[3] + cm[5], text))

    page.extract_text(visitor_text=visit)
    return chunks


def pdf_body(data: bytes, marking: str = "") -> str:
    """The body text of all pages in order, without the page frame and the watermark."""
    chunks: list[str] = []
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        for y, text in _page_chunks(page):
            if _BODY_BOTTOM < y < _BODY_TOP and not (marking and text.strip() == marking):
                chunks.append(text)
    return " ".join(chunks)


def pdf_frames(data: bytes) -> list[str]:
    """The page frame (header and footer) of every page."""
    return [
        " ".join(text for y, text in _page_chunks(page) if not _BODY_BOTTOM < y < _BODY_TOP)
        for page in pypdf.PdfReader(io.BytesIO(data)).pages
    ]


# ---------------------------------------------------------------- DOCX


def docx_body(data: bytes) -> str:
    """Paragraphs and table cells of the body, in document order."""
    doc = open_docx(io.BytesIO(data))
    parts: list[str] = []
    for child in doc.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            parts.append(Paragraph(child, doc).text)
        elif tag == "tbl":
            for row in Table(child, doc).rows:
                for cell in row.cells:
                    parts.append(cell.text)
    return "\n".join(parts)


def docx_part_text(data: bytes, part: str) -> str:
    """The text of the first section's header or footer, tables included."""
    doc = open_docx(io.BytesIO(data))
    area = getattr(doc.sections[0], part)
    parts = [p.text for p in area.paragraphs]
    for table in area.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def docx_xml(data: bytes, part: str) -> str:
    doc = open_docx(io.BytesIO(data))
    area = getattr(doc.sections[0], part)
    return area._element.xml


# ---------------------------------------------------------------- HTML


def html_tree(data: bytes) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(data)


def html_text(data: bytes, selector: str = "main") -> str:
    """Text of the elements named by ``selector``: a tag, or tag.class."""
    return "\n".join(node.text_content() for node in html_select(html_tree(data), selector))


def html_select(tree: lxml_html.HtmlElement, selector: str) -> list[lxml_html.HtmlElement]:
    """A tag name, or tag.class, without the cssselect package."""
    tag, _, cls = selector.partition(".")
    xpath = f"//{tag or '*'}" + (f"[contains(concat(' ', normalize-space(@class), ' '), ' {cls} ')]" if cls else "")
    return list(tree.xpath(xpath))


def md_text(data: bytes) -> str:
    """What a Markdown viewer shows: the text of the rendered Markdown."""
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").enable("table").render(data.decode("utf-8"))
    return lxml_html.fromstring(f"<div>{rendered}</div>").text_content()


def page_counter(text: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in re.findall(r"sida\s+(\d+) \((\d+)\)", text)]
