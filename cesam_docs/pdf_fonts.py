"""The fonts every PDF is set in, shipped with cesam so that no machine's fonts change a page.

Liberation Sans is metric-compatible with Arial (the font Word protocols use),
under the SIL Open Font License (``fonts/OFL.txt``). Typst is given this
folder and nothing else: neither the system's fonts nor the fonts built into
Typst, so the PDF comes out the same on a machine that has only DejaVu, and a
face the folder lacks is an error, never a stand-in.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

#: the families the Typst source asks for
FAMILY = "Liberation Sans"
MONO = "Liberation Mono"

#: Typst names an embedded face by its PostScript name: "ABCDEF+LiberationSans-Bold"
EMBEDDED_PREFIX = "Liberation"


def font_folder() -> Path:
    return Path(str(resources.files("cesam_docs").joinpath("fonts")))


@lru_cache(maxsize=1)
def fonts() -> Any:
    """Typst's font book of the bundled faces only; read once per process."""
    import typst

    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(font_folder())])
