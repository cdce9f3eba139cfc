"""A short run of the three-person simulation (bench/simulate_collab.py): converged, nothing lost."""

from __future__ import annotations

from pathlib import Path

from bench.simulate_collab import simulate


def test_three_people_converge_and_lose_nothing(tmp_path: Path) -> None:
    # simulate() itself asserts that all clones hold one tree and every edit's token is in it
    report = simulate(tmp_path, rounds=6, seed=3)
    assert report.tokens >= 18
    assert report.plain.pulls > 0 and report.cesam.pulls > 0
    assert 0 <= report.plain.rate() <= 1 and 0 <= report.cesam.rate() <= 1
    assert len(report.plain.causes) == report.plain.conflicts
    assert "plain git" in "\n".join(report.lines("test"))


def test_the_plain_person_merges_by_lines_without_the_driver(tmp_path: Path) -> None:
    report = simulate(tmp_path, rounds=1, seed=1)
    assert report.tokens >= 3
    plain = tmp_path / "cecilia"
    assert (plain / ".gitattributes").read_text().count("merge=cesam")
    assert not (plain / ".git" / "config").read_text().count("merge-driver")
