"""Sync with a git remote: fetch, combine, push; nothing lost, nothing forced.

One sync is:

1. refuse while anything is half done: a merge or rebase in progress,
   unmerged paths, uncommitted hand edits, an unsettled earlier conflict;
2. ``git fetch --tags`` (tags never overwrite a local tag of the same name);
3. check that the remote still holds what it held at the last sync; if its
   history was rewritten (a force push), stop and keep a branch of the old
   state;
4. fast-forward when only the remote moved; when both moved, one merge
   commit, meeting files merged field by field (never a rebase: the commits
   already shared stay exactly as everyone has them);
5. ``git push --follow-tags``, never forced; when the remote moved in
   between, fetch and combine again (a bounded number of times).

When the same field changed on both sides, the merge is aborted before
anything is written: the working tree stays clean, the local version is
also kept on a branch named ``cesam/lokal-version-…``, and the conflicts
are listed in words. :func:`find_conflicts` and :func:`resolve` settle them
field by field with one merge commit that records both parents.

Network steps run outside the repository lock, so saving in the UI is
never blocked by a slow remote; everything that moves HEAD holds it.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Mapping
from contextlib import suppress
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from store.core.catalogue import t
from store.core.errors import ConflictError, GitError, InvalidFileError, RemoteError, RepoStateError, UsageError, words
from store.core.merge import Choice, Conflict, Take
from store.gitio import gitconfig, merging, refs, revs, worktree
from store.gitio.git import GitFailed
from store.services.gitsetup import ensure_merge_driver, setup_git
from store.services.mergedriver import FILE_KEY
from store.services.remote import (
    PushRaced,
    Upstream,
    fetch_remote,
    push_remote,
    unpublished_tags,
)
from store.services.repository import MeetingRef, Repository
from store.services.sync_checks import (
    MERGE_TRAILER,
    DroppedChange,
    MergeKind,
    check_attributes,
    clear_dropped,
    dropped_in_file,
    dropped_in_history,
    validation_conflict,
)
from store.services.sync_dropped import OnDropped
from store.services.sync_dropped import restore as restore_dropped
from store.services.sync_dropped import stop as stop_on_dropped
from store.services.sync_files import (
    blob,
    changed,
    commit_texts,
    conflicts_between,
    merge_one,
    stage_texts,
    take_side,
    write_merged,
)
from store.services.sync_state import (
    LOCAL_BRANCH,
    MAX_ATTEMPTS,
    REWRITTEN_BRANCH,
    SYNCED_REF,
    THEIRS_REF,
    Commit,
    PendingConflict,
    Progress,
    SyncAction,
    SyncConflict,
    SyncResult,
    SyncStatus,
    _check_ready,
    _check_worktree,
    _clear_pending,
    _commits,
    _head,
    _is_ancestor,
    _merge_args,
    _rev,
    _write_pending,
    current_branch,
    read_pending,
    sync_status,
    upstream_of,
)

# ---------------------------------------------------------------- fetch and push


def fetch(repo: Repository, *, lang: str | None = None) -> list[str]:
    """Only fetch (branches and tags) from the branch's remote; changes no file. Returns warnings."""
    lang = lang or repo.lang
    branch = current_branch(repo)
    up = upstream_of(repo, branch) if branch else None
    if up is None:
        return []
    return fetch_remote(repo, up, lang)


# ---------------------------------------------------------------- merging


def _merge_message(repo: Repository, up: Upstream, incoming: list[Commit]) -> str:
    subject = t("sync.sync_merged", repo.lang, label=up.label)
    trailer = f"{MERGE_TRAILER}: {MergeKind.FIELDS}"
    if not incoming:
        return f"{subject}\n\n{trailer}"
    head = t("sync.from_the_remote", repo.lang)
    body = "\n".join(f"- {c.subject} ({c.author})" for c in incoming[:30])
    more = len(incoming) - 30
    if more > 0:
        body += f"\n- … {more} {t('sync.more', repo.lang)}"
    return f"{subject}\n\n{head}\n{body}\n\n{trailer}"


def _abort_merge(repo: Repository) -> None:
    if (repo.git_dir / "MERGE_HEAD").exists():
        merging.abort_merge(repo.git)


