"""cesam import: one commit per protocol, a report, progress; bad files reported, the rest go on."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import git_log

from cesam_cli.main import main
from store.core.config import loads_config
from store.services.repository import Repository, init_repository

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import"


def _seeds() -> Path:
    for base in (ROOT.parent / "shared" / "seeds", ROOT.parent.parent / "shared" / "seeds"):
        if base.exists():
            return base
    pytest.skip("the seed protocols (shared/seeds) are not beside this checkout")


@pytest.fixture
def haninge(tmp_path: Path) -> Repository:
    config, _ = loads_config((ROOT / "store" / "demo_data" / "cesam.toml").read_text("utf-8"))
    return init_repository(tmp_path / "repo", config)


def test_import_seeds_commits_one_meeting_each(haninge: Repository, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    seeds = _seeds()
    files = []
    for date in ("2021-06-15", "2022-09-20", "2023-09-05"):
        target = tmp_path / f"cesam-{date}.txt"
        shutil.copy(seeds / f"cesam-{date}.txt", target)
        files.append(str(target))
    broken = tmp_path / "trasig.pdf"
    broken.write_bytes(b"%PDF-1.4 nothing here")
    code = main(["--repo", str(haninge.root), "import", files[0], str(broken), *files[1:]])
    out = capsys.readouterr().out
    assert code == 1  # one file failed, the others were imported
    assert "[2/4] trasig.pdf" in out and "kan inte importeras" in out
    assert "Känt igen:" in out and "Inte med i mötet:" in out
    log = git_log(haninge)
    assert log[:3] == [
        "CESAM 2023-09-05: importerat från cesam-2023-09-05.txt",
        "CESAM 2022-09-20: importerat från cesam-2022-09-20.txt",
        "CESAM 2021-06-15: importerat från cesam-2021-06-15.txt",
    ]
    repo = Repository.open(haninge.root)
    assert sorted(str(ref) for ref in repo.list_refs()) == ["cesam/2021-06-15", "cesam/2022-09-20", "cesam/2023-09-05"]
    assert len(repo.load("cesam/2023-09-05").meeting.items) == 14
    # importing again does not overwrite
    assert main(["--repo", str(haninge.root), "import", files[2]]) == 1
    assert "finns redan" in capsys.readouterr().out or len(git_log(haninge)) == len(log)
    assert len(git_log(haninge)) == len(log)


def test_dry_run_shows_toml_and_report_and_commits_nothing(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    config, _ = loads_config((FIXTURES / "cesam.toml").read_text("utf-8"))
    repo = init_repository(tmp_path / "repo", config)
    before = git_log(repo)
    code = main(
        [
            "--repo",
            str(repo.root),
            "import",
            "--dry-run",
            "--group",
            "apt-solrosen",
            str(FIXTURES / "apt-solrosen-2024-03-12.txt"),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert 'group = "apt-solrosen"' in out and "[[attendees]]" in out
    assert "provkörning, inget sparat" in out
    assert git_log(repo) == before


def test_date_option_is_for_one_file(haninge: Repository, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code = main(["--repo", str(haninge.root), "import", "--date", "2024-01-01", "a.txt", "b.txt"])
    assert code == 2
    assert "--date" in capsys.readouterr().err
