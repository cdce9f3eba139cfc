"""Follow-ups across meetings: refs, closing from a later meeting (the earlier one untouched), the CLI."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import git_log, small_meeting

from cesam_cli.main import main
from store.core.errors import CesamError
from store.core.model import FollowUp, Status
from store.services.followups import close_followup, list_followups
from store.services.planning import new_meeting
from store.services.repository import Repository

LONG = (
    "Arbetsgivaren återkommer med en redovisning av hur arbetsmiljöverkets inspektion följs upp "
    "(Vision är klar med sina synpunkter) och vilka åtgärder som planeras\nMer text på rad två."
)


def setup_2021(repo: Repository, *, adjusted: bool = True) -> str:
    meeting = small_meeting(dt.date(2021, 6, 15))
    meeting.items[2].followups = [FollowUp("inspektion", LONG), FollowUp("lokaler", "Lokalfrågan", "Vision")]
    if adjusted:
        meeting.status = Status.ADJUSTED
    repo.create(meeting)
    return (repo.root / "meetings/cesam/2021/2021-06-15.toml").read_text(encoding="utf-8")


def run_cli(repo: Repository, *args: str) -> int:
    return main(["--repo", str(repo.root), *args])


def test_carried_follow_ups_keep_their_whole_text_and_link_back(repo: Repository) -> None:
    setup_2021(repo)
    meeting = new_meeting(repo, "cesam", dt.date(2024, 2, 6))
    carried = [i for i in meeting.items if i.carried_from]
    assert [i.carried_from for i in carried] == [["cesam/2021-06-15#inspektion"], ["cesam/2021-06-15#lokaler"]]
    assert carried[0].title == LONG.splitlines()[0]  # not cut at 120 characters
    assert carried[0].body == "Mer text på rad två."


def test_close_from_a_later_meeting_leaves_the_earlier_one_untouched(repo: Repository) -> None:
    before_text = setup_2021(repo)
    repo.create(new_meeting(repo, "cesam", dt.date(2024, 2, 6)))
    commits = len(git_log(repo))
    close_followup(repo, "cesam/2021-06-15#inspektion", "cesam/2024-02-06", "Redovisad i punkt 3.")
    assert len(git_log(repo)) == commits + 1
    assert (repo.root / "meetings/cesam/2021/2021-06-15.toml").read_text(encoding="utf-8") == before_text
    later = repo.load("cesam/2024-02-06").meeting
    (record,) = [f for i in later.items for f in i.followups]
    assert (record.closed, record.closed_in, record.closed_note, record.closes) == (
        True,
        "cesam/2024-02-06",
        "Redovisad i punkt 3.",
        "cesam/2021-06-15#inspektion",
    )
    assert [e.ref for e in list_followups(repo)] == ["cesam/2021-06-15#lokaler"]
    closed = [e for e in list_followups(repo, include_closed=True) if e.closed]
    assert [(e.ref, e.closed_in) for e in closed] == [("cesam/2021-06-15#inspektion", "cesam/2024-02-06")]
    # the next meeting carries only what is still open
    following = new_meeting(repo, "cesam", dt.date(2024, 4, 2))
    assert [i.carried_from for i in following.items if i.carried_from] == [["cesam/2021-06-15#lokaler"]]
    with pytest.raises(CesamError, match="already closed"):
        close_followup(repo, "cesam/2021-06-15#inspektion", "cesam/2024-02-06")


def test_close_makes_the_carrying_item_when_the_meeting_has_none(repo: Repository) -> None:
    setup_2021(repo, adjusted=False)
    repo.create(small_meeting(dt.date(2024, 2, 6)))
    close_followup(repo, "cesam/2021-06-15#lokaler", "2024-02-06")
    later = repo.load("cesam/2024-02-06").meeting
    holder = next(i for i in later.items if i.carried_from)
    assert holder.carried_from == ["cesam/2021-06-15#lokaler"] and holder.parent
    assert later.items[-1] is holder


def test_closing_needs_a_later_meeting_and_a_real_ref(repo: Repository) -> None:
    setup_2021(repo)
    repo.create(small_meeting(dt.date(2020, 1, 1)))
    repo.create(small_meeting(dt.date(2024, 2, 6)))
    with pytest.raises(CesamError, match="not after"):
        close_followup(repo, "cesam/2021-06-15#lokaler", "cesam/2020-01-01")
    with pytest.raises(CesamError, match="no follow-up"):
        close_followup(repo, "cesam/2020-01-01#nope", "cesam/2024-02-06")
    with pytest.raises(CesamError, match="not a follow-up ref"):
        close_followup(repo, "cesam/2021-06-15", "cesam/2020-01-01")


def test_cli_followup_list_and_close(repo: Repository, capsys: pytest.CaptureFixture[str]) -> None:
    setup_2021(repo)
    repo.create(new_meeting(repo, "cesam", dt.date(2024, 2, 6)))
    assert run_cli(repo, "followup", "list") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("cesam/2021-06-15#inspektion  Arbetsgivaren: Arbetsgivaren återkommer")
    assert lines[1] == "cesam/2021-06-15#lokaler  Vision: Lokalfrågan"
    assert run_cli(repo, "followup", "close", "cesam/2021-06-15#lokaler", "--in", "2024-02-06", "--note", "Klar") == 0
    capsys.readouterr()
    assert run_cli(repo, "followup", "list") == 0
    assert [line.split()[0] for line in capsys.readouterr().out.splitlines()] == ["cesam/2021-06-15#inspektion"]
    assert run_cli(repo, "followup", "list", "--all") == 0
    assert "cesam/2021-06-15#lokaler  Vision: Lokalfrågan  [stängd i cesam/2024-02-06: Klar]" in capsys.readouterr().out
