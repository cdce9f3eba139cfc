"""Justering against real repositories: approvals as tags, freeze, reopen, verify."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from conftest import small_meeting

from store.core import codec
from store.core.errors import FrozenError, UsageError
from store.core.model import Attendee, Meeting, Statement, Status
from store.services.justering import (
    VerifyState,
    adjust,
    justering_hash,
    justering_window,
    list_approvals,
    person_slug,
    reopen,
    reopenings,
    verify,
)
from store.services.repository import Repository

REF = "cesam/2023-09-05"
PATH = "meetings/cesam/2023/2023-09-05.toml"
PEOPLE = ["Alexandra Eldstål", "Lena Possbeck", "Magnus Gyllestad"]


def held_meeting(date: dt.date = dt.date(2023, 9, 5)) -> Meeting:
    meeting = small_meeting(date)
    meeting.status = Status.HELD
    meeting.chair = "Magnus Gyllestad"
    meeting.adjusters = ["Alexandra Eldstål", "Lena Possbeck"]
    meeting.attendees = [
        Attendee("magnus", "Magnus Gyllestad", "Kommundirektör"),
        Attendee("alexandra", "Alexandra Eldstål", party="Kommunal"),
        Attendee("lena", "Lena Possbeck", party="Vision"),
    ]
    return meeting


@pytest.fixture
def held(repo: Repository) -> Repository:
    repo.create(held_meeting())
    return repo


def add_view(meeting: Meeting) -> None:
    meeting.item("digital").statements.append(Statement("vision-1", "Vision", text="Otydlig målbild."))


def plain_git_edit(repo: Repository, old: str, new: str, *, author: str = "Kalle Klåfinger <kalle@example.se>") -> str:
    path = repo.root / PATH
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    repo.git.run("commit", "-q", "-a", "-m", "rättelse", f"--author={author}")
    return repo.git.run("rev-parse", "HEAD")


def one(results: list) -> object:  # type: ignore[type-arg]
    (result,) = [r for r in results if str(r.ref) == REF]
    return result


# ---------------------------------------------------------------- the hash


def test_hash_ignores_status_date_and_formatting_but_not_content() -> None:
    meeting = held_meeting()
    digest = justering_hash(meeting)
    done = dataclasses.replace(meeting, status=Status.ADJUSTED, adjusted_on=dt.date(2023, 9, 15))
    assert justering_hash(done) == digest
    # the same content written differently: keys reordered, other spacing
    text = codec.dumps(meeting).replace('status = "hållen"\n', "").replace("schema = 1\n", "")
    reformatted, _ = codec.loads('status   =   "hållen"\nschema=1\n' + text)
    assert justering_hash(reformatted) == digest
    changed = held_meeting()
    changed.item("digital").title = "Digitalisering!"
    assert justering_hash(changed) != digest


def test_person_slug_is_ascii_and_safe() -> None:
    assert person_slug("Alexandra Eldstål") == "alexandra-eldstal"
    assert person_slug("  Åsa Öberg-Ärlig ") == "asa-oberg-arlig"
    assert person_slug("../--") == "person"


# ---------------------------------------------------------------- adjust


def test_adjust_all_makes_justerad_in_one_commit_with_tags(held: Repository) -> None:
    content_commit = held.git.run("rev-parse", "HEAD")
    result = adjust(held, "2023-09-05", on=dt.date(2023, 9, 15))
    assert result.complete and result.commit
    assert [a.approver for a in result.created] == PEOPLE
    assert result.message.splitlines()[0] == "CESAM 2023-09-05: justerat av " + ", ".join(PEOPLE)
    assert held.git.run("log", "-1", "--format=%P") == content_commit
    meeting = held.load(REF).meeting
    assert meeting.status == Status.ADJUSTED and meeting.adjusted_on == dt.date(2023, 9, 15)
    assert justering_hash(meeting) == result.content_hash

    tags = held.git.run("tag", "-l", "justering/*").splitlines()
    assert len(tags) == 3 and all(t.startswith("justering/cesam/2023-09-05/") for t in tags)
    for tag in tags:
        assert held.git.run("cat-file", "-t", tag) == "tag"  # annotated
        assert held.git.run("rev-parse", f"{tag}^{{commit}}") == content_commit
    body = held.git.run("tag", "-l", "--format=%(contents)", "justering/cesam/2023-09-05/lena-possbeck/*")
    assert "Cesam-Meeting: cesam/2023-09-05" in body
    assert "Cesam-Approver: Lena Possbeck" in body
    assert "Cesam-Recorded-By: Sara Sekreterare <sara@example.se>" in body
    assert "Cesam-Date: 2023-09-15" in body
    assert f"Cesam-Content-Hash: sha256:{result.content_hash}" in body

    assert one(verify(held)).state == VerifyState.OK  # type: ignore[attr-defined]
    assert held.state().clean


def test_one_person_at_a_time_and_partial_approval_invalidated_by_a_change(held: Repository) -> None:
    first = adjust(held, REF, ["alexandra eldstål"])  # case and spacing do not matter
    assert [a.approver for a in first.created] == ["Alexandra Eldstål"]
    assert first.missing == ["Lena Possbeck", "Magnus Gyllestad"] and first.commit is None
    assert adjust(held, REF, ["Alexandra Eldstål"]).already == ["Alexandra Eldstål"]
    waiting = one(verify(held))
    assert waiting.state == VerifyState.WAITING and waiting.missing == first.missing  # type: ignore[attr-defined]

    held.apply(REF, add_view)  # the content changes: Alexandra approved something else
    again = one(verify(held))
    assert again.approvals == [] and again.missing == PEOPLE  # type: ignore[attr-defined]
    result = adjust(held, REF, ["Lena Possbeck", "Magnus Gyllestad"])
    assert result.missing == ["Alexandra Eldstål"] and result.commit is None
    assert held.load(REF).meeting.status == Status.HELD
    assert adjust(held, REF, ["Alexandra Eldstål"]).commit


def test_who_may_approve(held: Repository) -> None:
    with pytest.raises(UsageError, match="inte bland dem som justerar"):
        adjust(held, REF, ["Nisse Hult"])
    assert list_approvals(held) == {}


def test_chair_only_where_the_group_requires_it(held: Repository) -> None:
    config = held.config
    config.groups[0].require_chair_approval = False
    held.save_config(config, "cesam.toml: ordföranden justerar inte")
    result = adjust(held, REF)
    assert [a.approver for a in result.created] == PEOPLE[:2] and result.commit
    with pytest.raises(UsageError):
        adjust(held, REF, ["Magnus Gyllestad"])


def test_only_a_held_meeting_with_justerare(repo: Repository) -> None:
    draft = held_meeting()
    draft.status = Status.DRAFT
    repo.create(draft)
    with pytest.raises(UsageError, match="bara ett hållet möte"):
        adjust(repo, REF)
    nobody = held_meeting(dt.date(2023, 10, 3))
    nobody.adjusters = []
    repo.create(nobody)
    with pytest.raises(UsageError, match="har inga justerare"):
        adjust(repo, "2023-10-03")


def test_uncommitted_edit_blocks_approval(held: Repository) -> None:
    path = held.root / PATH
    path.write_text(path.read_text(encoding="utf-8").replace("Koncernfrågor", "Koncernfrågor!"), encoding="utf-8")
    with pytest.raises(Exception, match="not committed"):
        adjust(held, REF)
    assert list_approvals(held) == {}


# ---------------------------------------------------------------- frozen


def test_every_write_path_refuses_a_justerad_meeting(held: Repository) -> None:
    adjust(held, REF)
    with pytest.raises(FrozenError):
        held.apply(REF, add_view)
    text = (held.root / PATH).read_text(encoding="utf-8")
    with pytest.raises(FrozenError):
        held.replace_text(held.resolve(REF), text.replace("Koncernfrågor", "Koncernfrågor!"))
    (held.root / PATH).write_text(text.replace("Koncernfrågor", "Koncernfrågor!"), encoding="utf-8")
    with pytest.raises(FrozenError, match="git stash"):
        held.commit_working_file(PATH)
    assert held.git.run("log", "-1", "--format=%s").endswith("justerat av " + ", ".join(PEOPLE))


def test_status_justerad_only_through_adjust(held: Repository) -> None:
    def mark(meeting: Meeting) -> None:
        meeting.status = Status.ADJUSTED

    with pytest.raises(FrozenError, match="cesam adjust"):
        held.apply(REF, mark)
    path = held.root / PATH
    path.write_text(path.read_text(encoding="utf-8").replace('"hållen"', '"justerad"'), encoding="utf-8")
    with pytest.raises(FrozenError, match="cesam adjust"):
        held.commit_working_file(PATH)


# ---------------------------------------------------------------- verify


def test_hand_edit_committed_with_plain_git_is_named(held: Repository) -> None:
    adjust(held, REF)
    bad = plain_git_edit(held, 'title = "Koncernfrågor"', 'title = "Koncernfrågor (ändrad)"')
    result = one(verify(held))
    assert result.state == VerifyState.CHANGED and result.failed  # type: ignore[attr-defined]
    (change,) = result.changes  # type: ignore[attr-defined]
    assert change.commit == bad and change.author == "Kalle Klåfinger" and change.email == "kalle@example.se"
    assert change.what == "content" and change.subject == "rättelse"
    assert result.mark == "!"  # type: ignore[attr-defined]


def test_formatting_change_after_justering_is_not_a_change(held: Repository) -> None:
    adjust(held, REF)
    plain_git_edit(held, 'status = "justerad"', 'status    =    "justerad"   # reformatted')
    assert one(verify(held)).state == VerifyState.OK  # type: ignore[attr-defined]


def test_changed_justeringsdag_is_named(held: Repository) -> None:
    adjust(held, REF, on=dt.date(2023, 9, 15))
    bad = plain_git_edit(held, "adjusted_on = 2023-09-15", "adjusted_on = 2023-09-14")
    result = one(verify(held))
    assert result.state == VerifyState.CHANGED  # type: ignore[attr-defined]
    assert [(c.commit, c.what) for c in result.changes] == [(bad, "adjusted_on")]  # type: ignore[attr-defined]


def test_uncommitted_edit_of_a_justerad_meeting_fails(held: Repository) -> None:
    adjust(held, REF)
    path = held.root / PATH
    path.write_text(path.read_text(encoding="utf-8").replace("Koncernfrågor", "Koncernfrågor!"), encoding="utf-8")
    result = one(verify(held))
    assert result.state == VerifyState.CHANGED  # type: ignore[attr-defined]
    assert [c.what for c in result.changes] == ["uncommitted"]  # type: ignore[attr-defined]


def test_status_set_by_plain_git_without_approvals(held: Repository) -> None:
    bad = plain_git_edit(held, 'status = "hållen"', 'status = "justerad"')
    result = one(verify(held))
    assert result.state == VerifyState.MISSING and result.missing == PEOPLE  # type: ignore[attr-defined]
    assert [(c.commit, c.what) for c in result.changes] == [(bad, "unapproved")]  # type: ignore[attr-defined]
    with pytest.raises(FrozenError):  # frozen, however it got there
        held.apply(REF, add_view)


def test_a_tag_naming_other_content_does_not_count(held: Repository) -> None:
    adjust(held, REF, ["Alexandra Eldstål", "Lena Possbeck"])
    forged = "0" * 64
    message = (
        "x\n\nCesam-Meeting: cesam/2023-09-05\nCesam-Approver: Magnus Gyllestad\n"
        f"Cesam-Date: 2023-09-15\nCesam-Content-Hash: sha256:{forged}\n"
    )
    held.git.run("tag", "-a", "-F", "-", "justering/cesam/2023-09-05/magnus-gyllestad/forged", "HEAD", stdin=message)
    result = one(verify(held))
    assert result.missing == ["Magnus Gyllestad"]  # type: ignore[attr-defined]
    assert [a.approver for a, _ in result.ignored] == ["Magnus Gyllestad"]  # type: ignore[attr-defined]


def test_verify_one_meeting_and_not_held_meetings(held: Repository) -> None:
    held.create(small_meeting(dt.date(2023, 10, 3)))
    results = verify(held)
    assert {str(r.ref): r.state for r in results} == {
        REF: VerifyState.WAITING,
        "cesam/2023-10-03": VerifyState.NOT_HELD,
    }
    assert [str(r.ref) for r in verify(held, ["2023-10-03"])] == ["cesam/2023-10-03"]


# ---------------------------------------------------------------- reopen


def test_reopen_and_a_new_justering(held: Repository) -> None:
    first = adjust(held, REF)
    with pytest.raises(UsageError, match="kräver ett skäl"):
        reopen(held, REF, "  ")
    saved = reopen(held, REF, "Vision påpekade ett fel i § 2 a.")
    assert saved.message.splitlines()[0] == (
        "CESAM 2023-09-05: justering hävd, öppnat för ändring – Vision påpekade ett fel i § 2 a."
    )
    assert "Skäl: Vision påpekade ett fel i § 2 a." in saved.message
    meeting = held.load(REF).meeting
    assert meeting.status == Status.HELD and meeting.adjusted_on is None
    assert [r.reason for r in reopenings(held, held.resolve(REF))] == ["Vision påpekade ett fel i § 2 a."]
    with pytest.raises(UsageError, match="inte justerat"):
        reopen(held, REF, "igen")

    # old approvals stay in git but do not count for the new justering, even of the same content
    assert len(list_approvals(held)[REF]) == 3
    waiting = one(verify(held))
    assert waiting.state == VerifyState.WAITING and waiting.missing == PEOPLE  # type: ignore[attr-defined]

    held.apply(REF, add_view)
    second = adjust(held, REF)
    assert second.commit and second.content_hash != first.content_hash
    assert len(second.created) == 3
    assert len(list_approvals(held)[REF]) == 6
    assert one(verify(held)).state == VerifyState.OK  # type: ignore[attr-defined]


def test_reopen_then_same_content_needs_new_approvals(held: Repository) -> None:
    first = adjust(held, REF)
    reopen(held, REF, "fel datum i kallelsen")
    second = adjust(held, REF)
    assert second.content_hash == first.content_hash
    assert len(second.created) == 3 and second.commit
    assert one(verify(held)).state == VerifyState.OK  # type: ignore[attr-defined]


def test_quiet_return_to_earlier_approved_content_is_caught(held: Repository) -> None:
    adjust(held, REF)
    reopen(held, REF, "komplettering")
    held.apply(REF, add_view)
    adjust(held, REF)
    # the file as the first justering left it: approved once, but not what the current justering approved
    first_justering = held.git.run("show", f"HEAD~3:{PATH}", strip=False)
    assert 'status = "justerad"' in first_justering
    (held.root / PATH).write_text(first_justering, encoding="utf-8")
    held.git.run("commit", "-q", "-a", "-m", "tyst återställning", "--author=Kalle Klåfinger <kalle@example.se>")
    result = one(verify(held))
    assert result.state == VerifyState.CHANGED  # type: ignore[attr-defined]
    assert [(c.subject, c.what) for c in result.changes] == [("tyst återställning", "content")]  # type: ignore[attr-defined]


# ---------------------------------------------------------------- the justering window


def test_justering_window(held: Repository) -> None:
    held.create(held_meeting(dt.date(2023, 10, 3)))
    adjust(held, "2023-10-03", ["Lena Possbeck"])
    entries = justering_window(held, today=dt.date(2023, 10, 10))
    assert [(str(e.ref), e.due, e.days_left, e.overdue) for e in entries] == [
        (REF, dt.date(2023, 9, 19), -21, True),
        ("cesam/2023-10-03", dt.date(2023, 10, 17), 7, False),
    ]
    assert entries[1].approved_by == ["Lena Possbeck"]
    assert entries[1].missing == ["Alexandra Eldstål", "Magnus Gyllestad"]
    adjust(held, REF)
    assert [str(e.ref) for e in justering_window(held, today=dt.date(2023, 10, 10))] == ["cesam/2023-10-03"]


def test_tag_names_are_valid_refs(held: Repository) -> None:
    adjust(held, REF)
    for tag in held.git.run("tag", "-l", "justering/*").splitlines():
        held.git.run("check-ref-format", f"refs/tags/{tag}")
        assert tag.isascii()


def test_changed_and_changed_back_after_recorded_approvals(demo_repo: Repository) -> None:
    # the demo's approvals were recorded after the meeting was committed: the tag holds HEAD's content
    path = demo_repo.root / "meetings/cesam/2022/2022-09-20.toml"
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("Kommundirektör", "Kommundirektor", 1), encoding="utf-8")
    demo_repo.git.run("commit", "-q", "-a", "-m", "ändrat", "--author=Kalle Klåfinger <kalle@example.se>")
    path.write_text(original, encoding="utf-8")
    demo_repo.git.run("commit", "-q", "-a", "-m", "tillbaka", "--author=Kalle Klåfinger <kalle@example.se>")
    (result,) = verify(demo_repo, ["2022-09-20"])
    assert result.state == VerifyState.CHANGED
    assert [c.subject for c in result.changes] == ["ändrat", "tillbaka"]


def test_verify_with_and_without_the_cache(held: Repository) -> None:
    adjust(held, REF)
    first = [(str(r.ref), r.state) for r in verify(held)]
    assert (held.git_dir / "cesam-justering-cache.json").is_file()
    assert [(str(r.ref), r.state) for r in verify(held)] == first
    assert [(str(r.ref), r.state) for r in verify(held, use_cache=False)] == first


def test_approval_date_between_meeting_and_today(held: Repository) -> None:
    with pytest.raises(UsageError, match="kan inte dateras 2023-09-04"):
        adjust(held, REF, on=dt.date(2023, 9, 4))
    with pytest.raises(UsageError, match="kan inte dateras"):
        adjust(held, REF, on=dt.date.today() + dt.timedelta(days=1))
    assert list_approvals(held) == {}
