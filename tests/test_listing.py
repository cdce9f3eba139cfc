"""store.services.listing: an unchanged repository's list is one read, and only then."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import small_meeting

from store.services.repository import Repository
from store.services.summary import SummaryCache


def _listed(repo: Repository, path: Path) -> tuple[list[object], SummaryCache]:
    cache = SummaryCache(repo, path)
    return list(cache.summaries()), cache


def _from_listing(cache: SummaryCache) -> bool:
    """True when the last call answered from the listing: the blob cache was never opened."""
    return cache.cache._entries is None


def test_an_unchanged_repository_is_listed_from_one_read(repo: Repository, tmp_path: Path) -> None:
    repo.create(small_meeting())
    repo.create(small_meeting(dt.date(2023, 10, 3)))
    path = tmp_path / "summaries.json"
    first, cache = _listed(repo, path)
    assert not _from_listing(cache) and cache.parsed == 2
    again, cache = _listed(repo, path)
    assert again == first and _from_listing(cache) and cache.parsed == 0
    # a commit: the long way once (one file parsed), then the listing of the new commit
    repo.apply("cesam/2023-09-05", lambda m: setattr(m, "place", "Rådhuset"))
    third, cache = _listed(repo, path)
    assert not _from_listing(cache) and cache.parsed == 1 and third[1].place == "Rådhuset"  # type: ignore[attr-defined]
    fourth, cache = _listed(repo, path)
    assert fourth == third and _from_listing(cache)


def test_a_changed_working_tree_is_never_listed_from_the_listing(repo: Repository, tmp_path: Path) -> None:
    repo.create(small_meeting())
    path = tmp_path / "summaries.json"
    (before,), _ = _listed(repo, path)
    file = repo.root / "meetings/cesam/2023/2023-09-05.toml"
    file.write_text(file.read_text(encoding="utf-8").replace("Koncernfrågor", "Koncernen"), encoding="utf-8")
    (edited,), cache = _listed(repo, path)
    assert not _from_listing(cache) and edited.blob != before.blob  # type: ignore[attr-defined]
    # a new, uncommitted meeting
    repo.git.run("checkout", "--", "meetings/cesam/2023/2023-09-05.toml")
    new = repo.root / "meetings/cesam/2023/2023-11-07.toml"
    new.write_text(file.read_text(encoding="utf-8").replace("2023-09-05", "2023-11-07"), encoding="utf-8")
    listed, cache = _listed(repo, path)
    assert not _from_listing(cache) and len(listed) == 2


def test_a_meeting_file_git_ignores_is_listed_and_keeps_the_long_way(repo: Repository, tmp_path: Path) -> None:
    repo.create(small_meeting())
    path = tmp_path / "summaries.json"
    _listed(repo, path)
    (repo.root / ".git/info/exclude").write_text("2023-10-*.toml\n", encoding="utf-8")
    file = repo.root / "meetings/cesam/2023/2023-09-05.toml"
    hidden = repo.root / "meetings/cesam/2023/2023-10-03.toml"
    hidden.write_text(file.read_text(encoding="utf-8").replace("2023-09-05", "2023-10-03"), encoding="utf-8")
    for _ in range(2):  # git status does not show it, so its content is never trusted to a listing
        listed, cache = _listed(repo, path)
        assert not _from_listing(cache) and len(listed) == 2


def test_a_damaged_listing_is_ignored(repo: Repository, tmp_path: Path) -> None:
    repo.create(small_meeting())
    path = tmp_path / "summaries.json"
    first, _ = _listed(repo, path)
    (listing,) = tmp_path.glob("summaries-listing-*.json")
    text = listing.read_text(encoding="utf-8")
    for damaged in (text[:-9], text.replace(",3,", ',"3",'), text.replace('"utkast"', "1")):
        assert damaged != text
        listing.write_text(damaged, encoding="utf-8")
        again, cache = _listed(repo, path)
        assert again == first and not _from_listing(cache)
        assert cache.parsed == 0  # the blob cache still answered


def test_a_listing_row_holds_every_field_of_a_summary() -> None:
    """A field added to MeetingSummary without a place in the row would come back as its default."""
    import dataclasses

    from store.services import listing
    from store.services.summary import MeetingSummary

    every = MeetingSummary(
        "g", dt.date(2024, 5, 6), "hållen", "13:00", "Rum", 4, 2, "e", "b" * 40, ["g/x#1"], ["g/y#2"]
    )
    assert all(getattr(every, f.name) != f.default for f in dataclasses.fields(MeetingSummary) if f.name != "group")
    assert listing._from_row(listing._row(every)) == every
    assert len(listing._SHAPE) == len(dataclasses.fields(MeetingSummary))