def _start_merge(repo: Repository, theirs: str, lang: str) -> bool:
    """``git merge --no-commit``; True when git merged every file (no meeting changed on both sides)."""
    try:
        merging.start_merge(repo.git, theirs, _merge_args(repo))
        return True
    except GitFailed as exc:
        if (repo.git_dir / "MERGE_HEAD").exists():
            return False
        raise RepoStateError(
            t("sync.git_could_not_start", lang, stderr=exc.stderr),
            hint=t("sync.nothing_was_changed_cesam", lang),
        ) from None


def _check_own_merge(repo: Repository, head: str, theirs: str, lang: str) -> None:
    """The staged merge holds every change of both sides (the merge did not go around cesam)."""
    base = revs.merge_base(repo.git, head, theirs)
    if base is None:  # git merges no unrelated histories: the merge could not have started
        raise GitError(words("err.no_common_history", head=head[:8], theirs=theirs[:8]))
    both = changed(repo, base, head) & changed(repo, base, theirs)
    found = []
    for relpath in sorted(p for p in both if MeetingRef.from_relpath(p)):
        texts = commit_texts(repo, relpath, base, head, theirs)
        staged = blob(repo, f":0:{relpath}")
        found += dropped_in_file(repo, relpath, texts, staged, ("", head, theirs), lang)
    if found:
        raise GitError(
            t("sync.the_merge_dropped_changes", lang) + "; ".join(f"{d.file}: {', '.join(d.changes)}" for d in found),
            hint=t("sync.nothing_was_changed_report", lang),
        )


def _check_merged(repo: Repository, lang: str) -> list[str]:
    """Warnings for merged meetings that do not validate (a side brought the problem; `cesam check` shows it)."""
    warnings = []
    for relpath in worktree.staged_paths(repo.git):
        ref = MeetingRef.from_relpath(relpath)
        path = repo.root / relpath
        if ref is None or not path.exists():
            continue
        try:
            repo.parse(relpath, repo._read_text(relpath))
        except InvalidFileError as exc:
            warnings.append(
                t("sync.has_problems_after_the", lang, relpath=relpath) + "; ".join(p.message for p in exc.problems[:3])
            )
    return warnings


def _stamp() -> str:
    return time.strftime("%Y%m%d-%H%M%S")


def _full(label: str, text: str) -> str:
    """A value in full under its label, its further lines indented: two long values that differ
    only at the end must not look alike."""
    label = label.ljust(7)
    return f"      {label}" + text.replace("\n", "\n" + " " * (6 + len(label)))


def _local_branch_name(repo: Repository, files: list[str]) -> str:
    ref = next((r for r in map(MeetingRef.from_relpath, files) if r), None)
    what = f"{ref.group}-{ref.date.isoformat()}-" if ref else ""
    name = f"{LOCAL_BRANCH}{what}{_stamp()}"
    while _rev(repo, f"refs/heads/{name}"):
        name += "-b"
    return name


def _stop_on_conflict(
    repo: Repository, up: Upstream, head: str, theirs: str, conflicts: list[Conflict], lang: str
) -> SyncConflict:
    conflicted_files = sorted({c.file for c in conflicts if c.file})
    branch = _local_branch_name(repo, conflicted_files)
    refs.create_branch(repo.git, branch, head)
    refs.set_ref(repo.git, THEIRS_REF, theirs)
    _write_pending(
        repo,
        PendingConflict(
            branch, head, theirs, up.label, dt.datetime.now().isoformat(timespec="seconds"), conflicted_files
        ),
    )
    meetings = []
    for relpath in conflicted_files:
        ref = MeetingRef.from_relpath(relpath)
        meetings.append(f"{repo.group_label(ref.group)} {ref.date.isoformat()}" if ref else relpath)
    lines = [t("sync.sync_stopped_the_same", lang, label=up.label, meetings=", ".join(meetings))]
    for conflict in conflicts:
        lines.append(f"  - {conflict.path}")
        _, ours, theirs = conflict.shown or (
            "",
            conflict.show(conflict.ours, lang),
            conflict.show(conflict.theirs, lang),
        )
        lines.append(_full(t("sync.yours", lang), ours))
        lines.append(_full(t("sync.theirs", lang), theirs))
    lines.append(t("sync.nothing_was_lost_your", lang, branch=branch, label=up.label))
    return SyncConflict(
        "\n".join(lines),
        hint=t("sync.choose_field_by_field", lang),
        conflicts=conflicts,
        branch=branch,
    )


