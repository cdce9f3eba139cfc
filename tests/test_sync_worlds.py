"""Scripted worlds: a bare remote, a secretary on cesam, a representative on plain git without cesam on PATH.

Every scenario asserts that each edit's unique token is in the final tree,
or that the run stopped with a conflict a person can see (markers in the
file, or cesam's conflict listing); never that a file silently holds one side.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import small_config
from test_sync import MEETING, git, meeting, set_text

from cesam_cli.main import main as cesam
from store.core.errors import ExitCode
from store.core.model import Meeting, Status
from store.services.gitsetup import driver_command, textconv_command
from store.services.repository import Repository, init_repository
from store.services.sync import SyncAction, sync
from store.services.sync_dropped import DroppedStop, OnDropped

MOVED = "/nonexistent/cesam-venv/bin/python"


class PlainWorld:
    """A shared bare remote, the secretary's cesam clone, and a representative's plain git clone."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.remote = tmp / "remote.git"
        git(tmp, "init", "-q", "--bare", "-b", "main", str(self.remote))
        self.secretary = init_repository(tmp / "sekreterare", small_config())
        self.secretary.create(meeting())
        git(self.secretary.root, "remote", "add", "origin", str(self.remote))
        assert sync(self.secretary).action == SyncAction.PUSHED
        self.rep = tmp / "representant"
        git(tmp, "clone", "-q", str(self.remote), str(self.rep))
        git(self.rep, "config", "user.name", "Rita Representant")
        git(self.rep, "config", "user.email", "rita@example.se")

    def edit(self, old: str, new: str, where: Path | None = None) -> None:
        path = (where or self.rep) / MEETING
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in the file"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def plain(self, *args: str) -> subprocess.CompletedProcess[str]:
        """git in the representative's clone with no cesam anywhere on PATH."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_DIR")}
        env["PATH"] = "/usr/bin:/bin"
        return subprocess.run(["git", *args], cwd=self.rep, capture_output=True, text=True, env=env, check=False)

    def rep_text(self) -> str:
        return (self.rep / MEETING).read_text(encoding="utf-8")


def assert_kept_or_visible(world: PlainWorld, tokens: list[str], proc: subprocess.CompletedProcess[str]) -> None:
    """Each token is in the tree, or git stopped and the file shows markers holding the tokens."""
    text = world.rep_text()
    if proc.returncode == 0:
        for token in tokens:
            assert token in text, f"{token!r} lost:\n{text}"
        assert "<<<<<<<" not in text
        return
    assert "<<<<<<<" in text or all(t in text for t in tokens), f"one-sided file:\n{text}"
    for token in tokens:
        assert token in text, f"{token!r} not visible in the conflicted file:\n{text}"


@pytest.fixture
def pw(tmp_path: Path) -> PlainWorld:
    return PlainWorld(tmp_path)


def _both_edit_different_fields(pw: PlainWorld) -> list[str]:
    pw.secretary.apply("2023-09-05", lambda m: set_text(m, "SEKRETERARE-TOKEN"))
    sync(pw.secretary)
    pw.edit('answer = "Bra."', 'answer = "REPRESENTANT-TOKEN"')
    git(pw.rep, "commit", "-qam", "svar")
    return ["SEKRETERARE-TOKEN", "REPRESENTANT-TOKEN"]


def _both_edit_the_same_field(pw: PlainWorld) -> list[str]:
    pw.secretary.apply("2023-09-05", lambda m: set_text(m, "SEKRETERARE-SAMMA"))
    sync(pw.secretary)
    pw.edit('text = "Hur går det?"', 'text = "REPRESENTANT-SAMMA"')
    git(pw.rep, "commit", "-qam", "fråga")
    return ["SEKRETERARE-SAMMA", "REPRESENTANT-SAMMA"]


# ------------------------------------------------------------------ the driver's command line


def test_any_cesam_run_repairs_a_bare_cesam_driver_to_this_installation(pw: PlainWorld) -> None:
    git(pw.rep, "config", "merge.cesam.driver", "cesam merge-driver %O %A %B %P")  # as older cesam wrote it
    assert cesam(["--repo", str(pw.rep), "status"]) in (0, ExitCode.PROBLEMS)
    assert git(pw.rep, "config", "merge.cesam.driver") == driver_command()
    assert sys.executable in driver_command() or str(Path(sys.executable).absolute()) in driver_command()
    assert git(pw.rep, "config", "diff.cesam.textconv") == textconv_command()


def test_a_moved_installation_is_repaired_and_another_working_one_kept(pw: PlainWorld, tmp_path: Path) -> None:
    repo = Repository.open(pw.rep)
    git(pw.rep, "config", "merge.cesam.driver", driver_command(MOVED))
    assert cesam(["--repo", str(pw.rep), "setup-git"]) == 0
    assert git(pw.rep, "config", "merge.cesam.driver") == driver_command()
    other = tmp_path / "other-python"
    other.write_text("#!/bin/sh\n", encoding="utf-8")
    git(pw.rep, "config", "merge.cesam.driver", driver_command(str(other)))
    assert cesam(["--repo", str(repo.root), "setup-git"]) == 0
    assert git(pw.rep, "config", "merge.cesam.driver") == driver_command(str(other))


@pytest.mark.parametrize("pull", [["pull", "--no-rebase", "--no-edit"], ["pull", "--rebase"]], ids=["merge", "rebase"])
def test_plain_pull_with_the_driver_registered_merges_field_by_field(pw: PlainWorld, pull: list[str]) -> None:
    cesam(["--repo", str(pw.rep), "setup-git"])
    tokens = _both_edit_different_fields(pw)
    proc = pw.plain(*pull)
    assert proc.returncode == 0, proc.stderr
    assert_kept_or_visible(pw, tokens, proc)


@pytest.mark.parametrize("pull", [["pull", "--no-rebase", "--no-edit"], ["pull", "--rebase"]], ids=["merge", "rebase"])
@pytest.mark.parametrize("driver", ["bare", "moved", "none"])
@pytest.mark.parametrize("edits", [_both_edit_different_fields, _both_edit_the_same_field], ids=["near", "same"])
def test_plain_pull_with_the_driver_missing_never_keeps_one_side(
    pw: PlainWorld, pull: list[str], driver: str, edits: object
) -> None:
    if driver == "bare":
        # the issue's representative: an older cesam wrote the bare word, then cesam ran once by its path
        git(pw.rep, "config", "merge.cesam.driver", "cesam merge-driver %O %A %B %P")
        cesam(["--repo", str(pw.rep), "list"])
    elif driver == "moved":  # the installation that registered it was moved or removed since
        git(pw.rep, "config", "merge.cesam.driver", driver_command(MOVED))
    # "none": a clone that never ran cesam; git merges the lines itself
    tokens = edits(pw)  # type: ignore[operator]
    proc = pw.plain(*pull)
    assert_kept_or_visible(pw, tokens, proc)
    if proc.returncode:
        # what a person then does with plain git keeps both sides too
        pw.plain("add", MEETING)
        done = pw.plain("-c", "core.editor=true", "rebase", "--continue") if "--rebase" in pull else None
        if done is None:
            pw.plain("commit", "-qm", "merge")
        final = git(pw.rep, "show", f"HEAD:{MEETING}")
        for token in tokens:
            assert token in final


def test_the_moved_driver_falls_back_to_markers_and_says_so(pw: PlainWorld) -> None:
    git(pw.rep, "config", "merge.cesam.driver", driver_command(MOVED))
    _both_edit_the_same_field(pw)
    proc = pw.plain("pull", "--no-rebase", "--no-edit")
    assert proc.returncode != 0
    assert "cesam merge-driver could not run" in proc.stderr + proc.stdout
    text = pw.rep_text()
    assert "<<<<<<< mine\n" in text and ">>>>>>> theirs\n" in text


def test_rebase_markers_name_the_representatives_commit_mine(pw: PlainWorld) -> None:
    cesam(["--repo", str(pw.rep), "setup-git"])
    _both_edit_the_same_field(pw)
    proc = pw.plain("pull", "--rebase")
    assert proc.returncode != 0
    text = pw.rep_text()
    mine = text[text.index("=======") : text.index(">>>>>>> mine")]
    assert "REPRESENTANT-SAMMA" in mine, text
    theirs = text[text.index("<<<<<<< theirs") : text.index("=======")]
    assert "SEKRETERARE-SAMMA" in theirs
    assert "din egen commit" in proc.stderr or "your own commit" in proc.stderr


def test_plain_git_diff_shows_the_meeting_in_words(pw: PlainWorld) -> None:
    cesam(["--repo", str(pw.rep), "setup-git"])
    pw.edit('title = "Digitalisering"', 'title = "Digitalisering och AI"')
    diff = pw.plain("diff").stdout
    assert "+§ " in diff and "Digitalisering och AI" in diff and 'title = "' not in diff
    git(pw.rep, "commit", "-qam", "rubrik")
    log = pw.plain("log", "-p", "-1").stdout
    assert "Digitalisering och AI" in log and 'title = "' not in log
    # without the setup (a clone that never ran cesam), git shows the TOML lines
    git(pw.rep, "config", "--unset", "diff.cesam.textconv")
    assert 'title = "Digitalisering och AI"' in pw.plain("log", "-p", "-1").stdout


def test_cesams_own_raw_diffs_stay_toml_with_the_textconv_set_up(pw: PlainWorld) -> None:
    cesam(["--repo", str(pw.rep), "setup-git"])
    pw.edit('title = "Digitalisering"', 'title = "Digitalisering och AI"')
    git(pw.rep, "commit", "-qam", "rubrik")
    raw = subprocess.run(
        [sys.executable, "-m", "cesam_cli.main", "--repo", str(pw.rep), "diff", "2023-09-05", "--raw"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    assert '+title = "Digitalisering och AI"' in raw


def test_the_plain_git_driver_keeps_the_justering_wall(pw: PlainWorld) -> None:
    cesam(["--repo", str(pw.rep), "setup-git"])
    pw.secretary.apply("2023-09-05", lambda m: setattr(m, "status", Status.HELD))
    sync(pw.secretary)
    pw.plain("pull", "-q")
    pw.edit('answer = "Bra."', 'answer = "RÄTTELSE-TOKEN"')
    git(pw.rep, "commit", "-qam", "rättelse")

    def adjust(m: Meeting) -> None:
        m.status, m.adjusted_on = Status.ADJUSTED, dt.date(2023, 9, 20)

    pw.secretary.apply("2023-09-05", adjust, allow_frozen=True)
    sync(pw.secretary)
    proc = pw.plain("pull", "--no-rebase", "--no-edit")
    assert proc.returncode != 0
    assert "justerat på ena sidan, ändrat på den andra" in proc.stderr
    text = pw.rep_text()
    assert "<<<<<<< mine" in text and 'status = "justerad"' in text and "RÄTTELSE-TOKEN" in text


def test_the_issues_world_a_one_sided_plain_merge_is_caught_by_the_secretarys_sync(pw: PlainWorld) -> None:
    """The representative's clone still has an old bare-word driver and never runs cesam again:
    plain `git pull` keeps one side, `git add` + commit + push undo the secretary's edit. Her next
    sync stops and says so, and --restore-dropped puts the edit back."""
    git(pw.rep, "config", "merge.cesam.driver", "cesam merge-driver %O %A %B %P")
    tokens = _both_edit_different_fields(pw)
    proc = pw.plain("pull", "--no-rebase", "--no-edit")
    assert proc.returncode != 0 and "<<<<<<<" not in pw.rep_text()  # what git does with a missing driver
    pw.plain("add", MEETING)
    pw.plain("commit", "-qm", "Merge")
    assert pw.plain("push", "-q").returncode == 0
    with pytest.raises(DroppedStop) as info:
        sync(pw.secretary)
    assert "SEKRETERARE-TOKEN" in str(info.value)
    sync(pw.secretary, on_dropped=OnDropped.RESTORE)
    final = git(pw.remote, "show", f"main:{MEETING}")
    for token in tokens:
        assert token in final
