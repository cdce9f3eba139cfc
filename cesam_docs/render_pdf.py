"""PDF: the HTML of :mod:`cesam_docs.render_html` printed by WeasyPrint, which fetches nothing.

The HTML already holds every image it may draw as a ``data:`` URI (see
:mod:`cesam_docs.images`); WeasyPrint's URL fetcher is replaced by one that
refuses every other scheme (http, https, ftp, …) and ``file:`` URLs outside
the repository, so nothing in the data makes the secretary's machine send a
request.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .images import ImageSource, file_url_inside
from .render_html import render as render_html
from .structure import Document


class FetchRefused(ValueError):
    """A document asked for a resource cesam does not fetch."""


def _fetcher(root: Path | None) -> Any:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    # WeasyPrint is untyped (see [tool.mypy] in pyproject.toml), so its base class is Any
    class RepositoryOnly(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = url.split(":", 1)[0].lower() if ":" in url else ""
            if scheme == "data":
                return super().fetch(url, headers)  # urllib's data handler: no network
            if scheme == "file":
                data = file_url_inside(url, root)
                if data is not None:
                    return URLFetcherResponse(url, data)
            raise FetchRefused(f"cesam fetches nothing for a document: {url[:200]}")

    return RepositoryOnly(allowed_protocols={"data", "file"}, allow_redirects=False)


def render(document: Document, images: ImageSource | None = None, root: Path | None = None) -> bytes:
    # imported here: WeasyPrint (and pango under it) takes a while to load,
    # and only this format needs it
    from weasyprint import HTML

    from .pdf_fonts import stylesheet

    fonts, font_config = stylesheet()
    html = render_html(document, images)
    base = root.resolve().as_uri() + "/" if root else None
    # PDF/UA-1: tagged (headings, lists, tables in reading order), with the title and the
    # document language, as public-sector publication asks; the fonts are cesam's own (their
    # stylesheet reads the package's font files with WeasyPrint's own fetcher: fixed paths, no data)
    pdf: bytes | None = HTML(string=html, base_url=base, url_fetcher=_fetcher(root)).write_pdf(
        stylesheets=[fonts], font_config=font_config, pdf_variant="pdf/ua-1"
    )
    assert pdf is not None  # write_pdf returns bytes when no target is given
    return pdf
