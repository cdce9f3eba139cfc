"""`cesam verify`: is what was approved still what is there, and is each approval sound?

Verify reasons from the approvals, not from the status field. A meeting has
been justerad when everyone required approved the same content after its
latest reopen (a *complete round*). From then on, any commit that makes the
content (the meeting file, or the bytes of a bilaga it names) differ from
what was approved is named with its author, whatever status the file claims:
setting ``status = "hållen"`` by hand is not a reopen. Only a cesam reopen
commit (``Cesam-Action: reopen``) starts a new round. See docs/justering.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from store.core.catalogue import t
from store.core.content_hash import HASH_V1, HASH_V2
from store.core.model import Status
from store.gitio import log as gitlog
from store.gitio import revs, worktree
from store.gitio.git import GitFailed
from store.gitio.log import RawChange
from store.gitio.revs import NULL_OID
from store.services.approvals import (
    K_ACTION,
    K_MEETING,
    Approval,
    group_of,
    list_approvals,
    normalise_name,
    parse_trailers,
)
from store.services.history import require_meeting
from store.services.meeting_blobs import SNAPS, Blobs, Key, Snap, cache_path, matches, save_cache
from store.services.meeting_blobs import use_cache as open_cache
from store.services.repository import MEETINGS_DIR, MeetingRef, Repository
from store.services.signatures import SignatureCheck, check_signature


class VerifyState(StrEnum):
    NOT_HELD = "not_held"  # utkast or kallad: not yet a matter for justering
    WAITING = "waiting"  # hållen, waiting for approvals
    OK = "ok"  # justerad, approved content unchanged
    CHANGED = "changed"  # changed after justering
    BAD_SIGNATURE = "bad_signature"  # an approval's signature does not verify, or is not the approver's
    MISSING = "missing"  # justerad without approvals of its content by everyone required

    @property
    def failed(self) -> bool:
        return self in (VerifyState.CHANGED, VerifyState.BAD_SIGNATURE, VerifyState.MISSING)

    @property
    def mark(self) -> str:
        """One character for lists (the TUI's mark on a meeting)."""
        return _MARKS[self]

    def label(self, lang: str = "sv") -> str:
        return t(f"verify.state.{self.value}", lang)


_MARKS = {
    VerifyState.NOT_HELD: " ",
    VerifyState.WAITING: "…",
    VerifyState.OK: "✓",
    VerifyState.CHANGED: "!",
    VerifyState.BAD_SIGNATURE: "✗",
    VerifyState.MISSING: "?",
}


@dataclass(frozen=True)
class ChangeAfter:
    """A commit that changed a justerad meeting; commit "" for an uncommitted edit."""

    commit: str
    author: str
    email: str
    date: str
    subject: str
    what: str  # "content", "bilaga", "adjusted_on", "unapproved", "unreadable", "uncommitted"
    files: tuple[str, ...] = ()  # for "bilaga": the files whose bytes changed


@dataclass
class Verification:
    ref: MeetingRef
    state: VerifyState
    status: Status | None
    content_hash: str = ""
    required: list[str] = field(default_factory=list)
    approvals: list[Approval] = field(default_factory=list)  # of the content at HEAD
    missing: list[str] = field(default_factory=list)  # required people without an approval of it
    changes: list[ChangeAfter] = field(default_factory=list)
    bad_signatures: list[tuple[Approval, str]] = field(default_factory=list)
    ignored: list[tuple[Approval, str]] = field(default_factory=list)  # tags that do not count, and why
    adjusted_on: dt.date | None = None
    signatures: list[SignatureCheck] = field(default_factory=list)  # one per approval, in order

    @property
    def failed(self) -> bool:
        return self.state.failed

    @property
    def mark(self) -> str:
        return self.state.mark


# ---------------------------------------------------------------- one meeting version


@dataclass(frozen=True)
class Version:
    """A meeting as a commit holds it: the parsed file and its hashes with the commit's bilagor."""

    snap: Snap | None
    keys: dict[int, str] | None
    bilagor: dict[str, str | None]

    @property
    def key(self) -> Key | None:
        """The hash a new approval of this version names."""
        if self.keys is None or self.snap is None:
            return None
        return (HASH_V2, self.keys[HASH_V2]) if self.snap.files else (HASH_V1, self.keys[HASH_V1])


def version_at(blobs: Blobs, commit: str, relpath: str) -> Version:
    snap = blobs.snap(f"{commit}:{relpath}")
    if snap is None:
        return Version(None, None, {})
    bilagor = blobs.bilagor(commit, snap) if snap.files else {}
    return Version(snap, blobs.keys(commit, relpath), bilagor)


def _flag(parent: Version | None, child: Version, approved: set[Key]) -> tuple[str, tuple[str, ...]] | None:
    """Why a change from ``parent`` to ``child`` breaks a justering, or None."""
    if parent is not None and approved and matches(parent.keys, approved):
        if child.snap is None:
            return ("unreadable", ())
        if not matches(child.keys, approved):
            if parent.snap is not None and parent.snap.digest == child.snap.digest:
                files = tuple(f for f in child.snap.files if parent.bilagor.get(f) != child.bilagor.get(f))
                return ("bilaga", files)
            return ("content", ())
        both = parent.snap is not None and parent.snap.status == child.snap.status == Status.ADJUSTED
        if both and parent.snap is not None and parent.snap.adjusted_on != child.snap.adjusted_on:
            return ("adjusted_on", ())
        return None  # status back to hållen, same content: the approvals still hold for it
    if child.snap is None or child.snap.status != Status.ADJUSTED:
        return None
    if parent is not None and parent.snap is not None and parent.snap.status == Status.ADJUSTED:
        # a meeting marked justerad changed (even back to what was approved): name it
        return ("content", ()) if parent.keys != child.keys else None
    return None if matches(child.keys, approved) else ("unapproved", ())


# ---------------------------------------------------------------- history


@dataclass(frozen=True, slots=True)
class FileChange:
    """The newest commit's change of one meeting file (its raw change line's blob ids)."""

    commit: str
    parents: tuple[str, ...]
    change: RawChange

    @property
    def old(self) -> str:  # blob before (NULL_OID where the file was added)
        return self.change.old_blob or NULL_OID

    @property
    def new(self) -> str:  # blob after
        return self.change.new_blob or NULL_OID


def _history(repo: Repository, paths: Sequence[str], wanted: Collection[str]) -> dict[str, list[FileChange]]:
    """The newest change of each ``wanted`` meeting file in HEAD's history (one ``git log`` of ``paths``).

    Only the newest is ever looked at (:func:`_unchanged_since`, :func:`_last_blobs`); git's
    output is read as it comes, so the whole history is never held.
    """
    found = gitlog.newest_changes(repo.git, "HEAD", paths, wanted)
    return {path: [FileChange(commit, parents, change)] for path, (commit, parents, change) in found.items()}


def reopens(repo: Repository, paths: Sequence[str]) -> dict[str, str]:
    """The newest cesam reopen commit of each meeting ("group/date" → commit)."""
    found: dict[str, str] = {}
    for record in gitlog.log(repo.git, ["HEAD"], paths, grep=f"^{K_ACTION}: reopen$"):
        trailers = parse_trailers(record.body)
        meeting = trailers.get(K_MEETING)
        if meeting and trailers.get(K_ACTION) == "reopen":
            found.setdefault(meeting, record.hash)
    return found


def changes_after(
    repo: Repository, blobs: Blobs, ref: MeetingRef, since: list[str], approved: set[Key], files: Sequence[str] = ()
) -> list[ChangeAfter]:
    """Commits after ``since`` (approval commits) that broke the justering, oldest first.

    ``files`` are the bilaga files the approved content names: a commit that
    changes only one of them changes what was approved too.
    """
    blobs.resolve(f"{c}^{{commit}}" for c in since)
    exclude = [f"^{c}" for c in dict.fromkeys(since) if blobs.oid(f"{c}^{{commit}}")]
    records = gitlog.log(repo.git, ["HEAD", *exclude], [ref.relpath, *files], reverse=True)
    commits = [c for record in records for c in [record.hash, *record.parents]]
    blobs.load(f"{c}:{ref.relpath}" for c in commits)
    blobs.preload_bilagor(commits, ref.relpath)
    changes: list[ChangeAfter] = []
    for record in records:
        child = version_at(blobs, record.hash, ref.relpath)
        reasons = [_flag(version_at(blobs, p, ref.relpath), child, approved) for p in record.parents] or [
            _flag(None, child, approved)
        ]
        # a merge breaks the justering only when it differs from every side it joins
        if all(reasons) and reasons[0]:
            what, changed = reasons[0]
            changes.append(
                ChangeAfter(record.hash, record.author, record.email, record.date_iso, record.subject, what, changed)
            )
    return changes


def head_refs(repo: Repository) -> list[MeetingRef]:
    """Every committed meeting file at HEAD, newest first."""
    try:
        entries = worktree.ls_tree(repo.git, "HEAD", f"{MEETINGS_DIR}/")
    except GitFailed:
        return []  # no commit yet
    refs = {r for r in (MeetingRef.from_relpath(e.path) for e in entries) if r}
    return sorted(refs, key=lambda r: (r.date, r.group), reverse=True)


# ---------------------------------------------------------------- the approvals that count


@dataclass
class Book:
    """A meeting's approval tags, sorted into what counts."""

    tags: list[Approval]
    sound: list[Approval]  # the tagged commit holds the content the tag names
    ignored: list[tuple[Approval, str]]
    reopened: str | None  # the latest cesam reopen of the meeting
    current_round: list[Approval]  # sound and not made before that reopen
    all_complete: set[Key]  # contents everyone required approved, ever
    round_complete: set[Key]  # contents everyone required approved since the reopen
    key_of: dict[str, Key] = field(default_factory=dict)  # tag → the content it approves
    files_of: dict[Key, tuple[str, ...]] = field(default_factory=dict)  # content → its bilaga files

    def approvals_of(self, version: Version) -> list[Approval]:
        """The approvals this round of exactly this content."""
        return [a for a in self.current_round if matches(version.keys, [self.key_of[a.tag]])]


def approval_book(repo: Repository, blobs: Blobs, ref: MeetingRef, tags: list[Approval], reopened: str | None) -> Book:
    group = group_of(repo, ref.group)
    blobs.load(f"{a.commit}:{ref.relpath}" for a in tags)
    blobs.preload_bilagor((a.commit for a in tags), ref.relpath)
    sound: list[Approval] = []
    ignored: list[tuple[Approval, str]] = []
    required_of: dict[Key, list[str]] = {}
    key_of: dict[str, Key] = {}
    files_of: dict[Key, tuple[str, ...]] = {}
    for approval in tags:
        version = version_at(blobs, approval.commit, ref.relpath)
        if version.keys is None or version.snap is None or version.keys[approval.hash_version] != approval.content_hash:
            ignored.append((approval, "the tagged commit does not hold the content the tag names"))
            continue
        sound.append(approval)
        # without bilaga files both definitions agree: one content, whichever version the tag names
        key = approval.key if version.snap.files else (HASH_V1, approval.content_hash)
        key_of[approval.tag] = key
        files_of.setdefault(key, version.snap.files if key[0] == HASH_V2 else ())
        required_of.setdefault(key, version.snap.required(group))
    current = sound
    if reopened and sound:
        older: dict[str, bool] = {}
        for approval in sound:
            if approval.commit not in older:
                older[approval.commit] = approval.commit != reopened and revs.is_ancestor(
                    repo.git, approval.commit, reopened
                )
        current = [a for a in sound if not older[a.commit]]

    def complete(approvals: list[Approval]) -> set[Key]:
        who: dict[Key, set[str]] = {}
        for approval in approvals:
            who.setdefault(key_of[approval.tag], set()).add(normalise_name(approval.approver))
        return {
            k
            for k, people in required_of.items()
            if people and {normalise_name(p) for p in people} <= who.get(k, set())
        }

    return Book(tags, sound, ignored, reopened, current, complete(sound), complete(current), key_of, files_of)


# ---------------------------------------------------------------- verify


def verify(
    repo: Repository,
    refs: Sequence[MeetingRef | str] | None = None,
    *,
    check_signatures: bool = True,
    use_cache: bool = True,
    approvals: dict[str, list[Approval]] | None = None,
) -> list[Verification]:
    """Per meeting: is what was approved still what is there, and is each approval sound?

    Reads in batches (tags, HEAD's blobs, the history of all meeting files)
    so that a repository of many years is checked with a handful of git calls;
    only a meeting whose history looks changed gets a ``git log`` of its own.
    ``approvals``: what ``list_approvals`` answers (at least for the meetings
    verified), where the caller has it already (the tag index).
    """
    targets = [repo.resolve(r) if isinstance(r, str) else r for r in refs] if refs else head_refs(repo)
    for named in targets if refs else ():
        require_meeting(repo, named)
    if not targets:
        return []
    paths = [r.relpath for r in targets] if refs else [f"{MEETINGS_DIR}/"]
    open_cache(repo, use_cache)
    known = len(SNAPS)
    tags = list_approvals(repo) if approvals is None else approvals
    dirty = set(repo.state().modified)
    blobs = Blobs(repo)
    blobs.load(
        [f"HEAD:{r.relpath}" for r in targets]
        + [f"{a.commit}:{r.relpath}" for r in targets for a in tags.get(str(r), [])]
    )
    reopened = reopens(repo, paths) if any(str(r) in tags for r in targets) else {}
    # the history is read for every meeting that is justerad, or has approvals: either may need a walk
    walked = [
        r
        for r in targets
        if str(r) in tags or (s := blobs.snap(f"HEAD:{r.relpath}")) is None or s.status == Status.ADJUSTED
    ]
    history = _history(repo, paths, {r.relpath for r in walked}) if walked else {}
    blobs.load(oid for r in walked for oid in _last_blobs(history.get(r.relpath, [])))
    results = [
        _verify_one(
            repo,
            blobs,
            ref,
            approval_book(repo, blobs, ref, tags.get(str(ref), []), reopened.get(str(ref))),
            history.get(ref.relpath, []),
            ref.relpath in dirty,
            check_signatures,
        )
        for ref in targets
    ]
    if use_cache and (len(SNAPS) != known or not cache_path(repo).exists()):
        save_cache(repo)
    return results


def _last_blobs(history: list[FileChange]) -> tuple[str, ...]:
    return (history[0].old, history[0].new) if history else ()


def _unchanged_since(
    repo: Repository, blobs: Blobs, ref: MeetingRef, since: list[str], history: list[FileChange], approved: set[Key]
) -> bool:
    """The usual case, decided without a walk: the last change of the file is the justering itself."""
    if not history or not since:
        return False
    last = history[0]
    head = blobs.snap(f"HEAD:{ref.relpath}")
    if head is None or head.files or len(last.parents) != 1 or last.new != blobs.oid(f"HEAD:{ref.relpath}"):
        return False  # bilaga files have a history of their own, or the last change came through a merge: walk
    tagged = {blobs.oid(f"{c}:{ref.relpath}") for c in since}
    if last.old in tagged:  # approved, then made justerad by the last change
        return _flag(_blob_version(blobs, last.old), _blob_version(blobs, last.new), approved) is None
    if last.new in tagged:  # approved as it is now (recorded after the fact): nothing may follow the tag
        return any(revs.is_ancestor(repo.git, last.commit, c) for c in since)
    return False


def _blob_version(blobs: Blobs, oid: str) -> Version:
    """A meeting version that names no bilaga file, by its blob id alone."""
    snap = blobs.snap(oid)
    keys = None if snap is None else {HASH_V1: snap.digest, HASH_V2: snap.digest}
    return Version(snap, keys, {})


def _verify_one(
    repo: Repository,
    blobs: Blobs,
    ref: MeetingRef,
    book: Book,
    history: list[FileChange],
    dirty: bool,
    check_signatures: bool,
) -> Verification:
    head = version_at(blobs, "HEAD", ref.relpath)
    approved = book.round_complete
    since = [a.commit for a in book.current_round if book.key_of[a.tag] in approved]
    files = sorted({f for k in approved for f in book.files_of.get(k, ())})
    if head.snap is None:
        # unreadable at HEAD: a problem only where it had been justerad
        if not approved:
            return Verification(ref, VerifyState.NOT_HELD, None, ignored=book.ignored)
        changes = changes_after(repo, blobs, ref, since, approved, files)
        return Verification(ref, VerifyState.CHANGED, None, changes=changes, ignored=book.ignored)

    required = head.snap.required(group_of(repo, ref.group))
    order = {normalise_name(p): i for i, p in enumerate(required)}
    current = sorted(book.approvals_of(head), key=lambda a: order.get(normalise_name(a.approver), len(order)))
    have = {normalise_name(a.approver) for a in current}
    key = head.key
    result = Verification(
        ref,
        VerifyState.WAITING,
        head.snap.status,
        content_hash=key[1] if key else "",
        required=required,
        approvals=current,
        missing=[p for p in required if normalise_name(p) not in have],
        ignored=book.ignored,
        adjusted_on=head.snap.adjusted_on,
    )
    head_approved = matches(head.keys, approved)
    if check_signatures:
        result.signatures = [check_signature(repo, a) for a in current]
        result.bad_signatures = [(c.approval, c.problem) for c in result.signatures if c.approval.signed and c.problem]
    if head.snap.status != Status.ADJUSTED and (head_approved or not approved):
        # not justerad, and nothing approved was changed: waiting (or ready) for justering
        result.state = VerifyState.WAITING if head.snap.status == Status.HELD or approved else VerifyState.NOT_HELD
        return result

    # justerad, or approved content changed whatever the status says: walk from the approvals to HEAD
    if not (head_approved and _unchanged_since(repo, blobs, ref, since, history, approved)):
        walk_from = [*since, book.reopened] if book.reopened else since
        result.changes = changes_after(repo, blobs, ref, walk_from, approved, files)
    if dirty:
        result.changes.append(ChangeAfter("", "", "", "", ref.relpath, "uncommitted"))
    result.state = _state(result, head_approved, head.snap.status)
    return result


def _state(result: Verification, head_approved: bool, status: Status) -> VerifyState:
    if any(c.what != "unapproved" for c in result.changes) or (status != Status.ADJUSTED and not head_approved):
        return VerifyState.CHANGED
    if result.bad_signatures:
        return VerifyState.BAD_SIGNATURE
    if not head_approved:
        return VerifyState.MISSING
    if result.changes:
        return VerifyState.CHANGED
    return VerifyState.OK