def _merge(repo: Repository, up: Upstream, theirs: str, lang: str) -> tuple[str, list[str]]:
    """Merge ``theirs`` into HEAD with one merge commit, or stop cleanly on a conflict."""
    problem = repo.identity_problem()
    if problem:
        raise GitError(problem)
    head = _head(repo)
    incoming = _commits(repo, f"{head}..{theirs}")
    clean = _start_merge(repo, theirs, lang)
    conflicts: list[Conflict] = []
    try:
        if not clean:
            # meetings changed on both sides, and any other file git could not merge
            for relpath in repo.state().unmerged:
                merged = merge_one(repo, relpath, stage_texts(repo, relpath), {}, lang)
                invalid = validation_conflict(repo, merged, lang)
                if merged.clean and invalid is None:
                    write_merged(repo, merged)
                conflicts += merged.conflicts if invalid is None else [invalid]
        if not conflicts:
            _check_own_merge(repo, head, theirs, lang)
            warnings = _check_merged(repo, lang)
            return repo._commit([], _merge_message(repo, up, incoming)), warnings
    except BaseException:
        _abort_merge(repo)
        raise
    _abort_merge(repo)
    raise _stop_on_conflict(repo, up, head, theirs, conflicts, lang)


# ---------------------------------------------------------------- sync


def _check_rewritten(
    repo: Repository, up: Upstream, before: str | None, remote: str | None, head: str | None, allow: bool, lang: str
) -> None:
    """Stop when the remote no longer holds what it held at our last sync (a force push)."""
    synced = _rev(repo, SYNCED_REF + up.branch) or before
    if not synced or (remote and _is_ancestor(repo, synced, remote)):
        return
    if allow:
        return
    kept = ""
    if head and not _is_ancestor(repo, synced, head):
        kept = f"{REWRITTEN_BRANCH}{_stamp()}"
        refs.create_branch(repo.git, kept, synced)
    where = t("sync.and_on_the_branch", lang, kept=kept) if kept else ""
    gone = (
        t("sync.the_branch_no_longer", lang, label=up.label)
        if remote is None
        else t("sync.the_history_of_was", lang, label=up.label)
    )
    raise RemoteError(
        gone + t("sync.commits_that_were_there", lang, synced=synced[:8], where=where),
        hint=t("sync.ask_whoever_rewrote_the", lang),
    )


def sync(
    repo: Repository,
    *,
    progress: Progress | None = None,
    accept_rewritten: bool = False,
    on_dropped: OnDropped = OnDropped.STOP,
    max_attempts: int = MAX_ATTEMPTS,
    lang: str | None = None,
) -> SyncResult:
    """Bring the local branch and its remote together; see the module's docstring."""
    lang = lang or repo.lang
    say = progress or (lambda _message: None)
    setup_git(repo)
    with repo.lock():
        # under the lock: a save in flight has written its file and not yet committed it,
        # which read without the lock looked like an uncommitted hand edit
        _check_ready(repo, lang)
    check_attributes(repo, _merge_args(repo), [], lang)
    branch, up = _branch_and_upstream(repo, lang)
    result = SyncResult(SyncAction.UP_TO_DATE, up.label)
    for attempt in range(1, max_attempts + 1):
        result.attempts = attempt
        before = _rev(repo, up.ref)
        say(t("sync.fetching_from", lang, remote=up.remote))
        result.warnings += fetch_remote(repo, up, lang)
        remote = _rev(repo, up.ref)
        head = _combine(repo, up, result, (before, remote), accept_rewritten, on_dropped, lang, say)
        outgoing = _commits(repo, f"{remote}..{head}" if remote else head)
        if not outgoing and not unpublished_tags(repo):
            if remote:
                refs.set_ref(repo.git, SYNCED_REF + up.branch, remote)
            return _finished(result)
        say(t("sync.pushing_to", lang, remote=up.remote) if outgoing else t("sync.checking_tags", lang))
        try:
            result.warnings += push_remote(
                repo,
                up,
                head,
                required=bool(outgoing),
                set_upstream=None if _has_upstream(repo, branch) else branch,
                lang=lang,
            )
        except PushRaced:
            say(t("sync.moved_meanwhile_trying_again", lang, remote=up.remote))
            continue
        result.pushed += outgoing
        refs.set_ref(repo.git, SYNCED_REF + up.branch, head if outgoing else (remote or head))
        if _rev(repo, up.ref) != head and outgoing:
            # a push to a URL does not always move the tracking ref (no fetch refspec)
            with suppress(GitFailed):
                refs.set_ref(repo.git, up.ref, head)
        return _finished(result)
    raise RemoteError(
        t("sync.changed_times_while_we", lang, label=up.label, max_attempts=max_attempts),
        hint=t("sync.everything_is_merged_and", lang),
    )


