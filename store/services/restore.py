"""Restore a meeting, an item or a statement to an earlier version, as a new commit.

History is never rewritten: a restore is an ordinary change made with
:meth:`Repository.apply`, so it is locked, validated, refused on a justerad
meeting, and its message says what came back and from which version.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass

from store.core.catalogue import term
from store.core.config import SubitemStyle
from store.core.errors import UsageError, words
from store.core.messages import restore_message
from store.core.model import Meeting
from store.core.numbering import item_numbers
from store.core.semdiff import Change, diff_meetings
from store.services.history import CommitInfo, commit_info, item_by_id, meeting_at, statement_by_id, subitem_style
from store.services.repository import MeetingRef, Repository, SaveResult

_JUSTERING_FIELDS = ("status", "adjusted_on", "signatures")


def _insert_at(meeting: Meeting, old: Meeting, item_id: str) -> int:
    """Where an item that is gone now goes back: after the item that preceded it then."""
    ids = [i.id for i in old.items]
    top_level = not old.items[ids.index(item_id)].parent
    for earlier in reversed(ids[: ids.index(item_id)]):
        for index, item in enumerate(meeting.items):
            if item.id == earlier:
                end = index + 1
                if top_level:  # after the earlier item's sub-items, not among them
                    while end < len(meeting.items) and meeting.items[end].parent == earlier:
                        end += 1
                return end
    return 0


@dataclass
class RestorePlan:
    """What a restore will do: a change to apply (or a meeting to create) and its message."""

    ref: MeetingRef
    message: str
    change: Callable[[Meeting], None] | None = None
    create: Meeting | None = None  # the meeting was deleted since: it comes back whole


def restore(
    repo: Repository,
    ref: MeetingRef | str,
    rev: str,
    *,
    item_id: str = "",
    statement_id: str = "",
) -> SaveResult:
    """Bring back the meeting, one item, or one statement as it was at ``rev``, as a new commit.

    An item is restored as a record (title, texts, statements, outcome,
    follow-ups); its sub-items are records of their own. A record that is
    gone now is put back where it stood. Nothing changes (no commit) where
    the record is already as it was.
    """
    with repo.lock():  # planned and applied on the same version: the message says what this commit changes
        plan = plan_restore(repo, ref, rev, item_id=item_id, statement_id=statement_id)
        if plan.create is not None:
            return repo.create(plan.create, message=plan.message)
        assert plan.change is not None
        return repo.apply(plan.ref, plan.change, message=plan.message)


def preview(repo: Repository, plan: RestorePlan) -> list[Change]:
    """What the restore would change in the meeting as it is now, without changing anything."""
    style = subitem_style(repo, plan.ref.group)
    if plan.create is not None:
        return diff_meetings(None, plan.create, style)
    current = repo.load(plan.ref).meeting
    restored = copy.deepcopy(current)
    assert plan.change is not None
    plan.change(restored)
    return diff_meetings(current, restored, style)


@dataclass(frozen=True)
class _Source:
    """The version a restore takes a record from, and how its commit message names things."""

    repo: Repository
    ref: MeetingRef
    info: CommitInfo
    old: Meeting
    label: str
    style: SubitemStyle

    def message(self, what: str, number: str = "", who: str = "") -> str:
        lang = self.repo.lang
        when = self.info.date.date()
        return restore_message(
            self.label, self.ref.date, what=what, number=number, who=who, commit=self.info.hash, when=when, lang=lang
        )


def plan_restore(
    repo: Repository,
    ref: MeetingRef | str,
    rev: str,
    *,
    item_id: str = "",
    statement_id: str = "",
) -> RestorePlan:
    """The restore :func:`restore` makes, checked and worded, not yet applied."""
    if isinstance(ref, str):
        ref = repo.resolve(ref)
    info = commit_info(repo, rev)
    old = meeting_at(repo, info.hash, ref)
    if old is None:
        raise UsageError(
            words("err.restore_no_version", ref=ref, commit=info.short),
            hint=words("err.restore_no_version.hint", ref=ref),
        )
    source = _Source(repo, ref, info, old, repo.group_label(ref.group), subitem_style(repo, ref.group))
    if statement_id:
        return _plan_statement(source, statement_id)
    if item_id:
        return _plan_item(source, item_id)

    message = source.message(term("record.meeting", repo.lang))
    if not repo.exists(ref):  # the meeting was deleted since: it comes back as it was
        return RestorePlan(ref, message, create=copy.deepcopy(old))

    def put_meeting(meeting: Meeting) -> None:
        restored = copy.deepcopy(old)
        for name in meeting.__dataclass_fields__:
            # status, justeringsdag and signatures record the justering, which a restore never makes
            if name not in _JUSTERING_FIELDS:
                setattr(meeting, name, getattr(restored, name))

    return RestorePlan(ref, message, put_meeting)


def _plan_statement(source: _Source, statement_id: str) -> RestorePlan:
    ref, info, old = source.ref, source.info, source.old
    found = statement_by_id(old, statement_id)
    if found is None:
        raise UsageError(words("err.restore_no_statement", id=repr(statement_id), ref=ref, commit=info.short))
    old_item, old_statement = found
    noun = term(f"statement.{old_statement.kind.value}", source.repo.lang)

    def put_statement(meeting: Meeting) -> None:
        now = statement_by_id(meeting, statement_id)
        if now is not None:
            owner, current = now
            owner.statements[owner.statements.index(current)] = copy.deepcopy(old_statement)
            return
        item = item_by_id(meeting, old_item.id)
        if item is None:
            raise UsageError(
                words("err.restore_item_gone", title=old_item.title),
                hint=words("err.restore_item_gone.hint", ref=ref, commit=info.short, item=old_item.id),
            )
        position = [s.id for s in old_item.statements].index(statement_id)
        item.statements.insert(min(position, len(item.statements)), copy.deepcopy(old_statement))

    current = source.repo.load(ref).meeting
    where = statement_by_id(current, statement_id)
    item_for_number = where[0].id if where else old_item.id
    number = item_numbers(current if where or item_by_id(current, old_item.id) else old, source.style).get(
        item_for_number, ""
    )
    message = source.message(noun, number, old_statement.party)
    return RestorePlan(ref, message, put_statement)


def _plan_item(source: _Source, item_id: str) -> RestorePlan:
    ref, info, old = source.ref, source.info, source.old
    old_entry = item_by_id(old, item_id)
    if old_entry is None:
        raise UsageError(words("err.restore_no_item", id=repr(item_id), ref=ref, commit=info.short))
    noun = term("record.subitem" if old_entry.parent else "record.item", source.repo.lang)

    def put_item(meeting: Meeting) -> None:
        restored = copy.deepcopy(old_entry)
        for index, item in enumerate(meeting.items):
            if item.id == item_id:
                meeting.items[index] = restored
                return
        if restored.parent and item_by_id(meeting, restored.parent) is None:
            raise UsageError(
                words("err.restore_parent_gone", title=repr(old_entry.title)),
                hint=words("err.restore_parent_gone.hint", ref=ref, commit=info.short, item=restored.parent),
            )
        meeting.items.insert(_insert_at(meeting, old, item_id), restored)

    current = source.repo.load(ref).meeting
    numbers = item_numbers(current if item_by_id(current, item_id) else old, source.style)
    message = source.message(noun, numbers.get(item_id, ""), old_entry.title)
    return RestorePlan(ref, message, put_item)
