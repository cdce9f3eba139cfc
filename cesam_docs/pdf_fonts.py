"""The fonts every PDF is set in, shipped with cesam so that no machine's fonts change a page.

Liberation Sans is metric-compatible with Arial (the font Word protocols use),
under the SIL Open Font License (``fonts/OFL.txt``). It is declared under a
family name of its own, so that neither a system's Liberation nor its Arial
can stand in for it, and it is read only from the package folder: the PDF
comes out the same on a machine that has only DejaVu.
"""

from __future__ import annotations

import atexit
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

#: the family name print.css asks for first
FAMILY = "cesam Sans"
MONO = "cesam Mono"

_FACES = (
    (FAMILY, "normal", "normal", "LiberationSans-Regular.ttf"),
    (FAMILY, "bold", "normal", "LiberationSans-Bold.ttf"),
    (FAMILY, "normal", "italic", "LiberationSans-Italic.ttf"),
    (FAMILY, "bold", "italic", "LiberationSans-BoldItalic.ttf"),
    (MONO, "normal", "normal", "LiberationMono-Regular.ttf"),
)

#: WeasyPrint names an embedded face after its family: "ABCDEF+cesam-Sans-Bold"
EMBEDDED_PREFIX = "cesam-"


def font_folder() -> Path:
    return Path(str(resources.files("cesam_docs").joinpath("fonts")))


def font_face_css() -> str:
    folder = font_folder()
    rules = []
    for family, weight, style, name in _FACES:
        url = (folder / name).as_uri()
        rules.append(
            f'@font-face {{ font-family: "{family}"; font-weight: {weight}; font-style: {style}; src: url("{url}"); }}'
        )
    return "\n".join(rules)


@lru_cache(maxsize=1)
def stylesheet() -> tuple[Any, Any]:
    """(CSS, FontConfiguration) to pass to ``write_pdf``; made once per process, the fonts loaded once."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    config = FontConfiguration()
    # the rules name fixed file URIs of the package and nothing a user wrote, so WeasyPrint's own
    # fetcher may read them; the document's HTML keeps its own fetcher
    css = CSS(string=font_face_css(), font_config=config)
    return css, config


# dropped before the interpreter tears modules down: FontConfiguration's __del__ needs them
atexit.register(stylesheet.cache_clear)
