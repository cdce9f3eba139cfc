"""What every benchmark shares: timing by median, ratios, the machine, the ten-years repository."""

from __future__ import annotations

import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# the commands run inside the repository, as a user does, with this checkout's code
CLI = [sys.executable, "-m", "cesam_cli.main"]


@dataclass
class Figure:
    """One measured figure: ours and its baseline from the same run, and the target it has to meet.

    A target is a ratio to the baseline (``max_ratio``), an absolute bound on
    ours (``max_ours``, in ``unit``), a bound on ours minus the baseline
    (``max_above``), or several of them; none means the figure is reported only.
    """

    name: str
    ours: float
    baseline: float | None
    baseline_name: str
    target: str = ""
    unit: str = "ms"
    max_ratio: float | None = None
    max_ours: float | None = None
    max_above: float | None = None
    runs: int = 0
    key: str = ""
    note: str = ""
    extra: dict[str, float] = field(default_factory=dict)
    cpu_ours: float | None = None  # CPU ms (this process and its children), where measured
    cpu_baseline: float | None = None

    def __post_init__(self) -> None:
        # medians from pair() carry their CPU medians along
        if self.cpu_ours is None and isinstance(self.ours, Ms):
            self.cpu_ours = self.ours.cpu
        if self.cpu_baseline is None and isinstance(self.baseline, Ms):
            self.cpu_baseline = self.baseline.cpu
        self.ours = float(self.ours)
        self.baseline = None if self.baseline is None else float(self.baseline)

    @property
    def ratio(self) -> float | None:
        if not self.baseline:
            return None
        return self.ours / self.baseline

    @property
    def cpu_ratio(self) -> float | None:
        if not self.cpu_baseline or self.cpu_ours is None:
            return None
        return self.cpu_ours / self.cpu_baseline

    @property
    def met(self) -> bool | None:
        """Decided on the CPU ratio where CPU was measured (load on a shared machine moves the
        wall clock of ours and the baseline differently; it barely moves CPU time), else on wall time."""
        checks: list[bool] = []
        deciding = self.cpu_ratio if self.cpu_ratio is not None else self.ratio
        if self.max_ratio is not None and deciding is not None:
            checks.append(deciding <= self.max_ratio)
        if self.max_ours is not None:
            # an absolute bound too is judged on CPU where measured: wall time here includes the
            # time spent waiting for one of two CPUs shared by several people's work
            checks.append((self.cpu_ours if self.cpu_ours is not None else self.ours) < self.max_ours)
        if self.max_above is not None and self.baseline is not None:
            checks.append(self.ours - self.baseline <= self.max_above)
        return all(checks) if checks else None

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["ours"] = round(self.ours, 1)
        data["baseline"] = None if self.baseline is None else round(self.baseline, 1)
        data["ratio"] = None if self.ratio is None else round(self.ratio, 2)
        data["cpu_ratio"] = None if self.cpu_ratio is None else round(self.cpu_ratio, 2)
        for key in ("cpu_ours", "cpu_baseline"):
            data[key] = None if data[key] is None else round(float(data[key]), 1)
        data["met"] = self.met
        data["extra"] = {k: round(v, 1) for k, v in self.extra.items()}
        return data


class Ms(float):
    """A median in milliseconds that also carries the CPU median (ms) of the same runs."""

    cpu: float

    def __new__(cls, wall: float, cpu: float) -> Ms:
        value = super().__new__(cls, wall)
        value.cpu = cpu
        return value


