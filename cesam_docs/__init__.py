"""Documents made from meetings: protocol, notice, extract and restlista.

:mod:`cesam_docs.wording` turns a meeting into a neutral
:class:`~cesam_docs.structure.Document`; :func:`render` draws it as
Markdown, HTML, PDF or DOCX. All of it is pure: the caller loads meetings,
computes the provenance and writes the bytes.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from .numbering import first_number, first_numbers, numbers_for
from .restlista import Restlista
from .restlista import build as build_restlista
from .structure import Document, Provenance
from .wording import extract, notice, protocol, restlista_document


class Format(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    HTML = "html"
    MD = "md"


FORMATS = tuple(f.value for f in Format)


def render(document: Document, fmt: Format | str, *, root: Path | None = None) -> bytes:
    """The bytes of ``document`` in ``fmt``; slow formats import their library only when asked.

    Images are drawn only from files inside the repository at ``root``, by
    relative path (cesam_docs/images.py); without ``root``, none. Nothing is
    ever fetched from a URL.
    """
    from .images import repository_images

    fmt = Format(fmt)
    images = repository_images(root) if root is not None else None
    if fmt == Format.MD:
        from .render_md import render as render_md

        return render_md(document).encode("utf-8")
    if fmt == Format.HTML:
        from .render_html import render as render_html

        return render_html(document, images).encode("utf-8")
    if fmt == Format.PDF:
        from .render_pdf import render as render_pdf

        return render_pdf(document, images)
    from .render_docx import render as render_docx

    return render_docx(document, images)


__all__ = [
    "FORMATS",
    "Document",
    "Format",
    "Provenance",
    "Restlista",
    "build_restlista",
    "extract",
    "first_number",
    "first_numbers",
    "notice",
    "numbers_for",
    "protocol",
    "render",
    "restlista_document",
]
