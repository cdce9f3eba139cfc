"""Keeping a group's roster: a meeting's attendance written to cesam.toml as its members, one commit."""

from __future__ import annotations

from store.core.catalogue import term
from store.core.config import Config
from store.core.model import Meeting
from store.core.roster import roster_from, with_roster
from store.services.repository import Repository


def keep_roster(repo: Repository, meeting: Meeting) -> str | None:
    """Make the meeting's attendance the group's roster in cesam.toml; the commit id, None if unchanged."""
    label = repo.group_label(meeting.group)

    def change(config: Config) -> str:
        with_roster(config, meeting.group, roster_from(meeting.attendees))  # in place, on the fresh copy
        return term("roster.kept", repo.lang).format(group=label, n=len(config.group(meeting.group).members))

    return repo.update_config(change)


__all__ = ["keep_roster"]
