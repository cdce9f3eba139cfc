"""History of a meeting, an item or a statement, and diffs between versions.

Everything comes from git itself, so a reviewer's commit made with plain git
shows like the app's own, with its author. The design keeps it fast on a
repository of ten years:

- one ``git log --raw -- PATH`` (never ``--follow``) lists the commits that
  touched the file *and* the blob ids before and after each, so nothing is
  run per commit;
- the versions needed are read in one ``git cat-file --batch`` and parsed
  once each; parsed versions are kept by blob id, in memory and in the
  user's cache folder (content-addressed, so the cache is always right);
- a commit-graph with changed-path Bloom filters lets ``git log -- PATH``
  skip commits that did not touch the file without opening their trees
  (:func:`update_commit_graph`).

Nothing here imports a UI; the CLI and the TUI render what it returns.
"""

from __future__ import annotations

import dataclasses
import hashlib
import pickle
import threading
from collections import OrderedDict
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Literal

from store.core import codec
from store.core.config import SubitemStyle
from store.core.errors import InvalidFileError, UsageError, words
from store.core.messages import ExplainedChange, explain
from store.core.model import Item, Meeting, Statement
from store.core.numbering import find_item_id, item_numbers
from store.core.semdiff import Action, Change, Target, diff_meetings
from store.gitio import blobs as gitblobs
from store.gitio import log as gitlog
from store.gitio import revs, worktree
from store.gitio import state as gitstate
from store.gitio.fileio import atomic_write
from store.gitio.git import GitFailed
from store.gitio.log import LogRecord
from store.gitio.repostate import commit_graph_locks
from store.services.repository import MeetingRef, Repository

#: a new commit-graph layer is written after this many of the app's own commits
GRAPH_EVERY = 50
_GRAPH_STATE = "cesam-commit-graph"
WORKTREE = "worktree"  # names the working copy where a revision is expected


#: a commit as the git layer's one log reader gives it
CommitInfo = LogRecord


@dataclass
class HistoryEntry:
    """One commit that changed the meeting (or the item or statement asked for)."""

    commit: CommitInfo
    path: str
    old_blob: str | None  # None where the commit created the file
    new_blob: str | None  # None where the commit deleted it
    #: what the commit changed, limited to the item or statement asked for;
    #: None where a version could not be read (a broken hand edit). For a merge: only what the
    #: merge made itself (a conflict it settled), not what it took from one side as it was
    changes: list[Change] | None = None
    #: a merge only: what it brought into this line, its semantic diff against its first parent
    #: (limited like ``changes``); the commits on the other side made these changes
    brought_in: list[Change] = field(default_factory=list)

    @property
    def readable(self) -> bool:
        return self.changes is not None

    @property
    def is_merge(self) -> bool:
        return len(self.commit.parents) > 1

    def explained(self, lang: str = "sv") -> list[ExplainedChange]:
        return [explain(c, lang) for c in self.changes or []]

    def explained_brought_in(self, lang: str = "sv") -> list[ExplainedChange]:
        """What a merge brought into this line, in words (empty for other commits)."""
        return [explain(c, lang) for c in self.brought_in]


@dataclass
class Scope:
    """What a history or a restore is about: a meeting, one item, or one statement."""

    item_id: str = ""
    statement_id: str = ""

    def covers(self, change: Change) -> bool:
        if self.statement_id:
            return change.target == Target.STATEMENT and change.record_id == self.statement_id
        if self.item_id:
            return change.item_id == self.item_id
        return True


# ------------------------------------------------------------------ git plumbing


def resolve_rev(repo: Repository, rev: str) -> str:
    """The full commit hash of a revision a user typed (hash, tag, HEAD~2, ...)."""
    rev = rev.strip()
    if not revs.is_safe_rev(rev):
        raise UsageError(words("err.not_a_revision", rev=repr(rev)))
    found = revs.resolve_commit(repo.git, rev)
    if found is None:
        raise UsageError(words("err.no_commit", rev=repr(rev)), hint=words("err.no_commit.hint"))
    return found


def commit_info(repo: Repository, rev: str) -> CommitInfo:
    return gitlog.show(repo.git, resolve_rev(repo, rev))


_NULL = revs.NULL_OID


