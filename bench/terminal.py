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
import statistics
import struct
import subprocess
import sys
import termios
import time
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import CLI, ROOT, Figure, cli_env

# CSI and OSC sequences, and the single-character escapes Textual writes
_ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


class NoScreen(RuntimeError):
    """The program ended, or never drew the marker, within the time allowed."""


@dataclass
class Start:
    seconds: float  # spawn to the marker on screen
    peak_rss_kb: int  # VmHWM a moment after that
    screen: str  # the text it drew (escapes removed), for a failure message


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
        return Start(elapsed, peak, screen)
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


def newest_date(repo_root: Path) -> str:
    """The date of the newest meeting of the first group: the navigator lists it first."""
    import tomllib

    config = tomllib.loads((repo_root / "cesam.toml").read_text(encoding="utf-8"))
    group = config["groups"][0]["id"]
    files = sorted((repo_root / "meetings" / group).glob("*/*.toml"))
    return files[-1].stem


def tui_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("cesam_tui.app") is not None


def measure(repo_root: Path, work: Path, runs: int = 7) -> list[Figure]:
    """Start of `cesam` to its navigator, and its peak memory, against the bare app; same samples."""
    marker = newest_date(repo_root).encode()
    meetings = sum(1 for _ in repo_root.glob("meetings/*/*/*.toml"))
    bare = [sys.executable, str(ROOT / "bench" / "bare_app.py"), "3"]
    env = cli_env()

    def cesam(environ: dict[str, str] = env) -> Start:
        return first_screen(CLI, marker, cwd=repo_root, env=environ)

    def baseline() -> Start:
        return first_screen(bare, b"2023-09-03", cwd=repo_root, env=env)

    # the first start ever: nothing in the cache folder yet (every meeting parsed once)
    cold = cesam({**env, "XDG_CACHE_HOME": str(work / "start-cold-cache")})
    baseline()  # warm-up of both: the OS file cache
    cesam()
    ours, base = [], []
    for n in range(runs):
        if n % 2:
            base.append(baseline())
            ours.append(cesam())
        else:
            ours.append(cesam())
            base.append(baseline())
    start = Figure(
        "start to the navigator (a process in a pty)",
        statistics.median(s.seconds for s in ours) * 1000,
        statistics.median(s.seconds for s in base) * 1000,
        "bare Textual app with a DataTable",
        "≤ 1.5×",
        max_ratio=1.5,
        runs=runs,
        key="start",
        note=f"`cesam` in the repository, {meetings} meetings, summaries cached",
        extra={"first_start_empty_cache_ms": cold.seconds * 1000},
    )
    memory = Figure(
        "peak memory, navigator open",
        statistics.median(s.peak_rss_kb for s in ours) / 1024,
        statistics.median(s.peak_rss_kb for s in base) / 1024,
        "bare Textual app with a DataTable",
        "≤ +100 MB",
        unit="MB",
        max_above=100.0,
        runs=runs,
        key="memory",
        note="VmHWM half a second after the first screen",
        extra={"first_start_empty_cache_mb": cold.peak_rss_kb / 1024},
    )
    return [start, memory]
