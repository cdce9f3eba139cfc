"""The bilagor's PDF files appended to the protocol's PDF (cesam export --bilagor)."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest

from cesam_cli.main import main
from cesam_docs.bilagor import BilagaFile, append_bilagor
from store.services.attachments import attach_file
from store.services.repository import Repository


def blank_pdf(*widths: int) -> bytes:
    """A PDF whose pages are told apart by their width."""
    writer = pypdf.PdfWriter()
    for width in widths:
        writer.add_blank_page(width=width, height=400)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted_pdf() -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=300, height=400)
    writer.encrypt("hemligt")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def widths(pdf: bytes) -> list[int]:
    return [round(float(p.mediabox.width)) for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def test_appended_in_number_order_with_bookmarks() -> None:
    protocol = blank_pdf(595, 595)
    files = [
        BilagaFile(3, "Bilaga 3: Tre", "b3.pdf", blank_pdf(303)),
        BilagaFile(1, "Bilaga 1: Ett", "b1.pdf", blank_pdf(101, 102)),
    ]
    result = append_bilagor(protocol, files)
    assert widths(result.pdf) == [595, 595, 101, 102, 303]
    assert result.appended == [1, 3] and result.skipped == []
    reader = pypdf.PdfReader(io.BytesIO(result.pdf))
    marks = [(m.title, reader.get_destination_page_number(m)) for m in reader.outline if not isinstance(m, list)]
    assert marks[-2:] == [("Bilaga 1: Ett", 2), ("Bilaga 3: Tre", 4)]


def test_what_is_not_a_readable_pdf_is_named_and_left_out() -> None:
    protocol = blank_pdf(595)
    files = [
        BilagaFile(1, "Bilaga 1", "b1.docx", b"PK\x03\x04 a word file"),
        BilagaFile(2, "Bilaga 2", "b2.pdf", b"%PDF-1.7\nnot really a pdf"),
        BilagaFile(3, "Bilaga 3", "b3.pdf", encrypted_pdf()),
        BilagaFile(4, "Bilaga 4", "b4.pdf", blank_pdf(404)),
    ]
    result = append_bilagor(protocol, files)
    assert widths(result.pdf) == [595, 404]
    assert result.skipped == [(1, "b1.docx", "not_pdf"), (2, "b2.pdf", "unreadable"), (3, "b3.pdf", "encrypted")]


def test_nothing_to_append_keeps_the_protocol_byte_for_byte() -> None:
    protocol = blank_pdf(595)
    assert append_bilagor(protocol, []).pdf == protocol


def test_cli_export_with_bilagor(demo_repo: Repository, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "prognos.pdf"
    source.write_bytes(blank_pdf(222, 223))
    attach_file(demo_repo, "cesam/2023-09-05", "ekonomi-och-styrfragor", source, "Prognos i original", number=7)
    word = tmp_path / "lista.docx"
    word.write_bytes(b"PK\x03\x04 not a pdf")
    attach_file(demo_repo, "cesam/2023-09-05", "ekonomi-och-styrfragor", word, "Lista", number=8)
    plain = tmp_path / "plain.pdf"
    args = ["--repo", str(demo_repo.root), "export", "2023-09-05"]
    assert main([*args, "-o", str(plain)]) == 0
    capsys.readouterr()
    joined = tmp_path / "joined.pdf"
    assert main([*args, "-o", str(joined), "--bilagor"]) == 1  # bilaga 8 could not be appended
    err = capsys.readouterr().err
    assert "bilaga 8" in err and "ingen PDF" in err
    pages = len(pypdf.PdfReader(str(plain)).pages)
    assert widths(joined.read_bytes()) == [*widths(plain.read_bytes()), 222, 223]
    reader = pypdf.PdfReader(str(joined))
    assert any(getattr(m, "title", "") == "Bilaga 7: Prognos i original" for m in reader.outline)
    assert reader.trailer["/Root"]["/Lang"] == "sv"  # the protocol's language is kept
    assert pages >= 3
    assert main([*args, "--format", "md", "--bilagor"]) == 2  # joining needs a PDF