def file_log(
    repo: Repository, relpath: str, rev: str = "HEAD", limit: int | None = None, *, blobs: bool = True
) -> list[HistoryEntry]:
    """Every commit that changed ``relpath`` up to ``rev``, newest first.

    With ``blobs``, each entry also has the blob ids before and after (one
    ``--raw`` in the same ``git log``). A merge is shown where it changed the
    file relative to its first parent (what the merge brought into this
    line); merges that took one side as it was are left out, as plain
    ``git log -- FILE`` does.
    """
    rev = rev.strip()
    if not revs.is_safe_rev(rev):
        raise UsageError(words("err.not_a_revision", rev=repr(rev)))
    try:
        records = gitlog.log(repo.git, [rev], [relpath], raw=blobs, first_parent_diffs=blobs, max_count=limit)
    except GitFailed as exc:
        if "unknown revision" in exc.stderr or "bad revision" in exc.stderr or "ambiguous argument" in exc.stderr:
            raise UsageError(words("err.no_commit", rev=repr(rev))) from None
        if "does not have any commits" in exc.stderr:
            return []
        raise
    entries: list[HistoryEntry] = []
    for record in records:
        change = record.change_of(relpath)
        old_blob, new_blob = (change.old_blob, change.new_blob) if change else (None, None)
        entries.append(HistoryEntry(record, relpath, old_blob, new_blob))
    return entries


def folder_log(repo: Repository, folder: str, rev: str = "HEAD") -> dict[str, list[HistoryEntry]]:
    """:func:`file_log` of every file under ``folder`` at once: one ``git log`` for a whole archive.

    Only files that exist at ``rev`` are kept (the newest entry names their blob there).
    """
    try:
        records = gitlog.log(repo.git, [rev], [folder], raw=True, first_parent_diffs=True)
    except GitFailed as exc:
        if "does not have any commits" in exc.stderr:
            return {}
        raise
    found: dict[str, list[HistoryEntry]] = {}
    for record in records:
        for change in record.changes:
            if change.path.startswith(folder):
                entry = HistoryEntry(record, change.path, change.old_blob, change.new_blob)
                found.setdefault(change.path, []).append(entry)
    return {path: entries for path, entries in found.items() if entries[0].new_blob}


def with_changes(
    repo: Repository, entries: list[HistoryEntry], group: str, *, keep_versions: bool = True
) -> list[HistoryEntry]:
    """Fills in each entry's changes (the whole meeting's), as :func:`history` does; returns ``entries``.

    ``keep_versions=False``: the versions parsed are not written to the disk cache (a caller that keeps
    what it worked out from them, as store.services.history_words does, need not pay for it)."""
    others = merge_sides(repo, entries)
    blobs = [b for e in entries for b in (e.old_blob, e.new_blob) if b]
    parsed = versions(repo, blobs + [b for bs in others.values() for b in bs if b], keep=keep_versions)
    style = subitem_style(repo, group)
    for entry in entries:
        old = parsed.get(entry.old_blob) if entry.old_blob else None
        new = parsed.get(entry.new_blob) if entry.new_blob else None
        if (entry.old_blob and old is None) or (entry.new_blob and new is None):
            entry.changes = None
            continue
        changes = diff_meetings(old, new, style)
        if entry.is_merge:
            other = [parsed.get(b) if b else None for b in others[entry.commit.hash]]
            entry.brought_in = changes
            changes = _own_changes_of_merge(changes, other, new, style)
        entry.changes = changes
    return entries


def merge_sides(repo: Repository, entries: list[HistoryEntry]) -> dict[str, list[str | None]]:
    """Per merge among ``entries``: the file's blob in each of its other parents (None where absent).

    Asked in one go of the long-lived ``git cat-file --batch-check`` (the parents are full ids from
    the log), not two processes per parent."""
    specs = {e.commit.hash: [f"{p}:{e.path}" for p in e.commit.parents[1:]] for e in entries if e.is_merge}
    if not specs:
        return {}
    found = gitblobs.reader(repo.git).info(s for side in specs.values() for s in side)

    def blob(spec: str) -> str | None:
        info = found.get(spec)
        return info.oid if info is not None and info.type == "blob" else None

    return {commit: [blob(s) for s in side] for commit, side in specs.items()}


