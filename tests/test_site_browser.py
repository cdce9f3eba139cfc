"""cesam site in a real headless browser: Debian's Chromium driven by Selenium, axe-core for accessibility.

Skipped (with the reason) where Chromium, its driver or Selenium is missing; .ci/run installs them.
"""

from __future__ import annotations

import shutil
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from site_helpers import add_secrets

from cesam_site import Options, build
from cesam_site.serve import server
from store.services.repository import Repository

selenium = pytest.importorskip("selenium", reason="selenium is not installed")
from selenium import webdriver  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER), reason="needs Debian's chromium and chromium-driver (apt-get install)"
)

PHRASE_2021 = "skyddsombud och skyddsområden"


@pytest.fixture
def browser() -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM or ""
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path=DRIVER), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def serving(folder: Path) -> tuple[str, object]:
    httpd = server(folder)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    host, port = httpd.server_address[:2]
    return f"http://{host!s}:{port}/", httpd


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code


def _search(browser: webdriver.Chrome, base: str, query: str) -> str:
    browser.get(base + "search.html?q=" + urllib.parse.quote(query))
    WebDriverWait(browser, 20).until(lambda d: d.find_element(By.ID, "search-status").text)
    return browser.find_element(By.ID, "main").text


def test_site_in_a_browser(demo_repo: Repository, tmp_path: Path, browser: webdriver.Chrome) -> None:
    path = demo_repo.root / "meetings/cesam/2022/2022-09-20.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('title = "Budgetfrågor"', 'title = "Budgetfrågor ändrad"', 1), encoding="utf-8")
    demo_repo.git.run("commit", "-q", "-a", "-m", "rättelse i efterhand")
    out = tmp_path / "site"
    build(demo_repo, Options(out=out))
    base, httpd = serving(out)
    try:
        from axe_selenium_python import Axe

        seen: set[str] = set()
        pages = [base + str(p.relative_to(out)) for p in sorted(out.rglob("*.html"))]
        for url in pages:
            browser.get(url)
            assert browser.title, url
            axe = Axe(browser)
            axe.inject()
            result = axe.run(options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa"]}})
            assert result["passes"], url  # axe ran its rules on the page
            assert result["violations"] == [], (url, axe.report(result["violations"]))
            for href in browser.execute_script("return Array.from(document.links).map(a => a.href)"):
                target = href.split("#")[0].split("?")[0]
                if target.startswith(base) and target not in seen:
                    seen.add(target)
                    assert _status(target) == 200, f"{url} links to {target}"
        assert len(seen) >= len(pages)

        found = _search(browser, base, PHRASE_2021)
        assert "CESAM 2021-06-15" in found and "1 möten med träff" in found
        assert "Inga träffar" in _search(browser, base, "ordsomintefinns")

        browser.get(base + "meetings/cesam/2022/2022-09-20/index.html")
        warning = browser.find_element(By.CSS_SELECTOR, "p.state .badge-warn")
        assert warning.is_displayed() and "ändrad efter justering" in warning.text
        browser.get(base + "index.html")
        WebDriverWait(browser, 5).until(
            expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "table.meetings .badge-warn"))
        )
    finally:
        httpd.shutdown()  # type: ignore[attr-defined]


def test_public_site_in_a_browser(demo_repo: Repository, tmp_path: Path, browser: webdriver.Chrome) -> None:
    add_secrets(demo_repo)
    out = tmp_path / "public"
    build(demo_repo, Options(out=out, public=True))
    base, httpd = serving(out)
    try:
        assert "Inga träffar" in _search(browser, base, "XQZSECRET")
        browser.get(base + "meetings/cesam/2023/2023-09-05/index.html")
        body = browser.find_element(By.TAG_NAME, "body").text
        assert "XQZSECRET" not in body and "Sekretessmarkerad punkt" in body
    finally:
        httpd.shutdown()  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def ten_years_small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bench's generated archive (bench/generate.py), one group over six years, 2020-2025."""
    import subprocess
    import sys

    from conftest import ROOT

    out = tmp_path_factory.mktemp("generated") / "repo"
    code = "import sys, pathlib; from bench.generate import generate; generate(pathlib.Path(sys.argv[1]), 1, 6, 9)"
    subprocess.run([sys.executable, "-c", code, str(out)], cwd=ROOT, check=True)
    return out


def test_generated_archive_in_a_browser(ten_years_small: Path, tmp_path: Path, browser: webdriver.Chrome) -> None:
    """The reader's view of years of protocols: a phrase from 2021 is found, and a justerad meeting
    changed afterwards by plain git carries the warning on its page and in its group's list."""
    import re

    from store.core import codec
    from store.services.verify import verify

    copy = tmp_path / "repo"
    shutil.copytree(ten_years_small, copy, symlinks=True)
    repo = Repository.open(copy)
    justerade = [r.ref for r in verify(repo) if r.state.value == "ok" and r.ref.date.year == 2022]
    changed = justerade[0]
    path = copy / changed.relpath
    path.write_text(path.read_text(encoding="utf-8").replace('title = "', 'title = "Ändrad ', 1), encoding="utf-8")
    repo.git.run("commit", "-q", "-a", "-m", "rättelse efter justering")
    # a phrase of five words from the body of a 2021 meeting (the generator writes them from a vocabulary)
    wanted = next(r for r in sorted(repo.list_refs()) if r.date.year == 2021)
    meeting, _ = codec.loads((copy / wanted.relpath).read_text(encoding="utf-8"))
    body = next(i.body.split("\n\n")[-1] for i in meeting.items if len(i.body.split()) > 8)
    phrase = " ".join(re.sub(r"[^\w ]", " ", body).split()[1:6])

    out = tmp_path / "site"
    build(repo, Options(out=out))
    base, httpd = serving(out)
    try:
        found = _search(browser, base, phrase)
        assert f"CESAM {wanted.date.isoformat()}" in found, (phrase, found[:500])
        browser.get(base + f"meetings/cesam/{changed.date.year}/{changed.date.isoformat()}/index.html")
        warning = browser.find_element(By.CSS_SELECTOR, "p.state .badge-warn")
        assert warning.is_displayed() and "ändrad efter justering" in warning.text
        assert "rättelse efter justering" in browser.find_element(By.TAG_NAME, "main").text
        # the group's page lists every year: the meeting's row carries the warning too
        browser.get(base + "groups/cesam/index.html")
        rows = browser.find_element(By.TAG_NAME, "main").text.splitlines()
        row = next(line for line in rows if changed.date.isoformat() in line)
        assert "ändrad efter justering" in row, row
    finally:
        httpd.shutdown()  # type: ignore[attr-defined]
