"""cesam export, notice, extract and restlista on a real demo repository."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docs_readback import docx_body, pdf_body, pdf_frames
from docx import Document as open_docx

from cesam_cli.main import main
from store.core.codec import content_hash
from store.core.errors import ExitCode
from store.services.repository import Repository


def run(repo: Repository, *args: str) -> int:
    return main(["--repo", str(repo.root), *args])


def test_export_pdf_and_docx_with_stamp(demo_repo: Repository, tmp_path: Path) -> None:
    meeting = demo_repo.load("2023-09-05").meeting
    head = demo_repo.head_id()
    assert head
    pdf = tmp_path / "protokoll.pdf"
    assert run(demo_repo, "export", "2023-09-05", "-o", str(pdf)) == 0
    body = pdf_body(pdf.read_bytes())
    assert head in body and content_hash(meeting) in body and "inte incheckade" not in body
    assert all("UTKAST" in frame for frame in pdf_frames(pdf.read_bytes()))  # hållen, not yet justerad
    adjusted = tmp_path / "2022.pdf"
    assert run(demo_repo, "export", "2022-09-20", "-o", str(adjusted)) == 0
    assert all("Justerat 2022-10-12" in frame for frame in pdf_frames(adjusted.read_bytes()))
    docx = tmp_path / "protokoll.docx"
    assert run(demo_repo, "export", "cesam/2023-09-05", "--format", "docx", "-o", str(docx)) == 0
    assert "Fackliga parter ställde sig oeniga" in docx_body(docx.read_bytes())
    assert head in open_docx(io.BytesIO(docx.read_bytes())).core_properties.comments


def test_export_says_when_the_file_has_uncommitted_changes(demo_repo: Repository, tmp_path: Path) -> None:
    path = demo_repo.root / demo_repo.resolve("2023-09-05").relpath
    path.write_text(path.read_text(encoding="utf-8").replace("Övriga punkter saknades", "Inga"), encoding="utf-8")
    out = tmp_path / "p.md"
    assert run(demo_repo, "export", "2023-09-05", "-o", str(out)) == 0
    assert "med ändringar som inte är incheckade" in out.read_text(encoding="utf-8")


def test_export_markdown_to_stdout_in_english(demo_repo: Repository, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(demo_repo, "export", "2022-09-20", "--lang", "en") == 0
    out = capsys.readouterr().out
    assert out.startswith("Haninge kommun · Centrala samverkansgruppen · Minutes · 2022-09-20")
    assert "## Present" in out and "SSR, from item 5" in out


def test_notice(demo_repo: Repository, tmp_path: Path) -> None:
    out = tmp_path / "kallelse.html"
    assert run(demo_repo, "notice", "2023-09-05", "-o", str(out)) == 0
    html = out.read_text(encoding="utf-8")
    assert "Kallelse" in html and "11 § MBL (förhandling före beslut)" in html
    assert "Samverkan inför beslut om att öppen fritidsverksamhet" in html  # the purpose of § 4 c


@pytest.mark.parametrize("number", ["4c", "4 c", "4.c", "§ 4 c"])
def test_extract_by_number(demo_repo: Repository, capsys: pytest.CaptureFixture[str], number: str) -> None:
    assert run(demo_repo, "extract", "2023-09-05", number) == 0
    out = capsys.readouterr().out
    assert "# Protokollsutdrag" in out and "### 4 c Omorganisation av fritidsverksamhet från KOF till UBF" in out
    assert "Protokollet är ännu inte justerat. Utdraget kan ändras." in out and "**UTKAST**" in out
    assert "Digitaliseringsprogrammet" not in out


def test_extract_to_recipients(demo_repo: Repository, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(demo_repo, "extract", "2023-09-05", "4c", "--to", "HR-avdelningen", "--to", "Kommunal") == 0
    out = capsys.readouterr().out
    assert "**Expedieras till:** HR-avdelningen, Kommunal" in out
    assert "## 4. Koncernfrågor" in out  # the parent, for context


def test_extract_unknown_item(demo_repo: Repository, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(demo_repo, "extract", "2023-09-05", "12") == ExitCode.USAGE
    err = capsys.readouterr().err
    assert "ingen punkt '12'" in err and "4 a, 4 b, 4 c" in err


def test_restlista_shows_what_the_seeds_leave_open(demo_repo: Repository, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(demo_repo, "restlista", "--group", "cesam", "--date", "2023-09-12") == 0
    out = capsys.readouterr().out
    # 2023-09-05 § 6 and § 7: "Arbetsgivaren återkommer"
    assert "| CESAM 2023-09-05 | 6 Upphandling | Hur den fackliga påverkansmöjligheten" in out
    assert "| CESAM 2023-09-05 | 7 a Professionell hantering av mötesinbjudningar/kallelser |" in out
    assert "| CESAM 2023-09-05 | 7 b Datum för CESAM under 2024 | Datum för CESAM våren 2024" in out
    # § 4 c: oenighet in a § 11 item; central negotiation may be asked for until the period runs out
    assert "| CESAM 2023-09-05 | 4 c Omorganisation av fritidsverksamhet från KOF till UBF |" in out


def test_restlista_unknown_group(demo_repo: Repository) -> None:
    assert run(demo_repo, "restlista", "--group", "nope") == ExitCode.USAGE


def test_output_format_must_be_known(demo_repo: Repository, tmp_path: Path) -> None:
    assert run(demo_repo, "export", "2023-09-05", "-o", str(tmp_path / "p.odt")) == ExitCode.USAGE
