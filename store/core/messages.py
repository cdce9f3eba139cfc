"""Words for changes: commit messages and the readable semantic diff.

The one place that formats a commit message. A message names the meeting,
the item and what changed, in the repository's language:
"CESAM 2023-09-05 § 4 c: Vision – synpunkt tillagd".
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from typing import Any

from store.core.catalogue import participle, term
from store.core.model import Meeting
from store.core.semdiff import Action, Change, Target

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
        if change.kind:  # a changed field: the kind the statement had before the change
            return term(f"statement.{change.kind}", lang)
        record = change.new or change.old
        kind = getattr(record, "kind", None)
        if kind is not None:
            return term(f"statement.{kind.value}", lang)
        return term("record.statement", lang)
    return term(f"record.{change.target.value}", lang)


def _where(change: Change) -> str:
    return f"§ {change.number}" if change.number else ""


def _attendance(scope: str, lang: str) -> str:
    if not scope:
        return term("all_items", lang)
    if scope.endswith("–"):
        return f"{term('present_from', lang)} {scope[:-1]}"
    return f"{term('item_short', lang)} {scope}"


def _describe_attendee(change: Change, lang: str, values: bool) -> str:
    # "Närvarande: Oskar Spanne tillagd, punkt 4 a": the list of those present is the record
    head = f"{term('heading.attendees', lang)}: {change.label}"
    if change.action == Action.ADDED:
        text = f"{head} {term('action.added', lang)}"
        return f"{text}, {_attendance(change.scope, lang)}" if change.scope else text
    if change.action == Action.REMOVED:
        return f"{head} {term('action.removed', lang)}"
    if change.field == "absent":
        return f"{head}, {term('field.absent', lang)}: {_show(change.new, lang)}"
    if change.field in ("items", "from_item"):
        text = f"{head}, {term('attendance', lang)} {term('action.changed', lang)}"
        return f"{text}: {_attendance(change.scope, lang)}" if values else text
    field_name = term(f"field.{change.field}", lang)
    text = f"{head}, {field_name} {participle('changed', field_name, lang)}"
    if values and not change.is_text:
        text += f": {_show(change.old, lang)} → {_show(change.new, lang)}"
    return text


def describe(change: Change, lang: str = "sv", *, values: bool = True) -> str:
    """One change in words, without the meeting: "§ 4 c: Vision – synpunkt tillagd"."""
    if change.target == Target.ATTENDEE:
        return _describe_attendee(change, lang, values)
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
    if values and not change.is_text:
        text += f": {_field_value(change, change.old, lang)!s} → {_field_value(change, change.new, lang)!s}"
    elif values:
        text += _excerpt(change.old, change.new)
    return text


def _excerpt(old: str, new: str, limit: int = 3) -> str:
    """ ": 'digital mognad' → 'digital nyfikenhet'" for a small edit of a long text, else nothing."""
    spans = word_diff(old, new)
    changed = [i for i, s in enumerate(spans) if s.kind != SpanKind.SAME]
    hunks: list[list[int]] = []
    for index in changed:
        if hunks and index - hunks[-1][-1] <= 1:
            hunks[-1].append(index)
        else:
            hunks.append([index])
    if not hunks or len(hunks) > limit:
        return ""
    parts = []
    for hunk in hunks:
        before = _last_word(spans[hunk[0] - 1].text) if hunk[0] > 0 else ""
        after = _first_word(spans[hunk[-1] + 1].text) if hunk[-1] + 1 < len(spans) else ""
        a = "".join(spans[i].text for i in hunk if spans[i].kind == SpanKind.DELETED)
        b = "".join(spans[i].text for i in hunk if spans[i].kind == SpanKind.INSERTED)
        if len(a) + len(b) > 2 * _SHORT_TEXT:
            return ""
        parts.append(f"'{(before + a + after).strip()}' → '{(before + b + after).strip()}'")
    return ": " + "; ".join(parts)


def _last_word(text: str) -> str:
    match = re.search(r"\w+\s*$", text)
    return match.group(0) if match else ""


def _first_word(text: str) -> str:
    match = re.match(r"^\s*\w+", text)
    return match.group(0) if match else ""


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


def restore_message(
    group_label: str,
    date: dt.date,
    *,
    what: str,
    number: str = "",
    who: str = "",
    commit: str,
    when: dt.date,
    lang: str = "sv",
) -> str:
    """The message of a restore: "CESAM 2023-09-05 § 4 a: Vision – synpunkt återställd från a1b2c3d (2023-09-10)".

    ``what`` is the restored record's noun ("synpunkt", "punkt", "möte"), ``who``
    the party or title it belongs to, ``commit`` the version it came from.
    """
    prefix = meeting_label(group_label, date)
    where = f" § {number}" if number else ""
    label = f"{who} – " if who else ""
    action = participle("restored", what, lang)
    return f"{prefix}{where}: {label}{what} {action} {term('restored_from', lang)} {commit[:7]} ({when.isoformat()})"


# ---------------------------------------------------------------- readable diff


class SpanKind(StrEnum):
    SAME = "same"
    DELETED = "deleted"
    INSERTED = "inserted"


@dataclass(frozen=True)
class Span:
    """A run of text in a word diff; renderers decide how to mark it."""

    text: str
    kind: SpanKind = SpanKind.SAME


# words, runs of spaces and single punctuation marks: a changed comma is marked alone
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


def word_diff(old: str, new: str) -> list[Span]:
    """Old and new text as one sequence of unchanged, deleted and inserted runs."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    spans: list[Span] = []

    def add(text: str, kind: SpanKind) -> None:
        if not text:
            return
        if spans and spans[-1].kind == kind:
            spans[-1] = Span(spans[-1].text + text, kind)
        else:
            spans.append(Span(text, kind))

    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            add("".join(a[i1:i2]), SpanKind.SAME)
            continue
        # a change of only spaces between kept words is not worth marking
        removed, inserted = "".join(a[i1:i2]), "".join(b[j1:j2])
        if op == "replace" and removed.strip() == inserted.strip() == "":
            add(inserted, SpanKind.SAME)
            continue
        add(removed, SpanKind.DELETED)
        add(inserted, SpanKind.INSERTED)
    return spans


@dataclass(frozen=True)
class ExplainedChange:
    """A change in words, with the words that changed when it is a long text."""

    change: Change
    text: str  # "§ 4 a: Vision – synpunkt ändrad"
    spans: list[Span] = field(default_factory=list)  # the word diff of a long text, else empty


def explain(change: Change, lang: str = "sv") -> ExplainedChange:
    """:func:`describe` plus, for a long text, its word diff as data."""
    spans = word_diff(change.old, change.new) if change.is_text else []
    return ExplainedChange(change, describe(change, lang), spans)


def compact_spans(spans: list[Span], context: int = 6) -> list[Span]:
    """The spans with long unchanged runs cut to ``context`` words either side of a change."""
    out: list[Span] = []
    for index, span in enumerate(spans):
        if span.kind != SpanKind.SAME:
            out.append(span)
            continue
        words = _TOKEN.findall(span.text)
        keep = context * 2  # a word and its following space
        first, last = index == 0, index == len(spans) - 1
        if len(words) <= keep * (1 if first or last else 2) + 1:
            out.append(span)
            continue
        head = "" if first else "".join(words[:keep])
        tail = "" if last else "".join(words[-keep:])
        out.append(Span(f"{head}…{tail}", SpanKind.SAME))
    return out
