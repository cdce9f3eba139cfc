"""A conflict's three values in words where the values alone say little.

- An order conflict holds lists of ids; a person needs "§ 2 Rubrik" per
  line, numbered as that side numbers them.
- A record removed on one side and changed on the other: choosing the
  removal loses the change, so the change is what is shown.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from store.core.i18n import term

if TYPE_CHECKING:
    from store.core.merge import Conflict, _Merger


def conflict_words(merger: _Merger, path: tuple[Any, ...], conflict: Conflict) -> tuple[str, str, str] | None:
    from store.core.merge import ORDER, ConflictKind

    if conflict.kind == ConflictKind.ORDER and path[-1:] == (ORDER,):
        return _order_words(merger, path, conflict)
    if conflict.kind == ConflictKind.REMOVED:
        return _removed_words(merger, conflict)
    return None


def _order_words(merger: _Merger, path: tuple[Any, ...], conflict: Conflict) -> tuple[str, str, str]:
    attr = str(path[-2])
    item_id = str(path[1]) if len(path) > 3 and path[0] == "items" else None
    shown = []
    for side, ids in enumerate((conflict.base, conflict.ours, conflict.theirs)):
        if not ids:
            shown.append(term("empty", merger.lang))
            continue
        if attr == "items" and item_id is None:
            meeting = merger.sides[side]
            numbers = merger.side_numbers[side]
            titles = {i.id: i.title for i in meeting.items} if meeting is not None else {}
            lines = [f"§ {numbers.get(rid, '?')} {titles.get(rid, rid)}".rstrip() for rid in ids]
        else:
            lines = [merger._record_words(attr, rid, item_id) for rid in ids]
        shown.append("\n".join(lines))
    return shown[0], shown[1], shown[2]


def _removed_words(merger: _Merger, conflict: Conflict) -> tuple[str, str, str]:
    from store.core.merge import format_value

    lang = merger.lang
    removed = "(borttagen)" if lang != "en" else "(removed)"
    changed = conflict.ours if conflict.ours is not None else conflict.theirs
    lost = _changes(conflict.base, changed, lang)
    lead = "går förlorat om borttagningen väljs:" if lang != "en" else "lost if the removal is chosen:"
    words = format_value(changed, lang) + ("\n" + lead + "\n" + "\n".join(f"  {c}" for c in lost) if lost else "")
    base = format_value(conflict.base, lang) if conflict.base is not None else term("empty", lang)
    return (base, words, removed) if conflict.ours is not None else (base, removed, words)


def _changes(base: Any, changed: Any, lang: str) -> list[str]:
    """What ``changed`` holds that ``base`` did not, field by field, in full."""
    from store.core.merge import format_value

    if base is None or changed is None or not dataclasses.is_dataclass(changed) or type(base) is not type(changed):
        return []
    out = []
    for f in dataclasses.fields(changed):
        old, new = getattr(base, f.name), getattr(changed, f.name)
        if old == new:
            continue
        name = term(f"field.{f.name}", lang)
        if isinstance(new, list) and new and dataclasses.is_dataclass(new[0]):
            out += _list_changes(name, old, new, lang)
        else:
            out.append(f"{name}: {format_value(old, lang)} → {format_value(new, lang)}")
    return out


def _list_changes(name: str, old: list[Any], new: list[Any], lang: str) -> list[str]:
    from store.core.merge import format_value

    def key(record: Any) -> Any:
        return getattr(record, "id", getattr(record, "number", getattr(record, "name", None)))

    before = {key(r): r for r in old}
    out = []
    for record in new:
        if key(record) not in before:
            out.append(f"{name}: {'ny' if lang != 'en' else 'new'} {format_value(record, lang)}")
        elif before[key(record)] != record:
            inner = _changes(before[key(record)], record, lang)
            out += [f"{name} {format_value(record, lang)}: {c}" for c in inner] or [
                f"{name}: {format_value(record, lang)}"
            ]
    return out


__all__ = ["conflict_words"]