# ------------------------------------------------------------------ versions by blob id

_CACHE_SIZE = 4096
_parsed: OrderedDict[str, Meeting | None] = OrderedDict()
_parsed_lock = threading.Lock()  # history is read from a UI's worker threads


def _remember(blob: str, meeting: Meeting | None) -> None:
    with _parsed_lock:
        _parsed[blob] = meeting
        _parsed.move_to_end(blob)
        while len(_parsed) > _CACHE_SIZE:
            _parsed.popitem(last=False)


def _parse_text(data: bytes) -> Meeting | None:
    try:
        meeting, _ = codec.loads(codec.decode_bytes(data))
    except codec.DecodeError:
        return None
    return meeting


def read_blobs(repo: Repository, blobs: Iterable[str]) -> dict[str, bytes]:
    """The contents of blobs, read through the repository's long-lived ``git cat-file --batch``."""
    return gitblobs.reader(repo.git).read(b for b in blobs if b)


def versions(repo: Repository, blobs: Iterable[str], *, keep: bool = True) -> dict[str, Meeting | None]:
    """Parsed meetings by blob id; None for a version that does not parse.

    The meetings are shared with a cache: copy one before changing it. ``keep=False``: a version
    parsed here is not written to the disk cache (writing one file per version costs more than
    a caller that keeps its own results wants to pay).
    """
    wanted = [b for b in dict.fromkeys(blobs) if b]
    out: dict[str, Meeting | None] = {}
    missing = []
    with _parsed_lock:
        for blob in wanted:
            if blob in _parsed:
                out[blob] = _parsed[blob]
                _parsed.move_to_end(blob)
            else:
                missing.append(blob)
    still = []
    for blob in missing:
        found = _disk_version(blob)
        if found is _ABSENT:
            still.append(blob)
        else:
            _remember(blob, found)
            out[blob] = found
    for blob, data in read_blobs(repo, still).items():
        meeting = _parse_text(data)
        _remember(blob, meeting)
        if keep:
            _keep_version(blob, meeting)
        out[blob] = meeting
    return out


# Parsed versions are also kept on disk, in the user's cache folder, one file per blob id:
# a blob never changes, so an entry is right forever, and a new `cesam log` does not parse
# the versions again. They are pickles of the model's dataclasses (the folder is the user's
# own, like the rest of their cache); a file that does not load is parsed again.
class _Absent(Enum):
    """Not on disk (a stored None means "not a meeting"): an enum member, so the type checker can narrow it away."""

    ABSENT = "absent"


_ABSENT = _Absent.ABSENT
_VERSIONS_FORMAT = b"1"


def _model_mark() -> bytes:
    # a parsed version kept on disk names the shape of the model it was made with: a version
    # of cesam whose dataclasses have other fields parses again rather than load old objects
    from store.core import model

    shapes = sorted(
        (name, tuple(f.name for f in dataclasses.fields(cls)))
        for name, cls in vars(model).items()
        if dataclasses.is_dataclass(cls) and isinstance(cls, type)
    )
    digest = hashlib.sha1(repr((model.SCHEMA_VERSION, shapes)).encode(), usedforsecurity=False).hexdigest()[:16]
    return f":{digest}:".encode()


_MODEL_MARK = _model_mark()


def _versions_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("cesam")) / "versions"


def _disk_version(blob: str) -> Meeting | Literal[_Absent.ABSENT] | None:
    path = _versions_dir() / blob[:2] / blob[2:]
    try:
        data = path.read_bytes()
        if not data.startswith(_VERSIONS_FORMAT + _MODEL_MARK):
            return _ABSENT
        found = pickle.loads(data[len(_VERSIONS_FORMAT + _MODEL_MARK) :])
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return _ABSENT
    return found if found is None or isinstance(found, Meeting) else _ABSENT


def _keep_version(blob: str, meeting: Meeting | None) -> None:
    path = _versions_dir() / blob[:2] / blob[2:]
    try:
        data = _VERSIONS_FORMAT + _MODEL_MARK + pickle.dumps(meeting, protocol=pickle.HIGHEST_PROTOCOL)
        atomic_write(path, data, durable=False, make_parents=True)
    except (OSError, pickle.PicklingError):
        pass  # a cache: without it, versions are parsed again


