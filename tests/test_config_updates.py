"""cesam.toml changed by two writers: a change made from a stale read never overwrites a newer commit."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from store.core.errors import CesamError
from store.core.model import Attendee
from store.services.demo import create_demo
from store.services.groups import add_group
from store.services.repository import Repository
from store.services.roster import keep_roster


def test_a_roster_kept_while_another_writer_adds_a_group_keeps_both(tmp_path: Path) -> None:
    mine = create_demo(tmp_path / "demo")
    meeting = mine.load(mine.list_refs()[-1]).meeting
    meeting.attendees.append(Attendee(id="ny-ledamot", name="Ny Ledamot", role="ombud", party="Vision"))
    other = Repository(mine.root)
    with other.lock():
        # keep_roster starts while the other writer holds the lock: whatever it read before the
        # lock was its to take, it must not write back over the group added meanwhile
        worker = threading.Thread(target=keep_roster, args=(mine, meeting))
        worker.start()
        time.sleep(0.5)  # not a measurement: gives the worker time to read and wait for the lock
        added = add_group(other, "Lokal samverkansgrupp Hemtjänst", "LSG-H", "Anna Ek\nBo Ström")
    worker.join(timeout=120)
    assert added.commit and not worker.is_alive()
    fresh = Repository(mine.root).config
    assert added.group_id in [g.id for g in fresh.groups]  # the other writer's group is kept
    assert "Ny Ledamot" in [m.name for m in fresh.group(meeting.group).members]


def test_a_failed_group_leaves_the_read_configuration_alone(tmp_path: Path) -> None:
    repo = create_demo(tmp_path / "demo")
    before = [g.id for g in repo.config.groups]
    with pytest.raises(CesamError):
        add_group(repo, "  ", "NG", "")
    assert [g.id for g in repo.config.groups] == before
