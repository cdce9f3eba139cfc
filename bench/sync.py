"""Sync time for a one-commit change: `cesam sync` against `git pull --rebase && git push`.

Everything runs in one process tree on this machine, against a bare
repository on the local disk, so the figures measure what cesam adds to
git (process starts, checks, the merge driver), not a network. Each round
first brings every clone up to date (untimed), then times one sync of each
kind on the same change:

- pull: a reviewer pushed one commit; we have nothing new;
- push: we made one commit; the remote did not move;
- both: the reviewer pushed one commit and we made one (different fields of
  the same meeting): cesam merges with its driver, plain git rebases.

cesam is timed twice: the `cesam sync` command (a new Python process, as a
user runs it) and the store function `sync()` in-process (as the TUI calls
it). Run: python bench/sync.py [--rounds N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from store.config import Config, Group, Organisation, Union  # noqa: E402
from store.model import Item, Meeting, Statement  # noqa: E402
from store.repository import Repository, init_repository  # noqa: E402
from store.sync import sync  # noqa: E402

MEETING = "meetings/cesam/2023/2023-09-05.toml"


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def meeting() -> Meeting:
    items = [Item(f"punkt-{n}", f"Punkt {n}", body=f"Text för punkt {n}.\n\nAndra stycket.") for n in range(12)]
    for item in items:
        item.statements = [Statement(f"{item.id}-v", "Vision", text="Synpunkt."), Statement(f"{item.id}-s", "SACO")]
    return Meeting(group="cesam", date=dt.date(2023, 9, 5), place="Stadshuset", items=items)


def edit_file(clone: Path, pattern: str, new: str) -> None:
    """An edit as in a text editor: the first match of ``pattern`` becomes ``new``."""
    path = clone / MEETING
    text, count = re.subn(pattern, new, path.read_text(encoding="utf-8"), count=1)
    assert count == 1, pattern
    path.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cesam-bench-") as folder:
        tmp = Path(folder)
        home = tmp / "home"
        home.mkdir()
        (home / ".gitconfig").write_text(
            "[user]\n\tname = Bench\n\temail = bench@example.se\n[init]\n\tdefaultBranch = main\n", encoding="utf-8"
        )
        os.environ.update(
            {"HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": str(home / ".gitconfig")}
        )
        remote = tmp / "remote.git"
        git(tmp, "init", "-q", "--bare", "-b", "main", str(remote))
        config = Config(
            Organisation("Bench"),
            [Group("cesam", "Centrala samverkansgruppen", "CESAM")],
            [Union("Vision"), Union("SACO")],
        )
        repo = init_repository(tmp / "cesam", config)
        repo.create(meeting())
        git(repo.root, "remote", "add", "origin", str(remote))
        sync(repo)
        plain, reviewer = tmp / "plain", tmp / "reviewer"
        for clone in (plain, reviewer):
            git(tmp, "clone", "-q", str(remote), str(clone))
        cli = [sys.executable, "-m", "cesam_cli.main", "--repo", str(repo.root), "sync", "-q"]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        plain_sync = "git pull -q --rebase && git push -q"

        def cesam_cli() -> None:
            subprocess.run(cli, check=True, capture_output=True, env=env)

        def plain_git() -> None:
            subprocess.run(plain_sync, shell=True, cwd=plain, check=True, capture_output=True)

        def catch_up() -> None:
            sync(repo)
            git(plain, "pull", "-q", "--rebase")
            git(reviewer, "pull", "-q", "--rebase")

        counter = [0]

        def reviewer_commit() -> None:
            counter[0] += 1
            n = counter[0]
            edit_file(reviewer, r'title = "Punkt 3[^"]*"', f'title = "Punkt 3 (r{n})"')
            git(reviewer, "commit", "-qam", f"granskning {n}")
            git(reviewer, "push", "-q")

        def cesam_commit(field: str) -> None:
            counter[0] += 1
            n = counter[0]

            def change(m: Meeting) -> None:
                item = m.item("punkt-8")
                setattr(item, field, getattr(item, field) + f" ({n})")

            repo.apply("2023-09-05", change)

        def plain_commit() -> None:
            counter[0] += 1
            edit_file(plain, r"Text för punkt 10[^\n]*", f"Text för punkt 10 ({counter[0]}).")
            git(plain, "commit", "-qam", f"plain {counter[0]}")

        results: dict[str, dict[str, list[float]]] = {
            s: {"cesam sync (CLI)": [], "sync() in-process": [], "git pull --rebase && git push": []}
            for s in ("pull", "push", "both")
        }
        for round_ in range(args.rounds):
            use_cli = round_ % 2 == 0  # alternate so both cesam forms see the same conditions
            cesam_key = "cesam sync (CLI)" if use_cli else "sync() in-process"
            cesam_run: Callable[[], object] = cesam_cli if use_cli else (lambda: sync(repo))
            # pull: one commit arrived
            catch_up()
            reviewer_commit()
            results["pull"][cesam_key].append(timed(cesam_run))
            results["pull"]["git pull --rebase && git push"].append(timed(plain_git))
            # push: one commit of ours
            catch_up()
            cesam_commit("title")
            results["push"][cesam_key].append(timed(cesam_run))
            catch_up()
            plain_commit()
            results["push"]["git pull --rebase && git push"].append(timed(plain_git))
            # both: one commit each way, different fields of the same meeting
            catch_up()
            reviewer_commit()
            cesam_commit("body")
            results["both"][cesam_key].append(timed(cesam_run))
            catch_up()
            reviewer_commit()
            plain_commit()
            results["both"]["git pull --rebase && git push"].append(timed(plain_git))
        check = Repository.open(repo.root)
        assert check.state().clean
        print(
            f"median seconds over {args.rounds} rounds (cesam forms alternate: {(args.rounds + 1) // 2} CLI, {args.rounds // 2} in-process)"
        )
        print(f"{'case':6} {'cesam sync (CLI)':>18} {'sync() in-process':>18} {'git pull --rebase && git push':>30}")
        for case, rows in results.items():
            cells = [f"{statistics.median(v):.3f}" if v else "-" for v in rows.values()]
            print(f"{case:6} {cells[0]:>18} {cells[1]:>18} {cells[2]:>30}")
        startup = [sys.executable, "-m", "cesam_cli.main", "--help"]
        alone = statistics.median(
            timed(lambda: subprocess.run(startup, env=env, check=True, capture_output=True)) for _ in range(7)
        )
        print(f"the command's start alone (cesam --help): {alone:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
