"""Reference pages: PDF pages rendered to PNG and compared with the pictures kept in the tests.

Reading the text back (test_docs_formats, test_docs_layout) proves what a page says; only a
picture shows where it stands. A small set of pages (the first page of a protocol with its
header and Närvarande, a page of budget tables in small type, a page of sub-items with MBL lines and a
union's own words, the signature page, a kallelse, an extract and the landscape restlista) is
rendered by poppler's ``pdftoppm`` and compared pixel by pixel with ``tests/reference_pages/``.

Inputs are fixed (the demo data, a fixed commit, fixed dates), and the fonts ship with cesam,
so the same code makes the same picture on every machine; the tolerance absorbs anti-aliasing
of another pango, freetype or poppler, not a moved line. A page "differs" when more than
``TOLERANCE`` of its pixels differ by more than ``LEVELS`` grey levels; a line of text moved by
one line height, a wrapped word or a changed margin is far more than that.

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
from PIL import Image, ImageChops

from cesam_docs import Provenance, build_restlista, extract, notice, protocol, render, restlista_document
from cesam_docs.structure import Document
from store.core.codec import content_hash, loads
from store.core.config import Config, loads_config
from store.core.model import Meeting

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "store" / "demo_data"
REFERENCES = Path(__file__).resolve().parent / "reference_pages"
COMMIT = "0123456789abcdef0123456789abcdef01234567"
DPI = 50  # A4 is 413 x 585 pixels: small files, and a line of 10 pt type is still 7 pixels high
LEVELS = 64  # a pixel differs when its grey differs by more than this (of 255)
TOLERANCE = 0.002  # a page differs when more than this share of its pixels differ
REFRESH = os.environ.get("CESAM_REFRESH_REFERENCE_PAGES") == "1"

pytestmark = pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="pdftoppm (Debian: poppler-utils) renders the PDF pages"
)


@cache
def demo() -> tuple[Config, dict[str, Meeting]]:
    config, _ = loads_config((DEMO / "cesam.toml").read_text(encoding="utf-8"))
    meetings = {}
    for path in sorted(DEMO.glob("meetings/*/*/*.toml")):
        meeting, _ = loads(path.read_text(encoding="utf-8"))
        meetings[meeting.date.isoformat()] = meeting
    return config, meetings


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
    "protokoll-2021-p3-budget": (lambda: _protocol("2021-06-15"), 3),
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


def render_page(name: str, folder: Path) -> Image.Image:
    """The page as a greyscale picture, rendered by pdftoppm."""
    make, page = PAGES[name]
    pdf = folder / f"{name}.pdf"
    pdf.write_bytes(_pdf(make))
    if page < 0:
        page = _page_count(pdf) + 1 + page
    stem = folder / name
    subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-gray", "-png", "-singlefile", "-f", str(page), "-l", str(page), pdf, stem],
        check=True,
        capture_output=True,
        timeout=120,
    )
    with Image.open(f"{stem}.png") as image:
        return image.convert("L")


def differing_share(a: Image.Image, b: Image.Image) -> float:
    """The share of pixels whose grey differs by more than LEVELS."""
    diff = ImageChops.difference(a, b).point(lambda v: 255 if v > LEVELS else 0)
    histogram = diff.histogram()
    return histogram[255] / (a.width * a.height)


def _diff_picture(reference: Image.Image, actual: Image.Image) -> Image.Image:
    """The reference in grey, with what differs in red: what a reviewer looks at."""
    mask = ImageChops.difference(reference, actual).point(lambda v: 255 if v > LEVELS else 0)
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


def test_the_comparison_sees_a_moved_line_and_ignores_anti_aliasing(tmp_path: Path) -> None:
    # the measure itself: a page moved down by one line of type fails; grey noise of a few levels does not
    page = render_page("kallelse-2023-p1", tmp_path)
    moved = Image.new("L", page.size, 255)
    moved.paste(page.crop((0, 0, page.width, page.height - 7)), (0, 7))
    assert differing_share(page, moved) > TOLERANCE
    noisy = page.point(lambda v: max(0, v - 40))
    assert differing_share(page, noisy) == 0.0
    assert differing_share(page, page.copy()) == 0.0


def test_every_reference_page_has_a_test() -> None:
    kept = {p.stem for p in REFERENCES.glob("*.png") if "." not in p.stem}
    assert kept == set(PAGES), "tests/reference_pages/ and PAGES name the same pages"
