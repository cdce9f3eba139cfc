"""Repository states a user can be in: cesam says what is wrong and what to do.

Each state is made with real git and met through the CLI: a write command
exits with the documented code and a message naming the state and the way
out; reading commands keep working where they can; never a traceback.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from conftest import small_config, small_meeting

from cesam_cli.main import main
from store.core.config import dumps_config
from store.core.errors import ExitCode
from store.services.repository import GITATTRIBUTES, Repository


def _git(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=check)


def _run(capsys: pytest.CaptureFixture[str], root: Path, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--repo", str(root), *argv])
    out, err = capsys.readouterr()
    assert "internal error" not in err and "Traceback" not in err, err
    return code, out, err


def _new(capsys: pytest.CaptureFixture[str], root: Path) -> tuple[int, str]:
    code, _out, err = _run(capsys, root, "new", "--date", "2023-10-03")
    return code, err


def _conflict(repo: Repository) -> None:
    """Two branches change the same place of one meeting."""
    repo.create(small_meeting())
    root = repo.root
    _git(root, "switch", "-q", "-c", "other")
    repo.apply("2023-09-05", lambda m: setattr(m, "place", "Rum B"))
    _git(root, "switch", "-q", "main")
    repo.apply("2023-09-05", lambda m: setattr(m, "place", "Rum A"))


def test_rebase_in_progress(repo: Repository, capsys: pytest.CaptureFixture[str]) -> None:
    _conflict(repo)
    assert _git(repo.root, "rebase", "other", check=False).returncode != 0
    code, err = _new(capsys, repo.root)
    assert code == ExitCode.REPO_STATE
    assert "en git rebase pågår" in err  # the repository speaks Swedish
    assert "git rebase --continue" in err and "git rebase --abort" in err
    code, out, _ = _run(capsys, repo.root, "status")
    assert code == 1 and "git rebase" in out and "konflikt: meetings/cesam/2023/2023-09-05.toml" in out
    # the cesam merge driver may leave a readable file; git's text merge leaves markers
    code, _, err = _run(capsys, repo.root, "show", "2023-09-05")
    assert code == 0 or (code == ExitCode.INVALID and "merge-conflict marker" in err)


def test_merge_in_progress(repo: Repository, capsys: pytest.CaptureFixture[str]) -> None:
    _conflict(repo)
    assert _git(repo.root, "merge", "other", check=False).returncode != 0
    code, err = _new(capsys, repo.root)
    assert code == ExitCode.REPO_STATE
    assert "en git merge pågår" in err and "git merge --abort" in err
    code, out, _ = _run(capsys, repo.root, "check")
    assert code == 0 or (code == 1 and "merge-conflict marker" in out)


def test_unmerged_paths_without_a_merge(repo: Repository, capsys: pytest.CaptureFixture[str]) -> None:
    repo.create(small_meeting())
    path = repo.root / "meetings/cesam/2023/2023-09-05.toml"
    path.write_text(path.read_text().replace('title = "Koncernfrågor"', 'title = "Stash"'))
    _git(repo.root, "stash", "-q")
    repo.apply("2023-09-05", lambda m: setattr(m.item("koncern"), "title", "Ändrad"))
    assert _git(repo.root, "stash", "pop", check=False).returncode != 0  # conflicts, no MERGE_HEAD
    assert not (repo.git_dir / "MERGE_HEAD").exists()
    code, err = _new(capsys, repo.root)
    assert code == ExitCode.REPO_STATE
    assert "filer som inte är sammanslagna: meetings/cesam/2023/2023-09-05.toml" in err


@pytest.mark.parametrize("lock", ["index.lock", "HEAD.lock", "refs/heads/main.lock", "next-index-4711.lock"])
def test_stale_git_lock(repo: Repository, capsys: pytest.CaptureFixture[str], lock: str) -> None:
    repo.create(small_meeting())
    path = repo.git_dir / lock
    path.write_text("")
    code, err = _new(capsys, repo.root)
    assert code == ExitCode.REPO_STATE
    assert str(path) in err and "låst" in err and "ta bort den filen själv" in err
    assert path.exists(), "reported, never deleted"
    code, out, _ = _run(capsys, repo.root, "status")
    assert code == 1 and lock.split("/")[-1] in out
    assert _run(capsys, repo.root, "show", "2023-09-05")[0] == 0, "reading still works"
    path.unlink()
    assert _new(capsys, repo.root)[0] == 0


def test_detached_head(repo: Repository, capsys: pytest.CaptureFixture[str]) -> None:
    repo.create(small_meeting())
    repo.apply("2023-09-05", lambda m: setattr(m, "place", "Rum A"))
    _git(repo.root, "checkout", "-q", "--detach", "HEAD~1")
    code, err = _new(capsys, repo.root)
    assert code == ExitCode.REPO_STATE
    assert "HEAD är frikopplat" in err and "git switch" in err
    code, out, _ = _run(capsys, repo.root, "status")
    assert "frikopplat HEAD" in out
    assert _run(capsys, repo.root, "show", "2023-09-05")[0] == 0
    # the fast path after a save of our own must not miss it either
    _git(repo.root, "switch", "-q", "main")
    fresh = Repository(repo.root)
    fresh.apply("2023-09-05", lambda m: setattr(m, "place", "Rum B"))
    _git(repo.root, "checkout", "-q", "--detach")
    with pytest.raises(Exception, match="HEAD is detached"):
        fresh.apply("2023-09-05", lambda m: setattr(m, "place", "Rum C"))


def test_shallow_clone(repo: Repository, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    repo.create(small_meeting())
    repo.apply("2023-09-05", lambda m: setattr(m, "place", "Rum A"))
    clone = tmp_path / "shallow"
    _git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone))
    assert (clone / ".git" / "shallow").exists()
    code, out, _ = _run(capsys, clone, "status")
    assert "Grund klon" in out
    assert _run(capsys, clone, "list")[0] == 0
    assert _run(capsys, clone, "show", "2023-09-05")[0] == 0
    code, err = _new(capsys, clone)
    assert code == 0, err
    assert _git(clone, "log", "-1", "--format=%s").stdout.strip() == "CESAM 2023-10-03: möte tillagt"


def test_repository_without_commits(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "empty"
    root.mkdir()
    _git(root, "init", "-q", "-b", "main")
    (root / "cesam.toml").write_text(dumps_config(small_config()), encoding="utf-8")
    (root / ".gitattributes").write_text(GITATTRIBUTES, encoding="utf-8")
    assert _run(capsys, root, "list")[0] == 0
    assert _run(capsys, root, "check")[0] == 0
    code, out, _ = _run(capsys, root, "status")
    assert code == 1 and "ny, ej committad: cesam.toml" in out
    code, err = _new(capsys, root)
    assert code == 0, err
    assert _git(root, "log", "--format=%s").stdout.splitlines() == ["CESAM 2023-10-03: möte tillagt"]
    assert _git(root, "status", "--porcelain").stdout.splitlines() == ["?? .gitattributes", "?? cesam.toml"]
    code, err = _run(capsys, root, "commit-edits", "cesam.toml")[0], ""
    assert code == 0


def test_not_a_git_repository(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "plain"
    root.mkdir()
    (root / "cesam.toml").write_text(dumps_config(small_config()), encoding="utf-8")
    code, _, err = _run(capsys, root, "list")
    assert code == ExitCode.USAGE and "är inte ett git-förråd" in err and "git init" in err


def test_no_repository(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, tmp_path / "nowhere", "show", "2023-09-05")
    assert code == ExitCode.USAGE and "är inte ett cesam-förråd" in err and "cesam init" in err


def test_missing_identity_through_the_cli(
    repo: Repository, capsys: pytest.CaptureFixture[str], isolated_git: Path
) -> None:
    (isolated_git / ".gitconfig").write_text("[init]\n\tdefaultBranch = main\n")
    code, err = _new(capsys, repo.root)
    assert code == ExitCode.GIT and "git config --global user.name" in err
    assert "git vet inte vem du är" in err and "does not know" not in err, "in the reader's language"
    assert repo.state().clean, "a refused save leaves nothing behind"


def test_worktree_repository(repo: Repository, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    repo.create(small_meeting())
    wt = tmp_path / "wt"
    _git(repo.root, "worktree", "add", "-q", "-b", "annan", str(wt))
    assert (wt / ".git").is_file()
    assert _new(capsys, wt)[0] == 0
    (Repository(wt).git_dir / "index.lock").write_text("")
    code, err = _new(capsys, wt)
    assert code == ExitCode.REPO_STATE and "index.lock" in err
    assert dt.date(2023, 10, 3).isoformat() in _git(wt, "log", "-1", "--format=%s").stdout
