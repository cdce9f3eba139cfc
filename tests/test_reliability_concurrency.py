"""Concurrency: two cesam processes write to one repository at the same time.

Each makes a hundred edits (500 with CESAM_STRESS=1) to the same meeting: a
statement of its own, and the same shared field. Every edit must be
committed, none lost or overwritten (apply() loads the meeting under the
lock), and history must stay linear. A writer that finds the lock taken
waits for it, or says who holds it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import small_meeting

from cesam_cli.main import main
from store.core.errors import RepoStateError
from store.services.repository import Repository

WORKER = Path(__file__).with_name("reliability_worker.py")
EDITS = 500 if os.environ.get("CESAM_STRESS") else 100


def _worker(*args: str, **kwargs: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WORKER), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,  # type: ignore[call-overload]
    )


def test_two_processes_edit_one_meeting(repo: Repository, capsys: pytest.CaptureFixture[str]) -> None:
    repo.create(small_meeting())
    before = int(repo.git.run("rev-list", "--count", "HEAD"))
    writers = {name: _worker("edits", str(repo.root), name, str(EDITS)) for name in ("a", "b")}
    commits: dict[str, list[str]] = {}
    for name, proc in writers.items():
        out, err = proc.communicate()
        assert proc.returncode == 0, err
        commits[name] = [line.split()[1] for line in out.splitlines()[1:]]
        assert len(commits[name]) == EDITS

    log = repo.git.run("log", "--format=%H %P|%s").splitlines()
    assert len(log) == before + 2 * EDITS, "one commit per edit, nothing more, nothing less"
    subjects = []
    for line in log:
        ids, subject = line.split("|", 1)
        assert len(ids.split()) <= 2, "history is linear: one parent each"
        subjects.append(subject)
    for name in writers:
        mine = [s for s in reversed(subjects) if s.startswith(f"{name} ")]
        assert mine == [f"{name} {n}" for n in range(EDITS)], "each writer's edits, all, in its order"
        assert set(commits[name]) <= {line.split()[0] for line in log}

    meeting = repo.load("2023-09-05").meeting
    item = meeting.item("koncern")
    ids = {s.id for s in item.statements}
    assert ids == {f"{name}-{n}" for name in writers for n in range(EDITS)}, "no statement lost"
    last = subjects[0].split()
    assert item.purpose == f"last written by {last[0]} edit {last[1]}", "the shared field holds the last commit's value"
    assert repo.state().clean
    with capsys.disabled():
        print(f"\nconcurrency: {2 * EDITS} edits by 2 processes, {2 * EDITS} commits, 0 lost")


def test_lock_taken_says_who_holds_it_then_waits(
    repo: Repository, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.create(small_meeting())
    holder = _worker("hold", str(repo.root), stdin=subprocess.PIPE)
    assert holder.stdin and holder.stdout
    try:
        assert holder.stdout.readline() == "held\n"
        monkeypatch.setenv("CESAM_LOCK_TIMEOUT", "0.2")
        with pytest.raises(RepoStateError) as info:
            Repository(repo.root).apply("2023-09-05", lambda m: setattr(m, "place", "Rum 1"))
        assert f"pid {holder.pid} on " in str(info.value)
        assert "busy" in str(info.value)

        code = main(["--repo", str(repo.root), "new", "--date", "2023-10-03"])
        assert code == 4
        assert f"pid {holder.pid} on " in capsys.readouterr().err

        monkeypatch.setenv("CESAM_LOCK_TIMEOUT", "120")
        waiter = _worker("edits", str(repo.root), "w", "1")
        assert waiter.stdout
        assert waiter.stdout.readline() == "trying\n"
        assert waiter.poll() is None, "a writer cannot finish while another holds the lock"
        holder.stdin.write("go\n")
        holder.stdin.flush()
        _out, err = waiter.communicate()
        assert waiter.returncode == 0, err
        assert repo.git.run("log", "-1", "--format=%s") == "w 0"
    finally:
        if holder.poll() is None:
            holder.stdin.close()
            holder.wait()
    assert not (repo.git_dir / "cesam.lock.info").exists(), "the holder's note goes with the lock"


def test_lock_is_reentrant_within_one_repository_object(repo: Repository) -> None:
    repo.create(small_meeting())
    with repo.lock(timeout=0.2):
        result = repo.apply("2023-09-05", lambda m: setattr(m, "place", "Rum 2"))
    assert result.commit
