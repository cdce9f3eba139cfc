"""A new samverkansgrupp: its id, name, short name and roster, made from what the secretary typed.

Pure: store/services/groups.py writes it to cesam.toml (one commit). The new group takes its
routine from a template group of the same organisation (standing items, justering window,
numbering), so its first meeting has the agenda the secretary knows; its id (the folder
``meetings/<id>/``) comes from the short name.
"""

from __future__ import annotations

import copy

from store.core.catalogue import t
from store.core.config import Config, Group, Member
from store.core.errors import UsageError
from store.core.ids import slug
from store.core.model import EMPLOYER


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def group_id_for(config: Config, short: str, name: str) -> str:
    """A new folder name from the short name (else the name), not taken by another group."""
    base = slug(short or name)
    taken = {g.id for g in config.groups}
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def parse_members(config: Config, text: str, lang: str) -> list[Member]:
    """One member a line: ``name; role; party`` (role and party may be left out: the employer's side).

    A party must be the employer or a union of cesam.toml (any of its spellings); a line that
    names another is refused, naming the line.
    """
    members: list[Member] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        name, role, party = ([*(p.strip() for p in line.split(";")), "", ""])[:3]
        if not name:
            raise UsageError(t("groups.no_name", lang, line=number))
        canonical = config.canonical_party(party) if party else EMPLOYER
        if canonical is None:
            known = ", ".join([EMPLOYER, *config.union_names()])
            raise UsageError(
                t("groups.bad_party", lang, line=number, party=party), hint=t("groups.parties", lang, known=known)
            )
        if any(_folded(m.name) == _folded(name) for m in members):
            raise UsageError(t("groups.twice", lang, line=number, name=name))
        members.append(Member(name=" ".join(name.split()), role=role, party=canonical))
    return members


def new_group(config: Config, name: str, short: str, members: list[Member], template: str, lang: str) -> Group:
    """The group to add to ``config`` (not added): refused when its name or short name is taken."""
    name, short = " ".join(name.split()), " ".join(short.split())
    if not name:
        raise UsageError(t("groups.name_required", lang))
    for other in config.groups:
        if _folded(other.name) == _folded(name) or (short and _folded(other.label) == _folded(short)):
            raise UsageError(t("groups.exists", lang, label=other.label, name=other.name))
    group = Group(group_id_for(config, short, name), name, short, members=members)
    model = next((g for g in config.groups if g.id == template), config.groups[0] if config.groups else None)
    if model is not None:
        group.standing_items = copy.deepcopy(model.standing_items)
        group.justering_days = model.justering_days
        group.central_negotiation_days = model.central_negotiation_days
        group.require_chair_approval = model.require_chair_approval
        group.numbering = model.numbering
        group.subitem_style = model.subitem_style
    return group


__all__ = ["group_id_for", "new_group", "parse_members"]