def blob_at(repo: Repository, rev: str, relpath: str) -> str | None:
    """The blob id of ``relpath`` at ``rev``, or None where the file did not exist."""
    return revs.blob_id(repo.git, resolve_rev(repo, rev), relpath)


def meeting_at(repo: Repository, rev: str, ref: MeetingRef) -> Meeting | None:
    """The meeting as it was at ``rev`` (``"worktree"``: as it is on disk now)."""
    if rev == WORKTREE:
        path = repo.root / ref.relpath
        return _parse_text(path.read_bytes()) if path.is_file() else None
    blob = blob_at(repo, rev, ref.relpath)
    if blob is None:
        return None
    return versions(repo, [blob]).get(blob)


# ------------------------------------------------------------------ history


def subitem_style(repo: Repository, group: str) -> SubitemStyle:
    try:
        return repo.config.group(group).subitem_style
    except KeyError:
        return SubitemStyle.LETTER


def history(
    repo: Repository,
    ref: MeetingRef | str,
    *,
    item_id: str = "",
    statement_id: str = "",
    rev: str = "HEAD",
    limit: int | None = None,
    semantic: bool = True,
) -> list[HistoryEntry]:
    """Every commit that changed the meeting, or one item or statement of it, newest first.

    With ``semantic`` (always, for an item or a statement) each entry carries
    the changes in the domain's words; the versions are parsed once each.
    """
    if isinstance(ref, str):
        ref = repo.resolve(ref)
    scope = Scope(item_id, statement_id)
    narrow = bool(item_id or statement_id)
    if not (semantic or narrow):
        return file_log(repo, ref.relpath, rev, limit, blobs=False)
    entries = file_log(repo, ref.relpath, rev, None if narrow else limit)
    # a merge's other parents: what the merge took from them is not its own change
    others = merge_sides(repo, entries)
    blobs = [b for e in entries for b in (e.old_blob, e.new_blob) if b]
    parsed = versions(repo, blobs + [b for bs in others.values() for b in bs if b])
    style = subitem_style(repo, ref.group)
    kept: list[HistoryEntry] = []
    for entry in entries:
        old = parsed.get(entry.old_blob) if entry.old_blob else None
        new = parsed.get(entry.new_blob) if entry.new_blob else None
        unreadable = (entry.old_blob and old is None) or (entry.new_blob and new is None)
        if unreadable:
            entry.changes = None
            kept.append(entry)  # cannot tell what changed: show it rather than hide it
        else:
            if narrow and not _touches(old, new, scope):
                continue
            changes = diff_meetings(old, new, style)
            if entry.is_merge:
                other = [parsed.get(b) if b else None for b in others[entry.commit.hash]]
                entry.brought_in = [c for c in changes if scope.covers(c)]
                changes = _own_changes_of_merge(changes, other, new, style)
            if narrow:
                changes = [c for c in changes if scope.covers(c)]
                if not changes and not entry.is_merge:
                    changes = _created_or_deleted(old, new, scope, style)
                if not changes:
                    continue  # renumbered only because another item came or went
            entry.changes = changes
            kept.append(entry)
        if limit and len(kept) >= limit:
            break
    return kept


def _change_key(change: Change) -> tuple[str, str, str, str, str]:
    return (change.target.value, change.action.value, change.field, change.item_id, change.record_id)


def _own_changes_of_merge(
    changes: list[Change], others: list[Meeting | None], merged: Meeting | None, style: SubitemStyle
) -> list[Change]:
    """The changes a merge made itself: those against its first parent that no other parent had.

    A merge that took each change from one side as it was then has none; one
    that settled a conflict keeps what it settled.
    """
    own = changes
    for other in others:
        if other is None and merged is not None:
            continue  # the other side did not have the file, or it cannot be read: keep all
        theirs = {_change_key(c) for c in diff_meetings(other, merged, style)}
        own = [c for c in own if _change_key(c) in theirs]
    return own


def statement_by_id(meeting: Meeting | None, statement_id: str) -> tuple[Item, Statement] | None:
    if meeting is None:
        return None
    for item in meeting.items:
        for statement in item.statements:
            if statement.id == statement_id:
                return item, statement
    return None


