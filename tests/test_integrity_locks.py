"""Issue 14: every git lock file is reported like index.lock (exit 4, named, never deleted).

A stale ``commit-graph-chain.lock`` was never reported and stopped the graph
from updating forever; `commit-edits` with a stale lock exited 5 with git's
raw text on stdout and left the file staged.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import small_meeting

from cesam_cli.main import main
from store.core.errors import ExitCode, RepoStateError
from store.gitio import repostate
from store.gitio.repostate import STALE_AFTER
from store.services.history import GRAPH_EVERY, has_commit_graph, note_commit, update_commit_graph
from store.services.repository import Repository

MEETING = "meetings/cesam/2023/2023-09-05.toml"

LOCKS = [
    "index.lock",
    "HEAD.lock",
    "ORIG_HEAD.lock",
    "next-index-4242.lock",
    "packed-refs.lock",
    "config.lock",
    "shallow.lock",
    "refs/heads/main.lock",
    "refs/tags/justerad.lock",
    "refs/remotes/origin/main.lock",
    "objects/info/commit-graph.lock",
    "objects/info/commit-graphs/commit-graph-chain.lock",
]


def _make(repo: Repository, name: str, *, age: float = 3600) -> Path:
    """A lock file as a killed git leaves it: ``age`` seconds old."""
    path = repo.git_dir / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("", encoding="utf-8")
    then = time.time() - age
    os.utime(path, (then, then))
    return path


@pytest.fixture
def later(monkeypatch: pytest.MonkeyPatch) -> Callable[[float], None]:
    """Moves on the clock cesam reads git's locks by: a lock made now is then ``seconds`` old.

    The honest way to age a lock: its mtime stays the moment git made it, as
    for a lock a killed git left, and the walks of refs/ happened when they did.
    """

    def move(seconds: float) -> None:
        monkeypatch.setattr(repostate, "_clock", lambda: time.time() + seconds)

    return move


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("name", LOCKS)
def test_a_save_names_every_git_lock_and_leaves_it(
    repo: Repository, capsys: pytest.CaptureFixture[str], later: Callable[[float], None], name: str
) -> None:
    repo.create(small_meeting())
    lock = _make(repo, name, age=0)  # a git killed just after this save
    later(3600)  # the next save, an hour later
    head = repo.head_id()
    code, _out, err = _run(capsys, "--repo", str(repo.root), "new", "--date", "2024-01-10")
    assert code == ExitCode.REPO_STATE, err
    assert str(lock) in err and "cesam tar aldrig bort" in err
    assert lock.exists(), "never deleted"
    assert repo.head_id() == head
    assert repo.state().locks == [str(lock)]
    with pytest.raises(RepoStateError) as caught:
        repo.recover()
    assert str(lock) in str(caught.value)


@pytest.mark.parametrize(
    "name", ["index.lock", "refs/heads/main.lock", "objects/info/commit-graphs/commit-graph-chain.lock"]
)
def test_commit_edits_with_a_stale_lock_exits_4_and_stages_nothing(
    repo: Repository, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    repo.create(small_meeting())
    path = repo.root / MEETING
    path.write_text(path.read_text(encoding="utf-8").replace('group = "cesam"', 'group = "cesam"\nplace = "Rum 1"'))
    lock = _make(repo, name)
    code, out, err = _run(capsys, "--repo", str(repo.root), "commit-edits")
    assert code == ExitCode.REPO_STATE, err
    assert out == "", "an error is not printed to stdout"
    assert str(lock) in err and "fatal:" not in err
    assert lock.exists()
    lock.unlink()
    assert repo.git.run("diff", "--cached", "--name-only") == "", "nothing staged"
    # and with the lock gone, the same command commits the edit
    code, out, err = _run(capsys, "--repo", str(repo.root), "commit-edits")
    assert code == 0, err
    assert repo.load("cesam/2023-09-05").meeting.place == "Rum 1"
    assert repo.state().clean


def test_commit_edits_commits_the_bytes_it_validated(repo: Repository) -> None:
    """A file changed again after validation is not committed unvalidated (the commit reads no file)."""
    from store.services import staging

    repo.create(small_meeting())
    path = repo.root / MEETING
    good = path.read_text(encoding="utf-8").replace('group = "cesam"', 'group = "cesam"\nplace = "Rum 1"')
    path.write_text(good, encoding="utf-8")
    real = staging.commit_exact

    def editor_saves_in_between(repo_: Repository, relpath: str, data: bytes, message: str) -> str:
        path.write_text("this is not TOML [", encoding="utf-8")  # the editor saves again meanwhile
        return real(repo_, relpath, data, message)

    staging_commit = pytest.MonkeyPatch()
    staging_commit.setattr(staging, "commit_exact", editor_saves_in_between)
    try:
        repo.commit_working_file(MEETING)
    finally:
        staging_commit.undo()
    assert repo.git.run("show", f"HEAD:{MEETING}") + "\n" == good
    assert MEETING in repo.state().modified, "the later edit is left for the user, uncommitted"


def test_a_stale_commit_graph_lock_is_reported_by_the_graph_update(repo: Repository) -> None:
    repo.create(small_meeting())
    update_commit_graph(repo)
    assert has_commit_graph(repo)
    lock = _make(repo, "objects/info/commit-graphs/commit-graph-chain.lock")
    repo.notes.clear()
    assert note_commit(repo, every=1) is False
    assert any(str(lock) in note and "remove it yourself" in note for note in repo.notes), repo.notes
    assert lock.exists()
    lock.unlink()
    repo.notes.clear()
    assert note_commit(repo, every=1) is True and not repo.notes
    assert GRAPH_EVERY >= 1


@pytest.mark.parametrize("name", ["refs/remotes/origin/main.lock", "FETCH_HEAD.lock", "objects/info/commit-graph.lock"])
def test_a_lock_held_by_a_running_git_that_a_commit_does_not_need_does_not_stop_a_save(
    repo: Repository, later: Callable[[float], None], name: str
) -> None:
    """A `git fetch` in another terminal holds refs/remotes/… for a moment: a save then still works."""
    repo.create(small_meeting())
    lock = _make(repo, name, age=0)
    assert repo.apply("cesam/2023-09-05", lambda m: setattr(m, "place", "Rum 2")).changed
    assert lock.exists()
    assert str(lock) not in repo.state().locks
    # left behind (older than STALE_AFTER), it is reported like any other
    later(STALE_AFTER + 1)
    with pytest.raises(RepoStateError) as caught:
        repo.apply("cesam/2023-09-05", lambda m: setattr(m, "place", "Rum 3"))
    assert str(lock) in str(caught.value)


@pytest.mark.parametrize("name", ["refs/tags/justering/cesam/2023-09-05/anna.lock", "refs/remotes/origin/main.lock"])
def test_a_ref_lock_left_between_two_saves_is_reported_once_stale(
    repo: Repository, later: Callable[[float], None], name: str
) -> None:
    """Issue 18: refs/ outside refs/heads is walked once per STALE_AFTER, not on every save.

    The path that could lose a lock: the walk is made by a save, a git is killed
    right after it, and the next saves come within STALE_AFTER of that walk and
    after it. Each save must still see the lock once it is stale.
    """
    repo.create(small_meeting())
    assert repo.apply("cesam/2023-09-05", lambda m: setattr(m, "place", "Rum 1")).changed  # walks refs/
    lock = _make(repo, name, age=0)  # a git killed just after that walk
    assert repo.apply("cesam/2023-09-05", lambda m: setattr(m, "place", "Rum 2")).changed  # young: no matter
    for seconds in (STALE_AFTER / 2, STALE_AFTER - 0.5):
        later(seconds)
        assert repo.apply("cesam/2023-09-05", lambda m, s=seconds: setattr(m, "place", f"Rum {s}")).changed
    later(STALE_AFTER)
    with pytest.raises(RepoStateError) as caught:
        repo.apply("cesam/2023-09-05", lambda m: setattr(m, "place", "Rum 3"))
    assert str(lock) in str(caught.value)
    assert lock.exists()
    lock.unlink()
    assert repo.apply("cesam/2023-09-05", lambda m: setattr(m, "place", "Rum 4")).changed


def test_a_lock_the_walk_saw_young_is_reported_when_it_turns_stale_before_the_next_walk(
    repo: Repository, later: Callable[[float], None]
) -> None:
    repo.create(small_meeting())  # walks refs/ now
    lock = _make(repo, "refs/tags/justerad.lock", age=-0.6 * STALE_AFTER)  # made by a git a little later
    later(STALE_AFTER)  # the next save walks again, and sees it young
    assert repo.apply("cesam/2023-09-05", lambda m: setattr(m, "place", "Rum 2")).changed
    later(1.7 * STALE_AFTER)  # stale now, and that walk is younger than STALE_AFTER
    with pytest.raises(RepoStateError) as caught:
        repo.apply("cesam/2023-09-05", lambda m: setattr(m, "place", "Rum 3"))
    assert str(lock) in str(caught.value)


def test_a_lock_dated_back_from_outside_is_reported_within_stale_after(
    repo: Repository, later: Callable[[float], None]
) -> None:
    """A lock whose mtime was set in the past (a copy that keeps times) waits at most for the next walk."""
    repo.create(small_meeting())
    lock = _make(repo, "refs/tags/justerad.lock", age=3600)
    later(STALE_AFTER)
    with pytest.raises(RepoStateError) as caught:
        repo.apply("cesam/2023-09-05", lambda m: setattr(m, "place", "Rum 3"))
    assert str(lock) in str(caught.value)


def test_a_lock_a_commit_needs_stops_a_save_at_any_age(repo: Repository) -> None:
    repo.create(small_meeting())
    lock = _make(repo, "refs/heads/main.lock", age=0)
    with pytest.raises(RepoStateError):
        repo.apply("cesam/2023-09-05", lambda m: setattr(m, "place", "Rum 2"))
    assert lock.exists()


def test_the_ref_lock_walk_reads_again_every_folder_that_changed(tmp_path: Path) -> None:
    """Issue 18: refs/ is walked reading only changed folders; it must find what rglob finds, every time."""
    import random

    from store.gitio import repostate

    refs = tmp_path / "refs"
    folders = [
        refs / "tags" / "justering" / f"g{g}" / f"2023-0{d}-01" / f"p{p}"
        for g in range(3)
        for d in range(1, 4)
        for p in range(3)
    ]
    for folder in folders:
        folder.mkdir(parents=True)
        (folder / "tag-abc").write_text("x\n")
    rng = random.Random(18)
    for step in range(60):
        folder = rng.choice(folders)
        lock = folder / f"tag-{rng.randrange(3)}.lock"
        if lock.exists():
            lock.unlink()
        else:
            lock.write_text("")  # in a folder read a moment ago: the same clock tick must not hide it
        if step % 7 == 0:
            os.utime(folder, ns=(1, 1))  # a folder whose mtime went back: read again, never trusted
        assert repostate._locks_below(refs) == sorted(refs.rglob("*.lock"))