def _branch_and_upstream(repo: Repository, lang: str) -> tuple[str, Upstream]:
    """The branch sync works on and the remote branch it tracks; refuses a detached HEAD or no remote."""
    branch = current_branch(repo)
    if not branch:
        raise RepoStateError(
            t("sync.head_is_not_on", lang),
            hint=t("sync.switch_to_your_branch", lang),
        )
    up = upstream_of(repo, branch)
    if up is None:
        raise RemoteError(
            t("sync.no_remote_is_set", lang),
            hint=t("sync.add_one_with_git", lang),
        )
    return branch, up


def _combine(
    repo: Repository,
    up: Upstream,
    result: SyncResult,
    refs: tuple[str | None, str | None],
    accept_rewritten: bool,
    on_dropped: OnDropped,
    lang: str,
    say: Progress,
) -> str:
    """Under the lock: check what came in, fast-forward or merge it; returns the new HEAD.

    ``refs``: the remote branch's commit before and after this fetch.
    """
    before, remote = refs
    with repo.lock():
        _check_ready(repo, lang)
        head = _head(repo)
        _check_rewritten(repo, up, before, remote, head, accept_rewritten, lang)
        if remote and remote != head:
            check_attributes(repo, _merge_args(repo), [remote], lang, here=False)
        dropped = _dropped_merges(repo, head, remote, on_dropped, lang)
        if remote and remote != head:
            if _is_ancestor(repo, head, remote):
                say(t("sync.fast_forwarding", lang))
                result.pulled += _commits(repo, f"{head}..{remote}")
                merging.fast_forward(repo.git, remote)
            elif not _is_ancestor(repo, remote, head):
                say(t("sync.merging_field_by_field", lang))
                result.pulled += _commits(repo, f"{head}..{remote}")
                result.merge_commit, warnings = _merge(repo, up, remote, lang)
                result.warnings += warnings
        if dropped and on_dropped == OnDropped.RESTORE:
            result.restore_commit = restore_dropped(repo, dropped, lang)
        elif on_dropped == OnDropped.ACCEPT:
            clear_dropped(repo)
        head = _head(repo)
    return head


def _dropped_merges(
    repo: Repository, head: str, remote: str | None, on_dropped: OnDropped, lang: str
) -> list[DroppedChange]:
    """Merges about to be taken in or passed on that undid a change; stops sync unless told what to do."""
    found = dropped_in_history(repo, head, remote, lambda a, b: changed(repo, a, b), _file_at(repo), lang)
    if not found:
        clear_dropped(repo)  # settled some other way (by hand, with plain git)
        return []
    if on_dropped != OnDropped.STOP:
        return found
    branch = ""
    if remote is None or not _is_ancestor(repo, head, remote):
        branch = _local_branch_name(repo, [d.file for d in found])
        refs.create_branch(repo.git, branch, head)
    raise stop_on_dropped(repo, found, branch, lang)


def _file_at(repo: Repository) -> Callable[[str, str], str | None]:
    return lambda rev, relpath: blob(repo, f"{rev}:{relpath}")


def _finished(result: SyncResult) -> SyncResult:
    if result.merge_commit:
        result.action = SyncAction.MERGED
    elif result.pushed:
        result.action = SyncAction.PUSHED
    elif result.pulled:
        result.action = SyncAction.PULLED
    return result


def _has_upstream(repo: Repository, branch: str) -> bool:
    return gitconfig.get(repo.git, f"branch.{branch}.merge") is not None


# ---------------------------------------------------------------- resolving


class ResolveSource(StrEnum):
    SYNC = "sync"  # a sync stopped; no merge is in progress
    MERGE = "merge"  # git merge (a plain `git pull`) stopped with unmerged files
    REBASE = "rebase"  # git rebase (`git pull --rebase`) stopped with unmerged files


@dataclass
class PendingMerge:
    """Everything there is to settle, for `cesam resolve` and the resolution screen."""

    source: ResolveSource
    theirs: str  # commit
    theirs_label: str  # "origin/main"
    files: list[str]  # files both sides changed (or git left unmerged)
    conflicts: list[Conflict]
    branch: str = ""  # where the local version is kept, for a sync

    def conflict(self, ident: str) -> Conflict:
        """A conflict by its id, or by its number in the listing (1-based)."""
        if ident.isdigit() and 0 < int(ident) <= len(self.conflicts):
            return self.conflicts[int(ident) - 1]
        for conflict in self.conflicts:
            if conflict.id == ident:
                return conflict
        raise UsageError(words("err.no_conflict", id=repr(ident)), hint=words("err.no_conflict.hint"))


