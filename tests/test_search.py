"""Search across meetings and years: the demo, folding, filters, the cached index."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from cesam_cli.main import main
from store.core.errors import UsageError
from store.core.model import FollowUp, OutcomeKind, Statement, StatementKind
from store.services import search as search_mod
from store.services.repository import Repository
from store.services.search import Record, SearchIndex, find_spans, fold, search, terms

MEETING = "cesam/2023-09-05"


def run_cli(repo: Repository, *args: str) -> int:
    return main(["--repo", str(repo.root), *args])


def test_nyfikenhet_finds_4a_of_2023_09_05(demo_repo: Repository) -> None:
    results = search(demo_repo, "nyfikenhet")
    (hit,) = list(results)
    assert (str(hit.ref), hit.number, hit.item_id) == (MEETING, "4 a", "digitaliseringsprogrammet")
    assert (hit.record, hit.party, hit.kind) == (Record.STATEMENT, "Vision", "view")
    (match,) = hit.matches
    start, end = match.spans[0]
    assert match.text[start:end] == "nyfikenhet"
    assert results.meetings == 3


def test_cli_search_nyfikenhet(demo_repo: Repository, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(demo_repo, "search", "nyfikenhet") == 0
    out = capsys.readouterr().out
    assert "cesam/2023-09-05  § 4 a Digitaliseringsprogrammet  [Vision (synpunkt)]" in out
    assert "[nyfikenhet]" in out  # marked, not markup
    assert "1 träff i 3 möten" in out
    assert run_cli(demo_repo, "search", "--json", "NYFIKENHET") == 0
    (hit,) = json.loads(capsys.readouterr().out)
    assert hit["meeting"] == MEETING and hit["number"] == "4 a" and hit["item_id"] == "digitaliseringsprogrammet"
    text = hit["matches"][0]["text"]
    start, end = hit["matches"][0]["spans"][0]
    assert text[start:end] == "nyfikenhet"
    assert run_cli(demo_repo, "search", "ordetfinnsinte") == 1


def test_union_vision_across_all_three_meetings(demo_repo: Repository, capsys: pytest.CaptureFixture[str]) -> None:
    results = search(demo_repo, unions=["Vision"], joint=False)
    assert {h.record for h in results} <= {Record.STATEMENT, Record.OUTCOME}
    statements = [h for h in results if h.record == Record.STATEMENT]
    assert all(h.party == "Vision" for h in statements)
    assert {h.date.isoformat() for h in statements} == {"2021-06-15", "2022-09-20", "2023-09-05"}
    assert run_cli(demo_repo, "search", "--union", "vision") == 0  # names fold too
    out = capsys.readouterr().out
    for day in ("2021-06-15", "2022-09-20", "2023-09-05"):
        assert f"cesam/{day}" in out


def test_union_on_a_subject(demo_repo: Repository) -> None:
    # a union's statements on one subject, over the years
    hits = list(search(demo_repo, "digital", unions=["Vision"]))
    assert [(h.date.isoformat(), h.number) for h in hits] == [("2023-09-05", "4 a")]
    assert list(search(demo_repo, "nyfikenhet", unions=["Kommunal"])) == []


def test_union_aliases_from_config(demo_repo: Repository) -> None:
    config = demo_repo.config
    union = next(u for u in config.unions if u.aliases)
    direct = list(search(demo_repo, unions=[union.name]))
    assert direct and list(search(demo_repo, unions=[union.aliases[0].upper()])) == direct
    with pytest.raises(UsageError, match="known unions"):
        search(demo_repo, unions=["Okänt förbund"])


def test_every_oenighet_and_with_whom(demo_repo: Repository, capsys: pytest.CaptureFixture[str]) -> None:
    hits = list(search(demo_repo, outcome_kinds=["oenighet"]))
    assert hits and all(h.record == Record.OUTCOME and h.kind == OutcomeKind.DISAGREEMENT.value for h in hits)
    assert ("2023-09-05", "4 c") in {(h.date.isoformat(), h.number) for h in hits}
    assert list(search(demo_repo, outcome_kinds=["disagreement"])) == hits  # the file's word works too
    assert run_cli(demo_repo, "search", "--outcome", "oenighet") == 0
    assert "oenighet: Fackliga parter" in capsys.readouterr().out

    def disagree(meeting) -> None:  # type: ignore[no-untyped-def]
        meeting.item("arbetsmiljofragor").outcome.kind = OutcomeKind.DISAGREEMENT
        meeting.item("arbetsmiljofragor").outcome.parties = ["Kommunal"]

    demo_repo.apply(MEETING, disagree)
    with_kommunal = list(search(demo_repo, outcome_kinds=["oenighet"], unions=["Kommunal"], joint=False))
    assert [(h.number, h.parties) for h in with_kommunal] == [("5", ("Kommunal",))]


def test_kind_filters(demo_repo: Repository) -> None:
    questions = list(search(demo_repo, statement_kinds=["fråga"]))
    assert questions and all(h.kind == StatementKind.QUESTION.value for h in questions)
    info = list(search(demo_repo, item_kinds=["facklig fråga"], years=[2023]))
    assert info and all(h.item_kind == "union_question" and h.date.year == 2023 for h in info)
    with pytest.raises(UsageError, match="unknown kind"):
        search(demo_repo, statement_kinds=["gissning"])
    with pytest.raises(UsageError):
        search(demo_repo, "")


def test_year_and_group_filters(demo_repo: Repository) -> None:
    everywhere = search(demo_repo, "arbetsgivaren")
    assert everywhere.meetings == 3
    only = search(demo_repo, "arbetsgivaren", years=search_mod.parse_years("2021-2022"))
    assert only.meetings == 2 and {h.date.year for h in only} <= {2021, 2022}
    assert search(demo_repo, "arbetsgivaren", groups=["cesam"]).meetings == 3
    with pytest.raises(UsageError, match="unknown group"):
        search(demo_repo, "arbetsgivaren", groups=["nope"])


def test_swedish_folding() -> None:
    assert fold("ÅÄÖ") == "åäö"
    assert fold("Å") != "a"
    assert fold("A\u030a") == "å"  # a decomposed å is the same letter
    assert terms('"digital nyfikenhet" Vision') == ["digital nyfikenhet", "vision"]
    text = "Översvämning i Åkerby; ÄNDRING"
    assert find_spans(text, ["översvämning", "åkerby"]) == ((0, 12), (15, 21))
    assert find_spans(text, ["overs"]) == ()  # ö is not o
    assert find_spans("Straße", ["strasse"]) == ((0, 6),)  # folding that changes length maps back


def test_folding_in_search(repo: Repository) -> None:
    from conftest import small_meeting

    meeting = small_meeting()
    meeting.item("digital").statements.append(
        Statement("s1", "Vision", StatementKind.VIEW, "Åtgärder för översvämning vid ÄLVEN.")
    )
    repo.create(meeting)
    assert len(list(search(repo, "ÅTGÄRDER"))) == 1
    assert len(list(search(repo, "älven"))) == 1
    assert list(search(repo, "atgarder")) == []
    assert list(search(repo, "alven")) == []
    (hit,) = list(search(repo, '"för översvämning"'))
    (start, end) = hit.matches[0].spans[0]
    assert hit.matches[0].text[start:end] == "för översvämning"


def test_cli_limit_prints_the_newest_and_counts_all(demo_repo: Repository, capsys: pytest.CaptureFixture[str]) -> None:
    everything = search(demo_repo, "arbetsgivaren")
    assert everything.total > 5
    assert run_cli(demo_repo, "search", "arbetsgivaren", "--limit", "2") == 0
    printed = capsys.readouterr().out
    assert f"{everything.total} träffar i 3 möten (de 2 senaste visas)" in printed
    heads = [line for line in printed.splitlines() if line.startswith("cesam/")]
    expected = [f"{h.group}/{h.date.isoformat()}  § {h.number} " for h in everything.page(0, 2)]
    assert len(heads) == 2 and all(line.startswith(head) for line, head in zip(heads, expected, strict=True))


def test_every_word_must_occur_in_one_record(demo_repo: Repository) -> None:
    both = list(search(demo_repo, "digital nyfikenhet"))
    assert len(both) == 1
    # words that occur in the meeting but in different records do not make a hit
    assert list(search(demo_repo, "nyfikenhet deltidstjänster")) == []


def test_index_follows_edits_and_is_kept_outside_the_repo(demo_repo: Repository, isolated_git) -> None:  # type: ignore[no-untyped-def]
    assert list(search(demo_repo, "nyfikenhet"))
    cache = list((isolated_git / ".cache" / "cesam" / "search").glob("*.idx"))
    assert len(cache) == 1
    assert not any(".idx" in p for p in demo_repo.git.run("status", "--porcelain", "--ignored").split())

    def rename(meeting) -> None:  # type: ignore[no-untyped-def]
        st = meeting.item("digitaliseringsprogrammet").statement("vision-malbild")
        st.text = st.text.replace("nyfikenhet", "lust att lära")

    demo_repo.apply(MEETING, rename)
    assert list(search(demo_repo, "nyfikenhet")) == []
    assert len(list(search(demo_repo, "lust att lära"))) == 1
    # a new process (a fresh index object) reads the index from disk and agrees
    fresh = SearchIndex(demo_repo)
    assert len(list(fresh.search(search_mod.make_query(demo_repo, "lust att lära")))) == 1
    # a hand edit in the working tree is searched too (what the user sees is what is found)
    path = demo_repo.root / demo_repo.resolve(MEETING).relpath
    path.write_text(path.read_text().replace("lust att lära", "digital glädje"), encoding="utf-8")
    assert len(list(search(demo_repo, "glädje"))) == 1
    # a broken file is reported, not searched, and the others still are
    path.write_text("[[[", encoding="utf-8")
    results = search(demo_repo, "arbetsgivaren")
    assert results.unreadable == [demo_repo.resolve(MEETING).relpath]
    assert results.meetings == 2


def test_changes_go_to_the_delta_until_it_grows(repo: Repository) -> None:
    from conftest import small_meeting

    for day in range(1, 21):
        meeting = small_meeting(dt.date(2023, 9, day))
        meeting.item("koncern").body = "Bakgrund. " * 40
        repo.create(meeting)
    index = search_mod.index_for(repo)
    index.refresh()
    base_id, base = index.base_id, index.cache_file.read_bytes()
    repo.apply("2023-09-01", lambda m: setattr(m.item("digital"), "body", "Ändring ett"))
    assert len(list(search(repo, "ändring ett"))) == 1
    # a save costs a small write: the base stays, the delta holds the new version
    assert index.base_id == base_id and index.cache_file.read_bytes() == base
    assert index.delta_file.exists() and len(index.extra) == 1
    fresh = SearchIndex(repo)  # a new process reads base and delta
    assert len(list(fresh.search(search_mod.make_query(repo, "ändring ett")))) == 1
    for n in range(6):  # large changes: the delta outgrows an eighth of the base
        repo.apply(f"2023-09-0{n + 2}", lambda m, n=n: setattr(m.item("digital"), "body", f"Ändring {n} " * 200))
        search(repo, "ändring")
    assert index.base_id != base_id and not index.extra and not index.delta_file.exists()
    assert len(list(SearchIndex(repo).search(search_mod.make_query(repo, "ändring 5")))) == 1


def test_identical_content_is_indexed_once(demo_repo: Repository) -> None:
    index = search_mod.index_for(demo_repo)
    index.refresh()
    blobs = {blob for _, _, blob in index.paths.values()}
    assert len(blobs) == 3
    assert all(
        blob == search_mod.git_blob_id((demo_repo.root / p).read_bytes()) for p, (_, _, blob) in index.paths.items()
    )
    ref = demo_repo.resolve(MEETING).relpath
    assert index.paths[ref][2] == demo_repo.git.run("rev-parse", f"HEAD:{ref}")  # the same id git gives it


def test_open_followups_and_their_age(demo_repo: Repository, capsys: pytest.CaptureFixture[str]) -> None:
    today = dt.date(2024, 1, 1)
    items = search_mod.open_followups(demo_repo, today)
    assert items
    assert all(f.age_days == (today - f.date).days for f in items)
    assert [f.date for f in items] == sorted(f.date for f in items)  # oldest first
    first = items[0]

    def close(meeting) -> None:  # type: ignore[no-untyped-def]
        followup = meeting.item(first.item_id).followup(first.followup_id)
        followup.closed = True

    demo_repo.apply(str(first.ref), close, allow_frozen=True)
    after = search_mod.open_followups(demo_repo, today)
    assert len(after) == len(items) - 1
    assert first.followup_id not in {f.followup_id for f in after if f.ref == first.ref}
    assert run_cli(demo_repo, "search", "--open-followups") == 0
    assert "dagar" in capsys.readouterr().out


def test_carried_followups_are_counted(repo: Repository) -> None:
    from conftest import small_meeting

    from store.core.model import Item

    first = small_meeting(dt.date(2023, 9, 5))
    first.item("digital").followups.append(
        FollowUp("fu1", "Arbetsgivaren återkommer om lokaler.", due=dt.date(2023, 10, 1))
    )
    repo.create(first)
    second = small_meeting(dt.date(2023, 10, 3))
    second.items.append(Item(id="carry", title="Lokaler", carried_from=["cesam/2023-09-05#fu1"]))
    repo.create(second)
    (item,) = search_mod.open_followups(repo, dt.date(2023, 10, 10))
    assert item.carried == ("cesam/2023-10-03",)
    assert item.overdue and item.age_days == 35


# ---------------------------------------------------------------- a repository with a few thousand commits


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Repository:
    import subprocess
    import sys

    from conftest import ROOT

    out = tmp_path_factory.mktemp("generated") / "repo"
    # 4 groups x 12 meetings x 5 years, each with ten edits: about 2,600 commits
    code = "import sys; from bench.generate import generate; print(generate(__import__('pathlib').Path(sys.argv[1]), 4, 5, 9))"
    subprocess.run([sys.executable, "-c", code, str(out)], cwd=ROOT, check=True)
    repo = Repository(out)
    from store.services.history import update_commit_graph

    update_commit_graph(repo)
    return repo


def _naive_hits(repo: Repository, word: str) -> int:
    from store.core import codec

    count = 0
    for ref in repo.list_refs():
        meeting, _ = codec.loads((repo.root / ref.relpath).read_text(encoding="utf-8"))
        for item in meeting.items:
            texts = [[item.title, item.purpose, item.body, item.proposal]]
            texts += [[s.text, s.answer] for s in item.statements]
            texts += [[item.outcome.text]] if not item.outcome.is_empty else []
            texts += [[f.text, f.closed_note] for f in item.followups]
            texts += [[a.title] for a in item.attachments]
            count += sum(1 for group in texts if any(word in fold(t) for t in group))
    return count


@pytest.mark.slow
def test_generated_repository_history_and_search(generated: Repository) -> None:
    from store.services import history

    assert int(generated.git.run("rev-list", "--count", "HEAD")) > 2000
    assert history.has_commit_graph(generated)
    refs = generated.list_refs()
    assert len(refs) == 240
    for ref in (refs[0], refs[100], refs[-1]):
        expected = generated.git.run("log", "--format=%H", "--", ref.relpath).split()
        entries = history.history(generated, ref)
        assert [e.commit.hash for e in entries] == expected
        assert all(e.readable for e in entries)
        # an item's history is exactly the commits where that item's record changed
        meeting = generated.load(ref).meeting
        for item in meeting.items[:6]:
            naive = []
            for commit in expected:
                new = history.meeting_at(generated, commit, ref)
                parent = generated.git.run("rev-list", "--parents", "-n", "1", commit).split()[1:]
                old = history.meeting_at(generated, parent[0], ref) if parent else None
                if history.item_by_id(old, item.id) != history.item_by_id(new, item.id):
                    naive.append(commit)
            assert [e.commit.hash for e in history.history(generated, ref, item_id=item.id)] == naive
    for word in ("nyfikenhet", "ventilation", "arbetsmiljö", "åtgärd"):
        assert len(list(search(generated, word))) == _naive_hits(generated, word), word
    vision = list(search(generated, unions=["Vision"], joint=False))
    assert vision and {h.party for h in vision if h.record == Record.STATEMENT} == {"Vision"}


def test_searches_from_threads_agree(demo_repo: Repository) -> None:
    from concurrent.futures import ThreadPoolExecutor

    expected = len(list(search(demo_repo, "arbetsgivaren")))
    with ThreadPoolExecutor(4) as pool:
        counts = list(pool.map(lambda _: len(list(search(demo_repo, "arbetsgivaren"))), range(16)))
    assert counts == [expected] * 16


def test_search_takes_a_query_made_once_as_it_takes_the_keywords(demo_repo: Repository) -> None:
    query = search_mod.make_query(demo_repo, "budget", unions=["vision"], years=[2022, 2023])
    by_keywords = search(demo_repo, "budget", unions=["vision"], years=[2022, 2023])
    by_query = search(demo_repo, query)
    assert [h.ref for h in by_query] == [h.ref for h in by_keywords]
    assert by_query.total == by_keywords.total and by_keywords.total > 0
    with pytest.raises(TypeError):
        search(demo_repo, query, unions=["Kommunal"])  # one place for the filters
    with pytest.raises(UsageError):
        search(demo_repo, search_mod.make_query(demo_repo))  # an empty query is refused either way
