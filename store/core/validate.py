"""Checks of a meeting against itself and cesam.toml, beyond what types say."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable
from typing import Any

from store.core.codec import dotted
from store.core.config import Config
from store.core.errors import Problem, ProblemKind
from store.core.model import ALL_UNIONS, EMPLOYER, Meeting, StatementKind
from store.core.paths import GROUP_ID, repo_path_problem


def _has_surrogate(text: str) -> bool:
    """Whether ``text`` holds a code point of U+D800-U+DFFF: exactly what strict UTF-8 refuses to encode.

    Encoding runs at memory speed; a regex search for the range looked at each character (25x the
    CPU on a meeting file, where this runs once per file read).
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


_TIME = re.compile(r"^([01]\d|2[0-3])[:.][0-5]\d\Z")  # \Z: "$" also matches before a final newline


def _surrogates(value: Any, path: tuple[str | int, ...]) -> list[tuple[str | int, ...]]:
    """Key paths of text holding a lone surrogate, which no UTF-8 file can store."""
    if isinstance(value, str):
        return [path] if _has_surrogate(value) else []
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        found = []
        for f in dataclasses.fields(value):
            sub = getattr(value, f.name)
            found += _surrogates(sub, path if f.name == "extra" else (*path, f.name))
        return found
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _surrogates(v, (*path, i))]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _surrogates(k, (*path, k)) + _surrogates(v, (*path, k))]
    return []


def _any_surrogate(value: Any) -> bool:
    """Whether any text in ``value`` holds a lone surrogate: the walk of _surrogates without its key paths."""
    if isinstance(value, str):
        return _has_surrogate(value)
    if hasattr(type(value), "__dataclass_fields__"):
        return any(_any_surrogate(getattr(value, name)) for name in value.__dataclass_fields__)
    if isinstance(value, list):
        return any(_any_surrogate(v) for v in value)
    if isinstance(value, dict):
        return any(_any_surrogate(k) or _any_surrogate(v) for k, v in value.items())
    return False


def text_problems(record: Any) -> list[Problem]:
    """Text that cannot be written to a file at all, wherever it sits in ``record``."""
    if not _any_surrogate(record):
        return []  # the usual case, found without building a key path for every field
    return [
        Problem(
            message=f"{dotted(path)} holds a character that cannot be stored "
            "(a lone UTF-16 surrogate, usually from a broken copy and paste); retype that part of the text",
            key_path=path,
        )
        for path in _surrogates(record, ())
    ]


def validate(meeting: Meeting, config: Config, *, parsed_from: str | None = None) -> list[Problem]:
    """Every problem of ``meeting``; ``parsed_from``: the TOML text it was just read from.

    A TOML reader refuses an escaped surrogate, so a meeting read from text without a
    surrogate holds none: one search of the text then replaces the walk of every field
    (a third of the CPU of reading a meeting).
    """
    clean = parsed_from is not None and not _has_surrogate(parsed_from)
    problems: list[Problem] = [] if clean else text_problems(meeting)

    def error(path: tuple[str | int, ...], message: str) -> None:
        problems.append(Problem(message=message, key_path=path))

    def warn(path: tuple[str | int, ...], message: str) -> None:
        problems.append(Problem(message=message, key_path=path, kind=ProblemKind.WARNING))

    groups = [g.id for g in config.groups]
    if meeting.group not in groups:
        error(("group",), f"unknown group {meeting.group!r}; known groups: {', '.join(groups) or '(none)'}")
    for key in ("start", "end"):
        value = getattr(meeting, key)
        if value and not _TIME.match(value):
            error((key,), f"{key} {value!r} is not a time; write it as HH:MM, e.g. 13:00")

    unions = config.union_names()
    parties = [EMPLOYER, *unions]
    speakers = [*unions, ALL_UNIONS, EMPLOYER]

    def party_problem(path: tuple[str | int, ...], name: str, allowed: list[str]) -> None:
        if name not in allowed:
            error(path, f"unknown party {name!r}; known: {', '.join(allowed)} (add unions in cesam.toml)")

    item_ids = [item.id for item in meeting.items]
    for dup, count in Counter(item_ids).items():
        if count > 1:
            error(("items",), f"item id {dup!r} is used {count} times; ids must be unique")
    _item_problems(meeting, unions, speakers, error, warn, party_problem)
    _attendee_problems(meeting, item_ids, parties, error, warn, party_problem)
    _registry_problems(meeting, warn)
    return problems


_NONE_REPEATED: Counter[Any] = Counter()  # only read: a missing key counts 0


def _counts(values: list[Any]) -> Counter[Any]:
    """How often each value occurs; only repeats matter, so a list without any is not counted."""
    return Counter(values) if len(set(values)) != len(values) else _NONE_REPEATED


_Say = Callable[[tuple[str | int, ...], str], None]
_PartyCheck = Callable[[tuple[str | int, ...], str, list[str]], None]


