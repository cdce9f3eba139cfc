"""PDF: the HTML of :mod:`cesam_docs.render_html` printed by WeasyPrint."""

from __future__ import annotations

from .render_html import render as render_html
from .structure import Document


def render(document: Document) -> bytes:
    # imported here: WeasyPrint (and pango under it) takes a while to load,
    # and only this format needs it
    from weasyprint import HTML

    from .pdf_fonts import stylesheet

    fonts, font_config = stylesheet()
    # PDF/UA-1: tagged (headings, lists, tables in reading order), with the title and the
    # document language, as public-sector publication asks; the fonts are cesam's own
    pdf: bytes | None = HTML(string=render_html(document)).write_pdf(
        stylesheets=[fonts], font_config=font_config, pdf_variant="pdf/ua-1"
    )
    assert pdf is not None  # write_pdf returns bytes when no target is given
    return pdf
