"""Incremental verification: the same answers as a full verify, never from a stale or damaged cache."""

from __future__ import annotations

import datetime as dt

import pytest
from test_justering import PATH, held_meeting, plain_git_edit

from store.services import blobcache
from store.services import verify as verifying
from store.services.justering import VerifyState, adjust, verify
from store.services.repository import Repository
from store.services.verifycache import CACHE_FILE, verify_all


def _states(results: list[verifying.Verification]) -> dict[str, VerifyState]:
    return {str(r.ref): r.state for r in results}


def _justerade(repo: Repository) -> None:
    repo.create(held_meeting())
    repo.create(held_meeting(dt.date(2023, 10, 3)))
    adjust(repo, "cesam/2023-09-05", on=dt.date(2023, 9, 15))
    adjust(repo, "cesam/2023-10-03", on=dt.date(2023, 10, 13))


def _verified_again(repo: Repository, monkeypatch: pytest.MonkeyPatch) -> tuple[list[verifying.Verification], list]:  # type: ignore[type-arg]
    """verify_all's results, and the meetings it handed to the full verify."""
    calls: list = []  # type: ignore[type-arg]
    real = verifying.verify

    def spy(repo: Repository, refs=None, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(None if refs is None else [str(r) for r in refs])
        return real(repo, refs, **kwargs)

    monkeypatch.setattr(verifying, "verify", spy)
    results = verify_all(repo, check_signatures=False)
    monkeypatch.setattr(verifying, "verify", real)
    return results, calls


def test_the_same_answers_as_verify_and_only_changed_meetings_again(
    repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    _justerade(repo)
    first, calls = _verified_again(repo, monkeypatch)
    assert calls == [None], "the first run verifies everything"
    assert _states(first) == _states(verify(repo, check_signatures=False))
    assert _states(first) == {"cesam/2023-10-03": VerifyState.OK, "cesam/2023-09-05": VerifyState.OK}
    again, calls = _verified_again(repo, monkeypatch)
    assert calls == [] and _states(again) == _states(first), "nothing changed: nothing verified again"
    assert [r.approvals for r in again] == [r.approvals for r in first]
    # a change to a justerad meeting behind cesam's back, and a commit to the other
    plain_git_edit(repo, 'title = "Koncernfrågor"', 'title = "Koncernfrågor (ändrad)"')
    after, calls = _verified_again(repo, monkeypatch)
    assert calls == [["cesam/2023-09-05"]]
    assert _states(after)["cesam/2023-09-05"] == VerifyState.CHANGED
    assert _states(after) == _states(verify(repo, check_signatures=False))
    # the change is remembered with its commit, not lost on the next run
    remembered, calls = _verified_again(repo, monkeypatch)
    assert calls == [] and remembered[1].changes == after[1].changes


def test_a_change_and_back_is_still_seen(repo: Repository, monkeypatch: pytest.MonkeyPatch) -> None:
    """The blob at HEAD is what it was, but commits touched the file since: verified again."""
    _justerade(repo)
    verify_all(repo, check_signatures=False)
    plain_git_edit(repo, 'title = "Koncernfrågor"', 'title = "X"')
    plain_git_edit(repo, 'title = "X"', 'title = "Koncernfrågor"')
    results, calls = _verified_again(repo, monkeypatch)
    assert calls == [["cesam/2023-09-05"]]
    assert _states(results) == _states(verify(repo, check_signatures=False))


def test_a_rewritten_history_verifies_everything(repo: Repository, monkeypatch: pytest.MonkeyPatch) -> None:
    _justerade(repo)
    verify_all(repo, check_signatures=False)
    repo.git.run("reset", "-q", "--hard", "HEAD~1")  # the second justering commit is gone
    results, calls = _verified_again(repo, monkeypatch)
    assert calls == [None]
    assert _states(results) == _states(verify(repo, check_signatures=False))


def test_new_tags_uncommitted_edits_and_config_are_seen(repo: Repository, monkeypatch: pytest.MonkeyPatch) -> None:
    repo.create(held_meeting())
    repo.create(held_meeting(dt.date(2023, 10, 3)))
    adjust(repo, "cesam/2023-09-05", ["Alexandra Eldstål"], on=dt.date(2023, 9, 15))
    _, waiting = verify_all(repo, check_signatures=False)
    assert waiting.state == VerifyState.WAITING and waiting.missing == ["Lena Possbeck", "Magnus Gyllestad"]
    # a tag made by git directly (another clone's approval fetched): no commit, but the tags differ
    head = repo.git.run("rev-parse", "HEAD")
    text = repo.git.run("cat-file", "tag", waiting.approvals[0].tag).split("\n\n", 1)[1]
    text = text.replace("Alexandra Eldstål", "Lena Possbeck")
    repo.git.run("tag", "-a", "justering/cesam/2023-09-05/lena-possbeck/x-1", "-F", "-", head, stdin=text)
    results, calls = _verified_again(repo, monkeypatch)
    assert calls == [["cesam/2023-09-05"]] and results[1].missing == ["Magnus Gyllestad"]
    # an edit in the working tree is always verified again, and not cached
    path = repo.root / PATH
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert _verified_again(repo, monkeypatch)[1] == [["cesam/2023-09-05"]]
    assert _verified_again(repo, monkeypatch)[1] == [["cesam/2023-09-05"]]
    repo.git.run("checkout", "--", PATH)
    config = repo.root / "cesam.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n# another configuration\n", encoding="utf-8")
    assert _verified_again(repo, monkeypatch)[1] == [None], "another cesam.toml: everything again"
    monkeypatch.setattr(blobcache, "_VERSION", ["99.0"])
    assert _verified_again(repo, monkeypatch)[1] == [None], "another cesam version: everything again"


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],
        lambda text: text.replace('"state":"ok"', '"state":"no such state"'),
        lambda text: text.replace('"required":[', '"required":[1,'),
        lambda text: text.replace('"changes":[]', '"changes":[{"forged":1}]'),
    ],
)
def test_a_damaged_cache_is_not_trusted(repo: Repository, monkeypatch: pytest.MonkeyPatch, damage: object) -> None:
    _justerade(repo)
    good = _states(verify_all(repo, check_signatures=False))
    path = repo.git_dir / CACHE_FILE
    text = path.read_text(encoding="utf-8")
    damaged = damage(text)  # type: ignore[operator]
    assert damaged != text
    path.write_text(damaged, encoding="utf-8")
    results, calls = _verified_again(repo, monkeypatch)
    assert calls and _states(results) == good


def test_a_changed_file_outside_meetings_verifies_everything(repo: Repository, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bilaga's bytes are part of what was approved; which meeting names a file is known only by reading it."""
    _justerade(repo)
    verify_all(repo, check_signatures=False)
    (repo.root / "bilagor").mkdir()
    (repo.root / "bilagor" / "budget.pdf").write_bytes(b"%PDF-1.4\n")
    repo.git.run("add", "--", "bilagor/budget.pdf")
    repo.git.run("commit", "-q", "-m", "bilaga")
    results, calls = _verified_again(repo, monkeypatch)
    assert calls == [None]
    assert _states(results) == _states(verify(repo, check_signatures=False))
