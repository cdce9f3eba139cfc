"""Justering: recording approvals, the justering commit, reopen, and the justering window.

An approval is an annotated git tag (store/approvals.py) naming the content
hash of the meeting (store/content_hash.py: the file's content and the bytes
of its bilagor). A meeting is justerad when every required person (its
justerare, and the chair where the group requires it) has an approval of the
same content; the status change is then one commit. :func:`verify`
(store/verify.py) recomputes the hash from the data and names every commit
that changed approved content, whatever the status field says. See
docs/justering.md.

This module re-exports the names other code has always imported from here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from store.core.catalogue import t
from store.core.config import Group
from store.core.content_hash import CURRENT_VERSION, justering_hash, justering_hash_v1
from store.core.errors import FrozenError, UsageError, words
from store.core.model import Meeting, Signature, Status
from store.gitio import log as gitlog
from store.gitio import revs, worktree
from store.services.approvals import (
    HASH_PREFIX,
    K_ACTION,
    K_APPROVAL,
    K_HASH,
    K_HASH_VERSION,
    K_MEETING,
    TAG_NAMESPACE,
    TAG_REFS,
    Approval,
    TagRequest,
    check_text,
    create_tag,
    group_of,
    identity,
    list_approvals,
    normalise_name,
    parse_trailers,
    person_slug,
    required_approvers,
    should_sign,
    tag_message,
    tag_name,
)
from store.services.meeting_blobs import Blobs, matches
from store.services.repository import MeetingRef, Repository, SaveResult
from store.services.signatures import SignatureCheck
from store.services.verify import (
    Book,
    ChangeAfter,
    Verification,
    VerifyState,
    approval_book,
    head_refs,
    reopens,
    verify,
    version_at,
)

# ---------------------------------------------------------------- adjust


@dataclass
class AdjustResult:
    ref: MeetingRef
    content_hash: str
    required: list[str]
    created: list[Approval] = field(default_factory=list)
    already: list[str] = field(default_factory=list)  # had approved this content before
    missing: list[str] = field(default_factory=list)  # still to approve this content
    commit: str | None = None  # the commit that made the meeting justerad
    message: str = ""

    @property
    def complete(self) -> bool:
        return not self.missing


def _match_person(name: str, required: list[str], ref: MeetingRef, lang: str) -> str:
    wanted = normalise_name(name)
    for person in required:
        if normalise_name(person) == wanted:
            return person
    who = ", ".join(required) or "–"
    raise UsageError(
        t("refuse.not_approver", lang, name=name, ref=ref, who=who), hint=t("refuse.not_approver.hint", lang)
    )


def adjust(
    repo: Repository,
    ref: MeetingRef | str,
    names: Sequence[str] | None = None,
    *,
    on: dt.date | None = None,
    method: str = "",
    signed_at: str = "",
    sign: bool | None = None,
    by_secretary: bool | None = None,
) -> AdjustResult:
    """Record approvals of the meeting's content at HEAD; make it justerad when complete.

    ``names`` None records every required person at once (the secretary who
    received their signatures). ``by_secretary`` (default: ``names`` is None)
    says so in each tag: the approval was recorded on the person's behalf, and
    any signature on it is the recorder's, not theirs. A meeting already
    justerad without any approvals (imported, or the demo) gets its approvals
    recorded but no new commit.
    """
    if isinstance(ref, str):
        ref = repo.resolve(ref)
    on = on or dt.date.today()
    method = check_text(method, "the method")
    signed_at = check_text(signed_at, "the signing time")
    on_behalf = names is None if by_secretary is None else by_secretary
    with repo.lock():
        repo.ensure_writable(ref.relpath)
        recorder = identity(repo)
        meeting = repo.load(ref).meeting
        head = revs.resolve_commit(repo.git, "HEAD") if worktree.is_tracked(repo.git, ref.relpath) else None
        if head is None:
            raise UsageError(words("err.not_committed_yet", ref=ref), hint=words("err.not_committed_yet.hint"))
        required = required_approvers(meeting, group_of(repo, ref.group))
        _check_adjustable(ref, meeting, on, repo.lang)
        blobs = Blobs(repo)
        version = version_at(blobs, head, ref.relpath)
        if version.key is None or version.snap is None or version.snap.digest != justering_hash_v1(meeting):
            raise UsageError(words("err.head_differs", ref=ref), hint=words("err.head_differs.hint"))
        digest = version.key[1]
        tags = list_approvals(repo, ref).get(str(ref), [])
        reopened = reopens(repo, [ref.relpath]).get(str(ref)) if tags else None
        book = approval_book(repo, blobs, ref, tags, reopened)
        _check_state(ref, meeting, book, version.keys, repo.lang)
        # approved already, completely, in this round (perhaps by the older hash definition): only the commit is missing
        existing = book.approvals_of(version)
        done = {normalise_name(a.approver) for a in existing}
        targets = required if names is None else [_match_person(n, required, ref, repo.lang) for n in names]
        result = AdjustResult(ref, digest, required)
        sign_tags = should_sign(repo) if sign is None else sign
        for person in dict.fromkeys(targets):
            if normalise_name(person) in done:
                result.already.append(person)
                continue
            request = TagRequest(person, recorder, on, digest, method, signed_at, on_behalf)
            create_tag(repo, tag_name(ref, person, digest), head, tag_message(repo, ref, request), sign_tags)
            done.add(normalise_name(person))
        before = {a.tag for a in book.tags}
        result.created = [a for a in list_approvals(repo, ref).get(str(ref), []) if a.tag not in before]
        result.missing = [p for p in required if normalise_name(p) not in done]
    if result.missing or meeting.status == Status.ADJUSTED:
        return result
    approvals = [*existing, *result.created]
    needed = {normalise_name(p) for p in required}
    dates = [a.date for a in approvals if a.date and normalise_name(a.approver) in needed]
    adjusted_on = max(dates, default=on)
    message = justering_message(repo, ref, required, digest, approvals)
    v1 = version.snap.digest

    def mark_adjusted(current: Meeting) -> None:
        if justering_hash_v1(current) != v1:
            raise UsageError(
                words("err.changed_while_approving", ref=ref), hint=words("err.changed_while_approving.hint")
            )
        current.status = Status.ADJUSTED
        current.adjusted_on = adjusted_on

    saved = repo.apply(ref, mark_adjusted, message=message, allow_frozen=True)
    result.commit, result.message = saved.commit, saved.message
    return result


def _check_adjustable(ref: MeetingRef, meeting: Meeting, on: dt.date, lang: str) -> None:
    if not meeting.date <= on <= dt.date.today():
        raise UsageError(
            t("refuse.bad_approval_date", lang, ref=ref, date=on.isoformat()),
            hint=t("refuse.bad_approval_date.hint", lang, meeting=meeting.date.isoformat()),
        )
    if not meeting.adjusters:
        raise UsageError(t("refuse.no_adjusters", lang, ref=ref), hint=t("refuse.no_adjusters.hint", lang))


def _check_state(ref: MeetingRef, meeting: Meeting, book: Book, keys: dict[int, str] | None, lang: str) -> None:
    """Refuse to approve content that changed after a complete justering, whatever the status says."""
    if meeting.status == Status.ADJUSTED and matches(keys, book.round_complete):
        raise UsageError(
            t("refuse.already_adjusted", lang, ref=ref), hint=t("refuse.already_adjusted.hint", lang, ref=ref)
        )
    changed = book.round_complete and not matches(keys, book.round_complete)
    if changed or (meeting.status == Status.ADJUSTED and book.all_complete):
        raise FrozenError(t("refuse.changed_after", lang, ref=ref), hint=t("refuse.changed_after.hint", lang, ref=ref))
    if meeting.status not in (Status.HELD, Status.ADJUSTED):
        raise UsageError(
            t("refuse.not_held", lang, ref=ref, status=meeting.status.value), hint=t("refuse.not_held.hint", lang)
        )


def justering_message(
    repo: Repository, ref: MeetingRef, people: list[str], digest: str, approvals: list[Approval]
) -> str:
    label = f"{repo.group_label(ref.group)} {ref.date.isoformat()}"
    who = ", ".join(people)
    subject = t("justering.msg.adjusted_by", repo.lang, label=label, who=who)
    lines = [subject, "", f"{K_MEETING}: {ref}", f"{K_ACTION}: justering", f"{K_HASH}: {HASH_PREFIX}{digest}"]
    lines.append(f"{K_HASH_VERSION}: {CURRENT_VERSION}")
    lines += [f"{K_APPROVAL}: {a.short_tag}" for a in approvals]
    return "\n".join(lines)


# ---------------------------------------------------------------- reopen


@dataclass(frozen=True)
class Reopening:
    commit: str
    author: str
    date: str
    reason: str


def reopen(repo: Repository, ref: MeetingRef | str, reason: str) -> SaveResult:
    """Open a justerad meeting for change again: status hållen, the reason in the commit.

    The approval tags stay; the next justering makes new ones. The reason
    lives in the commit message only (see docs/justering.md).
    """
    if isinstance(ref, str):
        ref = repo.resolve(ref)
    reason = reason.strip()
    if not reason:
        raise UsageError(t("refuse.reopen_reason", repo.lang), hint=t("refuse.reopen_reason.hint", repo.lang, ref=ref))
    if "\x00" in reason:
        raise UsageError(words("err.reason_nul"))
    label = f"{repo.group_label(ref.group)} {ref.date.isoformat()}"
    first = " ".join(reason.split())
    if len(first) > 60:
        first = first[:59] + "…"
    message = t("justering.reopen_message", repo.lang, label=label, first=first, reason=reason)
    message += f"\n\n{K_MEETING}: {ref}\n{K_ACTION}: reopen"

    def open_again(meeting: Meeting) -> None:
        if meeting.status != Status.ADJUSTED:
            raise UsageError(t("refuse.not_adjusted", repo.lang, ref=ref, status=meeting.status.value))
        meeting.status = Status.HELD
        meeting.adjusted_on = None

    return repo.apply(ref, open_again, message=message, allow_frozen=True)


def reopenings(repo: Repository, ref: MeetingRef) -> list[Reopening]:
    """The reopen commits of a meeting, newest first, with their reasons."""
    result: list[Reopening] = []
    for record in gitlog.log(repo.git, ["HEAD"], [ref.relpath], grep=f"^{K_ACTION}: reopen$"):
        body = record.message
        if parse_trailers(body).get(K_MEETING) != str(ref):
            continue
        paragraphs = body.strip().split("\n\n")
        reason_lines = [p for p in paragraphs[1:] if not parse_trailers(p)]
        reason = "\n\n".join(reason_lines).removeprefix("Skäl: ").removeprefix("Reason: ")
        result.append(Reopening(record.hash, f"{record.author} <{record.email}>", record.date_iso, reason))
    return result


# ---------------------------------------------------------------- the justering window


@dataclass(frozen=True)
class WindowEntry:
    ref: MeetingRef
    due: dt.date  # the last day of the justering window
    days_left: int  # negative when past the window
    approved_by: list[str]
    missing: list[str]

    @property
    def overdue(self) -> bool:
        return self.days_left < 0


def justering_window(
    repo: Repository, today: dt.date | None = None, results: Sequence[Verification] | None = None
) -> list[WindowEntry]:
    """Held meetings waiting for justering, oldest first, with their deadline.

    The window is ``group.justering_days`` after the meeting (cesam.toml).
    """
    today = today or dt.date.today()
    results = results if results is not None else verify(repo, check_signatures=False)
    entries: list[WindowEntry] = []
    window: dict[str, int] = {}  # by group: a lookup reads cesam.toml's state, and there are thousands of results
    for result in results:
        if result.state != VerifyState.WAITING:
            continue
        if result.ref.group not in window:
            group = group_of(repo, result.ref.group)
            window[result.ref.group] = group.justering_days if group else Group("", "").justering_days
        days = window[result.ref.group]
        due = result.ref.date + dt.timedelta(days=days)
        entries.append(
            WindowEntry(
                result.ref,
                due,
                (due - today).days,
                [a.approver for a in result.approvals],
                result.missing,
            )
        )
    return sorted(entries, key=lambda e: (e.due, str(e.ref)))


# ---------------------------------------------------------------- existing justeringar


def _signature_for(person: str, signatures: list[Signature]) -> Signature | None:
    slug = person_slug(person)
    for signature in signatures:
        name = signature.name.split("@", 1)[0].replace(".", " ")
        if normalise_name(signature.name) == normalise_name(person) or person_slug(name) == slug:
            return signature
    return None


def record_existing_approvals(repo: Repository, ref: MeetingRef, *, sign: bool | None = None) -> list[Approval]:
    """Approval tags for a meeting that is justerad in its data (demo, import).

    The current git user records each approval; the date comes from the
    person's signature in the meeting where there is one, else from its
    justeringsdag.
    """
    meeting = repo.load(ref).meeting
    if meeting.status != Status.ADJUSTED:
        raise UsageError(words("err.not_adjusted", ref=ref))
    created: list[Approval] = []
    for person in required_approvers(meeting, group_of(repo, ref.group)):
        signature = _signature_for(person, meeting.signatures)
        on = meeting.adjusted_on or meeting.date
        if signature and signature.signed_at:
            with contextlib.suppress(ValueError):
                on = dt.date.fromisoformat(signature.signed_at[:10])
        on = min(max(on, meeting.date), dt.date.today())
        result = adjust(
            repo,
            ref,
            [person],
            by_secretary=True,
            on=on,
            method=signature.method if signature else "",
            signed_at=signature.signed_at if signature else "",
            sign=sign,
        )
        created += result.created
    return created


__all__ = [
    "TAG_NAMESPACE",
    "TAG_REFS",
    "AdjustResult",
    "Approval",
    "ChangeAfter",
    "Reopening",
    "SignatureCheck",
    "Verification",
    "VerifyState",
    "WindowEntry",
    "adjust",
    "head_refs",
    "justering_hash",
    "justering_window",
    "list_approvals",
    "parse_trailers",
    "person_slug",
    "record_existing_approvals",
    "reopen",
    "reopenings",
    "required_approvers",
    "verify",
]
