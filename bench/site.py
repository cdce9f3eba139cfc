"""cesam site at ten years' scale, each figure against a baseline from the same run.

    python bench/site.py [--repo DIR] [--years 10] [--json bench/out/site.json]

  first build      every meeting page, the shared pages and the search index, as `cesam site -o DIR`
                   in a fresh process with empty caches (every version of every meeting parsed for the
                   history in words)   vs `git log -p` over the same history (git reading and diffing
                   every version, in lines), and vs parsing every version once in one process
  caches warm      the same into a new folder: the words of each commit and the parsed meetings come
                   from the user's cache   vs `git log -p`
  unchanged        the same command again (nothing to render)   vs `cp -r` of the built folder
  one changed      one meeting edited and committed, then the command again   vs the unchanged rebuild

Each figure is the wall time and the CPU time (the process and its children: the page workers, git).
The machine is shared: its load average is printed with the figures, and the CPU ratio is the one
load barely moves. The targets from issue 19: 1,000 meetings in under 30 s, an unchanged rebuild in
under 2 s.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import CLI, Figure, cpu_now, isolated, machine, ten_years


def _timed(args: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one command run as a new process (its children included)."""
    cpu = cpu_now()
    start = time.perf_counter()
    subprocess.run(args, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start, cpu_now() - cpu


def _timed_call(fn: object) -> tuple[float, float]:
    cpu = cpu_now()
    start = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - start, cpu_now() - cpu


def _floor(repo: Path) -> tuple[float, float, int]:
    """Every version of every meeting read and parsed once, in this process, with no cache: what any
    history in words must do at least once, on one core."""
    from store.services.history import _parse_text, folder_log, read_blobs
    from store.services.repository import Repository

    opened = Repository.open(repo)
    blobs = {
        b
        for entries in folder_log(opened, "meetings/").values()
        for e in entries
        for b in (e.old_blob, e.new_blob)
        if b
    }

    def parse() -> None:
        for data in read_blobs(opened, blobs).values():
            _parse_text(data)

    wall, cpu = _timed_call(parse)
    return wall, cpu, len(blobs)


def _figure(name: str, ours: tuple[float, float], base: tuple[float, float], base_name: str, **kw: object) -> Figure:
    return Figure(
        name,
        ours[0] * 1000,
        base[0] * 1000,
        base_name,
        cpu_ours=ours[1] * 1000,
        cpu_baseline=base[1] * 1000,
        runs=1,
        **kw,  # type: ignore[arg-type]
    )


def measure(source: Path, tmp: Path) -> tuple[list[Figure], dict[str, object]]:
    repo = tmp / "repo"
    shutil.copytree(source, repo, symlinks=True)
    for name in ("cesam-verify-cache.json",):  # a cold build: no cache of any kind, also not in .git
        (repo / ".git" / name).unlink(missing_ok=True)
    out = tmp / "site"
    site = [*CLI, "--repo", str(repo), "site", "-o", str(out)]
    gitlog = ["git", "log", "-p", "--no-textconv", "--format=%H %an %s", "--", "meetings/"]

    first = _timed(site, repo)
    meetings = len(list((out / "meetings").rglob("index.html")))
    log_p = _timed(gitlog, repo)
    floor_wall, floor_cpu, versions = _floor(repo)
    warm = _timed([*CLI, "--repo", str(repo), "site", "-o", str(tmp / "warm")], repo)
    log_p2 = _timed(gitlog, repo)
    unchanged = _timed(site, repo)
    copy = tmp / "copy"
    cp = _timed(["cp", "-r", str(out), str(copy)], tmp)

    from store.services.repository import Repository

    newest = max(Repository.open(repo).list_refs())
    path = repo / newest.relpath
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('title = "', 'title = "Ändrad: ', 1), encoding="utf-8")
    subprocess.run(["git", "commit", "-q", "-a", "-m", "bench: one change"], cwd=repo, check=True)
    changed = _timed(site, repo)
    again = _timed(site, repo)

    note = f"{meetings} meetings, {versions} versions"
    figures = [
        _figure("first build, empty caches", first, log_p, "git log -p over meetings/", unit="ms", note=note),
        _figure(
            "first build, empty caches (vs parsing)",
            first,
            (floor_wall, floor_cpu),
            "every version parsed once, one process",
            note=note,
        ),
        _figure("first build, caches warm (new folder)", warm, log_p2, "git log -p over meetings/", note=note),
        _figure("unchanged rebuild", unchanged, cp, "cp -r of the built folder", max_ours=2000),
        _figure("one meeting changed", changed, again, "the unchanged rebuild after it"),
    ]
    extra = {"meetings": meetings, "versions": versions, "target_first_s": 30, "target_unchanged_s": 2}
    return figures, extra


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repo", type=Path, help="a generated repository (default: bench/out's ten years)")
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--json", type=Path, help="write the figures here (e.g. bench/out/site.json)")
    args = parser.parse_args()
    about = machine()
    with tempfile.TemporaryDirectory(prefix="cesam-site-bench-") as tmp, isolated(Path(tmp)):
        source = args.repo or ten_years(years=args.years)
        figures, extra = measure(source, Path(tmp))
    about["load_at_end"] = round(os.getloadavg()[0], 2)
    print(f"machine: {about['nproc']} cores, load {about['load_at_start']} at start, {about['load_at_end']} at end")
    print(f"{extra['meetings']} meetings, {extra['versions']} versions")
    for f in figures:
        cpu = f"{f.cpu_ours / 1000:7.2f} s CPU" if f.cpu_ours is not None else ""
        ratio = f"wall {f.ratio:.2f}×" if f.ratio is not None else ""
        cpu_ratio = f"CPU {f.cpu_ratio:.2f}×" if f.cpu_ratio is not None else ""
        base = (f.baseline or 0) / 1000
        print(f"{f.name:42} {f.ours / 1000:7.2f} s {cpu}   vs {f.baseline_name} {base:.2f} s: {ratio} {cpu_ratio}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        result = {"machine": about, **extra, "figures": [f.to_json() for f in figures]}
        args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
