"""The roster: regular members in cesam.toml, and a new meeting's attendance from it and the last meeting."""

from __future__ import annotations

import datetime as dt

from conftest import git_log, small_meeting

from cesam_cli.main import main
from store.core.config import Member
from store.core.model import EMPLOYER, Attendee
from store.core.roster import starting_attendees
from store.services.planning import new_meeting
from store.services.repository import Repository
from store.services.roster import keep_roster


def with_members(repo: Repository) -> None:
    config = repo.config
    config.group("cesam").members = [
        Member("Anna Andersson", "kommundirektör"),
        Member("Bo Berg", "ordförande", "Kommunal"),
        Member("Cecilia Ek", "huvudskyddsombud", "Vision"),
    ]
    repo.save_config(config, "cesam: ledamöter")


def test_the_roster_round_trips_through_cesam_toml(repo: Repository) -> None:
    with_members(repo)
    text = (repo.root / "cesam.toml").read_text(encoding="utf-8")
    assert "[[groups.members]]" in text and 'party = "Kommunal"' in text
    again = Repository(repo.root)
    members = again.config.group("cesam").members
    assert [(m.name, m.role, m.party) for m in members] == [
        ("Anna Andersson", "kommundirektör", EMPLOYER),
        ("Bo Berg", "ordförande", "Kommunal"),
        ("Cecilia Ek", "huvudskyddsombud", "Vision"),
    ]


def test_a_new_meeting_starts_from_the_roster_and_the_last_attendance(repo: Repository) -> None:
    with_members(repo)
    last = small_meeting()
    last.attendees = [
        Attendee("bo", "Bo  Berg", "ordförande", "Kommunal", absent=True),
        Attendee("gast", "Gustav Gäst", "ekonomichef", items=["digital"]),
    ]
    repo.create(last)
    meeting = new_meeting(repo, "cesam", dt.date(2023, 10, 3))
    people = [(a.name, a.role, a.party, a.absent, a.items) for a in meeting.attendees]
    assert people == [
        ("Anna Andersson", "kommundirektör", EMPLOYER, False, []),
        ("Bo Berg", "ordförande", "Kommunal", False, []),  # present until changed
        ("Cecilia Ek", "huvudskyddsombud", "Vision", False, []),
        ("Gustav Gäst", "ekonomichef", EMPLOYER, False, []),  # came last time
    ]
    assert len({a.id for a in meeting.attendees}) == 4
    # a meeting before the last one does not count as "previous"
    earlier = new_meeting(repo, "cesam", dt.date(2023, 1, 10))
    assert [a.name for a in earlier.attendees] == ["Anna Andersson", "Bo Berg", "Cecilia Ek"]


def test_no_roster_no_earlier_meeting_no_attendees(repo: Repository) -> None:
    assert starting_attendees(repo.config.group("cesam"), None) == []


def test_keep_roster_commits_the_attendance_as_members(repo: Repository) -> None:
    meeting = small_meeting()
    meeting.attendees = [Attendee("anna", "Anna Andersson", "HR-chef"), Attendee("bo", "Bo Berg", "", party="Vision")]
    repo.create(meeting)
    before = len(git_log(repo))
    assert keep_roster(repo, meeting) is not None
    assert git_log(repo)[0] == "CESAM: ledamöter sparade från närvaron (2)"
    assert len(git_log(repo)) == before + 1
    assert [(m.name, m.party) for m in Repository(repo.root).config.group("cesam").members] == [
        ("Anna Andersson", EMPLOYER),
        ("Bo Berg", "Vision"),
    ]
    assert keep_roster(repo, meeting) is None  # unchanged: no commit
    assert len(git_log(repo)) == before + 1


def test_cesam_new_fills_the_attendance(repo: Repository) -> None:
    with_members(repo)
    assert main(["--repo", str(repo.root), "new", "--group", "cesam", "--date", "2024-02-06"]) == 0
    meeting = repo.load("cesam/2024-02-06").meeting
    assert [a.name for a in meeting.attendees] == ["Anna Andersson", "Bo Berg", "Cecilia Ek"]
