"""What a new colleague waits for, and what a whole session costs in memory.

- **Cold** (a fresh ``git clone``, an empty cache folder): `cesam list`,
  `cesam check` and the TUI's full list (headless, until every meeting is
  listed), each against a baseline that also reads every meeting file:
  ``grep -r '^status' meetings`` (one field of every file, what a list needs).
  Then the same commands again, **warm** (the cache the first run left).
- **Session memory**: one headless CesamApp process opens the list, waits for
  every meeting and the justering marks, then runs what a user does next in
  the same process (a search for a common word, one meeting's history,
  ``verify``); its peak RSS (VmHWM) at the end against a bare Textual app
  showing a table. The RSS after the list and after the first search are
  reported beside it.

    python bench/cold.py [--repo DIR] [--runs 3]
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

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import CLI, LAST_CPU, ROOT, Figure, Ms, cli_env, git, isolated, medians, run, ten_years, timed

COMMON_WORD = "arbetsmiljö"  # one of the demo's most frequent words: in most generated meetings

CHILD_FULL_LIST = """
import asyncio, os, resource, sys, time
sys.path.insert(0, {root!r})
from store.services.repository import Repository
from cesam_tui.app import CesamApp

def cpu_ms():
    # this process and every worker it has waited for (the parse workers of a fresh clone)
    mine, theirs = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return (mine.ru_utime + mine.ru_stime + theirs.ru_utime + theirs.ru_stime) * 1000

async def main():
    app = CesamApp(Repository.open({repo!r}), watch_interval=None)
    async with app.run_test(size=(80, 24)) as pilot:
        while len(app.summaries) < {meetings}:
            await pilot.pause(0.01)
        print("listed", cpu_ms(), flush=True)
        # then the justering marks, verified after the list is shown (every approved version once)
        while not app.justering:
            await pilot.pause(0.02)
        print("ready", cpu_ms(), len(app.summaries), flush=True)
        os._exit(0)  # the figures are taken; no need to wait for the app to wind down

asyncio.run(main())
"""

# the resident-set reading both memory children print (a field of /proc/self/status, in kB),
# put into their code by str.format
RSS = """
def rss(field):
    for line in open("/proc/self/status"):
        if line.startswith(field):
            return int(line.split()[1])
    return 0
"""

CHILD_SESSION = """
import asyncio, sys, time
sys.path.insert(0, {root!r})
from store.services.repository import Repository
from cesam_tui.app import CesamApp

