"""store.core.agenda keeps pre-order and numbering; store.services.summary parses each blob once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import small_meeting

from store.core import agenda
from store.core.numbering import item_numbers
from store.services.repository import Repository
from store.services.summary import SummaryCache, fingerprint


def numbered(meeting: object) -> list[tuple[str, str]]:
    numbers = item_numbers(meeting)  # type: ignore[arg-type]
    return [(numbers[i.id], i.title) for i in meeting.items]  # type: ignore[attr-defined]


def test_add_move_indent_outdent_delete() -> None:
    m = small_meeting()
    agenda.add_item(m, "Ekonomi", after="val")
    assert numbered(m) == [
        ("1", "Val av justerare"),
        ("2", "Ekonomi"),
        ("3", "Koncernfrågor"),
        ("3 a", "Digitalisering"),
    ]
    sub = agenda.add_item(m, "Lönekartläggning", parent="koncern")
    assert numbered(m)[-1] == ("3 b", "Lönekartläggning")
    agenda.move(m, sub.id, -1)
    assert numbered(m)[-2:] == [("3 a", "Lönekartläggning"), ("3 b", "Digitalisering")]
    with pytest.raises(ValueError):
        agenda.move(m, sub.id, -1)
    # moving a top-level item takes its sub-items along
    agenda.move(m, "koncern", -1)
    assert [t for _, t in numbered(m)] == [
        "Val av justerare",
        "Koncernfrågor",
        "Lönekartläggning",
        "Digitalisering",
        "Ekonomi",
    ]
    agenda.outdent(m, sub.id)
    assert numbered(m) == [
        ("1", "Val av justerare"),
        ("2", "Koncernfrågor"),
        ("2 a", "Digitalisering"),
        ("3", "Lönekartläggning"),
        ("4", "Ekonomi"),
    ]
    agenda.indent(m, sub.id)
    assert numbered(m)[2:4] == [("2 a", "Digitalisering"), ("2 b", "Lönekartläggning")]
    with pytest.raises(ValueError):
        agenda.indent(m, "koncern")  # has sub-items
    with pytest.raises(ValueError):
        agenda.indent(m, "val")  # first item
    removed = agenda.delete_item(m, "koncern")
    assert sorted(removed) == sorted(["koncern", "digital", sub.id])
    assert [t for _, t in numbered(m)] == ["Val av justerare", "Ekonomi"]


def test_summary_cache_parses_each_blob_once(repo: Repository, tmp_path: Path) -> None:
    repo.create(small_meeting())
    repo.create(small_meeting(dt.date(2023, 10, 3)))
    cache = SummaryCache(repo, tmp_path / "cache.json")
    first = cache.summaries()
    assert [s.date.isoformat() for s in first] == ["2023-10-03", "2023-09-05"]
    assert first[0].items == 3 and first[0].status == "utkast"
    assert cache.parsed == 2
    again = SummaryCache(repo, tmp_path / "cache.json")
    assert again.summaries() == first
    assert again.parsed == 0  # everything came from the cache file
    # a change makes a new blob: only that meeting is parsed again
    repo.apply("cesam/2023-09-05", lambda m: setattr(m, "place", "Rådhuset"))
    third = SummaryCache(repo, tmp_path / "cache.json")
    summaries = third.summaries()
    assert third.parsed == 1
    assert summaries[1].place == "Rådhuset"


def test_summary_of_a_hand_edit_and_a_broken_file(repo: Repository, tmp_path: Path) -> None:
    repo.create(small_meeting())
    path = repo.root / "meetings/cesam/2023/2023-09-05.toml"
    before = fingerprint(repo)
    path.write_text(path.read_text(encoding="utf-8").replace('title = "Koncernfrågor"', "title = "), encoding="utf-8")
    assert fingerprint(repo) != before
    cache = SummaryCache(repo, tmp_path / "cache.json")
    (broken,) = cache.summaries()
    assert broken.error.startswith("meetings/cesam/2023/2023-09-05.toml:")
    assert cache.parsed == 1
    # broken files are not cached, so fixing the file shows at once
    repo.git.run("checkout", "--", "meetings/cesam/2023/2023-09-05.toml")
    (fixed,) = SummaryCache(repo, tmp_path / "cache.json").summaries()
    assert fixed.error == "" and fixed.items == 3