def item_by_id(meeting: Meeting | None, item_id: str) -> Item | None:
    if meeting is None:
        return None
    return next((i for i in meeting.items if i.id == item_id), None)


def _touches(old: Meeting | None, new: Meeting | None, scope: Scope) -> bool:
    # a cheap test first: most commits of a meeting leave a given item alone
    if scope.statement_id:
        a, b = statement_by_id(old, scope.statement_id), statement_by_id(new, scope.statement_id)
        return (a and (a[0].id, a[1])) != (b and (b[0].id, b[1]))
    a_item, b_item = item_by_id(old, scope.item_id), item_by_id(new, scope.item_id)
    if a_item != b_item:
        return True
    if a_item is None or b_item is None or old is None or new is None:
        return False
    return a_item.parent != b_item.parent or _position(old, scope.item_id) != _position(new, scope.item_id)


def _position(meeting: Meeting, item_id: str) -> str:
    return item_numbers(meeting).get(item_id, "")


def _created_or_deleted(old: Meeting | None, new: Meeting | None, scope: Scope, style: SubitemStyle) -> list[Change]:
    """The record came or went with the whole meeting, or moved between items."""
    if scope.statement_id:
        before, after = statement_by_id(old, scope.statement_id), statement_by_id(new, scope.statement_id)
        found = after or before
        if found is None:
            return []
        owner, statement = found
        meeting = new if after else old
        number = item_numbers(meeting, style).get(owner.id, "") if meeting else ""
        action = Action.ADDED if after and not before else Action.REMOVED if before and not after else Action.CHANGED
        return [
            Change(
                Target.STATEMENT,
                action,
                old=before[1] if before else None,
                new=after[1] if after else None,
                item_id=owner.id,
                number=number,
                record_id=statement.id,
                label=statement.party,
            )
        ]
    before_item, after_item = item_by_id(old, scope.item_id), item_by_id(new, scope.item_id)
    moved = after_item or before_item
    if moved is None or (before_item and after_item):
        return []
    item = moved
    meeting = new if after_item else old
    number = item_numbers(meeting, style).get(item.id, "") if meeting else ""
    action = Action.ADDED if after_item and not before_item else Action.REMOVED
    return [
        Change(
            Target.ITEM,
            action,
            old=before_item,
            new=after_item,
            item_id=item.id,
            number=number,
            label=item.title,
        )
    ]


# ------------------------------------------------------------------ diffs


@dataclass
class MeetingDiff:
    """What changed in a meeting between two versions, in the domain's words."""

    ref: MeetingRef
    old_rev: str  # a commit hash, or "worktree"
    new_rev: str
    old: Meeting | None
    new: Meeting | None
    changes: list[Change] = field(default_factory=list)

    def explained(self, lang: str = "sv") -> list[ExplainedChange]:
        return [explain(c, lang) for c in self.changes]

    def raw_args(self) -> list[str]:
        """Arguments of the plain ``git diff`` for the same two versions."""
        revs = [r for r in (self.old_rev, self.new_rev) if r != WORKTREE]
        return ["diff", "--no-textconv", *revs, "--", self.ref.relpath]


def working_changed(repo: Repository, ref: MeetingRef) -> bool:
    """Whether the meeting's file differs from HEAD in the working tree."""
    return worktree.has_changes(repo.git, [ref.relpath])


def default_revisions(repo: Repository, ref: MeetingRef) -> tuple[str, str]:
    """What `cesam diff MEETING` compares: HEAD with uncommitted edits, else the last change."""
    if working_changed(repo, ref):
        return resolve_rev(repo, "HEAD"), WORKTREE
    entries = file_log(repo, ref.relpath, "HEAD", limit=1)
    if not entries:
        require_meeting(repo, ref)
        raise UsageError(words("err.no_history_yet", ref=ref), hint=words("err.no_history_yet.hint"))
    commit = entries[0].commit
    # the first parent is the version this line had before the change
    return (commit.parents[0] if commit.parents else _NULL), commit.hash


