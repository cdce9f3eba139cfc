"""Crash safety: a process saving meetings is killed with SIGKILL at random moments.

After every kill the repository is inspected as the user would find it, then
opened again ("the next start") and inspected once more:

* every save that returned is in git, on a linear history;
* every meeting file is the committed version or the one being saved, and parses;
* a temp file is never taken for a meeting; ``git fsck`` finds nothing wrong;
* the next start finishes the interrupted save or reports what it found;
  a stale ``index.lock`` is reported and never deleted by cesam.

200 kills by default; CESAM_STRESS=1 makes it 1000 (CESAM_KILLS=N sets any number,
CESAM_SEED=N repeats a run).
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from conftest import small_meeting
from reliability_worker import body

from cesam_cli.main import main
from store.core import codec
from store.core.errors import CesamError, RepoStateError
from store.services.recovery import TMP_MARK, journal_path, stale_temp_files
from store.services.repository import MeetingRef, Repository

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or sys.platform != "linux", reason="kills process groups")

WORKER = Path(__file__).with_name("reliability_worker.py")
STRESS = bool(os.environ.get("CESAM_STRESS"))
KILLS = int(os.environ.get("CESAM_KILLS", 1000 if STRESS else 200))
MAIN_FILE = "meetings/cesam/2023/2023-09-05.toml"
MAX_DELAY = 0.2  # a save takes some tens of milliseconds: the kill lands anywhere in the first few


def _wait_gone(pgid: int) -> None:
    """Until no process of the killed group is left (git's included)."""
    for _ in range(30000):  # a guard against hanging, not a timing assertion
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.001)
    raise AssertionError(f"process group {pgid} did not die")


def _returned(log: Path) -> list[tuple[int, str]]:
    if not log.exists():
        return []
    out = []
    for line in log.read_text().splitlines():
        assert not line.startswith("ERROR"), f"a save failed instead of being killed: {line}"
        index, commit = line.split()
        out.append((int(index), commit))
    return out


def _git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, check=True, env={**os.environ, "LC_ALL": "C"}
    ).stdout


def _changed_files(root: Path) -> list[str]:
    out = _git(root, "status", "--porcelain=v1", "-z", "--untracked-files=all")
    return [entry[3:] for entry in out.split("\0") if entry]


def _inspect(root: Path, saved: dict[int, str], stats: Counter[str], *, after_recovery: bool) -> None:
    history: set[str] = set()
    subjects: set[str] = set()
    for line in _git(root, "log", "--format=%H %P|%s").splitlines():
        ids, subject = line.split("|", 1)
        commit, *parents = ids.split()
        assert len(parents) <= 1, "history must stay linear"
        history.add(commit)
        subjects.add(subject)
    for index, commit in saved.items():
        assert commit in history, f"save {index} returned {commit} but it is not in HEAD's history"
        assert f"save {index}" in subjects

    changed = [p for p in _changed_files(root) if not p.startswith(".git")]
    temps = [p for p in changed if TMP_MARK in p]
    meetings = [p for p in changed if TMP_MARK not in p]
    if after_recovery:
        assert not changed, f"the next start left {changed}"
    else:
        if temps:
            stats["temp file left by the kill"] += 1
        assert len(meetings) <= 1, f"more than the file being saved differs from git: {meetings}"
    for relpath in meetings:
        # the one file being saved: the new version, whole, and parseable
        meeting, _ = codec.loads((root / relpath).read_text(encoding="utf-8"))
        text = meeting.items[-1].body if relpath != MAIN_FILE else meeting.item("koncern").body
        index = int(text.split()[1])
        assert text == body(index), "a meeting file is neither the committed nor the new version"
        assert index not in saved, "a save that returned left its file uncommitted"
        stats["file written, commit not made"] += 1

    repo = Repository(root)
    refs = repo.list_refs()
    assert all(TMP_MARK not in ref.relpath for ref in refs)
    tracked = {MeetingRef.from_relpath(p) for p in _git(root, "ls-files", "--", "meetings").split()}
    untracked_new = {MeetingRef.from_relpath(p) for p in meetings} - tracked
    assert set(refs) == tracked | untracked_new, "a temp file or stray file was taken for a meeting"


