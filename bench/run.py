"""Every performance figure of cesam at ten years' scale, each against its baseline in the same run.

    python bench/run.py [--scale 1|10] [--quick] [--json bench/out/results.json] [--only KEY,...] [--repo DIR]

Generates the ten-years repository once (8 groups × 12 meetings × 10 years,
about 10,000 commits, with approval tags, reopenings and merges: see
bench/generate.py; --scale 10 makes 80 groups, 9,600 meetings; reused from
bench/out/ afterwards), then measures:

  start    `cesam` to its navigator, a process in a pty   vs a bare Textual app, a DataTable row per meeting
  cold     a fresh clone, empty cache: `cesam list`, `cesam check`, the TUI's full list (and warm)
           vs grep -r '^status' over the meeting files
  session  peak memory over one scripted session (list, justering, common-word search, history, verify)
  commands `cesam show/status/diff/list/edit` as processes  vs the git command each resembles
  save     one field saved (lock, validate, write, commit) vs a bare `git commit`
  history  the history of one meeting                      vs `git log -- FILE` with a commit-graph
  search   full-text search, in-process and `cesam search` vs grep over the same files
  export   one protocol (the largest meeting) to PDF       vs WeasyPrint on the same HTML
  sync     one change, in-process and `cesam sync`         vs `git pull --rebase && git push`
  memory   peak RSS with the navigator open                vs the bare Textual app with 3 rows

Every figure is the median of several runs, ours and the baseline run
alternately, because the machine is shared and absolute times move: the
ratio is what to compare. Each figure also has its CPU time (this process
and every child it waited for), and "met?" is decided on the CPU ratio (and
absolute bounds on CPU ms) wherever CPU was measured: on a shared machine
load moves wall time, not CPU time. --quick takes fewer runs (a smoke run,
not figures to quote). Caches (search index, parsed versions, summaries) live in
a temporary folder and start empty; each figure warms what it needs first.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import cold, commands, export_times, history_search, save, startup, sync
from bench.common import OUT, Figure, git, isolated, machine, ten_years

KEYS = ("start", "memory", "cold", "session", "commands", "save", "history", "search", "export", "sync")


def measure_all(source: Path, work: Path, quick: bool, only: set[str]) -> tuple[list[Figure], dict[str, object]]:
    runs = 3 if quick else 9  # in-process figures
    procs = 3 if quick else 7  # figures that start a process per run
    figures: list[Figure] = []
    facts: dict[str, object] = {}

    def step(keys: set[str], what: str, fn: Callable[[], list[Figure] | Figure]) -> None:
        if only and not keys & only:
            return
        print(f"… {what}", file=sys.stderr, flush=True)
        start = time.perf_counter()
        try:
            got = fn()
        except Exception as exc:  # one broken figure must not cost the others
            traceback.print_exc()
            figures.append(Figure(what, float("nan"), None, "", note=f"failed: {type(exc).__name__}: {exc}"))
            return
        figures.extend(got if isinstance(got, list) else [got])
        print(f"  ({time.perf_counter() - start:.0f} s)", file=sys.stderr, flush=True)

    step({"start", "memory"}, "start and memory", lambda: startup.measure(source, work, procs))
    step({"start"}, "start, headless", lambda: startup.measure_headless(source, work, procs))
    step({"cold"}, "fresh clone: list, check, the TUI's full list", lambda: cold.measure(source, work, 3))
    step({"session", "memory"}, "memory over a session", lambda: cold.measure_session(source, work, 3))
    step({"commands"}, "commands as processes", lambda: commands.measure(source, work, procs))
    step({"save"}, "save", lambda: save.measure(source, work, runs * 2))

    repo = None

    def history_figures() -> list[Figure]:
        nonlocal repo
        repo = history_search.prepare(source, work)
        return [
            history_search.measure_history(repo, runs),
            history_search.measure_history_changes(repo, runs),
            history_search.measure_cesam_log(repo, procs),
        ]

    def search_figures() -> list[Figure]:
        nonlocal repo
        repo = repo or history_search.prepare(source, work)
        facts["search_index_build_ms"] = round(history_search.build_index(repo), 1)
        return [
            history_search.measure_search(repo, runs),
            history_search.measure_search_first(repo, runs),
            history_search.measure_cesam_search(repo, procs),
            history_search.measure_search(repo, runs, cold.COMMON_WORD),
            history_search.measure_search_all(repo, runs, cold.COMMON_WORD),
            history_search.measure_cesam_search(repo, procs, cold.COMMON_WORD),
        ]

    step({"history"}, "history", history_figures)
    step({"search"}, "search", search_figures)
    exports = work / "export"
    exports.mkdir()
    step({"export"}, "export", lambda: export_times.measure(source, exports, runs // 2 + 1))
    step({"export"}, "export (a process)", lambda: export_times.measure_cli(source, exports, procs // 2 + 1))
    step({"sync"}, "sync", lambda: sync.measure(source, work, 4 if quick else 12))
    return figures, facts


def _number(value: float | None, unit: str) -> str:
    if value is None or value != value:  # None or NaN
        return "–"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:.0f} ms" if value >= 100 else f"{value:.1f} ms"


def table(figures: list[Figure]) -> list[list[str]]:
    rows = [["figure", "ours", "baseline", "", "ratio", "CPU ratio", "target", "met?"]]
    for f in figures:
        met = {True: "yes", False: "NO", None: "–"}[f.met]
        ratio = "–" if f.ratio is None else f"{f.ratio:.2f}"
        cpu = "–" if f.cpu_ratio is None else f"{f.cpu_ratio:.2f}"
        if f.cpu_ours is not None and f.max_ours is not None:
            cpu += f" ({_number(f.cpu_ours, f.unit)} CPU)"
        rows.append(
            [
                f.name,
                _number(f.ours, f.unit),
                f.baseline_name,
                _number(f.baseline, f.unit),
                ratio,
                cpu,
                f.target or "–",
                met,
            ]
        )
    return rows


def print_table(rows: list[list[str]]) -> None:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    right = {1, 3, 4, 5}
    for n, row in enumerate(rows):
        cells = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))]
        print("  ".join(cells).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))


def markdown(rows: list[list[str]]) -> str:
    """The table as the README shows it."""
    head = ["figure", "ours", "baseline", "ratio", "CPU ratio", "target", "met?"]
    lines = ["| " + " | ".join(head) + " |", "|---|---:|---|---:|---:|---|---|"]
    for r in rows[1:]:
        base = f"{r[2]}: {r[3]}" if r[3] != "–" else r[2]
        lines.append("| " + " | ".join([r[0], r[1], base, r[4], r[5], r[6], r[7]]) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer runs: a smoke run, not figures to quote")
    parser.add_argument("--json", type=Path, help="write the figures here (e.g. bench/out/results.json)")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown too")
    parser.add_argument("--only", help=f"comma-separated figures to measure: {', '.join(KEYS)}")
    parser.add_argument("--repo", type=Path, help="a generated repository to use instead of the ten-years one")
    parser.add_argument(
        "--scale",
        type=int,
        default=1,
        help="1: 960 meetings (about 10,000 commits); 10: 9,600 meetings (about 103,000 commits)",
    )
    args = parser.parse_args(argv)
    only = {k.strip() for k in args.only.split(",")} if args.only else set()
    if only - set(KEYS):
        parser.error(f"unknown figures: {', '.join(sorted(only - set(KEYS)))}")

    OUT.mkdir(parents=True, exist_ok=True)
    started = time.time()
    source = (args.repo or ten_years(scale=args.scale)).resolve()
    tmp = Path(tempfile.mkdtemp(prefix="cesam-bench-"))
    try:
        with isolated(tmp):
            info = machine()
            commits = int(git(source, "rev-list", "--count", "HEAD").strip() or 0)
            meetings = sum(1 for _ in source.glob("meetings/*/*/*.toml"))
            tags = len(git(source, "tag", "-l", "justering/*").split())
            merges = int(git(source, "rev-list", "--count", "--merges", "HEAD").strip() or 0)
            figures, facts = measure_all(source, tmp, args.quick, only)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    rows = table(figures)
    print()
    print(
        f"{time.strftime('%Y-%m-%d %H:%M')}; {meetings} meetings, {commits} commits, {tags} approval tags, "
        f"{merges} merges; {round(time.time() - started)} s; "
        f"{info['nproc']} × {info['cpu']}; Python {info['python']}; {info['git']}; Textual {info['textual']}"
        + (" (--quick)" if args.quick else "")
    )
    print_table(rows)
    for key, value in facts.items():
        print(f"{key}: {value}")
    if args.markdown:
        print()
        print(markdown(rows))
    if args.json:
        result = {
            "date": time.strftime("%Y-%m-%d %H:%M", time.localtime(started)),
            "seconds": round(time.time() - started),
            "quick": args.quick,
            "machine": info,
            "repository": {"meetings": meetings, "commits": commits, "tags": tags, "merges": merges},
            "figures": [f.to_json() for f in figures],
            "facts": facts,
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
