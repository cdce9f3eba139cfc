"""Search results stream: the count first and exact, the hits built page by page, never all held at once."""

from __future__ import annotations

import gc
import json

import pytest

from cesam_cli.main import main
from store.core import codec
from store.core.model import Statement, StatementKind
from store.services import search as search_mod
from store.services import search_pages
from store.services.repository import Repository
from store.services.search import Hit, Record, SearchIndex, search

MEETING = "cesam/2023-09-05"


def live_hits() -> int:
    gc.collect()
    return sum(1 for obj in gc.get_objects() if type(obj) is Hit)


def naive_count(repo: Repository, word: str) -> int:
    """Records holding ``word``, counted from the files without the index."""
    count = 0
    for ref in repo.list_refs():
        meeting, _ = codec.loads((repo.root / ref.relpath).read_text(encoding="utf-8"))
        for item in meeting.items:
            groups = [[item.title, item.purpose, item.body, item.proposal]]
            groups += [[s.text, s.answer] for s in item.statements]
            groups += [[item.outcome.text]] if not item.outcome.is_empty else []
            groups += [[f.text, f.closed_note] for f in item.followups]
            groups += [[a.title] for a in item.attachments]
            count += sum(1 for texts in groups if any(word in search_mod.fold(t) for t in texts))
    return count


@pytest.mark.parametrize("word", ["arbetsgivaren", "om", "vision", "nyfikenhet", "xyzzy"])
def test_the_count_is_exact_before_any_hit_is_built(demo_repo: Repository, word: str) -> None:
    before = live_hits()
    results = search(demo_repo, word)
    assert live_hits() == before, "the search itself builds no hit"
    assert results.total == len(results) == naive_count(demo_repo, word)
    assert sum(1 for _ in results) == results.total
    assert results.with_hits == len({h.ref for h in results})


@pytest.mark.parametrize("size", [1, 3, 7, 100])
def test_pages_return_every_hit_once_in_order(demo_repo: Repository, size: int) -> None:
    results = search(demo_repo, "arbetsgivaren")
    whole = [repr(h) for h in results.page(0, results.total)]
    assert len(whole) == results.total > 10
    paged = [repr(h) for start in range(0, results.total, size) for h in results.page(start, start + size)]
    assert paged == whole
    # newest meeting first, and within a meeting in the order of the file
    dates = [h.date for h in results.page(0, results.total)]
    assert dates == sorted(dates, reverse=True)
    # pages asked for out of order, overlapping, or past the end
    assert [repr(h) for h in results.page(5, 9)] == whole[5:9]
    assert [repr(h) for h in results.page(2, 6)] == whole[2:6]
    assert results.page(results.total - 1, results.total + 50) == results.page(results.total - 1, results.total)
    assert results.page(results.total, results.total + 10) == []
    assert [repr(h) for h in results] == whole


def test_filtered_results_page_the_same_way(demo_repo: Repository) -> None:
    results = search(demo_repo, unions=["Vision"])
    hits = list(results)
    assert hits and len(hits) == results.total
    assert all(h.record in (Record.STATEMENT, Record.OUTCOME) for h in hits)
    assert [repr(h) for h in results.page(1, 4)] == [repr(h) for h in hits[1:4]]
    assert results.total == sum(len(results.page(s, s + 2)) for s in range(0, results.total, 2))


def test_walking_through_the_hits_holds_one_page(demo_repo: Repository, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_pages, "PAGE", 4)
    results = search(demo_repo, "arbetsgivaren")
    assert results.total > 3 * search_pages.PAGE
    before = live_hits()
    most = 0
    for n, _ in enumerate(results):
        if n % 3 == 0:
            most = max(most, live_hits() - before)
    # the page being walked (and the hit in hand); the pages before it are gone
    assert 0 < most <= search_pages.PAGE + 1


