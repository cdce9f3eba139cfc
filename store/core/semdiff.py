"""Semantic diff of two versions of a meeting, record by record.

Records are matched by their stable ids, never by position, so a reordered
agenda shows as moves and a changed statement as a change of that statement.
The same list of changes words commit messages (:mod:`store.core.messages`),
``cesam diff``, the history screens and the sync conflict report.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from store.core.config import SubitemStyle
from store.core.model import Attendee, Item, Meeting
from store.core.numbering import item_numbers


class Action(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    MOVED = "moved"


class Target(StrEnum):
    MEETING = "meeting"
    ATTENDEE = "attendee"
    ITEM = "item"
    STATEMENT = "statement"
    FOLLOWUP = "followup"
    ATTACHMENT = "attachment"
    OUTCOME = "outcome"
    NEXT_MEETING = "next_meeting"
    SIGNATURE = "signature"


@dataclass(frozen=True)
class Change:
    target: Target
    action: Action
    field: str = ""  # the field that changed, for Action.CHANGED
    old: Any = None
    new: Any = None
    item_id: str = ""
    number: str = ""  # the item's number in the newer version (older if removed)
    record_id: str = ""  # statement/follow-up/attendee id, attachment number
    label: str = ""  # who or what, in the data's words: "Vision", "Oskar Spanne", "bilaga 2"
    # for attendees: the items they attend, as numbers ("4 a, 5"), or "5–" for "from item 5 on"
    scope: str = ""
    kind: str = ""  # the record's kind where it has one (a statement's), so a change names it

    @property
    def is_text(self) -> bool:
        return (
            isinstance(self.old, str)
            and isinstance(self.new, str)
            and ("\n" in self.old + self.new or len(self.old + self.new) > 60)
        )


@functools.cache
def _field_names(cls: type, skip: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if f.name not in skip)


def _fields(record: Any, skip: tuple[str, ...] = ()) -> tuple[str, ...]:
    # per type, worked out once: a history diffs every version of a meeting against the one before
    cls: type = type(record)  # type[Any] would not pass as the cache's Hashable key
    return _field_names(cls, skip)


def _value(value: Any) -> Any:
    if hasattr(type(value), "__dataclass_fields__"):  # a record instance (dataclasses.is_dataclass)
        return dataclasses.asdict(value)
    return value


def _compare_fields(old: Any, new: Any, skip: tuple[str, ...], make: Any) -> list[Change]:
    changes = []
    for name in _fields(new, skip):
        a, b = _value(getattr(old, name)), _value(getattr(new, name))
        if a != b:
            changes.append(make(name, a, b))
    return changes


def _by_key(records: list[Any], key: str) -> dict[Any, Any]:
    return {getattr(r, key): r for r in records}


def _records(
    old_list: list[Any],
    new_list: list[Any],
    key: str,
    target: Target,
    item: Item,
    number: str,
    label_of: Any,
) -> list[Change]:
    changes: list[Change] = []
    old_map, new_map = _by_key(old_list, key), _by_key(new_list, key)
    base = {"item_id": item.id, "number": number}
    for rid, record in new_map.items():
        label = label_of(record)
        if rid not in old_map:
            changes.append(Change(target, Action.ADDED, new=record, record_id=str(rid), label=label, **base))
            continue
        if old_map[rid] == record:
            continue  # unchanged: most records of a version are (dataclass equality covers every field)
        kind = getattr(getattr(old_map[rid], "kind", ""), "value", "")
        for name in _fields(record, (key,)):
            a, b = _value(getattr(old_map[rid], name)), _value(getattr(record, name))
            if a != b:
                changes.append(
                    Change(target, Action.CHANGED, name, a, b, record_id=str(rid), label=label, kind=kind, **base)
                )
    for rid, record in old_map.items():
        if rid not in new_map:
            changes.append(
                Change(target, Action.REMOVED, old=record, record_id=str(rid), label=label_of(record), **base)
            )
    return changes


def diff_meetings(old: Meeting | None, new: Meeting | None, style: SubitemStyle = SubitemStyle.LETTER) -> list[Change]:
    """What changed from ``old`` to ``new``; either may be None (created, deleted)."""
    if old is None and new is None:
        return []
    if old is None:
        return [Change(Target.MEETING, Action.ADDED, new=new)]
    if new is None:
        return [Change(Target.MEETING, Action.REMOVED, old=old)]
    changes: list[Change] = []
    skip = ("attendees", "items", "next_meeting", "signatures", "schema")
    changes += _compare_fields(old, new, skip, lambda n, a, b: Change(Target.MEETING, Action.CHANGED, n, a, b))
    changes += [
        Change(Target.NEXT_MEETING, Action.CHANGED, n, a, b)
        for n in _fields(new.next_meeting)
        if (a := _value(getattr(old.next_meeting, n))) != (b := _value(getattr(new.next_meeting, n)))
    ]
    numbers = item_numbers(old, style), item_numbers(new, style)
    changes += _attendees(old, new, numbers)
    changes += _items(old, new, numbers)
    old_sig = [dataclasses.asdict(s) for s in old.signatures]
    for sig in new.signatures:
        if dataclasses.asdict(sig) not in old_sig:
            changes.append(Change(Target.SIGNATURE, Action.ADDED, new=sig, label=sig.name))
    new_sig = [dataclasses.asdict(s) for s in new.signatures]
    for sig in old.signatures:
        if dataclasses.asdict(sig) not in new_sig:
            changes.append(Change(Target.SIGNATURE, Action.REMOVED, old=sig, label=sig.name))
    return changes


def _attendance(attendee: Attendee, numbers: dict[str, str]) -> str:
    if attendee.items:
        return ", ".join(numbers.get(i, i) for i in attendee.items)
    if attendee.from_item:
        return f"{numbers.get(attendee.from_item, attendee.from_item)}–"
    return ""


def _attendees(old: Meeting, new: Meeting, numbers: tuple[dict[str, str], dict[str, str]]) -> list[Change]:
    changes: list[Change] = []
    old_numbers, new_numbers = numbers
    old_map, new_map = _by_key(old.attendees, "id"), _by_key(new.attendees, "id")
    for aid, attendee in new_map.items():
        base = {"record_id": aid, "label": attendee.name, "scope": _attendance(attendee, new_numbers)}
        if aid not in old_map:
            changes.append(Change(Target.ATTENDEE, Action.ADDED, new=attendee, **base))
            continue
        if old_map[aid] == attendee:
            continue
        for name in _fields(attendee, ("id",)):
            a, b = _value(getattr(old_map[aid], name)), _value(getattr(attendee, name))
            if a != b:
                changes.append(Change(Target.ATTENDEE, Action.CHANGED, name, a, b, **base))
    for aid, attendee in old_map.items():
        if aid not in new_map:
            scope = _attendance(attendee, old_numbers)
            changes.append(
                Change(Target.ATTENDEE, Action.REMOVED, old=attendee, record_id=aid, label=attendee.name, scope=scope)
            )
    return changes


def _items(old: Meeting, new: Meeting, numbers: tuple[dict[str, str], dict[str, str]]) -> list[Change]:
    changes: list[Change] = []
    old_numbers, new_numbers = numbers
    old_map, new_map = _by_key(old.items, "id"), _by_key(new.items, "id")
    common_old = [i.id for i in old.items if i.id in new_map]
    common_new = [i.id for i in new.items if i.id in old_map]
    for item in new.items:
        number = new_numbers[item.id]
        if item.id not in old_map:
            changes.append(
                Change(Target.ITEM, Action.ADDED, new=item, item_id=item.id, number=number, label=item.title)
            )
            continue
        before = old_map[item.id]
        if old_numbers[item.id] != number and (
            common_old.index(item.id) != common_new.index(item.id) or before.parent != item.parent
        ):
            changes.append(
                Change(
                    Target.ITEM,
                    Action.MOVED,
                    "number",
                    old_numbers[item.id],
                    number,
                    item_id=item.id,
                    number=number,
                    label=item.title,
                )
            )
        if before == item:
            continue  # the same item (every field, statements and all), perhaps renumbered above
        skip = ("id", "parent", "statements", "followups", "attachments", "outcome")
        for name in _fields(item, skip):
            a, b = _value(getattr(before, name)), _value(getattr(item, name))
            if a != b:
                changes.append(Change(Target.ITEM, Action.CHANGED, name, a, b, item_id=item.id, number=number))
        for name in _fields(item.outcome):
            a, b = _value(getattr(before.outcome, name)), _value(getattr(item.outcome, name))
            if a != b:
                changes.append(Change(Target.OUTCOME, Action.CHANGED, name, a, b, item_id=item.id, number=number))
        changes += _records(before.statements, item.statements, "id", Target.STATEMENT, item, number, lambda s: s.party)
        changes += _records(before.followups, item.followups, "id", Target.FOLLOWUP, item, number, lambda f: f.owner)
        changes += _records(
            before.attachments,
            item.attachments,
            "number",
            Target.ATTACHMENT,
            item,
            number,
            lambda a: f"bilaga {a.number}",
        )
    for item in old.items:
        if item.id not in new_map:
            changes.append(
                Change(
                    Target.ITEM,
                    Action.REMOVED,
                    old=item,
                    item_id=item.id,
                    number=old_numbers[item.id],
                    label=item.title,
                )
            )
    return changes