def _item_problems(
    meeting: Meeting, unions: list[str], speakers: list[str], error: _Say, warn: _Say, party_problem: _PartyCheck
) -> None:
    seen: set[str] = set()
    confidential: set[str] = set()
    for i, item in enumerate(meeting.items):
        path = ("items", i)
        if not item.title.strip():
            warn((*path, "title"), "item has no title")
        if item.parent:
            if item.parent not in seen:
                error((*path, "parent"), f"parent {item.parent!r} must be an item listed before this one")
            elif meeting.item(item.parent).parent:
                error((*path, "parent"), "sub-items cannot have sub-items of their own; use a list in the text")
        seen.add(item.id)
        if item.raised_by:
            party_problem((*path, "raised_by"), item.raised_by, [*unions, ALL_UNIONS])
        st_ids = _counts([s.id for s in item.statements])
        for j, st in enumerate(item.statements):
            party_problem((*path, "statements", j, "party"), st.party, speakers)
            if st_ids[st.id] > 1:
                error((*path, "statements", j, "id"), f"statement id {st.id!r} is used twice in this item")
            if st.kind == StatementKind.RESERVATION and st.party == EMPLOYER:
                warn((*path, "statements", j, "kind"), "a reservation is normally a union's")
        for j, party in enumerate(item.outcome.parties):
            party_problem((*path, "outcome", "parties", j), party, unions)
        numbers = _counts([a.number for a in item.attachments])
        for j, att in enumerate(item.attachments):
            if numbers[att.number] > 1:
                warn((*path, "attachments", j, "number"), f"bilaga {att.number} appears twice in this item")
            if att.file and (bad := repo_path_problem(att.file)):
                error((*path, "attachments", j, "file"), f"bilaga file {att.file!r} {bad}")
            if att.public and (item.confidential or (item.parent and item.parent in confidential)):
                warn(
                    (*path, "attachments", j, "public"),
                    f"bilaga {att.number} is marked public but its item is confidential: "
                    "a public site leaves it out with the item",
                )
        if item.confidential:
            confidential.add(item.id)


def _attendee_problems(
    meeting: Meeting, item_ids: list[str], parties: list[str], error: _Say, warn: _Say, party_problem: _PartyCheck
) -> None:
    names = [a.name for a in meeting.attendees]
    ids = _counts([a.id for a in meeting.attendees])
    for i, attendee in enumerate(meeting.attendees):
        path = ("attendees", i)
        party_problem((*path, "party"), attendee.party, parties)
        if ids[attendee.id] > 1:
            error((*path, "id"), f"attendee id {attendee.id!r} is used twice")
        for j, ref in enumerate(attendee.items):
            if ref not in item_ids:
                error((*path, "items", j), f"no item with id {ref!r}; known ids: {', '.join(item_ids)}")
        if attendee.from_item and attendee.from_item not in item_ids:
            error((*path, "from_item"), f"no item with id {attendee.from_item!r}")
    for key in ("chair", "secretary"):
        value = getattr(meeting, key)
        if value and value not in names:
            warn((key,), f"{key} {value!r} is not among the attendees")
    for j, name in enumerate(meeting.adjusters):
        if name not in names:
            warn(("adjusters", j), f"justerare {name!r} is not among the attendees")
    guests = {a.name for a in meeting.attendees if a.guest}
    for key, who in (("chair", [meeting.chair]), ("adjusters", meeting.adjusters)):
        for name in (n for n in who if n in guests):
            warn((key,), f"{name!r} is marked as not a member of the group (guest) but signs the protocol")


def _registry_problems(meeting: Meeting, warn: _Say) -> None:
    """The diarienummer and the distribution list, one line each as the registrar files them: said,
    never refused, so that what was typed is kept."""
    if "\n" in meeting.case_number or "\r" in meeting.case_number:
        warn(("case_number",), "the diarienummer (case_number) should be one line, e.g. KS 2023/218")
    seen: set[str] = set()
    for j, name in enumerate(meeting.distribution):
        if not name.strip():
            warn(("distribution", j), "an empty line in Expedieras till (distribution); remove it")
        elif "\n" in name or "\r" in name:
            warn(("distribution", j), f"Expedieras till entry {j + 1} should be one line")
        elif name.strip().casefold() in seen:
            warn(("distribution", j), f"{name.strip()!r} is in Expedieras till (distribution) twice")
        seen.add(name.strip().casefold())


def validate_config(config: Config) -> list[Problem]:
    """Checks of cesam.toml beyond what types say."""
    problems: list[Problem] = []
    counts = Counter(g.id for g in config.groups)
    for i, group in enumerate(config.groups):
        if not GROUP_ID.match(group.id):
            # list_refs only knows folders named like this: a meeting saved under another
            # name would be written and then never listed again
            problems.append(
                Problem(
                    f"group id {group.id!r} names the folder meetings/{group.id}/: use lowercase letters a-z, "
                    "digits, '-' and '_', starting with a letter or digit, at most 64 characters",
                    key_path=("groups", i, "id"),
                )
            )
        if counts[group.id] > 1:
            problems.append(
                Problem(f"group id {group.id!r} is used {counts[group.id]} times", key_path=("groups", i, "id"))
            )
    return problems