def test_results_stay_readable_when_the_index_changes(demo_repo: Repository, tmp_path: object) -> None:
    index = search_mod.index_for(demo_repo)
    results = search(demo_repo, "arbetsgivaren")
    expected = [repr(h) for h in results]
    # a save changes a meeting; the next search re-reads it and writes the index again
    path = demo_repo.root / demo_repo.resolve(MEETING).relpath
    meeting, _ = codec.loads(path.read_text(encoding="utf-8"))
    meeting.items[0].statements.append(
        Statement(id="ny", party="Vision", kind=StatementKind.VIEW, text="Arbetsgivaren ny")
    )
    path.write_text(codec.dumps(meeting), encoding="utf-8")
    index._rebuild(index.written_ns + 1)  # as when the delta has grown: the base written and mapped again
    assert search(demo_repo, "arbetsgivaren").total == results.total + 1
    assert [repr(h) for h in results] == expected


def test_a_new_process_pages_from_the_index_file(demo_repo: Repository, tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    first = SearchIndex(demo_repo, tmp_path / "i.idx").search(search_mod.make_query(demo_repo, "arbetsgivaren"))
    again = SearchIndex(demo_repo, tmp_path / "i.idx").search(search_mod.make_query(demo_repo, "arbetsgivaren"))
    assert again.total == first.total and [repr(h) for h in again.page(3, 8)] == [repr(h) for h in first.page(3, 8)]


def test_cesam_search_json_streams_every_hit(demo_repo: Repository, capsys: pytest.CaptureFixture[str]) -> None:
    results = search(demo_repo, "arbetsgivaren")
    assert main(["--repo", str(demo_repo.root), "search", "arbetsgivaren", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert len(printed) == results.total
    assert [(p["meeting"], p["number"]) for p in printed] == [(f"{h.group}/{h.date}", h.number) for h in results]
    assert main(["--repo", str(demo_repo.root), "search", "xyzzy", "--json"]) == 1
    assert json.loads(capsys.readouterr().out) == []


def test_giving_back_the_mapped_pages_changes_no_answer(demo_repo: Repository, monkeypatch: pytest.MonkeyPatch) -> None:
    """The mapped index's pages are given back as a search reads on (search_pages.give_back): the
    next read maps them again, so the answers are the same however often that happens."""
    expected = [repr(h) for h in search(demo_repo, "arbetsgivaren")]
    followups = search_mod.open_followups(demo_repo)
    given: list[object] = []
    monkeypatch.setattr(search_pages, "RELEASE_BYTES", 1)
    monkeypatch.setattr(search_mod, "RELEASE_BYTES", 1)
    real = search_pages.give_back
    monkeypatch.setattr(search_pages, "give_back", lambda buf: (given.append(buf), real(buf)))
    monkeypatch.setattr(search_mod, "give_back", search_pages.give_back)
    results = search(demo_repo, "arbetsgivaren")
    assert [repr(h) for h in results] == expected
    assert [repr(h) for h in results.page(3, 9)] == expected[3:9]
    assert search_mod.open_followups(demo_repo) == followups
    assert given, "the index is mapped: its pages were given back"


def test_separator_characters_in_a_text_leave_rows_and_fields_apart(demo_repo: Repository) -> None:
    """The index joins a record's fields with \\x1f and ends rows with \\x1e; a text holding them
    (a hostile file) must not merge or split records, nor move the matched spans."""
    path = demo_repo.root / demo_repo.resolve(MEETING).relpath
    meeting, _ = codec.loads(path.read_text(encoding="utf-8"))
    item = meeting.items[0]
    item.statements.append(
        Statement(
            id="sep", party="Vision", kind=StatementKind.VIEW, text="före\x1ezqefter\x1fsist ordx", answer="svar ordx"
        )
    )
    item.statements.append(Statement(id="sep2", party="Vision", kind=StatementKind.VIEW, text="ordx igen"))
    path.write_text(codec.dumps(meeting), encoding="utf-8")
    hits = list(search(demo_repo, "ordx"))
    assert [(h.record_id, [m.field for m in h.matches]) for h in hits] == [
        ("sep", ["text", "answer"]),
        ("sep2", ["text"]),
    ]
    (start, end) = hits[0].matches[0].spans[0]
    assert hits[0].matches[0].text[start:end] == "ordx"
    assert [h.record_id for h in search(demo_repo, "zqefter")] == ["sep"]
