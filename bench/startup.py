"""Start-up of cesam's UI next to a bare Textual app showing a DataTable, in the same run.

Each sample is a fresh Python process (imports included), timed by this
parent from spawn until the child reports its first screen with data on it:
for cesam the navigator listing the meetings, for the bare app a DataTable
with rows. Both are driven the same way (``App.run_test``, headless, 80x24).
The runs alternate, so machine load hits both alike; medians are reported.

    python bench/startup.py [REPO] [--runs 7]

Without REPO the demo repository is made in a temporary folder. The summary
cache is measured cold (a fresh cache folder: every meeting parsed) and warm.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD_CESAM = """
import asyncio, sys
sys.path.insert(0, {root!r})
from store.repository import Repository
from cesam_tui.app import CesamApp

async def main():
    app = CesamApp(Repository.open({repo!r}), watch_interval=None)
    async with app.run_test(size=(80, 24)) as pilot:
        while not app.summaries:
            await pilot.pause(0.005)
        await pilot.pause()
        print("ready", len(app.summaries), flush=True)

asyncio.run(main())
"""

CHILD_BARE = """
import asyncio
from textual.app import App
from textual.widgets import DataTable

class Bare(App):
    def compose(self):
        yield DataTable()

    def on_mount(self):
        table = self.query_one(DataTable)
        table.add_columns("date", "status", "items")
        for n in range(3):
            table.add_row(f"2023-09-0{{n}}", "hållen", str(n))

async def main():
    app = Bare()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        print("ready", app.query_one(DataTable).row_count, flush=True)

asyncio.run(main())
"""


def sample(code: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    proc.wait()
    if not line.startswith("ready") or proc.returncode:
        raise SystemExit(f"child failed: {line!r}, exit {proc.returncode}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("repo", nargs="?", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        repo = args.repo
        if repo is None:
            sys.path.insert(0, str(ROOT))
            from store.demo import create_demo

            repo = create_demo(Path(tmp) / "demo").root
        meetings = sum(1 for _ in Path(repo).glob("meetings/*/*/*.toml"))
        cache = Path(tmp) / "cache"
        env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
        cesam_code = CHILD_CESAM.format(root=str(ROOT), repo=str(Path(repo).resolve()))
        sample(CHILD_BARE, env)  # warm the OS file cache for both
        cold = sample(cesam_code, env)
        cesam, bare = [], []
        for _ in range(args.runs):
            bare.append(sample(CHILD_BARE, env))
            cesam.append(sample(cesam_code, env))
    med_c, med_b = statistics.median(cesam), statistics.median(bare)
    print(f"repository: {repo} ({meetings} meetings), {args.runs} runs each, time to first screen")
    print(f"  bare Textual app with a DataTable: median {med_b * 1000:.0f} ms")
    print(f"  cesam navigator, warm cache:      median {med_c * 1000:.0f} ms")
    print(f"  cesam navigator, cold cache:      {cold * 1000:.0f} ms (one run, every meeting parsed)")
    print(f"  ratio cesam/bare (warm): {med_c / med_b:.2f}")


if __name__ == "__main__":
    main()
