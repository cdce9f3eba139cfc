"""Edits of the agenda's shape: add, delete, move, indent and outdent items.

``Meeting.items`` is in pre-order (a sub-item follows its parent), and numbers
follow from position (:mod:`store.core.numbering`). Every function here keeps that
order, so callers never renumber anything. They mutate the meeting given and
raise ValueError when the move is impossible; the UI turns that into a hint.
"""

from __future__ import annotations

from store.core.ids import new_id
from store.core.model import Item, ItemKind, Meeting


def block(meeting: Meeting, item_id: str) -> list[Item]:
    """The item and its sub-items, in order."""
    item = meeting.item(item_id)
    return [item, *meeting.children(item_id)] if not item.parent else [item]


def _siblings(meeting: Meeting, item: Item) -> list[Item]:
    return [i for i in meeting.items if i.parent == item.parent]


def _rebuild(meeting: Meeting, tops: list[Item]) -> None:
    """Lay the items out again in pre-order from the list of top-level items."""
    items: list[Item] = []
    for top in tops:
        items.append(top)
        items.extend(meeting.children(top.id))
    meeting.items = items


def add_item(
    meeting: Meeting,
    title: str,
    *,
    after: str = "",
    parent: str = "",
    kind: ItemKind = ItemKind.INFORMATION,
) -> Item:
    """A new item after ``after`` (and its sub-items), or a sub-item of ``parent`` at its end."""
    item = Item(id=new_id(title, (i.id for i in meeting.items)), title=title, kind=kind)
    if parent:
        host = meeting.item(parent)
        if host.parent:
            raise ValueError("sub-items cannot have sub-items")
        item.parent = parent
        children = meeting.children(parent)
        anchor = children[-1] if children else host
        if after and after in (c.id for c in children):
            anchor = meeting.item(after)
        meeting.items.insert(meeting.items.index(anchor) + 1, item)
        return item
    if after:
        anchor_item = meeting.item(after)
        top = meeting.item(anchor_item.parent) if anchor_item.parent else anchor_item
        last = block(meeting, top.id)[-1]
        meeting.items.insert(meeting.items.index(last) + 1, item)
    else:
        meeting.items.append(item)
    return item


def delete_item(meeting: Meeting, item_id: str) -> list[str]:
    """Delete the item and its sub-items; the ids removed."""
    removed = {i.id for i in block(meeting, item_id)}
    meeting.items = [i for i in meeting.items if i.id not in removed]
    for attendee in meeting.attendees:
        attendee.items = [i for i in attendee.items if i not in removed]
        if attendee.from_item in removed:
            attendee.from_item = ""
    return sorted(removed)


def move(meeting: Meeting, item_id: str, step: int) -> None:
    """Move an item (with its sub-items) one place up (-1) or down (+1) among its siblings."""
    item = meeting.item(item_id)
    siblings = _siblings(meeting, item)
    index = siblings.index(item)
    target = index + step
    if not 0 <= target < len(siblings):
        raise ValueError("cannot move further")
    siblings[index], siblings[target] = siblings[target], siblings[index]
    if item.parent:
        parent = meeting.item(item.parent)
        start = meeting.items.index(parent) + 1
        meeting.items[start : start + len(siblings)] = siblings
    else:
        _rebuild(meeting, siblings)


def indent(meeting: Meeting, item_id: str) -> None:
    """Make a top-level item the last sub-item of the top-level item before it."""
    item = meeting.item(item_id)
    if item.parent:
        raise ValueError("already a sub-item")
    if meeting.children(item_id):
        raise ValueError("an item with sub-items cannot become a sub-item")
    tops = meeting.top_level()
    index = tops.index(item)
    if index == 0:
        raise ValueError("the first item cannot become a sub-item")
    item.parent = tops[index - 1].id
    _rebuild(meeting, [t for t in tops if t.id != item_id])


def outdent(meeting: Meeting, item_id: str) -> None:
    """Make a sub-item the top-level item right after its former parent's block."""
    item = meeting.item(item_id)
    if not item.parent:
        raise ValueError("already a top-level item")
    parent = meeting.item(item.parent)
    item.parent = ""
    tops = [t for t in meeting.top_level() if t.id != item_id]
    tops.insert(tops.index(parent) + 1, item)
    _rebuild(meeting, tops)


__all__ = ["add_item", "block", "delete_item", "indent", "move", "outdent"]
