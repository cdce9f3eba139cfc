"""The PDF renderer cesam had before Typst, kept for the comparison in bench/export_times.py only.

The same HTML the HTML export makes (cesam_docs/render_html.py, print.css),
printed by WeasyPrint as PDF/UA-1 in the bundled Liberation faces, declared
under a family name of their own ("cesam Sans") so that no system font stands
in: exactly what ``render(document, "pdf")`` did until the switch, so the
figures compare the two engines on the same documents. Needs WeasyPrint and
the system's pango (``pip install weasyprint``; Debian
``libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0``).

    python bench/weasyprint_pdf.py export MEETING -o FILE.pdf   # `cesam export …` with this renderer
"""

from __future__ import annotations

import atexit
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from cesam_docs.pdf_fonts import font_folder  # noqa: E402
from cesam_docs.render_html import render as render_html  # noqa: E402
from cesam_docs.structure import Document  # noqa: E402

_FACES = (
    ("cesam Sans", "normal", "normal", "LiberationSans-Regular.ttf"),
    ("cesam Sans", "bold", "normal", "LiberationSans-Bold.ttf"),
    ("cesam Sans", "normal", "italic", "LiberationSans-Italic.ttf"),
    ("cesam Sans", "bold", "italic", "LiberationSans-BoldItalic.ttf"),
    ("cesam Mono", "normal", "normal", "LiberationMono-Regular.ttf"),
)


@lru_cache(maxsize=1)
def stylesheet() -> tuple[Any, Any]:
    """(CSS, FontConfiguration) for ``write_pdf``: made once per process, the fonts loaded once."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    rules = [
        f'@font-face {{ font-family: "{family}"; font-weight: {weight}; font-style: {style};'
        f' src: url("{(font_folder() / name).as_uri()}"); }}'
        for family, weight, style, name in _FACES
    ]
    config = FontConfiguration()
    return CSS(string="\n".join(rules), font_config=config), config


# dropped before the interpreter tears modules down: FontConfiguration's __del__ needs them
atexit.register(stylesheet.cache_clear)


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> Any:
    """Only the bundled fonts: the documents of the bench hold no image."""
    from weasyprint import default_url_fetcher

    if url.startswith(font_folder().as_uri()):
        return default_url_fetcher(url)
    raise ValueError(f"the bench fetches nothing: {url[:200]}")


def parsed(document: Document) -> Any:
    from weasyprint import HTML

    return HTML(string=render_html(document), url_fetcher=_no_fetch)


def render(document: Document, images: object = None) -> bytes:
    fonts, config = stylesheet()
    pdf: bytes = parsed(document).write_pdf(stylesheets=[fonts], font_config=config, pdf_variant="pdf/ua-1")
    return pdf


if __name__ == "__main__":
    # `cesam …` in this process, its PDFs made by WeasyPrint
    import cesam_docs.render_pdf

    cesam_docs.render_pdf.render = render
    from cesam_cli.main import main

    sys.exit(main(sys.argv[1:]))
