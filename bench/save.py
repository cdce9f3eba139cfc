"""Saving one field (lock, load, validate, write, commit) against a bare `git commit`."""

from __future__ import annotations

import subprocess
from pathlib import Path

from bench.common import Figure, copy_repo, median_ms
from store.repository import Repository


def measure(source: Path, work: Path, runs: int = 15) -> Figure:
    repo_path = copy_repo(source, work / "save")
    repo = Repository.open(repo_path)
    ref = repo.list_refs()[0]
    path = repo_path / ref.relpath
    counter = iter(range(10**6))

    def save() -> None:
        n = next(counter)
        repo.apply(ref, lambda m: setattr(m, "place", f"Sammanträdesrum {n}"))

    def bare() -> None:
        n = next(counter)
        text = path.read_text(encoding="utf-8")
        lines = [line for line in text.splitlines() if not line.startswith("place = ")]
        lines.insert(3, f'place = "Sammanträdesrum {n}"')
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        subprocess.run(["git", "commit", "-q", "-m", f"place {n}", "--", ref.relpath], cwd=repo_path, check=True)

    # interleave so that load on the shared machine hits both alike
    ours, base = [], []
    for _ in range(3):
        ours.append(median_ms(save, runs=runs // 3, warmup=1))
        base.append(median_ms(bare, runs=runs // 3, warmup=1))
    return Figure("save one field", sorted(ours)[1], sorted(base)[1], "git commit of the same change", "≤ 1.5×")
