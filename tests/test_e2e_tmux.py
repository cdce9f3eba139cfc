"""The installed ``cesam`` in tmux, driven as a person would: open a meeting, change a statement, quit.

Then git, not the app, says whether the commit is there. Needs tmux and the
project installed in the running interpreter's environment (``pip install -e .``).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from store.services.demo import create_demo

pytestmark = pytest.mark.e2e

CESAM = Path(sys.executable).parent / "cesam"


def _skip_reason() -> str | None:
    if shutil.which("tmux") is None:
        return "tmux is not installed"
    if not CESAM.exists():
        return f"the cesam command is not installed next to {sys.executable} (pip install -e .)"
    return None


class Tmux:
    def __init__(self, socket: str) -> None:
        self.socket = socket

    def run(self, *args: str) -> str:
        out = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False)
        return out.stdout

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "cesam")

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", "cesam", *keys)

    def text(self, text: str) -> None:
        self.run("send-keys", "-t", "cesam", "-l", text)

    def wait_for(self, check: Callable[[], bool], what: str, limit: float = 60.0) -> None:
        # a generous ceiling so a slow machine is not a failure; nothing here measures speed
        end = time.monotonic() + limit
        while time.monotonic() < end:
            if check():
                return
            time.sleep(0.2)
        raise AssertionError(f"gave up waiting for {what}; the screen shows:\n{self.screen()}")

    def wait_text(self, text: str) -> None:
        self.wait_for(lambda: text in self.screen(), repr(text))

    def settle(self, quiet: float = 0.6, limit: float = 30.0) -> None:
        """Wait until the screen stops changing: a screen is drawn before its focus is set,
        and keys sent in between would go to the wrong widget on a loaded machine."""
        deadline = time.monotonic() + limit
        last, since = self.screen(), time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.1)
            now = self.screen()
            if now != last:
                last, since = now, time.monotonic()
            elif time.monotonic() - since >= quiet:
                return


def start(tmp_path: Path, repo_root: Path, editor: str = "", status_file: Path | None = None) -> Tmux:
    tmux = Tmux(f"cesam-e2e-{os.getpid()}")
    # the installed entry point, importing the code of this tree (the venv may point elsewhere)
    root = Path(__file__).resolve().parents[1]
    env = [f"PYTHONPATH={root}"] + ([f"EDITOR={editor}"] if editor else [])
    command = shlex.join(["env", *env, str(CESAM), "--repo", str(repo_root)])
    if status_file is not None:
        # the exit status: an exception that ended the app (Textual's traceback) is exit 1
        command = f"{command}; echo $? > {shlex.quote(str(status_file))}"
        command = shlex.join(["sh", "-c", command])
    tmux.run("new-session", "-d", "-s", "cesam", "-x", "80", "-y", "24", command)
    tmux.wait_text("Möten")
    tmux.wait_text("2023-09-05")
    tmux.settle()  # the list is redrawn when the justering marks arrive from a worker
    tmux.text("2023-09-05")
    tmux.wait_for(lambda: "▊  2023-09-05" in tmux.screen(), "the filter")
    tmux.settle()
    tmux.keys("Enter")  # one meeting left: enter opens it
    tmux.wait_text("Dagordning")
    tmux.settle()
    return tmux


@pytest.mark.skipif(_skip_reason() is not None, reason=_skip_reason() or "")
def test_change_a_statement_in_tmux(tmp_path: Path) -> None:
    repo = create_demo(tmp_path / "demo")
    before = repo.git.run("rev-list", "--count", "HEAD")
    tmux = start(tmp_path, repo.root)
    try:
        tmux.text("jjjj")
        tmux.wait_text("§ 4 a Digitaliseringsprogrammet")
        tmux.text("s")
        tmux.wait_text("Yttranden – § 4 a")
        tmux.text("j")
        tmux.keys("Enter")
        tmux.wait_text("Arbetsgivarens svar")
        # the dialog starts in the text; what is typed must show before it is confirmed
        tmux.text("Ändrat i tmux: ")
        tmux.wait_text("Ändrat i tmux: anser")
        tmux.keys("C-s")
        tmux.wait_text("Sparat")
        tmux.keys("C-q")
        tmux.wait_for(lambda: "cesam" not in tmux.run("list-sessions"), "cesam to quit")
    finally:
        tmux.run("kill-server")
    assert repo.git.run("rev-list", "--count", "HEAD") == str(int(before) + 1)
    subject = repo.git.run("log", "-1", "--format=%s")
    assert subject == "CESAM 2023-09-05 § 4 a: Vision – synpunkt ändrad"
    author = repo.git.run("log", "-1", "--format=%an <%ae>")
    assert author == "Sara Sekreterare <sara@example.se>"
    statement = repo.load("cesam/2023-09-05").meeting.item("digitaliseringsprogrammet").statement("vision-malbild")
    assert statement.text.startswith("Ändrat i tmux: ")
    assert repo.state().clean


@pytest.mark.skipif(_skip_reason() is not None, reason=_skip_reason() or "")
def test_edit_the_body_in_the_editor(tmp_path: Path) -> None:
    repo = create_demo(tmp_path / "demo")
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\nsed -i "1s/^/Från editorn: /" "$1"\n', encoding="utf-8")
    editor.chmod(0o755)
    before = repo.git.run("rev-list", "--count", "HEAD")
    tmux = start(tmp_path, repo.root, editor=str(editor))
    try:
        tmux.text("jjjj")
        tmux.wait_text("§ 4 a Digitaliseringsprogrammet")
        tmux.keys("Enter")
        tmux.wait_text("Föredragande")
        tmux.settle()
        for _ in range(5):  # title → kind → raised by → purpose → presenters → the text
            tmux.keys("Tab")
            tmux.settle(quiet=0.3)
        tmux.keys("C-o")
        tmux.wait_text("Sparat")
        tmux.keys("C-q")
        tmux.wait_for(lambda: "cesam" not in tmux.run("list-sessions"), "cesam to quit")
    finally:
        tmux.run("kill-server")
    assert repo.git.run("rev-list", "--count", "HEAD") == str(int(before) + 1)
    assert repo.git.run("log", "-1", "--format=%s") == "CESAM 2023-09-05 § 4 a: text ändrad"
    body = repo.load("cesam/2023-09-05").meeting.item("digitaliseringsprogrammet").body
    assert body.startswith("Från editorn: Information lämnades")


@pytest.mark.skipif(_skip_reason() is not None, reason=_skip_reason() or "")
def test_search_from_a_meeting_open_a_hit_twice_and_quit(tmp_path: Path) -> None:
    """Issue 17: ctrl+f inside a meeting, a hit opened, twice; then ctrl+q ends the app with exit 0."""
    repo = create_demo(tmp_path / "demo")
    status = tmp_path / "exit-status"
    tmux = start(tmp_path, repo.root, status_file=status)
    try:
        for _ in range(2):
            tmux.keys("C-f")
            # the search screen's own title: "Sök" alone is also the meeting footer's ctrl+f label,
            # and keys sent before the search screen is up would go to the meeting
            tmux.wait_text("Sök i alla möten")
            tmux.settle()
            tmux.keys("C-u")
            tmux.text("Kommunal")
            tmux.wait_text("Kommunal")
            tmux.keys("Enter")
            tmux.wait_text("träff")
            tmux.settle()
            tmux.keys("Enter")  # the first hit: its item, over its meeting
            # the item screen scrolls to the hit, so its first label may be out of view: any of its
            # labels, and the meeting's agenda no longer on screen
            tmux.wait_for(
                lambda: (
                    any(label in tmux.screen() for label in ("Rubrik", "Föredragande", "Syfte"))
                    and "Dagordning" not in tmux.screen()
                ),
                "the hit's item",
            )
            tmux.settle()
            tmux.keys("Escape")
            tmux.wait_text("Dagordning")
            tmux.settle()
        tmux.keys("C-q")
        tmux.wait_for(lambda: status.exists() and status.read_text().strip() != "", "cesam to quit")
    finally:
        tmux.run("kill-server")
    assert status.read_text().strip() == "0"