def _lock_name(lock: Path) -> str:
    return re.sub(r"\d+", "PID", lock.name)


def _recover(root: Path, stats: Counter[str]) -> None:
    """The next start, as the user would meet it."""
    for _ in range(3):
        repo = Repository(root)
        try:
            notes = repo.recover()
        except RepoStateError as exc:
            # read after the refusal: a lock a commit does not need (the commit-graph's) becomes
            # blocking once it is STALE_AFTER old, which may happen between a read before and the refusal
            locks = [lock for lock in repo.git_locks() if str(lock) in str(exc)]
            assert locks, str(exc)
            for lock in locks:
                assert lock.exists(), "cesam must never delete git's lock files"
                assert str(lock) in str(exc), "the message names each lock file"
                stats[f"stale {_lock_name(lock)} reported (removed by the user)"] += 1
                lock.unlink()  # what the message tells the user to do
            continue
        for note in notes:
            if note.startswith("an interrupted save was completed"):
                stats["interrupted save completed at next start"] += 1
            elif "was not made" in note:
                stats["interrupted save had not reached the file"] += 1
            elif note.startswith("removed temp files"):
                stats["temp files removed at next start"] += 1
            else:
                stats["other: " + note[:60]] += 1
        assert not journal_path(repo).exists()
        assert not stale_temp_files(repo)
        assert repo.state().clean, repo.state()
        return
    raise AssertionError("recovery did not settle")


def test_sigkill_while_saving(repo: Repository, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = repo.root
    repo.create(small_meeting())
    seed = int(os.environ.get("CESAM_SEED", "0")) or random.randrange(1 << 30)
    rng = random.Random(seed)
    zygote = subprocess.Popen(
        [sys.executable, str(WORKER), "zygote"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=root,
    )
    assert zygote.stdin and zygote.stdout
    stats: Counter[str] = Counter()
    saved: dict[int, str] = {}
    first = 0
    try:
        for kill in range(KILLS):
            log = tmp_path / f"log-{kill}"
            zygote.stdin.write(f"RUN {root} {first} {log}\n")
            zygote.stdin.flush()
            pid = int(zygote.stdout.readline())
            time.sleep(rng.uniform(0, MAX_DELAY))
            try:
                os.killpg(pid, signal.SIGKILL)
            except ProcessLookupError:  # it stopped on its own: only an error does that
                assert "ERROR" in (log.read_text() if log.exists() else ""), "the saver vanished"
            _wait_gone(pid)
            returned = _returned(log)
            saved.update(returned)
            stats["saves returned"] += len(returned)
            # the save in flight (index last+1) may have committed without returning; never reuse its number
            first = (returned[-1][0] if returned else first - 1) + 2
            for lock in Repository(root).git_locks():
                stats[f"{_lock_name(lock)} left by the kill"] += 1
            _inspect(root, saved, stats, after_recovery=False)
            _recover(root, stats)
            _inspect(root, saved, stats, after_recovery=True)
            if kill % 50 == 49 or kill == KILLS - 1:
                fsck = subprocess.run(["git", "fsck", "--strict", "--no-dangling"], cwd=root, capture_output=True)
                assert fsck.returncode == 0, fsck.stderr.decode()
                assert main(["--repo", str(root), "check"]) == 0
                capsys.readouterr()
            stats["kills survived"] += 1
    except (AssertionError, CesamError):
        print(f"seed {seed}, kill {kill}, stats {dict(stats)}", file=sys.stderr)
        raise
    finally:
        zygote.stdin.close()
        zygote.wait()
    with capsys.disabled():
        print(f"\ncrash safety (seed {seed}):")
        for key, value in sorted(stats.items()):
            print(f"  {key}: {value}")
    assert stats["kills survived"] == KILLS
