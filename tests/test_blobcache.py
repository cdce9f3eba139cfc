"""The blob-keyed cache behind `cesam list`, `cesam check` and the TUI's list: never stale, never trusted blindly."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import small_meeting

from store.core.model import Attachment
from store.services import blobcache
from store.services.blobcache import BlobCache
from store.services.checking import Checker
from store.services.repository import Repository
from store.services.summary import SummaryCache

MEETING = "meetings/cesam/2023/2023-09-05.toml"


def _with_attachment(repo: Repository) -> None:
    meeting = small_meeting()
    meeting.items[1].attachments.append(Attachment(1, "Budget", file="bilagor/budget.pdf"))
    repo.create(meeting)


def _check(repo: Repository, path: Path) -> tuple[list[str], int]:
    checker = Checker(repo, path)
    problems = [str(p) for relpath in ["cesam.toml", MEETING] for p in checker.check(relpath)]
    checker.save()
    return problems, checker.parsed


def test_check_from_the_cache_says_what_check_file_says(repo: Repository, tmp_path: Path) -> None:
    _with_attachment(repo)
    path = tmp_path / "checks.json"
    uncached = [str(p) for relpath in ["cesam.toml", MEETING] for p in repo.check_file(relpath)]
    assert any("bilagor/budget.pdf" in p for p in uncached), "the missing bilaga is reported"
    first, parsed = _check(repo, path)
    assert first == uncached and parsed == 2
    again, parsed = _check(repo, path)
    assert again == uncached and parsed == 1, "only cesam.toml is read again; the meeting's blob was checked"
    # a bilaga's presence is not part of the blob: it is looked for on every run
    (repo.root / "bilagor").mkdir()
    (repo.root / "bilagor" / "budget.pdf").write_bytes(b"%PDF-1.4\n")
    third, parsed = _check(repo, path)
    assert parsed == 1 and not any("budget.pdf" in p for p in third)


def test_a_changed_file_is_checked_again(repo: Repository, tmp_path: Path) -> None:
    repo.create(small_meeting())
    path = tmp_path / "checks.json"
    assert _check(repo, path) == ([], 2)
    file = repo.root / MEETING
    file.write_text(file.read_text(encoding="utf-8").replace('title = "Koncernfrågor"', "title = "), encoding="utf-8")
    problems, parsed = _check(repo, path)
    assert parsed == 2 and problems and problems[0].startswith(f"{MEETING}:")
    # the broken content is a blob like any other: its problems come from the cache next time
    assert _check(repo, path) == (problems, 1)


def test_a_changed_config_or_version_invalidates(
    repo: Repository, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.create(small_meeting())
    path = tmp_path / "checks.json"
    assert _check(repo, path)[1] == 2
    assert _check(repo, path)[1] == 1
    config = repo.root / "cesam.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n# a comment changes the hash\n", encoding="utf-8")
    assert _check(repo, path)[1] == 2, "another cesam.toml: every meeting is validated again"
    assert _check(repo, path)[1] == 1
    monkeypatch.setattr(blobcache, "_VERSION", ["99.0"])
    assert _check(repo, path)[1] == 2, "another cesam version: every meeting is validated again"


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # truncated mid-write
        lambda text: "",
        lambda text: "[1, 2, 3]",
        lambda text: text.replace('"problems":[]', '"problems":[["x", "not a line", 1, "error", ""]]'),
        lambda text: text.replace('"problems":[]', '"problems":[["forged", 1, 1, "no such kind", ""]]'),
        lambda text: text.replace('"attachments":[', '"attachments":[["one", "x", 1],'),
    ],
)
def test_a_damaged_check_cache_is_ignored(repo: Repository, tmp_path: Path, damage: object) -> None:
    _with_attachment(repo)
    path = tmp_path / "checks.json"
    good, _ = _check(repo, path)
    path.write_text(damage(path.read_text(encoding="utf-8")), encoding="utf-8")  # type: ignore[operator]
    problems, parsed = _check(repo, path)
    assert problems == good and parsed == 2, "the damaged entry was not trusted; the file was validated again"


def test_a_damaged_summary_cache_is_ignored(repo: Repository, tmp_path: Path) -> None:
    repo.create(small_meeting())
    path = tmp_path / "summaries.json"
    (good,) = SummaryCache(repo, path).summaries()
    text = path.read_text(encoding="utf-8")
    for damaged in (
        text[:-7],
        text.replace('"items":3', '"items":"3"'),
        text.replace('"status":"utkast"', '"status":1'),
    ):
        path.write_text(damaged, encoding="utf-8")
        cache = SummaryCache(repo, path)
        assert cache.summaries() == [good] and cache.parsed == 1


def test_summaries_follow_the_cesam_version(repo: Repository, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo.create(small_meeting())
    path = tmp_path / "summaries.json"
    SummaryCache(repo, path).summaries()
    cache = SummaryCache(repo, path)
    cache.summaries()
    assert cache.parsed == 0
    monkeypatch.setattr(blobcache, "_VERSION", ["99.0"])
    cache = SummaryCache(repo, path)
    cache.summaries()
    assert cache.parsed == 1


def test_an_unwritable_cache_costs_only_time(repo: Repository, tmp_path: Path) -> None:
    repo.create(small_meeting())
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    cache = BlobCache("checks", path=blocker / "checks.json")  # its folder is a file
    cache.put("0" * 40, {"x": 1})
    cache.save()  # no exception
    assert BlobCache("checks", path=blocker / "checks.json").get("0" * 40) is None


def test_cesam_list_and_check_fill_the_shared_cache(repo: Repository, capsys: pytest.CaptureFixture[str]) -> None:
    from cesam_cli.main import main

    repo.create(small_meeting())
    assert main(["--repo", str(repo.root), "list"]) == 0
    assert "cesam/2023-09-05\tutkast\t3 punkter" in capsys.readouterr().out
    assert main(["--repo", str(repo.root), "check"]) == 0
    capsys.readouterr()
    folder = blobcache.cache_dir()
    assert (folder / "summaries.json").is_file() and (folder / "checks.json").is_file()
    # the TUI's list reads the same summaries: nothing left to parse
    cache = SummaryCache(repo)
    cache.summaries()
    assert cache.parsed == 0


def test_a_reading_command_leaves_gitpython_unimported(repo: Repository) -> None:
    """`cesam list`'s git calls in a new process: GitPython is not imported (its import is 54 ms)."""
    import subprocess
    import sys

    repo.create(small_meeting())
    code = (
        "import sys; from store.services.repository import Repository; from store.services.summary import SummaryCache;"
        f"r = Repository.open({str(repo.root)!r}); SummaryCache(r).summaries(); r.git.run('log', '-1');"
        "print('git' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False", out.stderr


@pytest.mark.parametrize(
    "argv",
    [["list"], ["show", "cesam/2023-09-05"], ["log", "cesam/2023-09-05"], ["search", "Rådhuset"], ["status"], ["diff"]],
)
def test_a_reading_cli_command_leaves_gitpython_unimported(repo: Repository, argv: list[str]) -> None:
    """The CLI as users run it (merge driver and textconv checked on every run): no GitPython once set up."""
    import subprocess
    import sys

    repo.create(small_meeting())
    code = (
        "import runpy, sys\n"
        f"sys.argv = ['cesam', '--repo', {str(repo.root)!r}, *{argv!r}]\n"
        "try:\n    runpy.run_module('cesam_cli.main', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print('gitpython' if 'git' in sys.modules else 'plain', file=sys.stderr)\n"
    )
    for _ in range(2):  # the first run of a clone may write git config (GitPython); the next must not
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stderr.strip().splitlines()[-1] == "plain", out.stderr


def test_validation_skips_the_surrogate_walk_only_for_text_without_one() -> None:
    """The fast path of reading: a meeting parsed from text with no surrogate holds none."""
    from conftest import small_config

    from store.core.validate import validate

    meeting = small_meeting()
    meeting.place = "Rum \ud800"  # as a broken paste would leave it, never as a file could
    assert any("surrogate" in p.message for p in validate(meeting, small_config()))
    assert any("surrogate" in p.message for p in validate(meeting, small_config(), parsed_from='place = "\ud800"'))
    meeting.place = "Rådhuset"
    assert not any("surrogate" in p.message for p in validate(meeting, small_config(), parsed_from="place = 'x'"))


def test_the_version_in_the_cache_key_is_the_released_one() -> None:
    import tomllib

    import store

    pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
    assert store.__version__ == tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
    assert blobcache.cesam_version().startswith(store.__version__ + "+")