def diff(
    repo: Repository, ref: MeetingRef | str, old_rev: str | None = None, new_rev: str | None = None
) -> MeetingDiff:
    """The semantic diff of one meeting between two revisions.

    No revision: uncommitted edits against HEAD, or else the last commit
    that changed the meeting. One: that revision against the working tree.
    """
    if isinstance(ref, str):
        ref = repo.resolve(ref)
    if old_rev is None:
        old, new = default_revisions(repo, ref)
    else:
        old = resolve_rev(repo, old_rev) if old_rev != WORKTREE else WORKTREE
        new = WORKTREE if new_rev is None or new_rev == WORKTREE else resolve_rev(repo, new_rev)
    old_meeting = None if old == _NULL else _readable_at(repo, old, ref)
    new_meeting = _readable_at(repo, new, ref)
    _require_either(repo, ref, old_meeting, new_meeting)
    changes = diff_meetings(old_meeting, new_meeting, subitem_style(repo, ref.group))
    return MeetingDiff(ref, old, new, old_meeting, new_meeting, changes)


def require_meeting(repo: Repository, ref: MeetingRef, rev: str = "HEAD") -> None:
    """Refuse a meeting that is neither in the working tree nor in the history up to ``rev``.

    A meeting deleted since still has a history to show, so only one that never
    existed is refused (a reading command would otherwise print nothing and exit 0).
    """
    if repo.exists(ref) or file_log(repo, ref.relpath, rev, limit=1, blobs=False):
        return
    raise UsageError(words("err.no_meeting", ref=ref), hint=words("err.list_meetings.hint"))


def _require_either(repo: Repository, ref: MeetingRef, old: Meeting | None, new: Meeting | None) -> None:
    # a diff of two absences is not "no changes": the meeting was named wrong
    if old is None and new is None:
        require_meeting(repo, ref)
        raise UsageError(words("err.in_neither_version", ref=ref), hint=words("err.restore_no_version.hint", ref=ref))


def _readable_at(repo: Repository, rev: str, ref: MeetingRef) -> Meeting | None:
    """meeting_at, but a version that exists and does not parse is an error naming file and line, not "absent"."""
    meeting = meeting_at(repo, rev, ref)
    if meeting is not None:
        return meeting
    if rev == WORKTREE:
        path = repo.root / ref.relpath
        data = path.read_bytes() if path.is_file() else None
    else:
        blob = blob_at(repo, rev, ref.relpath)
        data = read_blobs(repo, [blob]).get(blob) if blob else None
    if data is None:
        return None
    try:
        codec.loads(codec.decode_bytes(data))
    except codec.DecodeError as exc:
        where = "" if rev == WORKTREE else f" ({rev[:12]})"
        text = data.decode("utf-8", "replace")
        raise InvalidFileError(
            words("err.unreadable_at", relpath=ref.relpath, where=where), repo._placed(ref.relpath, text, exc.problems)
        ) from None
    return None


def commit_diff(repo: Repository, ref: MeetingRef | str, rev: str) -> MeetingDiff:
    """What one commit changed in the meeting, against its first parent."""
    if isinstance(ref, str):
        ref = repo.resolve(ref)
    info = commit_info(repo, rev)
    parent = info.parents[0] if info.parents else _NULL
    old = None if parent == _NULL else meeting_at(repo, parent, ref)
    new = meeting_at(repo, info.hash, ref)
    _require_either(repo, ref, old, new)
    return MeetingDiff(ref, parent, info.hash, old, new, diff_meetings(old, new, subitem_style(repo, ref.group)))


def raw_diff(repo: Repository, result: MeetingDiff) -> str:
    """The plain ``git diff`` of the same two versions, for the reviewer's eye."""
    if result.old_rev == _NULL:
        return worktree.commit_patch(repo.git, result.new_rev, [result.ref.relpath])
    return worktree.diff_text(
        repo.git, [r for r in (result.old_rev, result.new_rev) if r != WORKTREE], [result.ref.relpath]
    )


def uncommitted_diff(repo: Repository, relpaths: list[str]) -> str:
    """The plain ``git diff`` of files' uncommitted edits (what `cesam status -v` shows)."""
    return worktree.diff_text(repo.git, [], relpaths).removesuffix("\n")


# ------------------------------------------------------------------ naming records


