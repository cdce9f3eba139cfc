"""Search's memory and CPU, this tree against another (main) in the same run, runs alternating.

    python bench/search_memory.py --repo CLONE --other ../main-worktree [--runs 3] [--word arbetsmiljö]

Each figure is a new process of each tree's code on the same repository (a clone: the ready
repositories are never written to), each with its own cache folder:

- ``build``: the search index built from nothing (an empty cache folder): peak RSS, CPU;
- ``screen``: a new process reads the index and searches as the TUI's search screen does
  (every hit counted, the first screenful built, then the last one, as End does; on a tree
  without pages, its screen's 200 hits): RSS growth over the search, CPU of the search;
- ``all``: every hit built as ``cesam search`` prints them (on a tree without pages, the list
  of all hits): RSS growth, CPU.

RSS growth is VmHWM after the search minus VmRSS before it (kB read from /proc/self/status).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(HERE))

from bench.cold import RSS, ready_child  # noqa: E402  (the one rss reader of the bench's children)

CHILD = """
import sys, time
sys.path.insert(0, {root!r})
from store.services.repository import Repository
from store.services import search

{rss}
repo = Repository.open({repo!r})
paged = hasattr(search, "search_pages") or hasattr(search.Results, "page")
if {what!r} == "build":
    before, cpu = rss("VmRSS"), time.process_time()
    search.index_for(repo).refresh()
    print("ready", before, rss("VmHWM"), (time.process_time() - cpu) * 1000, 0)
    raise SystemExit
search.index_for(repo).refresh()  # the header read (and nothing changed)
before, cpu = rss("VmRSS"), time.process_time()
if {what!r} == "screen":
    if paged:
        found = search.search(repo, {word!r})
        found.page(0, 50)
        found.page(found.total - 50, found.total)
        total = found.total
    else:
        total = search.search(repo, {word!r}, limit=200).total
else:
    if paged:
        total = sum(1 for _ in search.search(repo, {word!r}))
    else:
        total = len(search.search(repo, {word!r}).hits)
print("ready", before, rss("VmHWM"), (time.process_time() - cpu) * 1000, total)
"""


def child(root: Path, repo: Path, what: str, word: str, cache: Path) -> tuple[int, int, float, int]:
    code = CHILD.format(root=str(root), repo=str(repo), what=what, word=word, rss=RSS)
    before, peak, cpu, total = ready_child(code, {**os.environ, "XDG_CACHE_HOME": str(cache)})
    return int(before), int(peak), float(cpu), int(total)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repo", type=Path, required=True, help="a clone to search (never a ready repository)")
    parser.add_argument("--other", type=Path, required=True, help="the tree to compare with (e.g. a worktree of main)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--word", default="arbetsmiljö")
    parser.add_argument("--skip-build", action="store_true", help="one build per tree (for the caches), not measured")
    args = parser.parse_args()
    trees = {"this": HERE, "other": args.other.resolve()}
    work = Path(tempfile.mkdtemp(prefix="cesam-search-memory-"))
    rows: dict[tuple[str, str], list[tuple[int, int, float, int]]] = {}
    builds = 1 if args.skip_build else args.runs
    for n in range(builds):
        for name, root in trees.items():
            cache = work / f"{name}-{n}"
            rows.setdefault((name, "build"), []).append(child(root, args.repo, "build", args.word, cache))
    for _ in range(args.runs):
        for what in ("screen", "all"):
            for name, root in trees.items():
                rows.setdefault((name, what), []).append(child(root, args.repo, what, args.word, work / f"{name}-0"))
    print(f"{args.repo} — word {args.word!r}, median of {args.runs} (build: {builds})")
    print(f"{'figure':<8} {'tree':<6} {'MB before':>9} {'peak MB':>8} {'+MB':>7} {'CPU ms':>8} {'hits':>7}")
    for (name, what), got in sorted(rows.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        before = statistics.median(g[0] for g in got) / 1024
        peak = statistics.median(g[1] for g in got) / 1024
        cpu = statistics.median(g[2] for g in got)
        print(f"{what:<8} {name:<6} {before:9.0f} {peak:8.0f} {peak - before:7.0f} {cpu:8.0f} {got[0][3]:7d}")


if __name__ == "__main__":
    main()
