"""History and search at ten years' scale, each next to its git/grep baseline in the same run.

    python bench/history_search.py [--repo DIR] [--years 10] [--runs 9] [--json OUT]

Without --repo it uses the ten-years repository of bench/common.py (8 groups
x 12 meetings a year, ten edits each: 960 meetings and about 10,000 commits;
generated once into bench/out/), on a copy, since the benchmark rewrites the
commit-graph and adds commits. Every figure is the median of --runs runs,
and ours and the baseline are run alternately, because the machines are
shared and absolute times move; the ratio is what to compare.

``bench/run.py`` takes its history and search figures from the ``measure_*``
functions here; this script's own table has more rows:

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
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import CLI, Figure, Ms, cli_env, copy_repo, isolated, machine, pair, run, ten_years, timed
from store.services import history, search
from store.services.repository import MeetingRef, Repository

WORDS = "digital mognad"  # two words, in some hundreds of the generated meetings (a realistic search)
RACY_SECONDS = 3.5  # files younger than this are hashed again by the index, as git does for its own


def grep_env() -> dict[str, str]:
    # so grep -i folds Å/å as we do
    return {**os.environ, "LC_ALL": "C.UTF-8"}


def grep_words(word: str = WORDS) -> list[str]:
    return ["grep", "-r", "-i", "-F", "--", word, "meetings"]


def log_command(relpath: str) -> list[str]:
    return ["git", "log", "--format=%H%x1f%an%x1f%ae%x1f%aI%x1f%s", "--", relpath]


def prepare(source: Path, work: Path) -> Repository:
    """A copy of ``source`` with a whole commit-graph with changed-path filters, as cesam keeps one."""
    repo = Repository(copy_repo(source, work / "history-search"))
    history.update_commit_graph(repo, full=True)
    return repo


def sample_refs(repo: Repository) -> list[MeetingRef]:
    """Five meetings spread over the years: the history of an old meeting walks as far as a new one's."""
    refs = repo.list_refs()
    return [refs[i] for i in (0, len(refs) // 3, len(refs) // 2, 2 * len(refs) // 3, len(refs) - 1)]


def _over_samples(repo: Repository, runs: int, ours_for) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    ours, base = [], []
    for ref in sample_refs(repo):
        a, b = pair(ours_for(ref), lambda ref=ref: run(log_command(ref.relpath), repo.root), runs)
        ours.append(a)
        base.append(b)
    return (
        Ms(statistics.median(ours), statistics.median(a.cpu for a in ours)),
        Ms(statistics.median(base), statistics.median(b.cpu for b in base)),
    )


def measure_history(repo: Repository, runs: int = 9) -> Figure:
    """Who changed one meeting, when and why, in-process (the TUI's history screen, `cesam log`'s work)."""
    ours, base = _over_samples(repo, runs, lambda ref: lambda: history.history(repo, ref, semantic=False))
    return _history_figure("history of one meeting", ours, base, runs, "history", "median over five meetings")


def measure_history_changes(repo: Repository, runs: int = 9) -> Figure:
    """The same with what each commit changed in words, versions read from the cache folder as a new process does."""

    def ours_for(ref: MeetingRef):  # type: ignore[no-untyped-def]
        def go() -> None:
            history._parsed.clear()  # as a new process: parsed versions come from the cache folder
            history.history(repo, ref)

        return go

    ours, base = _over_samples(repo, runs, ours_for)
    title = "history of one meeting, with changes"
    return _history_figure(title, ours, base, runs, "history_changes", "versions from the cache folder")


def _history_figure(title: str, ours: Ms, base: Ms, runs: int, key: str, note: str) -> Figure:
    """A history figure: against `git log -- FILE`, five sample meetings a run, met at ≤ 2×."""
    return Figure(
        title,
        ours,
        base,
        "git log -- FILE (commit-graph)",
        "≤ 2×",
        max_ratio=2.0,
        runs=runs * 5,
        key=key,
        note=f"in-process; {note}",
    )


def measure_cesam_log(repo: Repository, runs: int = 5) -> Figure:
    ref = sample_refs(repo)[2]
    ours, base = pair(
        lambda: run([*CLI, "log", str(ref)], repo.root, cli_env()),
        lambda: run(["git", "log", "--", ref.relpath], repo.root),
        runs,
    )
    return Figure(
        "`cesam log MEETING` (a process)",
        ours,
        base,
        "git log -- FILE (a process)",
        "≤ 2×",
        max_ratio=2.0,
        runs=runs,
        key="cesam_log",
    )


def build_index(repo: Repository) -> float:
    """Build the search index from nothing (ms), then let the files age past its racy window."""
    ms = timed(lambda: search.search(repo, "x")) * 1000
    time.sleep(RACY_SECONDS)  # as they are in real use: a meeting file is not saved in the same second
    search.search(repo, "x")
    return ms


def measure_search(repo: Repository, runs: int = 9, words: str = WORDS) -> Figure:
    """Words over every meeting, with the index the process already holds (the TUI's search).

    As the search screen asks: every hit counted, the first screenful (100) built.
    """
    ours, base = pair(lambda: first_page(repo, words), lambda: run(grep_words(words), repo.root, grep_env()), runs)
    hits = search.search(repo, words).total
    return Figure(
        f"search {words!r} ({hits} hits counted, 100 built)",
        ours,
        base,
        "grep -ri over the same files",
        "< 100 ms and ≤ 3×",
        max_ratio=3.0,
        max_ours=100.0,
        runs=runs,
        key="search" if words == WORDS else "search_common",
        note="in-process, index held",
    )


def first_page(repo: Repository, words: str) -> None:
    search.search(repo, words).page(0, 100)


def every_hit(repo: Repository, words: str) -> None:
    """Every hit built, a page at a time, as `cesam search` prints them."""
    for _ in search.search(repo, words):
        pass


def measure_search_all(repo: Repository, runs: int = 9, words: str = WORDS) -> Figure:
    """Every hit built and let go, page by page: `cesam search`'s work without the printing."""
    ours, base = pair(lambda: every_hit(repo, words), lambda: run(grep_words(words), repo.root, grep_env()), runs)
    hits = search.search(repo, words).total
    return Figure(
        f"search {words!r}, all {hits} hits built",
        ours,
        base,
        "grep -ri over the same files",
        "≤ 3×",
        max_ratio=3.0,
        runs=runs,
        key="search_all" if words == WORDS else "search_common_all",
        note="in-process, index held; hits built a page at a time and dropped",
    )


def measure_search_first(repo: Repository, runs: int = 9) -> Figure:
    """The first search of a process: the index read from its file."""

    def fresh() -> None:
        search.SearchIndex(repo).search(search.make_query(repo, WORDS)).page(0, 100)

    ours, base = pair(fresh, lambda: run(grep_words(), repo.root, grep_env()), runs)
    return Figure(
        "search, first in a process",
        ours,
        base,
        "grep -ri over the same files",
        "< 100 ms and ≤ 3×",
        max_ratio=3.0,
        max_ours=100.0,
        runs=runs,
        key="search_first",
        note="index read from its file",
    )


def measure_cesam_search(repo: Repository, runs: int = 5, words: str = WORDS) -> Figure:
    ours, base = pair(
        lambda: run([*CLI, "search", *words.split()], repo.root, cli_env()),
        lambda: run(grep_words(words), repo.root, grep_env()),
        runs,
    )
    return Figure(
        f"`cesam search {words}` (a process)",
        ours,
        base,
        "grep -ri (a process)",
        "< 100 ms and ≤ 3×",
        max_ratio=3.0,
        max_ours=100.0,
        runs=runs,
        key="cesam_search" if words == WORDS else "cesam_search_common",
    )


def _remove_commit_graph(repo: Repository) -> None:
    for path in (repo.git_dir / "objects/info").glob("commit-graph*"):
        if path.is_file():
            path.unlink()
    chain = repo.git_dir / "objects/info/commit-graphs"
    if chain.is_dir():
        for path in chain.iterdir():
            path.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repo", type=Path, help="an existing generated repository (default: generate one)")
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="cesam-bench-"))
    with isolated(tmp):  # the search index and the version cache start empty
        source = args.repo or ten_years(years=args.years)
        repo = Repository(copy_repo(source, tmp / "history-search"))
        commits = int(repo.git.run("rev-list", "--count", "HEAD"))
        refs = repo.list_refs()
        figures: dict[str, object] = {
            "date": time.strftime("%Y-%m-%d %H:%M"),
            "machine": machine(),
            "commits": commits,
            "meetings": len(refs),
        }
        rows: list[Figure] = []

        def add(name: str, ours: float, base_name: str, base: float) -> None:
            rows.append(Figure(name, ours, base, base_name))

        # ------------------------------------------------------------- commit-graph
        _remove_commit_graph(repo)
        plain_log = log_command(refs[len(refs) // 2].relpath)
        without = statistics.median(timed(lambda: run(plain_log, repo.root)) for _ in range(5)) * 1000
        figures["commit_graph_full_ms"] = round(timed(lambda: history.update_commit_graph(repo, full=True)) * 1000, 1)

        # ------------------------------------------------------------- history
        rows.append(measure_history(repo, args.runs))
        git_log = rows[-1].baseline or 0.0
        rows.append(measure_history_changes(repo, args.runs))
        sem_warm, sem_cold, item_ms = [], [], []
        for ref in sample_refs(repo):
            sem_warm.append(timed(lambda ref=ref: history.history(repo, ref)) * 1000)

            def cold(ref=ref) -> None:  # type: ignore[no-untyped-def]
                history._parsed.clear()
                shutil.rmtree(tmp / "cache" / "cesam" / "versions", ignore_errors=True)
                history.history(repo, ref)

            sem_cold.append(statistics.median(timed(cold) for _ in range(args.runs)) * 1000)
            meeting = repo.load(ref).meeting
            item = meeting.items[len(meeting.items) // 2].id
            item_ms.append(
                statistics.median(
                    timed(lambda ref=ref, item=item: history.history(repo, ref, item_id=item)) for _ in range(args.runs)
                )
                * 1000
            )
        add("  … versions parsed before, in memory", statistics.median(sem_warm), "git log -- FILE", git_log)
        add("  … nothing cached", statistics.median(sem_cold), "git log -- FILE", git_log)
        add("history of one item", statistics.median(item_ms), "git log -- FILE", git_log)
        add("git log -- FILE without commit-graph", without, "git log -- FILE with it", git_log)
        rows.append(measure_cesam_log(repo, max(3, args.runs // 2)))

        # ------------------------------------------------------------- search
        figures["search_index_build_ms"] = round(build_index(repo), 1)
        rows.append(measure_search(repo, args.runs))
        rows.append(measure_search_first(repo, args.runs))
        for word, label in (("xyzzy", "a word in no meeting"), ("nyfikenhet", "a word in every meeting")):
            count = search.search(repo, word).total
            ours, theirs = pair(
                lambda word=word: every_hit(repo, word),
                lambda word=word: run(grep_words(word), repo.root, grep_env()),
                args.runs,
            )
            add(f"search {label} ({count} hits), index held", ours, "grep -ri", theirs)
            if count > 100:
                ours, theirs = pair(
                    lambda word=word: first_page(repo, word),
                    lambda word=word: run(grep_words(word), repo.root, grep_env()),
                    args.runs,
                )
                add(f"search {label}, all counted, a screenful (100) built", ours, "grep -ri", theirs)
        changed = repo.root / refs[3].relpath
        counter = iter(range(10**6))

        def touch() -> None:  # a save: one meeting file changes
            changed.write_text(changed.read_text(encoding="utf-8") + f"# {next(counter)}\n", encoding="utf-8")

        ours, theirs = pair(
            lambda: (touch(), first_page(repo, WORDS)),
            lambda: (touch(), run(grep_words(), repo.root, grep_env())),
            args.runs,
        )
        add("search two words after a meeting changed", ours, "grep -ri", theirs)
        ours, theirs = pair(
            lambda: list(search.search(repo, unions=["Vision"])),
            lambda: run(["grep", "-r", "-F", "Vision", "meetings"], repo.root),
            args.runs,
        )
        add("every statement of Vision", ours, "grep -r Vision", theirs)
        ours, theirs = pair(
            lambda: search.open_followups(repo),
            lambda: run(["grep", "-r", "-F", "closed", "meetings"], repo.root),
            args.runs,
        )
        add("every open follow-up and its age", ours, "grep -r closed", theirs)
        rows.append(measure_cesam_search(repo, max(3, args.runs // 2)))
        figures["cesam_help_ms"] = round(
            statistics.median(timed(lambda: run([*CLI, "--help"], repo.root, cli_env())) for _ in range(3)) * 1000, 1
        )

        # incremental graph after 50 commits, as note_commit does after the app's own
        for n in range(50):
            (repo.root / "cesam.toml").write_text((repo.root / "cesam.toml").read_text() + f"# {n}\n")
            repo.git.run("commit", "-qam", f"bench {n}")
        figures["commit_graph_incremental_50_ms"] = round(timed(lambda: history.update_commit_graph(repo)) * 1000, 1)

    width = max(len(r.name) for r in rows)
    m = figures["machine"]
    print(f"{commits} commits, {len(refs)} meetings; {m['nproc']} × {m['cpu']}; {m['git']}")  # type: ignore[index]
    print(f"{'what':<{width}}  {'ours ms':>8}  {'baseline':<30} {'ms':>7}  {'ratio':>6}")
    for row in rows:
        print(
            f"{row.name:<{width}}  {row.ours:8.1f}  {row.baseline_name:<30} {row.baseline or 0:7.1f}  {row.ratio or 0:6.2f}"
        )
    for key in ("commit_graph_full_ms", "commit_graph_incremental_50_ms", "search_index_build_ms", "cesam_help_ms"):
        print(f"{key}: {figures[key]}")
    figures["table"] = [row.to_json() for row in rows]
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
