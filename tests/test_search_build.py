"""Building the search index in bounded memory: written and mapped as it grows, with the same answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.services import search
from store.services.repository import Repository


@pytest.mark.parametrize("words", ["nyfikenhet", "Vision", "arbetsmiljö"])
def test_an_index_written_in_pieces_answers_as_one_built_whole(
    demo_repo: Repository, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, words: str
) -> None:
    whole = search.SearchIndex(demo_repo, tmp_path / "whole.idx")
    expected = [repr(h) for h in (whole.search(search.make_query(demo_repo, words)))]
    assert expected, "the demo has these words"
    monkeypatch.setattr(search, "_SPILL_BYTES", 1)  # write the base again after every meeting
    pieces = search.SearchIndex(demo_repo, tmp_path / "pieces.idx")
    assert [repr(h) for h in (pieces.search(search.make_query(demo_repo, words)))] == expected
    # and a new process reads what was written: the same answers from the file
    again = search.SearchIndex(demo_repo, tmp_path / "pieces.idx")
    assert [repr(h) for h in (again.search(search.make_query(demo_repo, words)))] == expected


def test_an_unwritable_cache_folder_keeps_the_index_in_memory(
    demo_repo: Repository, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setattr(search, "_SPILL_BYTES", 1)
    index = search.SearchIndex(demo_repo, blocker / "index.idx")  # its folder is a file: nothing can be written
    expected = search.SearchIndex(demo_repo, tmp_path / "ok.idx").search(search.make_query(demo_repo, "Vision"))
    found = index.search(search.make_query(demo_repo, "Vision"))
    assert [repr(h) for h in found] == [repr(h) for h in expected] and found.total
