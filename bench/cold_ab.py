"""Fresh-clone figures of two checkouts of cesam, alternately in the same run: a before/after.

The cold figures of bench/cold.py (`cesam list`, `cesam check` and the TUI's
full list on a fresh clone with an empty cache folder), without the warm runs,
the baseline and the session, for two (or more) code trees: main in a detached
worktree against a branch. Each tree is run with ``PYTHONPATH`` set to it (and
the TUI child puts it first on ``sys.path``), ours and theirs alternating, a new
cache folder each time; CPU is the process and every child it waited for
(the parse workers). Report the ratio of the CPU medians.

    git worktree add --detach /tmp/main-tree main
    python bench/cold_ab.py --repo bench/out/ten-years-8x10-v2 --runs 3 /tmp/main-tree .

At 10k (``--repo`` the 9,600-meeting repository) one run of the three figures
for two trees takes about 7 minutes of wall time on a loaded 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.cold import CHILD_FULL_LIST, fresh_clone

FIGURES = ("list", "check", "tui")


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _tui(tree: Path, clone: Path, meetings: int, env: dict[str, str]) -> tuple[float, float]:
    """(CPU s, wall s) of a headless CesamApp until every meeting is listed, as the child measures it."""
    code = CHILD_FULL_LIST.format(root=str(tree), repo=str(clone), meetings=meetings)
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    listed: tuple[float, float] | None = None
    for line in proc.stdout:
        word, cpu, *_ = line.split()
        if word == "listed":
            listed = (float(cpu) / 1000, time.perf_counter() - start)
        if word == "ready":
            break
    proc.wait(timeout=3600)
    if listed is None:
        raise RuntimeError(f"the TUI child of {tree} ended early (exit {proc.returncode})")
    return listed


def _once(figure: str, tree: Path, clone: Path, meetings: int, cache: Path) -> tuple[float, float]:
    env = {**os.environ, "PYTHONPATH": str(tree), "XDG_CACHE_HOME": str(cache)}
    # the clone's own justering cache goes too: each run is a colleague's first start
    (clone / ".git" / "cesam-justering-cache.json").unlink(missing_ok=True)
    try:
        if figure == "tui":
            return _tui(tree, clone, meetings, env)
        cpu, start = _children_cpu(), time.perf_counter()
        command = [sys.executable, "-m", "cesam_cli.main", figure]
        subprocess.run(command, cwd=clone, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        return _children_cpu() - cpu, time.perf_counter() - start
    finally:
        shutil.rmtree(cache, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("trees", nargs="+", type=Path, help="code trees to compare, the baseline first")
    parser.add_argument("--repo", type=Path, required=True, help="the repository to clone (never written to)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", default=",".join(FIGURES), help="list,check,tui")
    args = parser.parse_args()
    figures = [f for f in args.only.split(",") if f]
    trees = [t.resolve() for t in args.trees]
    work = Path(tempfile.mkdtemp(prefix="cesam-cold-ab-"))
    clone = fresh_clone(args.repo.resolve(), work)
    meetings = sum(1 for _ in clone.glob("meetings/*/*/*.toml"))
    got: dict[tuple[Path, str], list[tuple[float, float]]] = {(t, f): [] for t in trees for f in figures}
    for n in range(args.runs):
        for t, tree in enumerate(trees if n % 2 == 0 else trees[::-1]):
            for figure in figures:
                got[tree, figure].append(_once(figure, tree, clone, meetings, work / f"cache-{n}-{t}-{figure}"))
        print(f"run {n + 1} of {args.runs} done, load average {os.getloadavg()[0]:.1f}", flush=True)
    for figure in figures:
        cpu = {tree: statistics.median(c for c, _ in got[tree, figure]) for tree in trees}
        for tree in trees:
            wall = statistics.median(w for _, w in got[tree, figure])
            runs = ", ".join(f"{c:.2f}" for c, _ in got[tree, figure])
            print(f"{figure:5} {tree}: CPU {cpu[tree]:.2f} s (runs {runs}), wall {wall:.1f} s")
        for tree in trees[1:]:
            print(f"{figure:5} CPU ratio {tree.name} / {trees[0].name}: {cpu[tree] / cpu[trees[0]]:.2f}")
    print(f"{meetings} meetings; load average at the end {os.getloadavg()[0]:.1f}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
