"""A program started in a pseudo-terminal, timed until its first screen shows a given text.

This is how a user meets a terminal app: a new process on a real terminal
(here a pty of 80x24), with Textual's own Linux driver, not a headless
test driver. The clock runs from the spawn until the marker appears in what
the program drew; its peak memory (VmHWM) is read a moment later, with the
screen up and its start-up work done, before it is asked to quit.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import time
from dataclasses import dataclass
from pathlib import Path

# CSI and OSC sequences, and the single-character escapes Textual writes
_ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


class NoScreen(RuntimeError):
    """The program ended, or never drew the marker, within the time allowed."""


@dataclass
class Start:
    seconds: float  # spawn to the marker on screen
    peak_rss_kb: int  # VmHWM a moment after that
    screen: str  # the text it drew (escapes removed), for a failure message
    cpu_seconds: float = 0.0  # CPU time all its threads had used when the marker showed (Linux)
    waiting_seconds: float = 0.0  # time its threads were ready to run but waited for a CPU (Linux)


def _schedstat(pid: int) -> tuple[float, float]:
    """(CPU time, run-queue wait) in seconds summed over the threads of ``pid``; zeros where unknown.

    The CPU time does not grow while other programs hold the machine, so it
    tells apart a slower program from a busier machine.
    """
    cpu = wait = 0
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            with contextlib.suppress(OSError, ValueError):
                fields = (task / "schedstat").read_text().split()
                cpu += int(fields[0])
                wait += int(fields[1])
    except OSError:
        pass
    return cpu / 1e9, wait / 1e9


def _peak_rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text(encoding="utf-8").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def first_screen(
    argv: list[str],
    marker: bytes | re.Pattern[bytes],
    *,
    cwd: Path,
    env: dict[str, str],
    size: tuple[int, int] = (80, 24),
    settle: float = 0.5,
    timeout: float = 60.0,
    quit_keys: bytes = b"\x11",
) -> Start:
    """Run ``argv`` on a new pty until ``marker`` shows; then its peak RSS, then quit it."""
    pattern = marker if isinstance(marker, re.Pattern) else re.compile(re.escape(marker))
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    env = {**env, "TERM": "xterm-256color", "COLUMNS": str(size[0]), "LINES": str(size[1])}
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env, start_new_session=True, close_fds=True
    )
    os.close(slave)
    seen = b""
    elapsed: float | None = None
    try:
        deadline = start + timeout
        while elapsed is None:
            left = deadline - time.perf_counter()
            if left <= 0:
                break
            ready, _, _ = select.select([master], [], [], min(left, 0.5))
            if not ready:
                if proc.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the program closed the terminal: it ended
                break
            if not chunk:
                break
            seen += chunk
            if pattern.search(_ESCAPES.sub(b"", seen)):
                elapsed = time.perf_counter() - start
                cpu, waiting = _schedstat(proc.pid)
        screen = _ESCAPES.sub(b"", seen).decode("utf-8", "replace")
        if elapsed is None:
            raise NoScreen(f"{argv[-1]!r}: no {pattern.pattern!r} on screen; it drew: {screen[-600:]!r}")
        # keep draining what it draws while it settles, so it never blocks on a full pty
        until = time.perf_counter() + settle
        while (left := until - time.perf_counter()) > 0:
            if select.select([master], [], [], left)[0]:
                with contextlib.suppress(OSError):
                    os.read(master, 65536)
        peak = _peak_rss_kb(proc.pid)
        return Start(elapsed, peak, screen, cpu, waiting)
    finally:
        _stop(proc, master, quit_keys)
        os.close(master)


def _stop(proc: subprocess.Popen[bytes], master: int, quit_keys: bytes) -> None:
    """Ask politely (the app's quit key), then SIGTERM, then SIGKILL; always reap it."""
    if proc.poll() is None:
        with contextlib.suppress(OSError):
            os.write(master, quit_keys)
        deadline = time.perf_counter() + 5
        while proc.poll() is None and time.perf_counter() < deadline:
            if select.select([master], [], [], 0.05)[0]:
                try:
                    os.read(master, 65536)
                except OSError:
                    break
    for sig in (signal.SIGTERM, signal.SIGKILL):
        if proc.poll() is not None:
            break
        with contextlib.suppress(ProcessLookupError):
            proc.send_signal(sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=3)
    proc.wait()
