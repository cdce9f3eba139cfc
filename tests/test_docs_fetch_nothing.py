"""Documents fetch nothing (issue 14): no request leaves the machine during an export.

A body holding ``![x](http://127.0.0.1:PORT/pixel.png)`` is a tracking beacon
or a request to an internal address if the renderer fetches it. A local HTTP
server records every request it receives; PDF, DOCX and HTML export must send
it none, and the document names the image it did not fetch. An image that is
a file inside the repository, by relative path, is still drawn.
"""

from __future__ import annotations

import base64
import http.server
import io
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import docs_sample as sample
import pytest
from docs_readback import docx_body, html_text, pdf_body

from cesam_cli.main import main
from cesam_docs import Provenance, protocol, render
from cesam_docs.images import relative_source, repository_images
from store.core.model import Status
from store.services.repository import Repository

# a 1×1 PNG
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


class _Recorder(http.server.BaseHTTPRequestHandler):
    seen: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).seen.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()
        self.wfile.write(PIXEL)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    _Recorder.seen = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", _Recorder.seen
    finally:
        httpd.shutdown()
        httpd.server_close()


def _hostile_body(repo: Repository, base: str, outside: Path) -> None:
    (repo.root / "bilagor").mkdir(exist_ok=True)
    (repo.root / "bilagor" / "logo.png").write_bytes(PIXEL)
    outside.write_bytes(PIXEL)

    def change(meeting):  # type: ignore[no-untyped-def]
        item = meeting.items[0]
        item.body = (
            f"Se ![spårpixel]({base}/pixel.png) och ![https]({base.replace('http', 'https')}/b.png) "
            f"och ![fil](file://{outside}) och ![upp](../{outside.name}) och ![logga](bilagor/logo.png)."
        )

    repo.apply("2023-09-05", change)


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_export_sends_no_request_and_names_the_refused_image(
    demo_repo: Repository, tmp_path: Path, server: tuple[str, list[str]], fmt: str
) -> None:
    base, seen = server
    # the server answers: a request made by the test itself is seen (the check can fail)
    import urllib.request

    with urllib.request.urlopen(f"{base}/probe") as response:
        assert response.read() == PIXEL
    assert seen == ["/probe"]
    seen.clear()

    _hostile_body(demo_repo, base, tmp_path / "outside.png")
    out = tmp_path / f"protokoll.{fmt}"
    assert main(["--repo", str(demo_repo.root), "export", "2023-09-05", "--format", fmt, "-o", str(out)]) == 0
    data = out.read_bytes()
    assert seen == []
    # the PDF may break a line after a "/": read it back without those breaks
    text = " ".join({"pdf": pdf_body, "docx": docx_body, "html": html_text}[fmt](data).split()).replace("/ ", "/")
    assert f"[bild som inte hämtades: {base}/pixel.png]" in text
    assert "[bild som inte hämtades: ../outside.png]" in text
    assert "![fil](file://" in text  # CommonMark makes no image of a file: URL: it stays text
    assert "bilagor/logo.png" not in text  # drawn, not named
    if fmt == "html":
        assert data.count(b"data:image/png;base64,") == 1 and b"127.0.0.1" in data and b'src="http' not in data
    if fmt == "docx":
        media = [n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.startswith("word/media/")]
        assert len(media) == 1
    if fmt == "pdf":
        assert b"/Subtype /Image" in data or b"/Subtype/Image" in data


def test_image_sources_only_inside_the_repository(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "bilagor").mkdir(parents=True)
    (root / "bilagor" / "a.png").write_bytes(PIXEL)
    (root / "bilagor" / "notes.txt").write_bytes(b"not an image")
    (tmp_path / "secret.png").write_bytes(PIXEL)
    (root / "bilagor" / "link.png").symlink_to(tmp_path / "secret.png")
    load = repository_images(root)
    assert load("bilagor/a.png") == PIXEL and load("./bilagor/a.png") == PIXEL
    for refused in [
        "http://127.0.0.1/a.png",
        "//127.0.0.1/a.png",
        "file:///etc/passwd",
        f"file://{root}/bilagor/a.png",
        "/etc/passwd",
        "../secret.png",
        "bilagor/../../secret.png",
        "bilagor/link.png",
        "bilagor/notes.txt",
        "data:image/png;base64,AAAA",
        "bilagor/a.png?x=1",
    ]:
        assert load(refused) is None, refused
    assert relative_source("bilagor/a%20b.png") == "bilagor/a b.png"


def test_typst_code_in_the_data_is_printed_as_text(tmp_path: Path, server: tuple[str, list[str]]) -> None:
    """Typst reads files and packages by code (#read, #image, #import, #include): text that holds such
    code, in any field and any quoting, is printed as the words it is and reads nothing."""
    base, seen = server
    secret = tmp_path / "secret.txt"
    secret.write_text("HEMLIGT-INNEHALL", encoding="utf-8")
    attacks = [
        f'#read("{secret}")',
        f'"); #read("{secret}") //',
        f'\\"]#read("{secret}")',
        '#import "@preview/cetz:0.3.2": *',
        f'#include "{secret}"',
        f'#image("{secret}")',
        f'#link("{base}/pixel.png")',
        "$ x^2 $ <label> @ref *fet* _kursiv_ `kod` ```rust fn``` = Rubrik",
    ]
    meeting = sample.meeting(Status.HELD)
    meeting.items[0].title = attacks[1]
    meeting.items[0].body = "\n\n".join(f"`{a}`" if i % 2 else a.replace("*", "\\*") for i, a in enumerate(attacks))
    meeting.items[4].statements[0].text = attacks[0]
    doc = protocol(meeting, sample.config(), Provenance(sample.COMMIT, "f" * 64))
    data = render(doc, "pdf", root=tmp_path)
    text = " ".join(pdf_body(data).split())
    assert "HEMLIGT-INNEHALL" not in text and seen == []
    for needle in ("#read(", "#import", "@preview/cetz", "#include", "#image(", "$ x^2 $"):
        assert needle in text, needle


def test_typst_sees_only_an_empty_folder_and_the_images_handed_to_it() -> None:
    """The Typst source names no file but the copied images: no path of the machine, no package."""
    from cesam_docs.render_pdf import source

    meeting = sample.meeting(Status.HELD)
    meeting.items[0].body = "Logga ![logga](bilagor/logo.png) och ![ute](../ute.png)."
    files: dict[str, bytes] = {}
    code = source(
        protocol(meeting, sample.config(), None), lambda src: PIXEL if src == "bilagor/logo.png" else None, files
    )
    assert list(files.values()) == [PIXEL]
    (name,) = files
    assert "/" not in name and f'#image("{name}"' in code
    assert "#import" not in code.replace('"#import', "") and "#include" not in code and "#read" not in code
