"""What a public site leaves out: pure functions over the model, no I/O.

``--public`` must leave out, everywhere the site shows a meeting (its page,
the search index, the restlista, the parties' pages, the history), the items
marked ``confidential`` with their sub-items, the roles of attendees marked
``role_internal``, and the files of bilagor not marked ``public``.
"""

from __future__ import annotations

from store.core.model import Item, ItemKind, Meeting, clone
from store.core.semdiff import Change, Target

_ROLE_FIELDS = ("role", "role_internal", "")


def confidential_ids(meeting: Meeting | None) -> set[str]:
    """The ids of the confidential items and of their sub-items."""
    if meeting is None:
        return set()
    hidden = {item.id for item in meeting.items if item.confidential}
    return hidden | {item.id for item in meeting.items if item.parent in hidden}


def public_view(meeting: Meeting, placeholder: str) -> Meeting:
    """A copy of ``meeting`` as the public may read it.

    A confidential item becomes a placeholder titled ``placeholder`` with a new id and nothing else,
    so the numbers of the items after it stay those of the justerade protocol.
    """
    hidden = confidential_ids(meeting)
    if not hidden and not any(a.role_internal for a in meeting.attendees):
        return meeting
    view = clone(meeting)
    renamed = {item_id: f"utelamnad-{n}" for n, item_id in enumerate(i.id for i in view.items if i.id in hidden)}
    items = []
    for item in view.items:
        if item.id in hidden:
            item = Item(id=renamed[item.id], title=placeholder, parent=renamed.get(item.parent, item.parent))
            item.kind = ItemKind.OTHER
        items.append(item)
    view.items = items
    for attendee in view.attendees:
        if attendee.role_internal:
            attendee.role = ""
        attendee.items = [renamed.get(i, i) for i in attendee.items]
        attendee.from_item = renamed.get(attendee.from_item, attendee.from_item)
    return view


def public_changes(changes: list[Change], old: Meeting | None, new: Meeting | None) -> list[Change]:
    """The changes of one commit a public reader may see: none about a confidential item (in either
    version) and none about an internal role."""
    hidden = confidential_ids(old) | confidential_ids(new)
    internal = {a.id for m in (old, new) if m is not None for a in m.attendees if a.role_internal}
    kept = []
    for change in changes:
        if change.item_id and change.item_id in hidden:
            continue
        # an internal role shows in its own change and in an attendee's "added"/"removed" wording
        if change.target == Target.ATTENDEE and change.record_id in internal and change.field in _ROLE_FIELDS:
            continue
        kept.append(change)
    return kept
