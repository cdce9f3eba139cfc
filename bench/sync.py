"""Sync time for a one-commit change: `cesam sync` against `git pull --rebase && git push`.

Everything runs on this machine, against a bare repository on the local disk
cloned from the ten-years repository, so the figures measure what cesam adds
to git (process starts, checks, the merge), not a network. Each round first
brings every clone up to date (untimed), then times one sync of each kind on
the same change:

- pull: a reviewer pushed one commit; we have nothing new;
- push: we made one commit; the remote did not move;
- both: the reviewer pushed one commit and we made one (different fields of
  the same meeting): cesam merges field by field, plain git rebases.

cesam is timed twice: the `cesam sync` command (a new Python process, as a
user runs it) and the store function `sync()` in-process (as the TUI calls
it). The commits themselves are made untimed, by cesam in every clone.

    python bench/sync.py [--rounds N] [--repo DIR]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import CLI, Figure, cli_env, git, isolated, ten_years, timed
from store.core.model import Meeting
from store.services.repository import Repository
from store.services.sync import sync

CASES = ("pull", "push", "both")
CESAM_CLI, IN_PROCESS, PLAIN = "cesam sync (a process)", "sync() in-process", "git pull --rebase && git push"


class Side:
    """A bare remote, the clone that syncs with it, and a reviewer's clone that pushes to it."""

    def __init__(self, work: Path, source: Path, name: str) -> None:
        self.remote = work / f"{name}-remote.git"
        git(work, "clone", "-q", "--bare", str(source), str(self.remote))
        clones = []
        for role in ("clone", "reviewer"):
            path = work / f"{name}-{role}"
            git(work, "clone", "-q", str(self.remote), str(path))
            # a clone has no commit-graph yet; cesam keeps one and git log uses it: the steady state has one
            git(path, "commit-graph", "write", "--reachable", "--changed-paths")
            clones.append(Repository.open(path))
        self.clone, self.reviewer = clones


class SyncBench:
    """cesam and plain git each with their own remote, so that neither's pushes reach the other."""

    def __init__(self, work: Path, source: Path) -> None:
        self.cesam = Side(work, source, "cesam")
        self.plain = Side(work, source, "plain")
        self.ours = self.cesam.clone
        self.ref = self.ours.list_refs()[-1]
        self.counter = 0
        sync(self.ours)  # sets the merge driver up once, as the first sync of a clone does

    def _edit(self, repo: Repository, change: Callable[[Meeting, int], None]) -> None:
        self.counter += 1
        n = self.counter
        repo.apply(self.ref, lambda m: change(m, n))

    def reviewer_commit(self) -> None:
        """The reviewer changes the place (at the top of the file), on both remotes."""
        for side in (self.cesam, self.plain):
            self._edit(side.reviewer, lambda m, n: setattr(m, "place", f"Rum {n}"))
            git(side.reviewer.root, "push", "-q")

    def our_commit(self) -> None:
        """We change the last item's title (far below the place), in both clones."""

        def change(m: Meeting, n: int) -> None:
            item = m.items[-1]
            item.title = f"{item.title.split(' (')[0]} ({n})"

        for side in (self.cesam, self.plain):
            self._edit(side.clone, change)

    def catch_up(self) -> None:
        sync(self.ours)
        for repo in (self.plain.clone, self.cesam.reviewer, self.plain.reviewer):
            git(repo.root, "pull", "-q", "--rebase")

    def cesam_cli(self) -> None:
        subprocess.run(
            [*CLI, "--repo", str(self.ours.root), "sync", "-q"], check=True, capture_output=True, env=cli_env()
        )

    def in_process(self) -> None:
        sync(self.ours)

    def plain_git(self) -> None:
        subprocess.run(
            "git pull -q --rebase && git push -q",
            shell=True,
            cwd=self.plain.clone.root,
            check=True,
            capture_output=True,
        )

    def round(self, cesam: Callable[[], None], first: bool) -> dict[str, tuple[float, float]]:
        """One sync of each case, (cesam, plain git) seconds each; ``first``: cesam goes first."""

        def both_ways() -> tuple[float, float]:
            if first:
                ours = timed(cesam)
                return ours, timed(self.plain_git)
            base = timed(self.plain_git)
            return timed(cesam), base

        out = {}
        self.catch_up()
        self.reviewer_commit()
        out["pull"] = both_ways()
        self.catch_up()
        self.our_commit()
        out["push"] = both_ways()
        self.catch_up()
        self.reviewer_commit()
        self.our_commit()
        out["both"] = both_ways()
        return out


