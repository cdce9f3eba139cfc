"""cesam site: the static archive, built from a real demo repository in a temporary folder."""

from __future__ import annotations

import re
import threading
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from site_helpers import INTERNAL_ROLE, add_secrets

from cesam_cli.main import main
from cesam_docs.markdown import _paragraphs_html, parser, plain
from cesam_site import MANIFEST, Options, SiteError, build
from cesam_site.build import Writer
from cesam_site.paths import segment
from store.core import codec
from store.core.model import Attachment
from store.services.repository import Repository

ADJUSTED = "cesam/2022-09-20"  # justerad in the demo, with approvals
HELD = "cesam/2023-09-05"


class Page(HTMLParser):
    """What the accessibility and structure checks need of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.headings: list[int] = []
        self.links: list[tuple[str, str]] = []
        self.imgs_without_alt = 0
        self.inputs: list[str] = []
        self.labels: set[str] = set()
        self._link: list[str] | None = None
        self._href = ""
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang") or ""
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "img" and not a.get("alt"):
            self.imgs_without_alt += 1
        if tag == "input" and a.get("type") != "hidden":
            self.inputs.append(a.get("id") or "")
        if tag == "label" and a.get("for"):
            self.labels.add(a["for"] or "")
        if tag == "a":
            self._link, self._href = [], a.get("href") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link is not None:
            self.links.append((self._href, "".join(self._link).strip()))
            self._link = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._link is not None:
            self._link.append(data)


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def every_file_text(folder: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in folder.rglob("*") if p.is_file())


def test_new_fields_default_false_and_round_trip(demo_repo: Repository) -> None:
    meeting = demo_repo.load(HELD).meeting
    text = codec.dumps(meeting)
    assert "confidential" not in text and "public" not in text and "role_internal" not in text
    meeting.items[0].confidential = True
    meeting.items[1].attachments.append(Attachment(number=9, title="x", public=True))
    meeting.attendees[0].role_internal = True
    again, problems = codec.loads(codec.dumps(meeting))
    assert not [p for p in problems if p.kind.value == "error"]
    assert again.items[0].confidential and again.items[1].attachments[-1].public and again.attendees[0].role_internal
    with pytest.raises(codec.DecodeError, match="confidential must be true or false"):
        codec.loads(codec.dumps(meeting).replace("confidential = true", 'confidential = "ja"'))


def test_site_pages_structure_and_accessibility(demo_repo: Repository, tmp_path: Path) -> None:
    out = tmp_path / "site"
    report = build(demo_repo, Options(out=out))
    assert report.meetings == 3 and report.rendered == 3
    pages = list(out.rglob("*.html"))
    assert (out / "index.html") in pages and (out / "search.html") in pages
    for path in pages:
        page = parse(path)
        assert page.lang == "sv", path
        assert page.headings and page.headings[0] == 1 and page.headings.count(1) == 1, path
        for before, after in zip(page.headings, page.headings[1:], strict=False):
            assert after <= before + 1, f"{path}: h{before} then h{after}"
        assert page.imgs_without_alt == 0
        assert all(i and i in page.labels for i in page.inputs), path
        for href, text in page.links:
            assert text, f"{path}: a link without text to {href}"
            if not href.startswith(("http", "#", "mailto:")):
                target = (path.parent / href.split("#")[0]).resolve()
                assert target.is_file(), f"{path}: broken link {href}"
    adjusted = parse(out / "meetings/cesam/2022/2022-09-20/index.html")
    words = " ".join(adjusted.text)
    assert "justerad ✓" in words and "cesam verify cesam/2022-09-20" in words
    assert demo_repo.git.run("rev-parse", "HEAD:meetings/cesam/2022/2022-09-20.toml") in words
    assert "Historik" in words
    # the per-paragraph MBL wording of the documents, from the same wording module
    held = " ".join(" ".join(parse(out / "meetings/cesam/2023/2023-09-05/index.html").text).split())
    assert "Information enligt 19 § MBL" in held and "Förhandling enligt 11 § MBL" in held
    assert "Förhandlingen förklaras avslutad i oenighet den 5 september 2023." in held
    start = " ".join(parse(out / "index.html").text)
    assert "Senaste mötena" in start and "2023" in start
    vision = " ".join(" ".join(parse(out / "parties/vision.html").text).split())
    assert "Vision anser att målbilden med digitaliseringen är otydlig" in vision
    assert "Arbetsgivaren tar till sig synpunkten i fortsatt arbete." in vision
    assert all(f'id="y{year}"' in (out / "parties/vision.html").read_text(encoding="utf-8") for year in (2022, 2023))
    restlista = " ".join(parse(out / "groups/cesam/restlista.html").text)
    assert "Öppna uppföljningar" in restlista or "uppföljningar" in restlista.lower()
    index = (out / "search-index.js").read_text(encoding="utf-8")
    assert index.startswith("window.CESAM_SEARCH=") and "digital mognad" in index


def test_english_site(demo_repo: Repository, tmp_path: Path) -> None:
    build(demo_repo, Options(out=tmp_path / "en", lang="en"))
    page = parse(tmp_path / "en" / "index.html")
    assert page.lang == "en" and "Latest meetings" in " ".join(page.text)


def test_public_leaves_out_what_it_must(demo_repo: Repository, tmp_path: Path) -> None:
    add_secrets(demo_repo)
    full = tmp_path / "full"
    build(demo_repo, Options(out=full))
    everything = every_file_text(full)
    assert "XQZSECRET" in everything and INTERNAL_ROLE in everything and "CLOSEDBILAGA" in everything
    public = tmp_path / "public"
    build(demo_repo, Options(out=public, public=True))
    shown = every_file_text(public)
    for secret in ("XQZSECRET", "Kvarnbäckens", INTERNAL_ROLE, "CLOSEDBILAGA", "hemligt"):
        assert secret not in shown, secret
    assert "open bilaga" in shown  # the public bilaga is published
    page = " ".join(parse(public / "meetings/cesam/2023/2023-09-05/index.html").text)
    assert "Sekretessmarkerad punkt (utelämnad)" in page  # the numbers after it stay the protocol's


def test_changed_after_justering_shows_the_warning(demo_repo: Repository, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(demo_repo, Options(out=out))
    path = demo_repo.root / "meetings/cesam/2022/2022-09-20.toml"
    text = path.read_text(encoding="utf-8")
    assert 'title = "Budgetfrågor"' in text
    path.write_text(text.replace('title = "Budgetfrågor"', 'title = "Budgetfrågor i efterhand"', 1), encoding="utf-8")
    demo_repo.git.run("commit", "-q", "-a", "-m", "rättelse i efterhand")
    report = build(demo_repo, Options(out=out))
    assert report.rendered_refs == [ADJUSTED]
    html = (out / "meetings/cesam/2022/2022-09-20/index.html").read_text(encoding="utf-8")
    assert "ändrad efter justering" in html and "badge-warn" in html and "rättelse i efterhand" in html
    start = (out / "index.html").read_text(encoding="utf-8")
    assert "ändrad efter justering" in start


def test_incremental_renders_nothing_then_one(demo_repo: Repository, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build(demo_repo, Options(out=out)).rendered == 3
    again = build(demo_repo, Options(out=out))
    assert again.rendered == 0 and not again.shared
    demo_repo.apply(HELD, lambda m: setattr(m.items[0], "body", "Ny text i första punkten."))
    third = build(demo_repo, Options(out=out))
    assert third.rendered_refs == [HELD] and third.shared
    assert "Ny text i första punkten." in (out / "search-index.js").read_text(encoding="utf-8")
    # options are part of every key: another language makes every page again
    assert build(demo_repo, Options(out=out, lang="en")).rendered == 3


def test_group_and_since_filters_and_stale_pages_removed(demo_repo: Repository, tmp_path: Path) -> None:
    out = tmp_path / "s"
    build(demo_repo, Options(out=out))
    assert (out / "meetings/cesam/2021/2021-06-15/index.html").exists()
    report = build(demo_repo, Options(out=out, since=2022))
    assert report.meetings == 2 and report.removed >= 1
    assert not (out / "meetings/cesam/2021/2021-06-15/index.html").exists()
    assert "2021-06-15" not in (out / "search-index.js").read_text(encoding="utf-8")


def test_paths_from_data_stay_inside(tmp_path: Path) -> None:
    writer = Writer(tmp_path / "out")
    for bad in ("../escape.html", "/etc/passwd", "a/../../b"):
        with pytest.raises(SiteError):
            writer.path(bad)
    assert segment("cesam") == "cesam"
    for hostile in ("..", "../x", "a/b", ".hidden", "<script>", "x" * 200):
        part = segment(hostile)
        assert re.fullmatch(r"[a-z0-9][a-z0-9_.-]*", part) and ".." not in part and "/" not in part


def test_refuses_a_folder_with_other_files(demo_repo: Repository, tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(SiteError, match="not empty"):
        build(demo_repo, Options(out=tmp_path / "mine"))


def test_user_text_is_escaped(demo_repo: Repository, tmp_path: Path) -> None:
    demo_repo.apply(HELD, lambda m: setattr(m.items[0], "title", '<script>alert("x")</script>'))
    out = tmp_path / "site"
    build(demo_repo, Options(out=out))
    for path in out.rglob("*.html"):
        assert "<script>alert" not in path.read_text(encoding="utf-8")
    assert "<\\/script>" in (out / "search-index.js").read_text(encoding="utf-8") or "alert" not in (
        out / "search-index.js"
    ).read_text(encoding="utf-8")


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_palette_contrast_is_at_least_wcag_aa() -> None:
    css = (Path(__file__).parents[1] / "cesam_site/static/site.css").read_text(encoding="utf-8")
    colours = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})", css))
    pairs = [
        ("text", "background"),
        ("muted", "background"),
        ("link", "background"),
        ("ok-text", "ok-background"),
        ("warn-text", "warn-background"),
        ("waiting-text", "waiting-background"),
        ("draft-text", "draft-background"),
        ("text", "warn-background"),  # search hits are marked with the warning background
        ("link", "ok-background"),
        ("link", "warn-background"),
    ]
    for fg, bg in pairs:
        a, b = sorted((_luminance(colours[fg]), _luminance(colours[bg])), reverse=True)
        assert (a + 0.05) / (b + 0.05) >= 4.5, f"{fg} on {bg}"
    assert "@media print" in css and "@media (max-width" in css


def test_cli_builds_and_serves_on_localhost(
    demo_repo: Repository, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "site"
    assert main(["--repo", str(demo_repo.root), "site", "-o", str(out)]) == 0
    assert "3 möten" in capsys.readouterr().err
    assert main(["--repo", str(demo_repo.root), "site", "-o", str(out), "--group", "nope"]) == 2
    assert (out / MANIFEST).exists()
    from cesam_site.serve import server

    with server(out) as httpd:
        host, port = httpd.server_address[:2]
        assert host == "127.0.0.1"
        thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        thread.start()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html", timeout=10) as response:
                assert response.status == 200 and b'lang="sv"' in response.read()
        finally:
            httpd.shutdown()


def test_documents_are_linked_and_cached(demo_repo: Repository, tmp_path: Path) -> None:
    out = tmp_path / "site"
    report = build(demo_repo, Options(out=out, since=2023, documents=True))
    assert report.documents == 2
    folder = out / "meetings/cesam/2023/2023-09-05"
    pdf = next(folder.glob("*.pdf"))
    docx = next(folder.glob("*.docx"))
    assert pdf.read_bytes().startswith(b"%PDF") and docx.read_bytes().startswith(b"PK")
    links = [href for href, _ in parse(folder / "index.html").links]
    assert pdf.name in links and docx.name in links
    assert build(demo_repo, Options(out=out, since=2023, documents=True)).documents == 0


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab åÖ.,:\"'–-=+#>1)\n *_&<\t\r\xa0\u2028", max_size=60))
def test_plain_prose_shortcut_renders_as_markdown_it_does(text: str) -> None:
    """The site renders thousands of texts; prose skips the Markdown parse, with the same HTML."""
    fast = _paragraphs_html(text)
    if fast is not None:
        assert fast == parser().render(text)
        assert plain(text) == _plain_by_parse(text)


def _plain_by_parse(text: str) -> str:
    parts = []
    for token in parser().parse(text):
        if token.type == "inline" and token.children:
            parts += [c.content if c.type == "text" else " " for c in token.children] + [" "]
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def test_plain_prose_shortcut_takes_prose_and_leaves_markup() -> None:
    assert _paragraphs_html('Vision anser att\nmålet är "oklart".\n\n\nNytt stycke.') == (
        "<p>Vision anser att\nmålet är &quot;oklart&quot;.</p>\n<p>Nytt stycke.</p>\n"
    )
    for markup in ("- a", "1. a", "a *b*", "a  \nb", "# a", "a\n===", "<b>", "a & b", "    code"):
        assert _paragraphs_html(markup) is None, markup


def test_public_bilaga_of_a_confidential_item_is_named(demo_repo: Repository) -> None:
    from store.core.validate import validate

    meeting = demo_repo.load(HELD).meeting
    parent = next(i for i in meeting.items if meeting.children(i.id))
    parent.confidential = True
    child = meeting.children(parent.id)[0]
    child.attachments.append(Attachment(number=9, title="x", public=True))
    warnings = [p.message for p in validate(meeting, demo_repo.config)]
    assert any("bilaga 9 is marked public but its item is confidential" in w for w in warnings)
