"""The scripted session's memory by phase, this tree against another (main) in the same run, runs alternating.

    python bench/session_memory.py --repo CLONE --other ../main-worktree [--runs 3]

The session is bench/cold.py's (the TUI's list with its justering marks, a common-word
search, one meeting's history, ``verify``): the verification twice, as the TUI and
``cesam verify`` run it (``cached``: verifycache.verify_all) and as ``--no-cache`` does (``walk``,
which cold.py's session runs), each run a new process of each tree's code.
Each tree gets its own copy of the clone and its own cache folder (the verify cache lives
in .git and is keyed by the code, so two trees sharing one would verify everything again
each time); one unmeasured session per tree builds the caches first.

Per phase, the growth of the peak: VmHWM at its end minus VmRSS at its start, the peak
being reset at the start (``/proc/self/clear_refs``), so a phase's figure is its own.
``start`` is the app up to a full list with its marks; ``peak`` the session's VmHWM.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(HERE))

from bench.cold import CHILD_BARE, RSS, ready_child  # noqa: E402  (the baseline: a bare Textual app with a table)

PHASES = ("start", "search", "history", "cached", "walk", "peak")

CHILD = """
import asyncio, sys
sys.path.insert(0, {root!r})
from store.services.repository import Repository
from cesam_tui.app import CesamApp

{rss}
def reset():
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")  # the peak (VmHWM) starts again from the RSS now

async def main():
    repo = Repository.open({repo!r})
    app = CesamApp(repo, watch_interval=None)
    async with app.run_test(size=(80, 24)) as pilot:
        while len(app.summaries) < {meetings} or app.justering is None or not app.justering:
            await pilot.pause(0.02)
        await pilot.pause(1.0)
        start = rss("VmHWM")
        whole = start
        from store.services import history, justering, search, verifycache
        grew = []
        def phase(run):
            nonlocal whole
            reset()
            before = rss("VmRSS")
            run()
            peak = rss("VmHWM")
            whole = max(whole, peak)
            grew.append(peak - before)
        def searching():
            found = search.search(repo, {word!r})
            found.page(0, 100)
            found.page(found.total - 100, found.total)
        phase(searching)
        phase(lambda: history.history(repo, app.summaries[len(app.summaries) // 2].ref))
        phase(lambda: verifycache.verify_all(repo))  # what the TUI and `cesam verify` run
        phase(lambda: justering.verify(repo))  # the walk of every history (`cesam verify --no-cache`)
        print("ready", start, *grew, whole, flush=True)

asyncio.run(main())
"""


def child(root: Path, repo: Path, cache: Path, meetings: int, word: str) -> list[int]:
    code = CHILD.format(root=str(root), repo=str(repo), meetings=meetings, word=word, rss=RSS)
    return [int(v) for v in ready_child(code, {**os.environ, "XDG_CACHE_HOME": str(cache)})]


def bare() -> int:
    out = subprocess.run(
        [sys.executable, "-c", CHILD_BARE.format(root=str(HERE), rss=RSS)], capture_output=True, text=True, timeout=600
    )
    return int(out.stdout.split()[-2])  # its VmHWM


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repo", type=Path, required=True, help="a clone (copied per tree, never written to)")
    parser.add_argument("--other", type=Path, required=True, help="the tree to compare with (e.g. a worktree of main)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--word", default="arbetsmiljö")
    parser.add_argument("--work", type=Path, help="where the copies and caches go (kept between runs)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="cesam-session-memory-"))
    trees = {"this": HERE, "other": args.other.resolve()}
    meetings = sum(1 for _ in args.repo.glob("meetings/*/*/*.toml"))
    copies = {}
    for name in trees:
        copies[name] = work / f"repo-{name}"
        if not copies[name].exists():
            shutil.copytree(args.repo, copies[name], symlinks=True)
        child(trees[name], copies[name], work / f"cache-{name}", meetings, args.word)  # the caches, for this code
    rows: dict[str, list[list[int]]] = {name: [] for name in trees}
    baseline: list[int] = []
    for _ in range(args.runs):
        for name, root in trees.items():
            rows[name].append(child(root, copies[name], work / f"cache-{name}", meetings, args.word))
        baseline.append(bare())
    print(f"{args.repo} ({meetings} meetings), MB, median of {args.runs}; start and peak are VmHWM, the rest growth")
    print(f"{'tree':<6}" + "".join(f"{p:>9}" for p in PHASES))
    for name, got in rows.items():
        print(f"{name:<6}" + "".join(f"{statistics.median(r[i] for r in got) / 1024:9.0f}" for i in range(len(PHASES))))
    print(f"bare Textual app with a table: peak {statistics.median(baseline) / 1024:.0f} MB")


if __name__ == "__main__":
    main()
