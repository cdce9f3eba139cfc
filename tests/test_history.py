"""History, semantic diff and restore on repositories with real history."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from cesam_cli.main import main
from store.core.errors import FrozenError, UsageError
from store.core.messages import SpanKind, describe, word_diff
from store.core.model import Attendee, Statement, StatementKind, Status
from store.services import history
from store.services.repository import Repository
from store.services.restore import restore

MEETING = "cesam/2023-09-05"
VISION = "vision-malbild"  # Vision's view under § 4 a in the demo


def set_text(statement_id: str, old: str, new: str):  # type: ignore[no-untyped-def]
    def change(meeting) -> None:  # type: ignore[no-untyped-def]
        for item in meeting.items:
            for statement in item.statements:
                if statement.id == statement_id:
                    statement.text = statement.text.replace(old, new)

    return change


def statement_text(repo: Repository, statement_id: str) -> str:
    found = history.statement_by_id(repo.load(MEETING).meeting, statement_id)
    assert found is not None
    return found[1].text


def count_commits(repo: Repository) -> int:
    return int(repo.git.run("rev-list", "--count", "HEAD"))


def run_cli(repo: Repository, *args: str) -> int:
    return main(["--repo", str(repo.root), *args])


# ---------------------------------------------------------------- history


def test_apply_shows_in_history_of_meeting_item_and_statement(demo_repo: Repository) -> None:
    result = demo_repo.apply(MEETING, set_text(VISION, "digital nyfikenhet", "digital lust att lära"))
    entries = history.history(demo_repo, MEETING)
    assert [e.commit.hash for e in entries][:1] == [result.commit]
    assert entries[0].commit.subject == "CESAM 2023-09-05 § 4 a: Vision – synpunkt ändrad"
    assert entries[0].commit.author == "Sara Sekreterare"
    assert len(entries) == 2  # the demo commit that added the meeting, and this change

    item = history.history(demo_repo, MEETING, item_id="digitaliseringsprogrammet")
    assert [e.commit.hash for e in item] == [e.commit.hash for e in entries]
    (change,) = item[0].changes or []
    assert describe(change) == "§ 4 a: Vision – synpunkt ändrad: 'digital nyfikenhet' → 'digital lust att lära'"

    # an item the change did not touch has only the commit that created it
    other = history.history(demo_repo, MEETING, item_id="tib-och-kib")
    assert len(other) == 1
    assert describe(other[0].changes[0]).startswith("§ 4 b: underpunkt tillagd")  # type: ignore[index]

    statement = history.history(demo_repo, MEETING, statement_id=VISION)
    assert len(statement) == 2
    assert statement[-1].changes[0].action.value == "added"  # type: ignore[index]


def test_plain_history_matches_git_log(demo_repo: Repository) -> None:
    for n in range(3):
        demo_repo.apply(MEETING, lambda m, n=n: setattr(m, "place", f"Rum {n}"))
    ref = demo_repo.resolve(MEETING)
    expected = demo_repo.git.run("log", "--format=%H", "--", ref.relpath).split()
    assert [e.commit.hash for e in history.history(demo_repo, MEETING, semantic=False)] == expected
    assert [e.commit.hash for e in history.history(demo_repo, MEETING, limit=2)] == expected[:2]


def test_commit_made_with_plain_git_shows_with_its_author(demo_repo: Repository) -> None:
    path = demo_repo.root / demo_repo.resolve(MEETING).relpath
    path.write_text(path.read_text().replace("har uppnåtts", "har helt uppnåtts"), encoding="utf-8")
    demo_repo.git.run(
        "-c", "user.name=Rita Granskare", "-c", "user.email=rita@example.se", "commit", "-qam", "rättat ett ord"
    )
    (entry, *_) = history.history(demo_repo, MEETING)
    assert (entry.commit.author, entry.commit.email, entry.commit.subject) == (
        "Rita Granskare",
        "rita@example.se",
        "rättat ett ord",
    )
    assert [describe(c) for c in entry.changes or []] == ["§ 4 b: text ändrad: 'har uppnåtts' → 'har helt uppnåtts'"]
    item = history.history(demo_repo, MEETING, item_id="tib-och-kib")
    assert item[0].commit.author == "Rita Granskare"


def test_broken_version_is_shown_not_hidden(demo_repo: Repository) -> None:
    path = demo_repo.root / demo_repo.resolve(MEETING).relpath
    good = path.read_text()
    path.write_text(good + "\n[[[ inte toml\n", encoding="utf-8")
    demo_repo.git.run("commit", "-qam", "trasig")
    path.write_text(good, encoding="utf-8")
    demo_repo.git.run("commit", "-qam", "lagad")
    entries = history.history(demo_repo, MEETING)
    assert [e.commit.subject for e in entries[:2]] == ["lagad", "trasig"]
    assert not entries[0].readable and not entries[1].readable
    # an item's history cannot tell either, so it shows them too
    assert len(history.history(demo_repo, MEETING, item_id="tib-och-kib")) == 3


def test_renumbering_alone_is_not_a_change_of_the_item(repo: Repository) -> None:
    from conftest import small_meeting

    from store.core.model import Item

    repo.create(small_meeting())
    repo.apply("2023-09-05", lambda m: m.items.insert(0, Item(id="ny", title="Ny punkt")))
    assert len(history.history(repo, "2023-09-05", item_id="digital")) == 1
    assert len(history.history(repo, "2023-09-05", item_id="ny")) == 1


def test_bad_revisions_are_usage_errors(demo_repo: Repository) -> None:
    with pytest.raises(UsageError):
        history.history(demo_repo, MEETING, rev="--output=/tmp/x")
    with pytest.raises(UsageError):
        history.history(demo_repo, MEETING, rev="nosuchbranch")
    with pytest.raises(UsageError):
        history.resolve_rev(demo_repo, "-p")
    with pytest.raises(UsageError):
        history.diff(demo_repo, MEETING, "deadbeef")


# ---------------------------------------------------------------- diff


def test_word_diff_marks_changed_words() -> None:
    spans = word_diff("Vad menas med digital mognad? Inget.", "Vad menas med digital nyfikenhet? Inget.")
    assert [(s.kind, s.text) for s in spans if s.kind != SpanKind.SAME] == [
        (SpanKind.DELETED, "mognad"),
        (SpanKind.INSERTED, "nyfikenhet"),
    ]
    assert "".join(s.text for s in spans if s.kind != SpanKind.INSERTED) == "Vad menas med digital mognad? Inget."


def test_attendee_wording(demo_repo: Repository) -> None:
    def add(meeting) -> None:  # type: ignore[no-untyped-def]
        meeting.attendees.append(Attendee("ny-person", "Nina Ny", party="Vision", items=["digitaliseringsprogrammet"]))

    result = demo_repo.apply(MEETING, add)
    assert result.message == "CESAM 2023-09-05: Närvarande: Nina Ny tillagd, punkt 4 a"
    diff = history.diff(demo_repo, MEETING)
    assert [e.text for e in diff.explained()] == ["Närvarande: Nina Ny tillagd, punkt 4 a"]
    assert [e.text for e in diff.explained("en")] == ["Present: Nina Ny added, item 4 a"]


def test_diff_defaults(demo_repo: Repository) -> None:
    first = demo_repo.git.run("rev-parse", "HEAD")
    demo_repo.apply(MEETING, set_text(VISION, "digital nyfikenhet", "digital lust att lära"))
    # clean tree: the meeting's last commit against its parent
    last = history.diff(demo_repo, MEETING)
    assert (last.old_rev, last.new_rev) == (first, demo_repo.git.run("rev-parse", "HEAD"))
    (explained,) = last.explained()
    kinds = {s.kind for s in explained.spans}
    assert SpanKind.DELETED in kinds and SpanKind.INSERTED in kinds
    # a hand edit not committed: HEAD against the working copy
    path = demo_repo.root / demo_repo.resolve(MEETING).relpath
    path.write_text(path.read_text().replace('chair = "', 'place = "Rum 3"\nchair = "', 1), encoding="utf-8")
    dirty = history.diff(demo_repo, MEETING)
    assert dirty.new_rev == "worktree"
    assert [c.field for c in dirty.changes] == ["place"]
    # one revision: that one against now; two: between them
    assert len(history.diff(demo_repo, MEETING, first).changes) == 2
    assert len(history.diff(demo_repo, MEETING, first, "HEAD").changes) == 1
    assert "digital lust att lära" in history.raw_diff(demo_repo, history.diff(demo_repo, MEETING, first, "HEAD"))


def test_diff_of_the_commit_that_created_the_meeting(repo: Repository) -> None:
    from conftest import small_meeting

    repo.create(small_meeting())
    result = history.diff(repo, "2023-09-05")
    assert [describe(c) for c in result.changes] == ["möte tillagt"]
    assert "+[[items]]" in history.raw_diff(repo, result)


# ---------------------------------------------------------------- restore


def test_restore_statement_is_a_new_commit(demo_repo: Repository) -> None:
    original = statement_text(demo_repo, VISION)
    before = demo_repo.git.run("rev-parse", "HEAD")
    demo_repo.apply(MEETING, set_text(VISION, "digital nyfikenhet", "digital lust att lära"))
    commits = count_commits(demo_repo)
    result = restore(demo_repo, MEETING, before, statement_id=VISION)
    assert statement_text(demo_repo, VISION) == original
    assert count_commits(demo_repo) == commits + 1  # history is added to, never rewritten
    day = history.commit_info(demo_repo, before).date.date().isoformat()
    assert result.message == f"CESAM 2023-09-05 § 4 a: Vision – synpunkt återställd från {before[:7]} ({day})"
    # restoring again changes nothing and makes no commit
    assert not restore(demo_repo, MEETING, before, statement_id=VISION).changed


def test_restore_deleted_item_goes_back_in_place(demo_repo: Repository) -> None:
    before = demo_repo.git.run("rev-parse", "HEAD")
    order = [i.id for i in demo_repo.load(MEETING).meeting.items]
    demo_repo.apply(MEETING, lambda m: m.items.remove(m.item("kallelser")))
    result = restore(demo_repo, MEETING, before, item_id="kallelser")
    assert [i.id for i in demo_repo.load(MEETING).meeting.items] == order
    assert result.message.startswith(
        "CESAM 2023-09-05 § 7 a: Professionell hantering av mötesinbjudningar/kallelser – underpunkt återställd från "
    )


def test_restore_deleted_statement_and_whole_meeting(demo_repo: Repository) -> None:
    before = demo_repo.git.run("rev-parse", "HEAD")
    original = demo_repo.load(MEETING).text
    demo_repo.apply(
        MEETING,
        lambda m: m.item("digitaliseringsprogrammet").statements.remove(
            m.item("digitaliseringsprogrammet").statement(VISION)
        ),
    )
    demo_repo.apply(MEETING, lambda m: setattr(m, "place", "Annat rum"))
    restore(demo_repo, MEETING, before, statement_id=VISION)
    statements = demo_repo.load(MEETING).meeting.item("digitaliseringsprogrammet").statements
    assert [s.id for s in statements][1] == VISION
    result = restore(demo_repo, MEETING, before)
    assert "möte återställt från" in result.message
    assert demo_repo.load(MEETING).text == original


def test_restore_refused_on_justerad_meeting(demo_repo: Repository) -> None:
    before = demo_repo.git.run("rev-parse", "HEAD")

    def adjust(meeting) -> None:  # type: ignore[no-untyped-def]
        meeting.status = Status.ADJUSTED
        meeting.adjusted_on = meeting.date

    demo_repo.apply(MEETING, adjust, allow_frozen=True)  # as store.services.justering does once all have approved
    with pytest.raises(FrozenError):
        restore(demo_repo, MEETING, before, statement_id=VISION)


def test_restore_keeps_the_justering_state(demo_repo: Repository) -> None:
    # 2021-06-15 is justerad in the demo: reopen it (as `cesam reopen` does), change it, restore it
    from store.services.justering import reopen

    old = "cesam/2021-06-15"
    before = demo_repo.git.run("rev-parse", "HEAD")
    reopen(demo_repo, old, "rättelse av ett namn")
    status = demo_repo.load(old).meeting.status
    demo_repo.apply(old, lambda m: setattr(m, "place", "Annat rum"))
    restore(demo_repo, old, before)
    meeting = demo_repo.load(old).meeting
    assert meeting.place != "Annat rum"
    assert meeting.status == status  # a restore brings back content, never a justering


def test_restore_from_before_the_meeting_existed(demo_repo: Repository) -> None:
    first = demo_repo.git.run("rev-list", "--max-parents=0", "HEAD")
    with pytest.raises(UsageError, match="did not exist"):
        restore(demo_repo, MEETING, first)


# ---------------------------------------------------------------- CLI


def test_cli_edit_log_diff_restore(demo_repo: Repository, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    editor = tmp_path / "editor.sh"
    editor.write_text("#!/bin/sh\nsed -i 's/digital nyfikenhet/digital lust att lära/' \"$1\"\n")
    editor.chmod(editor.stat().st_mode | stat.S_IEXEC)
    before = demo_repo.git.run("rev-parse", "HEAD")
    os.environ["EDITOR"] = str(editor)
    try:
        assert run_cli(demo_repo, "edit", MEETING) == 0
    finally:
        del os.environ["EDITOR"]
    capsys.readouterr()

    assert run_cli(demo_repo, "log", MEETING, "--item", "4a") == 0
    out = capsys.readouterr().out
    assert "CESAM 2023-09-05 § 4 a: Vision – synpunkt ändrad" in out
    assert "'digital nyfikenhet' → 'digital lust att lära'" in out
    assert "Sara Sekreterare <sara@example.se>" in out

    assert run_cli(demo_repo, "log", MEETING, "--item", "4a", "--statement", "Vision") == 0
    assert "synpunkt ändrad" in capsys.readouterr().out

    assert run_cli(demo_repo, "diff", MEETING) == 0
    out = capsys.readouterr().out
    assert "§ 4 a: Vision – synpunkt ändrad" in out
    assert "[-nyfikenhet-]{+lust att lära+}" in out

    assert run_cli(demo_repo, "diff", MEETING, "--commit", "HEAD~1") == 0  # the demo commit that added it
    assert "möte tillagt" in capsys.readouterr().out

    assert run_cli(demo_repo, "diff", MEETING, "--raw") == 0
    out = capsys.readouterr().out
    # git's diff shows the one sentence that changed (the text is stored one sentence per line)
    assert "+De efterfrågar istället begreppet ”digital lust att lära”" in out
    assert "-De efterfrågar istället begreppet ”digital nyfikenhet”" in out
    changed = [line for line in out.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert len(changed) == 2, changed

    head = demo_repo.git.run("rev-parse", "HEAD")
    assert run_cli(demo_repo, "restore", MEETING, "--rev", before, "--statement", VISION, "--dry-run") == 0
    out = capsys.readouterr().out
    assert "synpunkt återställd från" in out and "'digital lust att lära' → 'digital nyfikenhet'" in out
    assert demo_repo.git.run("rev-parse", "HEAD") == head  # a dry run changes nothing

    assert run_cli(demo_repo, "restore", MEETING, "--rev", before[:10], "--item", "4 a", "--statement", "Vision") == 0
    assert "synpunkt återställd från" in capsys.readouterr().out
    assert "digital nyfikenhet" in statement_text(demo_repo, VISION)

    assert run_cli(demo_repo, "log", MEETING, "-n", "1") == 0
    assert "återställd" in capsys.readouterr().out


def test_cli_errors_are_messages(demo_repo: Repository, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(demo_repo, "log", MEETING, "--item", "99") == 2
    assert "har ingen punkt '99'" in capsys.readouterr().err
    assert run_cli(demo_repo, "log", MEETING, "--statement", "Vision") == 2  # a union names one only with --item
    assert "--item" in capsys.readouterr().err
    assert run_cli(demo_repo, "diff", MEETING, "nosuchrev") == 2
    assert run_cli(demo_repo, "restore", MEETING, "--rev=--help") == 2


# ---------------------------------------------------------------- commit-graph


def test_commit_graph_written_and_kept_fresh(repo: Repository) -> None:
    from conftest import small_meeting

    repo.create(small_meeting())  # the first commits write the graph: it was missing
    assert history.has_commit_graph(repo)
    assert repo.git.run("commit-graph", "verify") == ""
    chain = repo.git_dir / "objects/info/commit-graphs/commit-graph-chain"
    layers = chain.read_text().split() if chain.exists() else []
    for n in range(3):
        repo.apply("2023-09-05", lambda m, n=n: setattr(m, "place", f"Rum {n}"))
    assert (chain.read_text().split() if chain.exists() else []) == layers  # not after every commit
    assert history.note_commit(repo, every=1)
    history.update_commit_graph(repo, full=True)
    assert history.has_commit_graph(repo)


def test_statement_added_after_the_meeting(repo: Repository) -> None:
    from conftest import small_meeting

    repo.create(small_meeting())
    repo.apply(
        "2023-09-05",
        lambda m: m.item("digital").statements.append(Statement("s1", "Vision", StatementKind.QUESTION, "Hur?")),
    )
    entries = history.history(repo, "2023-09-05", statement_id="s1")
    assert [describe(c) for e in entries for c in e.changes or []] == ["§ 2 a: Vision – fråga tillagd"]


def test_merge_shows_only_what_it_settled(demo_repo: Repository, monkeypatch: pytest.MonkeyPatch) -> None:
    import shlex
    import sys

    from conftest import ROOT

    # the repository's own merge driver (cesam merge-driver), run from this checkout
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    driver = f"{shlex.quote(sys.executable)} -m cesam_cli.main merge-driver %O %A %B %P"
    git = demo_repo.git
    git.run("config", "merge.cesam.driver", driver)
    git.run("checkout", "-q", "-b", "granskning")
    demo_repo.apply(MEETING, set_text(VISION, "digital nyfikenhet", "digital lust att lära"))
    git.run("checkout", "-q", "main")
    demo_repo.apply(MEETING, lambda m: setattr(m.item("tib-och-kib"), "body", m.item("tib-och-kib").body + " Tillägg."))
    git.run("merge", "-q", "--no-edit", "granskning")
    assert "digital lust att lära" in statement_text(demo_repo, VISION)
    entries = history.history(demo_repo, MEETING)
    merge = entries[0]
    assert merge.is_merge and merge.changes == []  # each change came from one side as it was
    # the statement's history has the branch's commit, not the merge as well
    statement = history.history(demo_repo, MEETING, statement_id=VISION)
    assert [e.commit.subject for e in statement] == [
        "CESAM 2023-09-05 § 4 a: Vision – synpunkt ändrad",
        "CESAM 2023-09-05: protokoll inlagt (demo)",
    ]
    item = history.history(demo_repo, MEETING, item_id="tib-och-kib")
    assert not any(e.is_merge for e in item)


def test_merge_that_settles_a_conflict_shows_the_settlement(demo_repo: Repository) -> None:
    git = demo_repo.git
    # git's line merge, so the conflict is settled by hand as a reviewer would with plain git
    git.run("config", "--remove-section", "merge.cesam")
    path = demo_repo.root / demo_repo.resolve(MEETING).relpath
    git.run("checkout", "-q", "-b", "granskning")
    demo_repo.apply(MEETING, set_text(VISION, "digital nyfikenhet", "digital lust"))
    git.run("checkout", "-q", "main")
    demo_repo.apply(MEETING, set_text(VISION, "digital nyfikenhet", "digital glädje"))
    with pytest.raises(Exception):  # noqa: B017 - git reports the conflict by failing
        git.run("merge", "-q", "--no-edit", "granskning")
    git.run("checkout", "--theirs", "--", str(path.relative_to(demo_repo.root)))
    path.write_text(path.read_text().replace("digital lust", "digital lust och glädje"), encoding="utf-8")
    git.run("add", "--", str(path.relative_to(demo_repo.root)))
    git.run("commit", "-q", "--no-edit")
    (merge, *_) = history.history(demo_repo, MEETING, statement_id=VISION)
    assert merge.is_merge
    assert [describe(c) for c in merge.changes or []] == [
        "§ 4 a: Vision – synpunkt ändrad: 'digital glädje' → 'digital lust och glädje'"
    ]


def test_parsed_versions_kept_in_the_cache_folder(demo_repo: Repository, isolated_git) -> None:  # type: ignore[no-untyped-def]
    demo_repo.apply(MEETING, set_text(VISION, "digital nyfikenhet", "digital lust att lära"))
    history._parsed.clear()  # the demo's blobs are the same in every test: forget earlier ones
    expected = [[describe(c) for c in e.changes or []] for e in history.history(demo_repo, MEETING)]
    folder = isolated_git / ".cache" / "cesam" / "versions"
    kept = [p for p in folder.rglob("*") if p.is_file()]
    assert kept  # one file per blob id
    history._parsed.clear()  # as a new process
    assert [[describe(c) for c in e.changes or []] for e in history.history(demo_repo, MEETING)] == expected
    for path in kept:  # a damaged cache is parsed again, never trusted
        path.write_bytes(b"garbage")
    history._parsed.clear()
    assert [[describe(c) for c in e.changes or []] for e in history.history(demo_repo, MEETING)] == expected
