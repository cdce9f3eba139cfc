"""cesam site at ten years' scale, each figure against a baseline from the same run.

    python bench/site.py [--repo DIR] [--years 10] [--quick]

  first build      every meeting page, the shared pages and the search index, as `cesam site -o DIR`,
                   with empty caches (every version of every meeting parsed for the history), then again
                   into a new folder with the parsed versions cached, and one group-year for scale
  unchanged        the same command again (nothing to render)   vs `cp -r` of the built folder
  one changed      one meeting edited and committed, then the command again   vs the unchanged rebuild

The build runs `cesam site` as a user does (a fresh process, empty caches) in
an isolated home. The targets from issue 19: 1,000 meetings in under 30 s,
an unchanged rebuild in under 2 s.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import CLI, isolated, ten_years


def _timed(args: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(args, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repo", type=Path, help="a generated repository (default: bench/out's ten years)")
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cesam-site-bench-") as tmp, isolated(Path(tmp)):
        source = args.repo or ten_years(years=args.years)
        repo = Path(tmp) / "repo"
        shutil.copytree(source, repo, symlinks=True)
        out = Path(tmp) / "site"
        site = [*CLI, "--repo", str(repo), "site", "-o", str(out)]
        first = _timed(site, repo)
        meetings = len(list((out / "meetings").rglob("index.html")))

        from cesam_site.build import Options, build
        from store.services.history import _parse_text, folder_log, read_blobs
        from store.services.repository import Repository

        # the floor of any history in words: every version of every meeting read and parsed once, no cache
        opened = Repository.open(repo)
        start = time.perf_counter()
        blobs = {
            b
            for entries in folder_log(opened, "meetings/").values()
            for e in entries
            for b in (e.old_blob, e.new_blob)
            if b
        }
        for data in read_blobs(opened, blobs).values():
            _parse_text(data)
        floor = time.perf_counter() - start

        one = Path(tmp) / "one"
        newest = max(opened.list_refs())
        start = time.perf_counter()
        build(opened, Options(out=one, groups=(newest.group,), since=newest.date.year))
        per_group_year = time.perf_counter() - start

        warm = _timed([*CLI, "--repo", str(repo), "site", "-o", str(Path(tmp) / "warm")], repo)
        unchanged = _timed(site, repo)
        copy = Path(tmp) / "copy"
        start = time.perf_counter()
        shutil.copytree(out, copy)
        cp = time.perf_counter() - start

        path = repo / newest.relpath
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace('title = "', 'title = "Ändrad: ', 1), encoding="utf-8")
        subprocess.run(["git", "commit", "-q", "-a", "-m", "bench: one change"], cwd=repo, check=True)
        changed = _timed(site, repo)

    print(f"meetings: {meetings}")
    print(
        f"first build          {first:7.2f} s   ({first / meetings * 1000:.1f} ms per meeting; target < 30 s for 1,000)"
    )
    print(f"  vs parsing every version once ({len(blobs)} blobs, no cache) {floor:.2f} s: ratio {first / floor:.2f}")
    print(f"  caches warm        {warm:7.2f} s   the same into a new folder: the parsed versions come from the cache")
    print(f"  one group-year     {per_group_year:7.2f} s   in-process, for scale")
    print(f"unchanged rebuild    {unchanged:7.2f} s   vs cp -r of the folder {cp:.2f} s: ratio {unchanged / cp:.2f}")
    print(f"one meeting changed  {changed:7.2f} s   vs unchanged rebuild: ratio {changed / unchanged:.2f}")


if __name__ == "__main__":
    main()