def find_conflicts(repo: Repository, lang: str | None = None) -> PendingMerge | None:
    """What is waiting to be settled, if anything; reads, never writes the working tree."""
    lang = lang or repo.lang
    state = repo.state()
    if state.unmerged and state.operation in ("merge", "rebase"):
        conflicts: list[Conflict] = []
        for relpath in state.unmerged:
            merged = merge_one(repo, relpath, stage_texts(repo, relpath), {}, lang)
            invalid = validation_conflict(repo, merged, lang)
            conflicts += merged.conflicts if invalid is None else [invalid]
        theirs = _rev(repo, "MERGE_HEAD" if state.operation == "merge" else "REBASE_HEAD") or ""
        label = theirs[:8]
        named = refs.name_of(repo.git, theirs) if theirs else None
        if named:
            label = named.removeprefix("remotes/")
        return PendingMerge(ResolveSource(state.operation), theirs, label, list(state.unmerged), conflicts)
    head = _rev(repo, "HEAD")
    pending = read_pending(repo, head)
    if pending is None or head is None or not _rev(repo, pending.theirs):
        return None
    files, conflicts = conflicts_between(repo, head, pending.theirs, lang)
    return PendingMerge(ResolveSource.SYNC, pending.theirs, pending.upstream, files, conflicts, pending.branch)


@dataclass
class ResolveResult:
    commit: str | None  # the merge commit; None while a rebase still needs `git rebase --continue`
    message: str
    files: list[str]


def _resolve_message(repo: Repository, pending: PendingMerge, choices: Mapping[str, Choice]) -> str:
    meetings = []
    for relpath in sorted({c.file for c in pending.conflicts}):
        ref = MeetingRef.from_relpath(relpath)
        meetings.append(f"{repo.group_label(ref.group)} {ref.date.isoformat()}" if ref else relpath)
    what = ", ".join(meetings)
    subject = t("sync.conflict_settled_on_sync", repo.lang, theirs_label=pending.theirs_label, what=what)
    words = {
        Take.MINE: t("sync.mine", repo.lang),
        Take.THEIRS: t("sync.theirs_2", repo.lang),
        Take.EDIT: t("sync.edited", repo.lang),
    }
    body = "\n".join(f"- {c.path}: {words[choices[c.id].take]}" for c in pending.conflicts)
    trailer = f"{MERGE_TRAILER}: {MergeKind.RESOLVED}"
    return f"{subject}\n\n{body}\n\n{trailer}" if body else f"{subject}\n\n{trailer}"


def resolve(
    repo: Repository,
    choices: Mapping[str, Choice],
    *,
    default: Take | None = None,
    lang: str | None = None,
) -> ResolveResult:
    """Settle every conflict (by :attr:`Conflict.id`) and record one merge commit with both parents.

    ``default`` settles every conflict ``choices`` does not name. Nothing is
    written unless every conflict is settled and every result is valid.
    """
    lang = lang or repo.lang
    head = _rev(repo, "HEAD")
    pending = find_conflicts(repo, lang)
    if pending is None:
        raise UsageError(t("sync.there_is_no_conflict", lang))
    settled: dict[str, Choice] = dict(choices)
    for conflict in pending.conflicts:
        if conflict.id not in settled and default is not None:
            settled[conflict.id] = Choice(default)
        choice = settled.get(conflict.id)
        if choice is not None and choice.take == Take.EDIT and not conflict.editable:
            raise UsageError(t("sync.choose_mine_or_theirs", lang, path=conflict.path))
    open_ = [c for c in pending.conflicts if c.id not in settled]
    if open_:
        raise ConflictError(
            t("sync.conflicts_have_no_choice", lang, n=len(open_)) + "".join(f"\n  - {c.path}" for c in open_),
            hint=t("sync.choose_for_each_or", lang),
        )
    unknown = set(choices) - {c.id for c in pending.conflicts}
    if unknown:
        raise UsageError(t("sync.unknown_conflicts", lang) + ", ".join(sorted(unknown)))
    with repo.lock():
        locks = repo.git_locks()
        if locks:  # reported by name before anything is written, as every save does
            repo._report_locks([str(path) for path in locks])
        # the choices were made on what was read before the lock: it must still be what is there
        if _rev(repo, "HEAD") != head or _fingerprint(find_conflicts(repo, lang)) != _fingerprint(pending):
            raise RepoStateError(
                t("sync.the_conflict_changed_while", lang),
                hint=t("sync.run_cesam_resolve_again", lang),
            )
        if pending.source == ResolveSource.SYNC:
            _check_worktree(repo, lang)
            _start_merge(repo, pending.theirs, lang)
        try:
            files = _apply_choices(repo, pending, settled, lang)
            if pending.source == ResolveSource.REBASE:
                return ResolveResult(
                    None,
                    t("sync.settled_continue_with_git", lang),
                    files,
                )
            message = _resolve_message(repo, pending, settled)
            commit = repo._commit([], message)
        except BaseException:
            if pending.source == ResolveSource.SYNC:
                _abort_merge(repo)  # back to exactly where the sync stopped
            raise
    if pending.source == ResolveSource.SYNC:
        _clear_pending(repo)
        if pending.branch:
            refs.delete_merged_branch(repo.git, pending.branch)  # only if merged: it is, into this commit
    return ResolveResult(commit, message, files)


