"""A new group in cesam.toml, with its roster: one commit in the domain's words (store/core/groups.py)."""

from __future__ import annotations

from dataclasses import dataclass

from store.core.catalogue import t
from store.core.groups import new_group, parse_members
from store.services.repository import Repository


@dataclass(frozen=True)
class GroupAdded:
    group_id: str
    commit: str | None
    message: str


def add_group(repo: Repository, name: str, short: str, members_text: str, *, template: str = "") -> GroupAdded:
    """Add a samverkansgrupp (name, short name, regular members one a line) to cesam.toml: one commit."""
    config = repo.config
    members = parse_members(config, members_text, repo.lang)
    group = new_group(config, name, short, members, template, repo.lang)
    config.groups.append(group)
    message = t("groups.added", repo.lang, label=group.label, name=group.name, n=len(members))
    return GroupAdded(group.id, repo.save_config(config, message), message)


__all__ = ["GroupAdded", "add_group"]