def find_item(repo: Repository, meeting: Meeting, text: str) -> str | None:
    """The id of an item named by number ("4c", "4 c") or id."""
    return find_item_id(meeting, text, subitem_style(repo, meeting.group))


def find_statement(meeting: Meeting, text: str, item_id: str = "") -> str | None:
    """A statement named by id, or by party (or position, 1-based) within an item."""
    text = text.strip()
    for item in meeting.items:
        for statement in item.statements:
            if statement.id == text:
                return statement.id
    if not item_id:
        return None
    named = item_by_id(meeting, item_id)
    statements = named.statements if named else []
    if text.isdigit() and 0 < int(text) <= len(statements):
        return statements[int(text) - 1].id
    wanted = text.casefold()
    matches = [s.id for s in statements if s.party.casefold() == wanted]
    return matches[0] if len(matches) == 1 else None


# ------------------------------------------------------------------ commit-graph


def _graph_files(repo: Repository) -> list[str]:
    return gitstate.commit_graph_files(repo.git_dir)


def has_commit_graph(repo: Repository) -> bool:
    return bool(_graph_files(repo))


def update_commit_graph(repo: Repository, *, full: bool = False) -> None:
    """Bring the commit-graph with changed-path filters up to date.

    Incremental (``--split``): only commits not yet in the graph are added as
    a new layer, and git merges small layers itself, so this costs little
    after a few commits. ``full`` rewrites the whole graph in one file.
    Called after sync and, every few commits, after the app's own.
    """
    gitstate.write_commit_graph(repo.git, split=not full)
    with suppress(OSError):
        (repo.git_dir / _GRAPH_STATE).write_text("0")


def note_commit(repo: Repository, every: int = GRAPH_EVERY) -> bool:
    """Count one of the app's commits; write the graph when missing or every ``every``.

    Every ``every`` commits it also runs git's housekeeping check, which a
    plain ``git commit`` runs after each commit in a process of its own and
    cesam's commits leave to this (store.gitio.worktree.commit): git's
    thresholds (6,700 loose objects, 50 packs) are then looked at up to
    ``every`` commits later, for a few ms less on every save.

    Returns whether the graph was written. Never fails a save: a graph is
    only an accelerator, and housekeeping only keeps git fast.
    """
    state = repo.git_dir / _GRAPH_STATE
    try:
        count = int(state.read_text() or 0) + 1
    except (OSError, ValueError):
        count = every  # no count yet: the graph was never written by us
    if count >= every:
        with suppress(GitFailed):  # a git older than 2.29 ran `gc --auto` after the commit itself
            gitstate.auto_maintenance(repo.git)
    try:
        if count >= every or not has_commit_graph(repo):
            locks = commit_graph_locks(repo.git_dir)
            if locks:
                # git would refuse every write of the graph from now on: say so, once per command
                repo.notes.append(graph_lock_note(locks))
                state.write_text(str(count))
                return False
            update_commit_graph(repo)
            return True
        state.write_text(str(count))
    except GitFailed as exc:
        if ".lock" in exc.stderr:  # taken by a git that is running now, or left by one that was killed
            locks = commit_graph_locks(repo.git_dir)
            repo.notes.append(graph_lock_note(locks) if locks else f"the commit-graph was not updated: {exc.stderr}")
    except OSError:
        pass
    return False


def graph_lock_note(locks: list[Path]) -> str:
    """What a stale commit-graph lock costs, and what to do; cesam never removes git's locks."""
    names = ", ".join(str(path) for path in locks)
    return (
        f"git's commit-graph is locked ({names}): it is not updated, and history grows slower to read. "
        "If no git command is running, the lock is left over from a crash: remove it yourself."
    )


__all__ = [
    "WORKTREE",
    "CommitInfo",
    "HistoryEntry",
    "MeetingDiff",
    "Scope",
    "blob_at",
    "commit_diff",
    "commit_info",
    "default_revisions",
    "diff",
    "file_log",
    "find_item",
    "find_statement",
    "has_commit_graph",
    "history",
    "item_by_id",
    "meeting_at",
    "note_commit",
    "raw_diff",
    "read_blobs",
    "resolve_rev",
    "statement_by_id",
    "subitem_style",
    "uncommitted_diff",
    "update_commit_graph",
    "versions",
    "working_changed",
]
