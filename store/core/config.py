"""cesam.toml: the organisation, its groups and the parties."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from store.core.codec import DecodeError, decode_record, dumps_table, encode_record, parse_toml
from store.core.errors import Problem
from store.core.model import ALL_UNIONS, EMPLOYER, ItemKind

CONFIG_FILE = "cesam.toml"


class Numbering(StrEnum):
    MEETING = "meeting"  # § 1, 2, 3 in every meeting
    YEAR = "year"  # § numbers run through the calendar year per group


class SubitemStyle(StrEnum):
    LETTER = "letter"  # 4 a, 4 b
    DIGIT = "digit"  # 7.1, 7.2


@dataclass
class Union:
    name: str  # short name as protocols write it: "Vision", "Sveriges Lärare"
    full_name: str = ""
    aliases: list[str] = field(default_factory=list)  # other spellings, for import and search
    active: bool = True  # false for a union that no longer exists (merged)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class StandingItem:
    title: str
    kind: ItemKind = ItemKind.OTHER
    purpose: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Member:
    """A regular member of a group: who a new meeting's attendance starts from."""

    name: str
    role: str = ""  # as the protocol writes it: "HR-chef", "ordförande"
    party: str = EMPLOYER  # EMPLOYER or a union's name: the side follows from it
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Group:
    id: str  # used in paths and on the command line: meetings/<id>/<year>/<date>.toml
    name: str  # "Centrala samverkansgruppen"
    short: str = ""  # "CESAM"
    place: str = ""
    start: str = ""
    end: str = ""
    justering_days: int = 14
    central_negotiation_days: int = 10  # to ask for central negotiation after oenighet (MBL § 14)
    require_chair_approval: bool = True
    numbering: Numbering = Numbering.MEETING
    subitem_style: SubitemStyle = SubitemStyle.LETTER
    standing_items: list[StandingItem] = field(default_factory=list)
    #: the roster: regular members, kept by the app from the attendance (see store/core/roster.py)
    members: list[Member] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return self.short or self.name


@dataclass
class Organisation:
    name: str
    employer: str = EMPLOYER
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Settings:
    language: str = "sv"
    keymap: dict[str, str] = field(default_factory=dict)  # binding id -> keys
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Config:
    organisation: Organisation
    groups: list[Group] = field(default_factory=list)
    unions: list[Union] = field(default_factory=list)
    settings: Settings = field(default_factory=Settings)
    schema: int = 1
    extra: dict[str, Any] = field(default_factory=dict)

    def group(self, group_id: str) -> Group:
        for group in self.groups:
            if group.id == group_id:
                return group
        raise KeyError(group_id)

    def union_names(self) -> list[str]:
        return [u.name for u in self.unions]

    def party_names(self) -> list[str]:
        """Who can speak in a meeting: the employer, each union, all unions."""
        return [EMPLOYER, *self.union_names(), ALL_UNIONS]

    def canonical_party(self, text: str) -> str | None:
        """The configured name for a spelling of a party, folding case and aliases."""
        wanted = text.strip().casefold()
        for name in (EMPLOYER, ALL_UNIONS):
            if wanted == name.casefold():
                return name
        for union in self.unions:
            if wanted in {union.name.casefold(), union.full_name.casefold(), *(a.casefold() for a in union.aliases)}:
                return union.name
        return None


def loads_config(text: str) -> tuple[Config, list[Problem]]:
    return decode_record(Config, parse_toml(text))


def dumps_config(config: Config) -> str:
    data = encode_record(config)
    return dumps_table({"schema": data.pop("schema", config.schema), **data})


__all__ = [
    "CONFIG_FILE",
    "Config",
    "DecodeError",
    "Group",
    "Member",
    "Numbering",
    "Organisation",
    "Settings",
    "StandingItem",
    "SubitemStyle",
    "Union",
    "dumps_config",
    "loads_config",
]
