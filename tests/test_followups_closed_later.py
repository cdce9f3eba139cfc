"""A follow-up of 2021 closed in a 2024 meeting: every reader of open follow-ups knows it (issue 17).

The closing lives in the later meeting (a record with ``closes`` and ``closed_in``); the 2021
meeting is not touched. `cesam search --open-followups` and the navigator's counts read each
meeting alone from their caches, so they must gather the closings across meetings.
"""

from __future__ import annotations

import datetime as dt

from conftest import small_meeting

from store.core.model import FollowUp, Status
from store.services.followups import close_followup
from store.services.planning import new_meeting
from store.services.repository import Repository
from store.services.search import open_followups
from store.services.summary import SummaryCache


def a_2021_follow_up_closed_in_2024(repo: Repository) -> None:
    old = small_meeting(dt.date(2021, 6, 15))
    old.items[2].followups = [FollowUp("lokaler", "Samverkan i processen nya lokaler."), FollowUp("b", "Budget")]
    old.status = Status.ADJUSTED
    repo.create(old)
    repo.create(new_meeting(repo, "cesam", dt.date(2024, 2, 6)))


def test_search_open_followups_knows_a_closing_in_a_later_meeting(repo: Repository) -> None:
    a_2021_follow_up_closed_in_2024(repo)
    assert [f.followup_id for f in open_followups(repo)] == ["lokaler", "b"]  # the index is built
    close_followup(repo, "cesam/2021-06-15#lokaler", "cesam/2024-02-06", "Flytten är klar.")
    assert [f.followup_id for f in open_followups(repo)] == ["b"]  # the same index, kept fresh


def test_navigator_counts_know_a_closing_in_a_later_meeting(repo: Repository) -> None:
    a_2021_follow_up_closed_in_2024(repo)
    cache = SummaryCache(repo)
    counts = {s.date.year: s.open_followups for s in cache.summaries()}
    assert counts == {2021: 2, 2024: 0}
    close_followup(repo, "cesam/2021-06-15#lokaler", "cesam/2024-02-06", "Flytten är klar.")
    counts = {s.date.year: s.open_followups for s in cache.summaries()}
    assert counts == {2021: 1, 2024: 0}
    # from the cache alone (the 2021 meeting is not parsed again), the same count
    again = SummaryCache(repo)
    assert {s.date.year: s.open_followups for s in again.summaries()} == {2021: 1, 2024: 0}
    assert again.parsed == 0
