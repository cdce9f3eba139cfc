"""Issue 14: sync and resolve check what they read under the repository lock.

Sync refused with a false "uncommitted changes" while a save was in flight
(the file written, the commit not yet made); resolve applied choices made
on a conflict that another writer had settled meanwhile.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from test_sync import MEETING, World, set_text, world  # noqa: F401  (world is a fixture)

import store.services.sync as sync_module
from store.core.errors import RepoStateError
from store.core.merge import Take
from store.services.repository import Repository
from store.services.sync import SyncAction, SyncConflict, resolve, sync

ROOT = Path(__file__).resolve().parents[1]

# a save in flight: the lock held, the file written, the commit made only once sync waits for the lock
IN_FLIGHT = """
import sys, time
sys.path.insert(0, sys.argv[1])
from store.services.repository import Repository, atomic_write
repo = Repository.open(sys.argv[2])
with repo.lock():
    path = repo.root / sys.argv[3]
    atomic_write(path, path.read_text(encoding="utf-8").replace('place = "Stadshuset"', 'place = "Rådhuset"'))
    print("written", flush=True)
    waiting = repo.git_dir / "cesam.lock.waiting"
    deadline = time.monotonic() + 60  # a bound for a sync that never waits (it refused)
    while not waiting.exists() and time.monotonic() < deadline:
        time.sleep(0.005)
    repo.git.run("commit", "-q", "-m", "a save in flight", "--", sys.argv[3])
"""


def test_sync_waits_for_a_save_in_flight_instead_of_refusing(world: World) -> None:  # noqa: F811
    repo = world.secretary
    saver = subprocess.Popen(
        [sys.executable, "-c", IN_FLIGHT, str(ROOT), str(repo.root), MEETING],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert saver.stdout is not None
    assert saver.stdout.readline().strip() == "written"
    result = sync(repo)  # the file is written and not committed: sync must wait, not refuse
    _, err = saver.communicate()
    assert saver.returncode == 0, err
    assert result.action == SyncAction.PUSHED
    assert "Rådhuset" in world.remote_text()


def test_resolve_refuses_choices_made_on_a_conflict_settled_meanwhile(
    world: World,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    repo = world.secretary
    repo.apply("2023-09-05", lambda m: set_text(m, "Vår version"))
    world.edit('text = "Hur går det?"', 'text = "Deras version"')
    world.reviewer_commit()
    with pytest.raises(SyncConflict):
        sync(repo)
    real = sync_module.find_conflicts
    calls = 0
    settled: list[str] = []

    def another_writer_settles_it_first(repo_: Repository, lang: str | None = None) -> object:
        nonlocal calls
        calls += 1
        pending = real(repo_, lang)
        if calls == 1:  # after this resolve read the conflict, before it takes the lock
            monkeypatch.setattr(sync_module, "find_conflicts", real)
            settled.append(resolve(Repository.open(repo.root), {}, default=Take.THEIRS).commit or "")
            monkeypatch.setattr(sync_module, "find_conflicts", another_writer_settles_it_first)
        return pending

    monkeypatch.setattr(sync_module, "find_conflicts", another_writer_settles_it_first)
    with pytest.raises(RepoStateError, match=r"changed while you chose|ändrades medan du valde"):
        resolve(repo, {}, default=Take.MINE)
    assert [repo.git.run("rev-parse", "HEAD")] == settled, "nothing more was committed"
    assert repo.load("2023-09-05").meeting.item("koncern").statement("vision-1").text == "Deras version"
    assert repo.state().clean
