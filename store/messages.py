"""Words for changes: commit messages and the readable semantic diff.

The one place that formats a commit message. A message names the meeting,
the item and what changed, in the repository's language:
"CESAM 2023-09-05 § 4 c: Vision – synpunkt tillagd".
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

from .i18n import participle, term
from .model import Meeting
from .semdiff import Action, Change, Target

_SHORT_TEXT = 60


def meeting_label(group_label: str, date: dt.date) -> str:
    return f"{group_label} {date.isoformat()}"


def _show(value: Any, lang: str) -> str:
    if value is None or value == "" or value == []:
        return term("empty", lang)
    if isinstance(value, bool):
        return term("yes" if value else "no", lang)
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, list):
        return ", ".join(_show(v, lang) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={_show(v, lang)}" for k, v in value.items() if v not in ("", [], None))
    text = str(value).replace("\n", " ")
    return text if len(text) <= _SHORT_TEXT else text[: _SHORT_TEXT - 1] + "…"


def _field_value(change: Change, value: Any, lang: str) -> str:
    if change.field == "kind" and value is not None:
        prefix = {Target.STATEMENT: "statement", Target.OUTCOME: "outcome"}.get(change.target, "kind")
        return term(f"{prefix}.{getattr(value, 'value', value)}", lang)
    if change.field == "status" and value is not None:
        return term(f"status.{getattr(value, 'value', value)}", lang)
    return _show(value, lang)


def _record_noun(change: Change, lang: str) -> str:
    if change.target == Target.STATEMENT:
        record = change.new or change.old
        kind = getattr(record, "kind", None)
        if kind is not None:
            return term(f"statement.{kind.value}", lang)
        return term("record.statement", lang)
    return term(f"record.{change.target.value}", lang)


def _where(change: Change) -> str:
    return f"§ {change.number}" if change.number else ""


def describe(change: Change, lang: str = "sv", *, values: bool = True) -> str:
    """One change in words, without the meeting: "§ 4 c: Vision – synpunkt tillagd"."""
    where = _where(change)
    head = f"{where}: " if where else ""
    if change.target == Target.ITEM and change.action in (Action.ADDED, Action.REMOVED):
        item = change.new or change.old
        noun = term("record.subitem" if getattr(item, "parent", "") else "record.item", lang)
        return f"{head}{noun} {participle(change.action.value, noun, lang)} ({_show(change.label, lang)})"
    if change.target == Target.ITEM and change.action == Action.MOVED:
        return f"§ {change.old} → § {change.new}: {_show(change.label, lang)} {term('action.moved', lang)}"
    if change.target == Target.MEETING and change.action != Action.CHANGED:
        noun = term("record.meeting", lang)
        return f"{noun} {participle(change.action.value, noun, lang)}"
    who = f"{change.label} – " if change.label and change.target != Target.ITEM else ""
    noun = _record_noun(change, lang)
    if change.action in (Action.ADDED, Action.REMOVED):
        return f"{head}{who}{noun} {participle(change.action.value, noun, lang)}"
    # a change of one field
    if change.target == Target.FOLLOWUP and change.field == "closed":
        action = "closed" if change.new else "reopened"
        return f"{head}{who}{noun} {term(f'action.{action}', lang)}"
    if change.target == Target.ATTENDEE and change.field == "absent":
        label = term("field.absent", lang)
        return f"{who}{label}: {_show(change.new, lang)}"
    field = term(f"field.{change.field}", lang)
    if change.target in (Target.STATEMENT, Target.FOLLOWUP, Target.ATTACHMENT, Target.OUTCOME):
        if change.target == Target.OUTCOME:
            field = (
                f"{term('record.outcome', lang)}"
                if change.field == "kind"
                else f"{term('record.outcome', lang)}, {field}"
            )
        elif change.field not in ("text",):
            field = f"{noun}, {field}"
        else:
            field = noun
    elif change.target == Target.NEXT_MEETING:
        field = f"{term('record.next_meeting', lang)}, {field}"
    text = f"{head}{who}{field} {participle('changed', field, lang)}"
    if values:
        text += (
            f": {_field_value(change, change.old, lang)!s} → {_field_value(change, change.new, lang)!s}"
            if not change.is_text
            else ""
        )
    return text


def commit_message(meeting: Meeting, group_label: str, changes: list[Change], lang: str = "sv") -> str:
    """Subject naming meeting, item and what changed; a body when there is more than one change."""
    prefix = meeting_label(group_label, meeting.date)
    if not changes:
        return prefix
    if len(changes) == 1:
        text = describe(changes[0], lang, values=False)
        return f"{prefix} {text}" if text.startswith("§") else f"{prefix}: {text}"
    wheres = sorted({_where(c) for c in changes if c.number}, key=lambda s: (len(s), s))
    scope = f" ({', '.join(wheres)})" if wheres and len(wheres) <= 4 else ""
    items = {c.item_id for c in changes}
    if len(items) == 1 and changes[0].number:
        fields = []
        for c in changes:
            phrase = describe(c, lang, values=False).split(": ", 1)[-1]
            if phrase not in fields:
                fields.append(phrase)
        subject = f"{prefix} § {changes[0].number}: " + "; ".join(fields)
        if len(subject) <= 100:
            return subject
    subject = f"{prefix}: {len(changes)} {term('changes', lang)}{scope}"
    body = "\n".join(f"- {describe(c, lang)}" for c in changes)
    return f"{subject}\n\n{body}"
