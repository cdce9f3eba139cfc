"""Issue 18: a fresh clone's files parsed in worker processes give exactly what one process gives.

The summaries (``cesam list``, the TUI's list) and ``cesam check`` parse every
file once on a fresh clone; store/services/parallel.py shares that between
processes. Whatever the pool does (works, cannot start, a worker dies), the
answer is the same as parsing everything in the caller's process.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from store.services import parallel
from store.services.checking import Checker
from store.services.repository import Repository
from store.services.summary import SummaryCache

BROKEN = "meetings/cesam/2022/2022-09-20.toml"


def _broken(repo: Repository) -> None:
    """Eleven meetings (one of them broken), so that the work is shared out in several chunks."""
    source = repo.root / "meetings/cesam/2023/2023-09-05.toml"
    text = source.read_text(encoding="utf-8")
    assert "date = 2023-09-05" in text
    for day in range(10, 18):
        copy = text.replace("date = 2023-09-05", f"date = 2023-10-{day}", 1)
        (source.parent / f"2023-10-{day}.toml").write_text(copy, encoding="utf-8")
    path = repo.root / BROKEN
    path.write_text(path.read_text(encoding="utf-8") + "\nbroken = \n", encoding="utf-8")


def _summaries(repo: Repository, cache: Path) -> list[dict[str, object]]:
    return [s.to_json() for s in SummaryCache(repo, path=cache).summaries()]


def _checks(repo: Repository, cache: Path) -> dict[str, list[str]]:
    checker = Checker(repo, path=cache)
    relpaths = [ref.relpath for ref in repo.list_refs()]
    checker.prepare(relpaths)
    checked = {relpath: [str(p) for p in checker.check(relpath)] for relpath in relpaths}
    checker.save()
    return checked


SHARES: list[int] = []


class CountingWorker(parallel._Worker):
    """The real worker process, counting what it was given (so a test knows workers did the work)."""

    def __init__(self, remote, context, share):  # type: ignore[no-untyped-def]
        super().__init__(remote, context, share)
        SHARES.append(len(share))

    def wait(self):  # type: ignore[no-untyped-def]
        results = super().wait()
        assert results is not None, "the worker process gave no answer"
        return results


@pytest.fixture
def shared_from_two(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CESAM_WORKERS", "2")
    monkeypatch.setattr(parallel, "MIN_ITEMS", 2)
    monkeypatch.setattr(parallel, "_Worker", CountingWorker)
    SHARES.clear()


def test_summaries_from_workers_are_those_of_one_process(
    demo_repo: Repository, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shared_from_two: None
) -> None:
    _broken(demo_repo)
    shared = _summaries(demo_repo, tmp_path / "a")
    assert SHARES == [11 - 11 // 2]  # this process did the newest half, workers the rest
    monkeypatch.setenv("CESAM_WORKERS", "1")
    alone = _summaries(demo_repo, tmp_path / "b")
    assert shared == alone
    assert len(alone) == 11 and [s["date"] for s in alone if s["error"]] == ["2022-09-20"]
    # the cache filled by the workers' results serves the next run unchanged
    cache = SummaryCache(demo_repo, path=tmp_path / "a")
    assert [s.to_json() for s in cache.summaries()] == alone and cache.parsed == 1  # the broken file again


def test_check_from_workers_is_that_of_one_process(
    demo_repo: Repository, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shared_from_two: None
) -> None:
    _broken(demo_repo)
    shared = _checks(demo_repo, tmp_path / "a")
    assert SHARES == [11 - 11 // 2]
    monkeypatch.setenv("CESAM_WORKERS", "1")
    alone = _checks(demo_repo, tmp_path / "b")
    assert shared == alone and alone[BROKEN]


def test_workers_start_under_a_replaced_stderr(
    demo_repo: Repository, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shared_from_two: None
) -> None:
    """The TUI replaces sys.stderr (fileno -1): multiprocessing failed there with "bad value(s) in fds_to_keep"."""
    import io

    class Captured(io.StringIO):
        def fileno(self) -> int:
            return -1

    monkeypatch.setattr("sys.stderr", Captured())
    monkeypatch.setattr("sys.stdout", Captured())
    _broken(demo_repo)
    assert len(_summaries(demo_repo, tmp_path / "a")) == 11
    assert SHARES == [11 - 11 // 2]


def _dies(context: object, chunk: list[int]) -> list[int]:
    raise MemoryError("a worker that dies")  # (in a worker, this module does not even import)


def test_a_worker_that_fails_or_cannot_start_costs_nothing_but_time(
    monkeypatch: pytest.MonkeyPatch, shared_from_two: None
) -> None:
    monkeypatch.setattr(parallel, "_Worker", CountingWorker.__bases__[0])  # the real one, failing
    items = list(range(7))
    done = [pair for batch in parallel.shared(items, lambda n: n * n, _dies, None) for pair in batch]
    assert sorted(done) == [(n, n * n) for n in items]

    def no_processes(*args: object, **kwargs: object) -> None:
        raise OSError("no processes in this sandbox")

    monkeypatch.setattr(parallel.subprocess, "Popen", no_processes)
    done = [pair for batch in parallel.shared(items, lambda n: n + 1, _dies, None) for pair in batch]
    assert done == [(n, n + 1) for n in items]


def test_verify_from_workers_is_that_of_one_process(
    repo: Repository, monkeypatch: pytest.MonkeyPatch, shared_from_two: None
) -> None:
    """A fresh clone's first verify parses every approved version: shared out, the same verdicts."""
    from test_justering import plain_git_edit
    from test_verifycache import _justerade

    from store.services import meeting_blobs
    from store.services.justering import verify

    _justerade(repo)
    plain_git_edit(repo, 'title = "Koncernfrågor"', 'title = "Koncernfrågor (ändrad)"')

    def verdicts() -> list[tuple[str, str, list[str]]]:
        meeting_blobs.SNAPS.clear()
        return [(str(r.ref), r.state.value, [str(c) for c in r.changes]) for r in verify(repo, check_signatures=False)]

    shared = verdicts()
    assert SHARES and sum(SHARES) >= 2  # workers parsed versions
    monkeypatch.setenv("CESAM_WORKERS", "1")
    alone = verdicts()
    assert shared == alone and {state for _, state, _ in alone} == {"ok", "changed"}