def collect(bench: SyncBench, rounds: int) -> dict[str, dict[str, list[float]]]:
    """Seconds per case and way of syncing; the two cesam forms alternate between rounds."""
    results: dict[str, dict[str, list[float]]] = {c: {CESAM_CLI: [], IN_PROCESS: [], PLAIN: []} for c in CASES}
    bench.round(bench.in_process, True)  # warm-up: the OS file cache, the commit-graphs, the index
    for n in range(rounds):
        # the two cesam forms alternate, and which of cesam and git goes first, so load hits all alike
        key, cesam = (CESAM_CLI, bench.cesam_cli) if n % 2 == 0 else (IN_PROCESS, bench.in_process)
        for case, (ours, base) in bench.round(cesam, first=n % 4 < 2).items():
            results[case][key].append(ours)
            results[case][PLAIN].append(base)
    assert bench.ours.state().clean
    return results


def figures(results: dict[str, dict[str, list[float]]]) -> list[Figure]:
    """One change of ours (push) and commits on both sides (both), each as a process and in-process."""
    out = []
    for case, what in (("push", "one change"), ("both", "commits on both sides")):
        for key, label, name in (
            (CESAM_CLI, f"`cesam sync`, {what} (a process)", "sync_cli"),
            (IN_PROCESS, f"sync, {what}, in-process", "sync"),
        ):
            extra = {
                f"{c}_{who}_ms": statistics.median(values) * 1000
                for c in CASES
                for who, values in (("ours", results[c][key]), ("git", results[c][PLAIN]))
                if values
            }
            out.append(
                Figure(
                    label,
                    statistics.median(results[case][key]) * 1000,
                    statistics.median(results[case][PLAIN]) * 1000,
                    "git pull --rebase && git push",
                    "",
                    runs=len(results[case][key]),
                    key=name if case == "push" else f"{name}_both",
                    note="no target in the issue; the pull case in extra",
                    extra=extra,
                )
            )
    return out


def measure(source: Path, work: Path, rounds: int = 8) -> list[Figure]:
    folder = work / "sync"
    folder.mkdir(parents=True, exist_ok=True)
    return figures(collect(SyncBench(folder, source), rounds))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--repo", type=Path, help="the repository to clone (default: the ten-years one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cesam-bench-") as folder, isolated(Path(folder)):
        bench = SyncBench(Path(folder), args.repo or ten_years())
        results = collect(bench, args.rounds)
        print(
            f"median seconds over {args.rounds} rounds (cesam forms alternate: "
            f"{(args.rounds + 1) // 2} a process, {args.rounds // 2} in-process)"
        )
        print(f"{'case':6} {CESAM_CLI:>24} {IN_PROCESS:>18} {PLAIN:>30}")
        for case, rows in results.items():
            cells = [f"{statistics.median(v):.3f}" if v else "-" for v in rows.values()]
            print(f"{case:6} {cells[0]:>24} {cells[1]:>18} {cells[2]:>30}")
        alone = statistics.median(
            timed(lambda: subprocess.run([*CLI, "--help"], env=cli_env(), check=True, capture_output=True))
            for _ in range(7)
        )
        print(f"the command's start alone (cesam --help): {alone:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
