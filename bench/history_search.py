"""History and search at ten years' scale, each next to its git/grep baseline in the same run.

    python bench/history_search.py [--repo DIR] [--years 10] [--runs 9] [--json OUT]

Without --repo it uses the ten-years repository of bench/common.py (8 groups
x 12 meetings a year, ten edits each: 960 meetings and about 10,000 commits;
generated once into bench/out/), on a copy, since the benchmark rewrites the
commit-graph and adds commits. Every figure is the median of --runs runs,
and ours and the baseline are run alternately, because the machines are
shared and absolute times move; the ratio is what to compare.

Figures:
- history of one meeting (who, when, message) against ``git log -- FILE``,
  both with a commit-graph with changed-path filters;
- the same with the semantic changes of every commit, parsed versions cold
  and warm, and the history of one item;
- ``cesam log`` as a command against ``git log`` as a command;
- search over all meetings (index warm in the process, and loaded from its
  file as by a new process) against ``grep -ri`` over the same files;
- ``cesam search`` as a command against grep;
- what the commit-graph costs to write, whole and incrementally.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import copy_repo, ten_years  # noqa: E402
from store import history, search  # noqa: E402
from store.repository import Repository  # noqa: E402

GREP_ENV = {**os.environ, "LC_ALL": "C.UTF-8"}  # so grep -i folds Å/å as we do


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def pair(ours: Callable[[], object], base: Callable[[], object], runs: int) -> tuple[float, float]:
    """Medians (ms) of ours and the baseline, run alternately after one warm-up each."""
    ours()
    base()
    a, b = [], []
    for _ in range(runs):
        a.append(timed(ours))
        b.append(timed(base))
    return statistics.median(a) * 1000, statistics.median(b) * 1000


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> None:
    subprocess.run(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repo", type=Path, help="an existing generated repository (default: generate one)")
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="cesam-bench-"))
    os.environ["XDG_CACHE_HOME"] = str(tmp / "cache")  # the search index starts empty
    source = args.repo or ten_years(years=args.years)
    root = copy_repo(source, tmp / "repo")
    repo = Repository(root)
    commits = int(repo.git.run("rev-list", "--count", "HEAD"))
    refs = repo.list_refs()
    rows: list[tuple[str, float, str, float]] = []
    figures: dict[str, object] = {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "machine": f"{platform.machine()} {os.cpu_count()} cpu, {platform.system()}",
        "python": platform.python_version(),
        "git": repo.git.run("--version"),
        "commits": commits,
        "meetings": len(refs),
    }

    def add(name: str, ours: float, base_name: str, base: float) -> None:
        rows.append((name, ours, base_name, base))

    # ------------------------------------------------------------- commit-graph
    for path in (repo.git_dir / "objects/info").glob("commit-graph*"):
        if path.is_file():
            path.unlink()
    chain = repo.git_dir / "objects/info/commit-graphs"
    if chain.is_dir():
        for path in chain.iterdir():
            path.unlink()
    ref = refs[len(refs) // 2]
    plain_log = ["git", "log", "--format=%H%x1f%an%x1f%ae%x1f%aI%x1f%s", "--", ref.relpath]
    without = statistics.median(timed(lambda: run(plain_log, root)) for _ in range(5)) * 1000
    full = timed(lambda: history.update_commit_graph(repo, full=True)) * 1000
    figures["commit_graph_full_ms"] = round(full, 1)
    figures["git_log_without_graph_ms"] = round(without, 1)

    # ------------------------------------------------------------- history
    samples = [refs[i] for i in (0, len(refs) // 3, len(refs) // 2, 2 * len(refs) // 3, len(refs) - 1)]
    plain, base, sem_warm, sem_cold, sem_disk, item_ms = [], [], [], [], [], []
    for ref in samples:
        log_cmd = ["git", "log", "--format=%H%x1f%an%x1f%ae%x1f%aI%x1f%s", "--", ref.relpath]
        ours, theirs = pair(
            lambda ref=ref: history.history(repo, ref, semantic=False), lambda c=log_cmd: run(c, root), args.runs
        )
        plain.append(ours)
        base.append(theirs)
        sem_warm.append(
            statistics.median(timed(lambda ref=ref: history.history(repo, ref)) for _ in range(args.runs)) * 1000
        )

        def cold(ref=ref) -> None:  # type: ignore[no-untyped-def]
            history._parsed.clear()
            shutil.rmtree(tmp / "cache" / "cesam" / "versions", ignore_errors=True)
            history.history(repo, ref)

        def from_disk(ref=ref) -> None:  # type: ignore[no-untyped-def]
            history._parsed.clear()  # as a new process: parsed versions come from the cache folder
            history.history(repo, ref)

        sem_cold.append(statistics.median(timed(cold) for _ in range(args.runs)) * 1000)
        sem_disk.append(statistics.median(timed(from_disk) for _ in range(args.runs)) * 1000)
        meeting = repo.load(ref).meeting
        item = meeting.items[len(meeting.items) // 2].id
        item_ms.append(
            statistics.median(
                timed(lambda ref=ref, item=item: history.history(repo, ref, item_id=item)) for _ in range(args.runs)
            )
            * 1000
        )
    git_log = statistics.median(base)
    add("history of a meeting (who, when, message)", statistics.median(plain), "git log -- FILE", git_log)
    add("  … with semantic changes, versions parsed", statistics.median(sem_warm), "git log -- FILE", git_log)
    add(
        "  … with semantic changes, versions from the cache folder",
        statistics.median(sem_disk),
        "git log -- FILE",
        git_log,
    )
    add("  … with semantic changes, nothing cached", statistics.median(sem_cold), "git log -- FILE", git_log)
    add("history of one item", statistics.median(item_ms), "git log -- FILE", git_log)
    add("git log -- FILE without commit-graph", without, "git log -- FILE with it", git_log)

    # run inside the repository, as a user does, with this checkout's code
    cli = [sys.executable, "-m", "cesam_cli.main"]
    cli_env = {**os.environ, "PYTHONPATH": str(ROOT)}
    ref = samples[2]
    ours, theirs = pair(
        lambda: run([*cli, "log", str(ref)], root, cli_env),
        lambda: run(["git", "log", "--", ref.relpath], root),
        max(3, args.runs // 2),
    )
    add("`cesam log MEETING` (a new process)", ours, "`git log -- FILE`", theirs)

    # ------------------------------------------------------------- search
    build = timed(lambda: search.search(repo, "x")) * 1000
    figures["search_index_build_ms"] = round(build, 1)
    time.sleep(3.5)  # let the files age past the index's racy window, as they are in real use
    search.search(repo, "x")
    for word, label in (
        ("xyzzy", "a word in no meeting"),
        ("digital mognad", "two words"),
        ("nyfikenhet", "a word in every meeting"),
    ):
        grep = ["grep", "-r", "-i", "-F", "--", word, "meetings"]
        count = len(search.search(repo, word).hits)
        ours, theirs = pair(
            lambda word=word: search.search(repo, word), lambda g=grep: run(g, root, GREP_ENV), args.runs
        )
        add(f"search {label!s} ({count} hits), index warm", ours, "grep -ri", theirs)

        def fresh(word=word) -> None:  # type: ignore[no-untyped-def]
            search.SearchIndex(repo).search(search.make_query(repo, word))

        ours, theirs = pair(fresh, lambda g=grep: run(g, root, GREP_ENV), args.runs)
        add(f"search {label!s}, index read from its file", ours, "grep -ri", theirs)
        if count > 100:
            ours, theirs = pair(
                lambda word=word: search.search(repo, word, limit=100), lambda g=grep: run(g, root, GREP_ENV), args.runs
            )
            add(f"search {label!s}, all counted, a screenful (100) built", ours, "grep -ri", theirs)
    changed = root / refs[3].relpath
    counter = iter(range(10**6))

    def touch() -> None:  # a save: one meeting file changes
        changed.write_text(changed.read_text(encoding="utf-8") + f"# {next(counter)}\n", encoding="utf-8")

    grep = ["grep", "-r", "-i", "-F", "--", "digital mognad", "meetings"]
    ours, theirs = pair(
        lambda: (touch(), search.search(repo, "digital mognad")),
        lambda: (touch(), run(grep, root, GREP_ENV)),
        args.runs,
    )
    add("search two words after a meeting changed", ours, "grep -ri", theirs)
    ours, theirs = pair(
        lambda: search.search(repo, unions=["Vision"]),
        lambda: run(["grep", "-r", "-F", "Vision", "meetings"], root),
        args.runs,
    )
    add("every statement of Vision", ours, "grep -r Vision", theirs)
    ours, theirs = pair(
        lambda: search.open_followups(repo), lambda: run(["grep", "-r", "-F", "closed", "meetings"], root), args.runs
    )
    add("every open follow-up and its age", ours, "grep -r closed", theirs)
    grep = ["grep", "-r", "-i", "-F", "--", "digital mognad", "meetings"]
    ours, theirs = pair(
        lambda: run([*cli, "search", "digital", "mognad"], root, cli_env),
        lambda: run(grep, root, GREP_ENV),
        max(3, args.runs // 2),
    )
    add("`cesam search` (a new process)", ours, "grep -ri", theirs)
    start_only = statistics.median(timed(lambda: run([*cli, "--help"], root, cli_env)) for _ in range(3)) * 1000
    figures["cesam_help_ms"] = round(start_only, 1)

    # incremental graph after 50 commits, as note_commit does after the app's own
    for n in range(50):
        (root / "cesam.toml").write_text((root / "cesam.toml").read_text() + f"# {n}\n")
        repo.git.run("-c", "user.name=Bench", "-c", "user.email=bench@example.se", "commit", "-qam", f"bench {n}")
    figures["commit_graph_incremental_50_ms"] = round(timed(lambda: history.update_commit_graph(repo)) * 1000, 1)

    width = max(len(r[0]) for r in rows)
    print(f"{commits} commits, {len(refs)} meetings; {figures['machine']}; {figures['git']}")
    print(f"{'what':<{width}}  {'ours ms':>8}  {'baseline':<26} {'ms':>7}  {'ratio':>6}")
    table = []
    for name, ours, base_name, theirs in rows:
        ratio = ours / theirs if theirs else float("nan")
        print(f"{name:<{width}}  {ours:8.1f}  {base_name:<26} {theirs:7.1f}  {ratio:6.2f}")
        table.append(
            {
                "what": name,
                "ours_ms": round(ours, 1),
                "baseline": base_name,
                "baseline_ms": round(theirs, 1),
                "ratio": round(ratio, 2),
            }
        )
    for key in ("commit_graph_full_ms", "commit_graph_incremental_50_ms", "search_index_build_ms", "cesam_help_ms"):
        print(f"{key}: {figures[key]}")
    figures["table"] = table
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
