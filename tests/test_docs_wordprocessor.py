"""Every DOCX opens in a real word processor: LibreOffice (headless) lays it out and prints it to PDF.

python-docx reading back what python-docx wrote proves little about Word; a
second, independent implementation of the format that paginates it does.
Skipped with a reason where LibreOffice is not installed (.ci/run installs it).
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from docs_readback import assert_in_order, norm, pdf_pages

from cesam_docs import build_restlista, extract, first_number, notice, protocol, render, restlista_document
from store.core.codec import loads
from store.core.config import loads_config

DEMO = Path(__file__).resolve().parents[1] / "store" / "demo_data"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The demo documents as DOCX, printed to PDF by LibreOffice in one run."""
    config, _ = loads_config((DEMO / "cesam.toml").read_text(encoding="utf-8"))
    meetings = {}
    for path in sorted(DEMO.glob("meetings/*/*/*.toml")):
        meeting, _ = loads(path.read_text(encoding="utf-8"))
        meetings[meeting.date.isoformat()] = meeting
    documents = {}
    for date, meeting in meetings.items():
        first = first_number(meeting, config.group(meeting.group), meetings.values())
        documents[f"protokoll-{date}"] = protocol(meeting, config, None, first=first)
    latest = meetings["2023-09-05"]
    documents["kallelse"] = notice(latest, config, issued=dt.date(2023, 8, 22))
    documents["utdrag"] = extract(latest, config, "digitaliseringsprogrammet", None)
    rest = build_restlista(meetings.values(), config, dt.date(2023, 9, 20), group="cesam")
    documents["restlista"] = restlista_document(rest, config)
    folder = tmp_path_factory.mktemp("docx")
    for name, document in documents.items():
        (folder / f"{name}.docx").write_bytes(render(document, "docx"))
    profile = folder / "profile"
    assert SOFFICE is not None
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder / "pdf"),
            *sorted(str(p) for p in folder.glob("*.docx")),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return {name: (folder / "pdf" / f"{name}.pdf").read_bytes() for name in documents}


@pytest.mark.parametrize(
    ("name", "pages", "facts"),
    [
        ("protokoll-2021-06-15", (4, 8), ["Justeras:", "Magnus Gyllestad", "Kommundirektör", "Vid protokollet"]),
        ("protokoll-2022-09-20", (2, 5), ["Vision ser att el- och energipriserna", "Justeras:"]),
        ("protokoll-2023-09-05", (3, 6), ["Anmäld av Sveriges lärare", "Justeras:", "Bilagor"]),
        ("kallelse", (2, 5), ["Kallelse", "Utfärdad", "Avsändare", "Fackliga frågor", "Dagordning"]),
        ("utdrag", (1, 3), ["Protokollsutdrag", "Expedieras till", "Rätt utdraget intygar"]),
        ("restlista", (1, 4), ["Restlista", "Öppna uppföljningar", "Status", "Kommentar", "Tagen upp"]),
    ],
)
def test_libreoffice_lays_out_every_docx(
    printed: dict[str, bytes], name: str, pages: tuple[int, int], facts: list[str]
) -> None:
    text = pdf_pages(printed[name])
    assert pages[0] <= len(text) <= pages[1], len(text)
    assert_in_order(" ".join(text), facts, name)
    # the page field counts as Word counts it: "sida 1 (N)" on the first page
    assert norm(f"sida 1 ({len(text)})") in norm(text[0])
