"""What every benchmark shares: timing by median, ratios, the ten-years repository."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@dataclass
class Figure:
    name: str
    ours_ms: float
    baseline_ms: float | None
    baseline: str
    target: str
    unit: str = "ms"

    @property
    def ratio(self) -> float | None:
        if not self.baseline_ms:
            return None
        return self.ours_ms / self.baseline_ms


def median_ms(fn: Callable[[], object], runs: int = 7, warmup: int = 1) -> float:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def git(cwd: Path, *args: str, check: bool = True) -> str:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0"}
    out = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env, check=check)
    return out.stdout


def ten_years(fresh: bool = False, groups: int = 8, years: int = 10) -> Path:
    """The generated repository, made once and reused (it is deterministic)."""
    from bench.generate import generate

    path = OUT / f"ten-years-{groups}x{years}"
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