def cpu_now() -> float:
    """CPU seconds of this process and of its finished children (the git and cesam processes it ran)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


LAST_CPU: list[float] = [0.0]


def timed(fn: Callable[[], object]) -> float:
    """Seconds one call takes; its CPU seconds are left in LAST_CPU[0]."""
    cpu = cpu_now()
    start = time.perf_counter()
    fn()
    elapsed = time.perf_counter() - start
    LAST_CPU[0] = cpu_now() - cpu
    return elapsed


def pair(ours: Callable[[], object], base: Callable[[], object], runs: int, warmup: int = 1) -> tuple[Ms, Ms]:
    """Medians (ms) of ours and the baseline, run alternately after a warm-up of each.

    Alternating run by run means a burst of load on the shared machine hits
    both alike, so the ratio holds even when the absolute times move.
    """
    for _ in range(warmup):
        ours()
        base()
    a: list[tuple[float, float]] = []
    b: list[tuple[float, float]] = []

    def one(fn: Callable[[], object], into: list[tuple[float, float]]) -> None:
        into.append((timed(fn), LAST_CPU[0]))

    for n in range(runs):
        # and which one goes first alternates too, so neither always follows the other's cache misses
        if n % 2:
            one(base, b)
            one(ours, a)
        else:
            one(ours, a)
            one(base, b)
    return medians(a), medians(b)


def medians(samples: list[tuple[float, float]]) -> Ms:
    """(wall s, CPU s) samples → their medians in ms."""
    return Ms(statistics.median(w for w, _ in samples) * 1000, statistics.median(c for _, c in samples) * 1000)


def median_ms(fn: Callable[[], object], runs: int = 7, warmup: int = 1) -> float:
    for _ in range(warmup):
        fn()
    return statistics.median(timed(fn) for _ in range(runs)) * 1000


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None, check: bool = False) -> None:
    """A command as a new process, its output thrown away."""
    subprocess.run(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=check)


def cli_env() -> dict[str, str]:
    """The environment for `cesam` run as a process from this checkout."""
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def git(cwd: Path, *args: str, check: bool = True) -> str:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0"}
    out = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env, check=check)
    return out.stdout


@contextmanager
def isolated(tmp: Path) -> Iterator[None]:
    """A home of our own for the run: a git identity, no system config, empty caches.

    The caches (search index, parsed versions, summaries) start empty so that
    every run measures the same thing, and the user's own stay untouched.
    """
    home = tmp / "home"
    home.mkdir(parents=True, exist_ok=True)
    (home / ".gitconfig").write_text(
        "[user]\n\tname = Bench\n\temail = bench@example.se\n[init]\n\tdefaultBranch = main\n", encoding="utf-8"
    )
    values = {
        "HOME": str(home),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": str(home / ".gitconfig"),
        "XDG_CACHE_HOME": str(tmp / "cache"),
        "XDG_DATA_HOME": str(tmp / "data"),
        "XDG_CONFIG_HOME": str(tmp / "config"),
        "GIT_TERMINAL_PROMPT": "0",
    }
    saved = {key: os.environ.get(key) for key in [*values, "PYTHONDONTWRITEBYTECODE"]}
    os.environ.update(values)
    # an installed cesam runs from compiled bytecode: a start must not include compiling it
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def machine() -> dict[str, object]:
    """What the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        from importlib.metadata import version

        textual = version("textual")
    except Exception:
        textual = ""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "git": subprocess.run(["git", "--version"], capture_output=True, text=True).stdout.strip(),
        "textual": textual,
        "load_at_start": None if load is None else round(load, 2),
    }


def ten_years(fresh: bool = False, scale: int = 1, years: int = 10) -> Path:
    """The generated repository, made once and reused (it is deterministic).

    ``scale`` multiplies the groups: 1 is 8 groups (960 meetings), 10 is 80
    groups (9,600 meetings, about 103,000 commits).
    """
    from bench.generate import generate

    groups = 8 * scale
    path = OUT / f"ten-years-{groups}x{years}-v2"  # v2: tags, merges, spread dates, demo vocabulary
    if fresh and path.exists():
        shutil.rmtree(path)
    if not (path / "cesam.toml").exists():
        if path.exists():
            shutil.rmtree(path)
        generate(path, groups=groups, years=years)
        git(path, "commit-graph", "write", "--reachable", "--changed-paths")
    return path


def copy_repo(src: Path, dst: Path) -> Path:
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(src, dst, symlinks=True)
    return dst
