"""Test isolation: every test gets its own HOME and git identity, real git, no mocks."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Property tests check what holds, never how fast: a shared CI machine under load is no reason to fail
settings.register_profile("cesam", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("cesam")

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from store.core.config import Config, Group, Organisation, StandingItem, Union  # noqa: E402
from store.core.model import Item, ItemKind, Meeting  # noqa: E402
from store.services.repository import Repository, init_repository  # noqa: E402


@pytest.fixture(autouse=True)
def isolated_git(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    monkeypatch.setenv("GIT_TERMINAL_PROMPT", "0")
    monkeypatch.delenv("CESAM_REPO", raising=False)
    monkeypatch.delenv("GIT_DIR", raising=False)
    monkeypatch.delenv("GIT_WORK_TREE", raising=False)
    for key in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"):
        monkeypatch.delenv(key, raising=False)
    (home / ".gitconfig").write_text(
        "[user]\n\tname = Sara Sekreterare\n\temail = sara@example.se\n[init]\n\tdefaultBranch = main\n"
        "[commit]\n\tgpgsign = false\n[tag]\n\tgpgsign = false\n",
        encoding="utf-8",
    )
    os.environ.pop("EDITOR", None)
    return home


def small_config() -> Config:
    return Config(
        organisation=Organisation("Testkommun"),
        groups=[
            Group(
                "cesam",
                "Centrala samverkansgruppen",
                "CESAM",
                standing_items=[
                    StandingItem("Val av justerare", ItemKind.ADJUSTERS),
                    StandingItem("Övriga frågor", ItemKind.OTHER_BUSINESS),
                ],
            )
        ],
        unions=[Union("Kommunal"), Union("Vision"), Union("SACO", aliases=["Saco"])],
    )


def small_meeting(date: dt.date = dt.date(2023, 9, 5)) -> Meeting:
    return Meeting(
        group="cesam",
        date=date,
        items=[
            Item(id="val", title="Val av justerare", kind=ItemKind.ADJUSTERS),
            Item(id="koncern", title="Koncernfrågor"),
            Item(id="digital", title="Digitalisering", parent="koncern"),
        ],
    )


@pytest.fixture
def repo(tmp_path: Path) -> Repository:
    return init_repository(tmp_path / "repo", small_config())


@pytest.fixture
def demo_repo(tmp_path: Path) -> Repository:
    from store.services.demo import create_demo

    return create_demo(tmp_path / "demo")


def git_log(repo: Repository, *args: str) -> list[str]:
    out = repo.git.run("log", "--format=%s", *args)
    return out.splitlines() if out else []
