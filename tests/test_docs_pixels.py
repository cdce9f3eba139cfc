"""Reference pages: PDF pages rendered to PNG and compared with the pictures kept in the tests.

Reading the text back (test_docs_formats, test_docs_layout) proves what a page says; only a
picture shows where it stands. A small set of pages (the first page of a protocol with its
header and Närvarande, its page of budget tables in small type, a page of sub-items with MBL lines and a
union's own words, the signature page, a kallelse, an extract and the landscape restlista) is
rendered by poppler's ``pdftoppm`` and compared pixel by pixel with ``tests/reference_pages/``.

Inputs are fixed (the demo data, a fixed commit, fixed dates), and the fonts ship with cesam,
so the same code makes the same picture on every machine. Both pictures are blurred by
``BLUR`` pixels before they are compared, so that how a rasteriser anti-aliases the glyphs does
not count and where the ink is does: a page "differs" when more than ``TOLERANCE`` of its pixels
then differ by more than ``LEVELS`` grey levels. Measured at 75 dpi on Typst's pages: the
seven pages rasterised by cairo (``pdftocairo``) instead of poppler's own splash differ in at
most 0.02 %; half a page moved down by 2 pixels (2 pt) differs in 1.5 % (1 pixel: 0 %); 4 pt
more space under the MBL line moves five of the pages by 1.2-23.7 %. The test below keeps
both measures honest.

After a change of layout made on purpose, look at the pictures a failing run writes next to
the references (``*.actual.png`` and ``*.diff.png``, ignored by git), then refresh them:

    CESAM_REFRESH_REFERENCE_PAGES=1 .venv/bin/python -m pytest tests/test_docs_pixels.py

and commit the changed ``tests/reference_pages/*.png`` with the change that moved them.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from docs_sample import demo
from PIL import Image, ImageChops, ImageFilter

from cesam_docs import Provenance, build_restlista, extract, notice, protocol, render, restlista_document
from cesam_docs.structure import Document
from store.core.codec import content_hash
from store.core.model import Meeting

ROOT = Path(__file__).resolve().parents[1]
REFERENCES = Path(__file__).resolve().parent / "reference_pages"
COMMIT = "0123456789abcdef0123456789abcdef01234567"
DPI = 75  # A4 is 620 x 877 pixels: files of 16-52 kB, and a 2 pt shift is 2 pixels
BLUR = 2  # Gaussian radius in pixels: anti-aliasing is blurred away, a moved line of type is not
LEVELS = 32  # a pixel differs when its grey differs by more than this (of 255), after the blur
TOLERANCE = 0.002  # a page differs when more than this share of its pixels differ
REFRESH = os.environ.get("CESAM_REFRESH_REFERENCE_PAGES") == "1"

pytestmark = pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="pdftoppm (Debian: poppler-utils) renders the PDF pages"
)


def _provenance(meeting: Meeting) -> Provenance:
    return Provenance(COMMIT, content_hash(meeting), dirty=False)


def _protocol(date: str) -> Document:
    config, meetings = demo()
    return protocol(meetings[date], config, _provenance(meetings[date]))


def _notice() -> Document:
    config, meetings = demo()
    meeting = meetings["2023-09-05"]
    return notice(meeting, config, _provenance(meeting), issued=dt.date(2023, 8, 22))


def _extract() -> Document:
    config, meetings = demo()
    meeting = meetings["2023-09-05"]
    return extract(meeting, config, "fritidsverksamhet", _provenance(meeting), extracted=dt.date(2023, 9, 20))


def _restlista() -> Document:
    config, meetings = demo()
    data = build_restlista(list(meetings.values()), config, dt.date(2023, 9, 12), group="cesam")
    return restlista_document(data, config)


# name -> (the document, its page (1-based))
PAGES: dict[str, tuple[Callable[[], Document], int]] = {
    "protokoll-2021-p1": (lambda: _protocol("2021-06-15"), 1),
    "protokoll-2021-p2-budget": (lambda: _protocol("2021-06-15"), 2),
    "protokoll-2022-p2": (lambda: _protocol("2022-09-20"), 2),
    "protokoll-2023-last": (lambda: _protocol("2023-09-05"), -1),
    "kallelse-2023-p1": (_notice, 1),
    "utdrag-2023-4c": (_extract, 1),
    "restlista-p1": (_restlista, 1),
}


@cache
def _pdf(make: Callable[[], Document]) -> bytes:
    return render(make(), "pdf")


def _page_count(pdf: Path) -> int:
    import pypdf

    return len(pypdf.PdfReader(str(pdf)).pages)


def render_page(name: str, folder: Path, tool: str = "pdftoppm") -> Image.Image:
    """The page as a greyscale picture, rendered by poppler's pdftoppm (or pdftocairo)."""
    make, page = PAGES[name]
    folder.mkdir(parents=True, exist_ok=True)
    pdf = folder / f"{name}.pdf"
    pdf.write_bytes(_pdf(make))
    if page < 0:
        page = _page_count(pdf) + 1 + page
    stem = folder / name
    subprocess.run(
        [tool, "-r", str(DPI), "-gray", "-png", "-singlefile", "-f", str(page), "-l", str(page), pdf, stem],
        check=True,
        capture_output=True,
        timeout=120,
    )
    with Image.open(f"{stem}.png") as image:
        return image.convert("L")


