"""`cesam status` reads the working tree under the repository lock.

A save writes the meeting file, then commits it. Read without the lock, the
moment between the two looked like an uncommitted hand edit ("ändrad, ej
committad"). Status now waits for the writer (briefly, as sync's ready check
does) and never names a save in flight.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import small_meeting

from cesam_cli.main import main
from store.services.repository import Repository

CESAM = Path(sys.executable).parent / "cesam"
WORKER = Path(__file__).with_name("reliability_worker.py")
MEETING_FILE = "meetings/cesam/2023/2023-09-05.toml"
SAVES = 60


def test_status_waits_for_a_save_between_its_write_and_its_commit(repo: Repository) -> None:
    repo.create(small_meeting())
    saver = subprocess.Popen(
        [sys.executable, str(WORKER), "midsave", str(repo.root)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert saver.stdin is not None and saver.stdout is not None
    assert saver.stdout.readline().strip() == "written"
    assert "Rum i flykten" in (repo.root / MEETING_FILE).read_text(encoding="utf-8")
    assert MEETING_FILE in Repository.open(repo.root).state().modified  # what a lock-free read saw
    status = subprocess.Popen(
        [str(CESAM), "--repo", str(repo.root), "status"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    waiting = repo.git_dir / "cesam.lock.waiting"
    while status.poll() is None and not waiting.exists():
        time.sleep(0.01)  # until status waits for the lock (or, before the fix, has already answered)
    saver.stdin.write("\n")
    saver.stdin.flush()
    _, save_err = saver.communicate()
    assert saver.returncode == 0, save_err
    out, err = status.communicate()
    assert MEETING_FILE not in out, out
    assert "Inget ocommittat." in out, out + err
    assert status.returncode == 0, out + err


def test_status_racing_saves_never_shows_the_file_as_modified(
    repo: Repository, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.create(small_meeting())
    saver = subprocess.Popen(
        [sys.executable, str(WORKER), "edits", str(repo.root), "api", str(SAVES)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert saver.stdout is not None
    assert saver.stdout.readline().strip() == "trying"
    runs = 0
    seen: list[str] = []
    while saver.poll() is None or runs < 3:
        runs += 1
        capsys.readouterr()
        main(["--repo", str(repo.root), "status"])
        out = capsys.readouterr().out
        seen += [line for line in out.splitlines() if MEETING_FILE in line or "upptaget" in line]
    _, err = saver.communicate()
    assert saver.returncode == 0, err
    print(f"{runs} status runs against {SAVES} saves")
    assert not seen, f"{len(seen)} of {runs} status runs named a save in flight: {seen[:3]}"


def test_status_held_off_too_long_reads_anyway_and_says_who_writes(repo: Repository) -> None:
    repo.create(small_meeting())
    holder = subprocess.Popen(
        [sys.executable, str(WORKER), "hold", str(repo.root)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdin is not None and holder.stdout is not None
    try:
        assert holder.stdout.readline().strip() == "held"
        done = subprocess.run(
            [str(CESAM), "--repo", str(repo.root), "status"],
            capture_output=True,
            text=True,
            env={**os.environ, "CESAM_LOCK_TIMEOUT": "0.2"},
            check=False,
        )
    finally:
        holder.stdin.write("\n")
        holder.stdin.close()
        holder.wait()
    assert "Arkivet var upptaget" in done.stdout and f"pid {holder.pid}" in done.stdout, done
    assert "Inget ocommittat." in done.stdout  # what it read anyway
    assert "Traceback" not in done.stderr
