"""cesam site on a generated archive (bench/generate.py, one group over six years): what keeps it fast is
also what must keep it right. The words of each commit are worked out once and kept in the blob cache;
pages rendered across processes are the pages rendered in one; an unchanged archive is not read again,
and anything the pages rest on (a commit, a tag, an uncommitted edit, the options) is."""

from __future__ import annotations

import importlib
import json
import shutil
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

import cesam_site.workers as workers
from cesam_docs import Provenance, protocol, render
from cesam_site import MANIFEST, Options, build
from store.services import history
from store.services.archive_stamp import archive_stamp
from store.services.blobcache import cache_dir
from store.services.history_words import KIND
from store.services.repository import Repository

# the package's `build` is the function; the module is named by its full name
site_build = importlib.import_module("cesam_site.build")


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("generated") / "repo"
    code = "import sys, pathlib; from bench.generate import generate; generate(pathlib.Path(sys.argv[1]), 1, 6, 9)"
    subprocess.run([sys.executable, "-c", code, str(out)], cwd=ROOT, check=True)
    return out


@pytest.fixture
def repo(archive: Path, tmp_path: Path) -> Repository:
    copy = tmp_path / "repo"
    shutil.copytree(archive, copy, symlinks=True)
    return Repository.open(copy)


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def counted_pools(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The worker counts of the process pools the build starts."""
    started: list[int] = []

    class Counted(ProcessPoolExecutor):
        def __init__(self, workers: int, **kw: Any) -> None:
            started.append(workers)
            super().__init__(workers, **kw)

    monkeypatch.setattr(workers, "ProcessPoolExecutor", Counted)
    return started


def test_pages_across_processes_are_the_pages_of_one(
    repo: Repository, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial = tmp_path / "serial"
    monkeypatch.setattr(workers, "PARALLEL_FROM", 10**6)
    assert build(repo, Options(out=serial)).rendered == 72
    (cache_dir() / f"{KIND}.json").unlink()  # the workers work the words out again
    history._parsed.clear()

    monkeypatch.setattr(workers, "PARALLEL_FROM", 2)
    monkeypatch.setattr(workers, "cores", lambda: 2)
    pools = counted_pools(monkeypatch)
    parallel = tmp_path / "parallel"
    report = build(repo, Options(out=parallel))
    assert pools == [2]  # two worker processes rendered the pages
    assert report.rendered == 72 and sorted(report.rendered_refs) == sorted(
        json.loads((serial / MANIFEST).read_text(encoding="utf-8"))["pages"]
    )
    assert files_of(serial) == files_of(parallel)
    # the history shows what each commit did, in words (the generator edits every meeting many times)
    page = (parallel / "meetings/cesam/2021").glob("*/index.html")
    assert any("Historik" in p.read_text(encoding="utf-8") for p in page)


def test_words_of_each_commit_are_worked_out_once(
    repo: Repository, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workers, "PARALLEL_FROM", 10**6)
    history._parsed.clear()  # parsed by an earlier test in memory, so never written to this test's cache
    first = tmp_path / "first"
    build(repo, Options(out=first))
    kept = json.loads((cache_dir() / f"{KIND}.json").read_text(encoding="utf-8"))["entries"]
    commits = sum(1 for line in repo.git.run("log", "--format=%H", "--", "meetings/").splitlines() if line)
    assert len(kept) >= commits - 5  # one entry per (version before, version after): about one per commit
    # the versions parsed only for those words are not kept on disk one file each: only the meetings at HEAD
    assert sum(1 for p in (cache_dir() / "versions").rglob("*") if p.is_file()) == 72

    history._parsed.clear()  # nothing in memory: what is not in a cache on disk must be parsed
    parsed: list[bytes] = []
    real = history._parse_text
    monkeypatch.setattr(history, "_parse_text", lambda data: (parsed.append(data), real(data))[1])
    second = tmp_path / "second"
    assert build(repo, Options(out=second)).rendered == 72
    assert parsed == []  # the meetings from the versions cache, every commit's words from the blob cache
    assert files_of(first) == files_of(second)

    # a damaged entry is not trusted: it is worked out again, and the page is the same
    path = cache_dir() / f"{KIND}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    key = next(k for k, v in data["entries"].items() if v)
    data["entries"][key] = {"not": "words"}
    path.write_text(json.dumps(data), encoding="utf-8")
    third = tmp_path / "third"
    build(repo, Options(out=third))
    assert parsed and files_of(first) == files_of(third)


def test_public_words_leave_out_a_confidential_item(repo: Repository, tmp_path: Path) -> None:
    ref = max(repo.list_refs())

    def secret(meeting: object) -> None:
        item = meeting.items[0]  # type: ignore[attr-defined]
        item.confidential = True
        item.body = "Hemlig rad ZZCONFIDENTIAL."

    repo.apply(str(ref), secret)
    build(repo, Options(out=tmp_path / "full"))
    build(repo, Options(out=tmp_path / "public", public=True))
    page = f"meetings/{ref.group}/{ref.date.year}/{ref.date.isoformat()}/index.html"
    assert "ZZCONFIDENTIAL" in (tmp_path / "full" / page).read_text(encoding="utf-8")
    for text in files_of(tmp_path / "public").values():
        assert b"ZZCONFIDENTIAL" not in text


def test_unchanged_archive_is_not_read_again(repo: Repository, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "site"
    build(repo, Options(out=out))
    planned: list[int] = []
    real_plan = site_build.plan
    monkeypatch.setattr(site_build, "plan", lambda *a, **k: (planned.append(1), real_plan(*a, **k))[1])

    again = build(repo, Options(out=out))
    assert planned == [] and again.rendered == 0 and again.meetings == 72

    # a new approval tag, with no commit: the justering results are read again
    head = repo.head_id() or ""
    repo.git.run("tag", "-a", "-m", "hand-made", "justering/cesam/extra", head)
    assert build(repo, Options(out=out)).rendered == 0 and planned == [1]
    assert build(repo, Options(out=out)).rendered == 0 and planned == [1]

    # an uncommitted edit (verify reports it), another day, other options: read again
    ref = max(repo.list_refs())
    path = repo.root / ref.relpath
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    build(repo, Options(out=out))
    assert len(planned) == 2
    repo.git.run("checkout", "--", ref.relpath)
    build(repo, Options(out=out, public=True))
    assert len(planned) == 3

    # a page deleted from the folder is made again
    page = out / f"meetings/{ref.group}/{ref.date.year}/{ref.date.isoformat()}/index.html"
    page.unlink()
    assert build(repo, Options(out=out, public=True)).rendered == 1 and page.exists()


def test_no_stamp_where_an_approval_is_signed(repo: Repository) -> None:
    assert archive_stamp(repo) is not None
    head = repo.head_id() or ""
    # git reads an armoured block at the end of a tag's message as its signature
    message = "hand-made\n-----BEGIN PGP SIGNATURE-----\n\nAAAA\n-----END PGP SIGNATURE-----\n"
    repo.git.run("tag", "-a", "-F", "-", "justering/cesam/signed", head, stdin=message)
    assert archive_stamp(repo) is None


def test_documents_made_by_the_workers(repo: Repository, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "PARALLEL_FROM", 2)
    monkeypatch.setattr(workers, "cores", lambda: 2)
    pools = counted_pools(monkeypatch)
    # a PDF made here first: Typst's compiler then has threads in this process, whose locks a forked
    # worker would inherit held and wait on for ever (the pool must not fork this process)
    config, meeting = repo.config, repo.load(repo.list_refs()[0]).meeting
    assert render(protocol(meeting, config, Provenance(commit="x", content_hash="y")), "pdf").startswith(b"%PDF")
    out = tmp_path / "site"
    report = build(repo, Options(out=out, since=2025, documents=True))
    assert pools == [2] and report.rendered == 12 and report.documents == 24
    pdfs = sorted(out.rglob("*.pdf"))
    assert len(pdfs) == 12 and all(p.read_bytes().startswith(b"%PDF") for p in pdfs)
    assert len(sorted(out.rglob("*.docx"))) == 12