def _differing(a: Image.Image, b: Image.Image) -> Image.Image:
    """White where the blurred pictures differ by more than LEVELS."""
    blurred = [x.filter(ImageFilter.GaussianBlur(BLUR)) for x in (a, b)]
    return ImageChops.difference(*blurred).point(lambda v: 255 if v > LEVELS else 0)


def differing_share(a: Image.Image, b: Image.Image) -> float:
    """The share of pixels that differ (see the module's docstring)."""
    return _differing(a, b).histogram()[255] / (a.width * a.height)


def _diff_picture(reference: Image.Image, actual: Image.Image) -> Image.Image:
    """The reference in grey, with what differs in red: what a reviewer looks at."""
    mask = _differing(reference, actual)
    picture = Image.merge("RGB", (reference, reference, reference))
    red = Image.new("RGB", reference.size, (220, 0, 0))
    picture.paste(red, mask=mask)
    return picture


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_looks_as_the_reference(name: str, tmp_path: Path) -> None:
    actual = render_page(name, tmp_path)
    reference_path = REFERENCES / f"{name}.png"
    if REFRESH:
        REFERENCES.mkdir(exist_ok=True)
        actual.save(reference_path, optimize=True)
        return
    assert reference_path.is_file(), f"no reference page {reference_path.name}; make it with {_HOW}"
    with Image.open(reference_path) as stored:
        reference = stored.convert("L")
    problem = ""
    if reference.size != actual.size:
        problem = f"page size {actual.size} is not the reference's {reference.size}"
    else:
        share = differing_share(reference, actual)
        if share > TOLERANCE:
            problem = f"{share:.2%} of the pixels differ (tolerance {TOLERANCE:.2%})"
    if problem:
        actual.save(REFERENCES / f"{name}.actual.png")
        if reference.size == actual.size:
            _diff_picture(reference, actual).save(REFERENCES / f"{name}.diff.png")
        pytest.fail(
            f"{name}: {problem}. Look at tests/reference_pages/{name}.actual.png and .diff.png; "
            f"if the change is meant, refresh the references with {_HOW}"
        )


_HOW = "CESAM_REFRESH_REFERENCE_PAGES=1 .venv/bin/python -m pytest tests/test_docs_pixels.py"


def test_the_comparison_sees_a_moved_line_and_ignores_another_rasteriser(tmp_path: Path) -> None:
    # the measure itself: half a page moved down by 2 pixels (2 pt) fails; the same page drawn by
    # another rasteriser (cairo instead of splash: other anti-aliasing, other hinting) does not
    page = render_page("kallelse-2023-p1", tmp_path)
    half = page.height // 2
    moved = page.copy()
    moved.paste(page.crop((0, half, page.width, page.height - 2)), (0, half + 2))
    assert differing_share(page, moved) > TOLERANCE
    assert differing_share(page, page.copy()) == 0.0
    if shutil.which("pdftocairo"):
        cairo = render_page("kallelse-2023-p1", tmp_path / "cairo", tool="pdftocairo")
        assert differing_share(page, cairo) < TOLERANCE / 4


def test_every_reference_page_has_a_test() -> None:
    kept = {p.stem for p in REFERENCES.glob("*.png") if "." not in p.stem}
    assert kept == set(PAGES), "tests/reference_pages/ and PAGES name the same pages"
