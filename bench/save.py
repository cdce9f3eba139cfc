"""Saving one field (lock, load, validate, write, commit) against a bare `git commit` of the same change.

    python bench/save.py [--runs 15]

Ours is ``Repository.apply`` in-process, as the TUI saves a field; the
baseline writes the same line into the file and runs ``git commit``. Each
works on its own copy of the ten-years repository, so that neither one's
commits send the other down its slow path, and the two alternate run by run.

Saves in a row find ``refs/`` read less than STALE_AFTER seconds ago (git's
locks: store/gitio/repostate.py); the second figure is a save after a pause,
as a secretary makes them, which reads it again: its clock is moved on by
STALE_AFTER before each save.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import Figure, copy_repo, isolated, pair, ten_years


def measure(source: Path, work: Path, runs: int = 15) -> list[Figure]:
    from store.gitio import repostate
    from store.services.repository import Repository

    ours_path = copy_repo(source, work / "save-ours")
    base_path = copy_repo(source, work / "save-bare")
    repo = Repository.open(ours_path)
    # a meeting from the middle of the years that is not justerad (those are frozen)
    refs = [r for r in repo.list_refs() if 'status = "justerad"' not in (ours_path / r.relpath).read_text("utf-8")]
    ref = refs[len(refs) // 2]
    path = base_path / ref.relpath
    counter = iter(range(10**6))

    def save() -> None:
        n = next(counter)
        repo.apply(ref, lambda m: setattr(m, "place", f"Sammanträdesrum {n}"))

    def bare() -> None:
        n = next(counter)
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("place = ")]
        lines.insert(3, f'place = "Sammanträdesrum {n}"')
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        subprocess.run(["git", "commit", "-q", "-m", f"place {n}", "--", ref.relpath], cwd=base_path, check=True)

    ours, base = pair(save, bare, runs)
    pause = [0.0]
    real_clock = repostate._clock

    def save_after_pause() -> None:
        pause[0] += repostate.STALE_AFTER
        save()

    repostate._clock = lambda: real_clock() + pause[0]
    try:
        paused, paused_base = pair(save_after_pause, bare, runs)
    finally:
        repostate._clock = real_clock
    common = {"target": "≤ 1.5×", "max_ratio": 1.5, "runs": runs}
    return [
        Figure(
            "save one field",
            ours,
            base,
            "git commit of the same change",
            **common,
            key="save",
            note="in-process, as the TUI saves",
        ),
        Figure(
            "save one field, after a pause",
            paused,
            paused_base,
            "git commit of the same change",
            **common,
            key="save_paused",
            note=f"each save {repostate.STALE_AFTER:g} s after the last: refs/ read again",
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cesam-bench-") as folder, isolated(Path(folder)):
        figures = measure(ten_years(), Path(folder), args.runs)
    for figure in figures:
        print(
            f"{figure.name}: {figure.ours:.1f} ms, {figure.baseline_name}: {figure.baseline:.1f} ms, "
            f"ratio {figure.ratio:.2f}, CPU ratio {figure.cpu_ratio:.2f}"
        )


if __name__ == "__main__":
    main()