def _fingerprint(pending: PendingMerge | None) -> tuple[object, ...]:
    """What a choice was made on: the sides and every conflict's values."""
    if pending is None:
        return ()
    values = tuple((c.id, repr(c.base), repr(c.ours), repr(c.theirs)) for c in pending.conflicts)
    return (pending.source, pending.theirs, tuple(pending.files), values)


def _apply_choices(repo: Repository, pending: PendingMerge, choices: Mapping[str, Choice], lang: str) -> list[str]:
    """Write each settled file and stage it; refuse (raise) when a result is not a valid meeting."""
    unmerged = repo.state().unmerged
    todo = sorted(set(unmerged) | {c.file for c in pending.conflicts if c.file})
    base = revs.merge_base(repo.git, "HEAD", "MERGE_HEAD") if (repo.git_dir / "MERGE_HEAD").exists() else None
    for relpath in todo:
        if relpath in unmerged:
            texts = stage_texts(repo, relpath)
        elif base:  # git merged it by lines, without the driver: merge it again by fields
            texts = commit_texts(repo, relpath, base, "HEAD", "MERGE_HEAD")
        else:
            continue
        whole = choices.get(f"{relpath}#{FILE_KEY}")
        if whole is not None and relpath in unmerged:
            take_side(repo, relpath, whole.take, texts)
            continue
        merged = merge_one(repo, relpath, texts, choices, lang)
        if not merged.clean:
            raise ConflictError(
                t("sync.conflicts_left", lang, relpath=relpath) + ", ".join(c.path for c in merged.conflicts)
            )
        if merged.text is not None and MeetingRef.from_relpath(relpath):
            repo.parse(relpath, merged.text)  # raises InvalidFileError with file and line
        write_merged(repo, merged)
    left = repo.state().unmerged
    if left:
        raise ConflictError(t("sync.unmerged_files_left", lang) + ", ".join(left))
    return todo


# ---------------------------------------------------------------- hand edits


def discard_edit(repo: Repository, relpath: str) -> Path:
    """Throw away an uncommitted hand edit of one file, keeping a copy; returns where the copy is."""
    state = repo.state([relpath])
    if relpath not in state.modified and relpath not in state.untracked:
        raise UsageError(words("err.nothing_to_discard", relpath=relpath))
    source = repo.safe_path(relpath)
    backup_dir = repo.git_dir / "cesam" / "discarded"
    backup_dir.mkdir(parents=True, exist_ok=True)
    backup = backup_dir / f"{_stamp()}-{relpath.replace('/', '_')}"
    if source.exists():
        backup.write_bytes(source.read_bytes())
    with repo.lock():
        if relpath in state.untracked:
            source.unlink()
        else:
            merging.restore_from_head(repo.git, relpath)
    return backup


# the sync use case as the CLI, the TUI and the tests import it (some names live in sync_state)
__all__ = [
    "LOCAL_BRANCH",
    "Commit",
    "PendingConflict",
    "PendingMerge",
    "ResolveResult",
    "ResolveSource",
    "SyncAction",
    "SyncConflict",
    "SyncResult",
    "SyncStatus",
    "discard_edit",
    "ensure_merge_driver",
    "fetch",
    "find_conflicts",
    "read_pending",
    "resolve",
    "sync",
    "sync_status",
]