{rss}
async def main():
    repo = Repository.open({repo!r})
    app = CesamApp(repo, watch_interval=None)
    async with app.run_test(size=(80, 24)) as pilot:
        while len(app.summaries) < {meetings} or app.justering is None or not app.justering:
            await pilot.pause(0.02)
        await pilot.pause(1.0)  # a stable point: the start-up workers are done
        listed = rss("VmRSS")
        from store.services import history, justering, search
        # as the search screen does: the count, the first screenful, then the last hit scrolled to
        found = search.search(repo, {word!r})
        found.page(0, 100)
        found.page(found.total - 100, found.total)
        await pilot.pause(1.0)
        searched = rss("VmRSS")
        ref = app.summaries[len(app.summaries) // 2].ref
        history.history(repo, ref)
        justering.verify(repo)
        await pilot.pause(0.5)
        print("ready", listed, searched, rss("VmRSS"), rss("VmHWM"), found.total, flush=True)

asyncio.run(main())
"""

CHILD_BARE = """
import asyncio, sys
sys.path.insert(0, {root!r})
from bench.bare_app import Bare

{rss}
async def main():
    app = Bare(3)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(1.0)
        print("ready", rss("VmRSS"), rss("VmRSS"), rss("VmRSS"), rss("VmHWM"), 0, flush=True)

asyncio.run(main())
"""


def ready_child(code: str, env: dict[str, str]) -> list[str]:
    """Run ``code`` in a new Python; the fields of its last line, which starts with "ready"."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=3600)
    line = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else ""
    if not line.startswith("ready") or out.returncode:
        raise RuntimeError(f"child failed ({out.returncode}): {out.stderr[-2000:]}")
    return line.split()[1:]


def fresh_clone(source: Path, work: Path) -> Path:
    """A clone as a colleague makes one: objects packed, no commit-graph, no cesam state in .git."""
    target = work / "fresh-clone"
    subprocess.run(["git", "clone", "-q", "--no-local", str(source), str(target)], check=True)
    return target


def _cold_pair(ours: list[str], base: list[str], clone: Path, work: Path, runs: int, name: str) -> tuple[Ms, Ms, Ms]:
    """Cold (each run a new empty cache folder) and warm medians of ``ours``; the baseline alternating."""
    env = cli_env()
    cold: list[tuple[float, float]] = []
    warm: list[tuple[float, float]] = []
    baseline: list[tuple[float, float]] = []
    for n in range(runs):
        cache = work / f"cache-{name}-{n}"
        environ = {**env, "XDG_CACHE_HOME": str(cache)}
        baseline.append((timed(lambda: run(base, clone)), LAST_CPU[0]))
        cold.append((timed(lambda environ=environ: run(ours, clone, environ)), LAST_CPU[0]))
        warm.append((timed(lambda environ=environ: run(ours, clone, environ)), LAST_CPU[0]))
    return medians(cold), medians(warm), medians(baseline)


def measure(source: Path, work: Path, runs: int = 3) -> list[Figure]:
    clone = fresh_clone(source, work)
    meetings = sum(1 for _ in clone.glob("meetings/*/*/*.toml"))
    grep = ["grep", "-r", "--include=*.toml", "^status", "meetings"]
    figures: list[Figure] = []
    absolute = 2000.0 if meetings < 2000 else 15000.0
    for command in ("list", "check"):
        cold, warm, base = _cold_pair([*CLI, command], grep, clone, work, runs, command)
        figures.append(
            Figure(
                f"`cesam {command}`, fresh clone, empty cache",
                cold,
                base,
                "grep -r '^status' meetings",
                f"< {absolute / 1000:.0f} s",
                max_ours=absolute,
                runs=runs,
                key=f"cold_{command}",
                note=f"{meetings} meetings",
            )
        )
        figures.append(
            Figure(
                f"`cesam {command}` again (cache filled)",
                warm,
                base,
                "grep -r '^status' meetings",
                "< 150 ms" if command == "list" else "–",
                max_ours=150.0 if command == "list" else None,
                runs=runs,
                key=f"warm_{command}",
            )
        )
    code = CHILD_FULL_LIST.format(root=str(ROOT), repo=str(clone), meetings=meetings)
    cold_tui: list[tuple[float, float]] = []
    marks: list[tuple[float, float]] = []
    baseline: list[tuple[float, float]] = []
    for n in range(runs):
        environ = {**os.environ, "XDG_CACHE_HOME": str(work / f"cache-tui-{n}")}
        # the clone's own justering cache (.git) goes too: each run is a colleague's first start
        (clone / ".git" / "cesam-justering-cache.json").unlink(missing_ok=True)
        baseline.append((timed(lambda: run(grep, clone)), LAST_CPU[0]))
        listed, verified = _tui_cold(code, environ)
        cold_tui.append(listed)
        marks.append(verified)
    marked = medians(marks)
    figures.append(
        Figure(
            "TUI full list, fresh clone, empty cache",
            medians(cold_tui),
            medians(baseline),
            "grep -r '^status' meetings",
            f"< {absolute / 1000:.0f} s",
            max_ours=absolute,
            runs=runs,
            key="cold_tui",
            note="headless CesamApp until every meeting is listed (imports included); "
            "the justering marks follow (extra: until they show)",
            extra={"justering_marks_ms": float(marked), "justering_marks_cpu_ms": marked.cpu},
        )
    )
    return figures


def _tui_cold(code: str, env: dict[str, str]) -> tuple[tuple[float, float], tuple[float, float]]:
    """(wall, CPU) seconds until every meeting is listed, and until the justering marks show."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    got: dict[str, tuple[float, float]] = {}
    for line in proc.stdout:
        word, cpu, *_ = line.split()
        got[word] = (time.perf_counter() - start, float(cpu) / 1000)
        if word == "ready":
            break
    proc.wait(timeout=600)
    if set(got) != {"listed", "ready"}:
        raise RuntimeError(f"the TUI child ended early (exit {proc.returncode})")
    return got["listed"], got["ready"]


def measure_session(source: Path, work: Path, runs: int = 3) -> Figure:
    """Peak memory over a scripted session (list, justering marks, a common-word search, history, verify)."""
    clone = work / "session"
    subprocess.run(["git", "clone", "-q", "--no-local", str(source), str(clone)], check=True)
    meetings = sum(1 for _ in clone.glob("meetings/*/*/*.toml"))
    ours_code = CHILD_SESSION.format(root=str(ROOT), repo=str(clone), meetings=meetings, word=COMMON_WORD, rss=RSS)
    bare_code = CHILD_BARE.format(root=str(ROOT), rss=RSS)
    env = {**os.environ}
    ready_child(ours_code, env)  # the first session builds the caches and the search index; later ones find them
    ours = [[int(v) for v in ready_child(ours_code, env)] for _ in range(runs)]
    bare = [[int(v) for v in ready_child(bare_code, env)] for _ in range(runs)]
    cold = [int(v) for v in ready_child(ours_code, {**env, "XDG_CACHE_HOME": str(work / "session-cold")})]

    def mb(rows: list[list[int]], column: int) -> float:
        return statistics.median(r[column] for r in rows) / 1024

    return Figure(
        f"peak memory over a session ({ours[0][4]} hits for a common word)",
        mb(ours, 3),
        mb(bare, 3),
        "bare Textual app with a DataTable",
        "≤ +100 MB",
        unit="MB",
        max_above=100.0,
        runs=runs,
        key="memory_session",
        note="list, justering marks, search, history, verify in one process; VmHWM at the end",
        extra={
            "rss_list_open_mb": mb(ours, 0),
            "rss_after_first_search_mb": mb(ours, 1),
            "rss_end_mb": mb(ours, 2),
            "peak_first_session_empty_cache_mb": cold[3] / 1024,
        },
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repo", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="cesam-bench-"))
    with isolated(tmp):
        source = (args.repo or ten_years()).resolve()
        start = time.perf_counter()
        figures = [*measure(source, tmp, args.runs), measure_session(source, tmp, args.runs)]
    for f in figures:
        print(f.name, round(f.ours), f.unit, "vs", round(f.baseline or 0), f.extra or "")
    print(f"{time.perf_counter() - start:.0f} s; {git(source, 'rev-list', '--count', 'HEAD').strip()} commits")


if __name__ == "__main__":
    main()
