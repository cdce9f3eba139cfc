"""The state sync works from and reports: results, pending conflicts, the upstream, readiness.

Split from :mod:`store.services.sync` (which re-exports the public names), so
the sync flow there reads without the bookkeeping around it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from enum import StrEnum

from store.core.catalogue import t
from store.core.config import CONFIG_FILE
from store.core.errors import ConflictError, GitError, RepoStateError, words
from store.core.merge import Conflict
from store.gitio import gitconfig, refs, revs
from store.gitio import log as gitlog
from store.gitio.git import GitFailed
from store.services.gitsetup import DRIVER_NAME
from store.services.remote import (
    Upstream,
    plain_url,
)
from store.services.repository import MEETINGS_DIR, Repository, RepoState, atomic_write
from store.services.sync_checks import (
    DroppedChange,
    read_dropped,
)

MAX_ATTEMPTS = 3
SYNCED_REF = "refs/cesam/synced/"  # + branch: the remote's commit at the last sync
THEIRS_REF = "refs/cesam/conflict/theirs"  # the remote's side of an unsettled conflict
LOCAL_BRANCH = "cesam/lokal-version-"
REWRITTEN_BRANCH = "cesam/fjarrarkiv-fore-omskrivning-"
CONFLICT_FILE = "cesam/sync-conflict.json"  # under the git dir

Progress = Callable[[str], None]


# ---------------------------------------------------------------- results


@dataclass
class Commit:
    sha: str
    subject: str
    author: str
    date: str  # ISO 8601


class SyncAction(StrEnum):
    UP_TO_DATE = "up_to_date"
    PULLED = "pulled"  # fast-forward: only the remote moved
    PUSHED = "pushed"  # only we moved
    MERGED = "merged"  # both moved: merge commit, then pushed


@dataclass
class SyncResult:
    action: SyncAction
    upstream: str
    pulled: list[Commit] = field(default_factory=list)
    pushed: list[Commit] = field(default_factory=list)
    merge_commit: str | None = None
    restore_commit: str | None = None  # the commit that put back changes a merge had dropped
    attempts: int = 1
    warnings: list[str] = field(default_factory=list)

    def summary(self, lang: str = "sv") -> str:
        if self.action == SyncAction.UP_TO_DATE:
            return t("sync.in_sync_with", lang, upstream=self.upstream)
        parts = []
        pulled, pushed = len(self.pulled), len(self.pushed)
        if pulled:
            parts.append(
                t("sync.change_fetched", lang) if pulled == 1 else t("sync.changes_fetched", lang, pulled=pulled)
            )
        if self.merge_commit:
            parts.append(t("sync.merged_field_by_field", lang))
        if pushed:
            parts.append(
                t("sync.commit_pushed", lang) if pushed == 1 else t("sync.commits_pushed", lang, pushed=pushed)
            )
        return f"{self.upstream}: " + ", ".join(parts) + "."


@dataclass
class PendingConflict:
    """An unsettled conflict left by a sync: where each side is, and what the local branch is called."""

    branch: str
    ours: str
    theirs: str
    upstream: str
    time: str
    files: list[str]


class SyncConflict(ConflictError):
    """Sync stopped: the same field changed on both sides. Nothing was written."""

    def __init__(self, message: str, *, hint: str, conflicts: list[Conflict], branch: str) -> None:
        super().__init__(message, hint=hint, details=[c.path for c in conflicts])
        self.conflicts = conflicts
        self.branch = branch


# ---------------------------------------------------------------- git helpers


def _rev(repo: Repository, name: str) -> str | None:
    return revs.resolve_commit(repo.git, name)


def _is_ancestor(repo: Repository, older: str, newer: str) -> bool:
    return revs.is_ancestor(repo.git, older, newer)


def _commits(repo: Repository, spec: str) -> list[Commit]:
    return [Commit(r.hash, r.subject, r.author, r.date_iso) for r in gitlog.log(repo.git, [spec])]


def _head(repo: Repository) -> str:
    head = revs.resolve_commit(repo.git, "HEAD")
    if head is None:
        raise GitError(words("err.no_commit_yet"))
    return head


def _merge_args(repo: Repository) -> list[str]:
    """git options for a merge in which cesam, not git, merges the meeting files.

    The driver is set to ``false``: git leaves every meeting file both sides
    changed unmerged, with our version in place and no markers, and cesam
    merges it field by field from git's index in this process. That needs no
    ``cesam`` on PATH and starts no process per file. The attributes file
    covers a repository whose .gitattributes lacks the line.
    """
    attributes = repo.git_dir / "cesam" / "attributes"
    if not attributes.exists():
        attributes.parent.mkdir(parents=True, exist_ok=True)
        attributes.write_text(f"{MEETINGS_DIR}/**/*.toml merge=cesam\n", encoding="utf-8")
    return [
        "-c",
        "merge.cesam.driver=false",
        "-c",
        f"merge.cesam.name={DRIVER_NAME}",
        "-c",
        f"core.attributesFile={attributes}",
    ]


# ---------------------------------------------------------------- state


def current_branch(repo: Repository) -> str | None:
    return refs.current_branch(repo.git)


def upstream_of(repo: Repository, branch: str) -> Upstream | None:
    """The remote branch ``branch`` syncs with: its configured upstream, or the one remote's branch of that name."""
    remote = gitconfig.get(repo.git, f"branch.{branch}.remote")
    merge = gitconfig.get(repo.git, f"branch.{branch}.merge")
    if remote and merge and remote != "." and merge.startswith("refs/heads/"):
        return Upstream(remote, merge.removeprefix("refs/heads/"))
    remotes = refs.remotes(repo.git)
    if len(remotes) == 1:
        return Upstream(remotes[0], branch)
    if "origin" in remotes:
        return Upstream("origin", branch)
    return None


def read_pending(repo: Repository, head: str | None = None) -> PendingConflict | None:
    """The conflict a sync stopped on, unless HEAD already holds their side (settled with plain git)."""
    try:
        pending = PendingConflict(**json.loads((repo.git_dir / CONFLICT_FILE).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None
    head = head or _rev(repo, "HEAD")
    if head and _rev(repo, pending.theirs) and _is_ancestor(repo, pending.theirs, head):
        return None
    return pending


def _write_pending(repo: Repository, pending: PendingConflict) -> None:
    path = repo.git_dir / CONFLICT_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, json.dumps(asdict(pending), ensure_ascii=False, indent=2) + "\n")


def _clear_pending(repo: Repository) -> None:
    (repo.git_dir / CONFLICT_FILE).unlink(missing_ok=True)
    refs.delete_ref(repo.git, THEIRS_REF)


@dataclass
class SyncStatus:
    """What the status line shows; computed locally, without the network."""

    branch: str | None
    upstream: str | None
    remote_url: str | None
    ahead: int
    behind: int
    unsynced: list[Commit]  # ours, not yet on the remote
    incoming: list[Commit]  # fetched, not yet merged here
    uncommitted: list[str]  # hand edits and new files not committed
    unmerged: list[str]
    operation: str | None
    conflict: PendingConflict | None
    last_fetch: dt.datetime | None
    remote_branch_exists: bool = True
    dropped: list[DroppedChange] = field(default_factory=list)  # a merge that undid a change; sync stopped

    @property
    def in_sync(self) -> bool:
        return bool(self.upstream) and not (self.ahead or self.behind or self.conflict or self.unmerged or self.dropped)

    def line(self, lang: str = "sv") -> str:
        """One line for a status bar: "main · ↑2 ↓1 · 1 ocommittade · konflikt: cesam resolve"."""
        parts = [self.branch or t("sync.no_branch", lang)]
        if not self.upstream:
            parts.append(t("sync.no_remote", lang))
        elif self.ahead or self.behind:
            parts.append(f"↑{self.ahead} ↓{self.behind}")
        else:
            parts.append("✓")
        if self.uncommitted:
            parts.append(t("sync.uncommitted", lang, n=len(self.uncommitted)))
        if self.conflict or self.unmerged:
            parts.append(t("sync.conflict_cesam_resolve", lang))
        elif self.dropped:
            parts.append(t("sync.dropped_change_cesam_sync", lang))
        elif self.operation:
            parts.append(f"git {self.operation}")
        return " · ".join(parts)


def sync_status(repo: Repository, state: RepoState | None = None) -> SyncStatus:
    """Where the branch stands against its upstream; ``state``: the repository's, when the caller has it."""
    state = state or repo.state()
    branch = current_branch(repo)
    up = upstream_of(repo, branch) if branch else None
    url = None
    ahead = behind = 0
    unsynced: list[Commit] = []
    incoming: list[Commit] = []
    exists = True
    if up:
        try:
            url = plain_url(refs.remote_url(repo.git, up.remote))
        except GitFailed:
            up, url = None, None
    head = _rev(repo, "HEAD")
    if up and head:
        tracking = _rev(repo, up.ref)
        if tracking == head:
            pass  # in step: nothing either way, no log to read
        elif tracking:
            unsynced = _commits(repo, f"{tracking}..{head}")
            incoming = _commits(repo, f"{head}..{tracking}")
        else:
            exists = False
            unsynced = _commits(repo, head)
        ahead, behind = len(unsynced), len(incoming)
    fetch_head = repo.git_dir / "FETCH_HEAD"
    last_fetch = dt.datetime.fromtimestamp(fetch_head.stat().st_mtime) if fetch_head.exists() else None
    pending = read_pending(repo, head)
    return SyncStatus(
        branch=branch,
        upstream=up.label if up else None,
        remote_url=url,
        ahead=ahead,
        behind=behind,
        unsynced=unsynced,
        incoming=incoming,
        uncommitted=[p for p in state.modified + state.untracked if p not in state.unmerged],
        unmerged=state.unmerged,
        operation=state.operation,
        conflict=pending,
        last_fetch=last_fetch,
        remote_branch_exists=exists,
        dropped=read_dropped(repo),
    )


def _blocking_files(state: RepoState) -> list[str]:
    """Uncommitted changes sync must not run over: tracked edits, and new files where data lives."""
    new = [p for p in state.untracked if p.startswith(f"{MEETINGS_DIR}/") or p == CONFIG_FILE]
    return state.modified + new


def _check_worktree(repo: Repository, lang: str) -> None:
    """Refuse while git is mid-operation or hand edits are uncommitted: sync and resolve never run over them."""
    state = repo.state()
    if state.operation or state.unmerged or state.index_lock or state.locks:
        repo.ensure_writable()  # raises with the right words and hint
    blocking = _blocking_files(state)
    if blocking:
        raise RepoStateError(
            t("sync.there_are_changes_that", lang) + ", ".join(blocking),
            hint=t("sync.cesam_never_syncs_or", lang),
        )


def _check_ready(repo: Repository, lang: str) -> None:
    _check_worktree(repo, lang)
    pending = read_pending(repo)
    if pending is None:
        if (repo.git_dir / CONFLICT_FILE).exists():
            _clear_pending(repo)  # settled some other way (a merge with plain git)
        return
    raise ConflictError(
        t("sync.an_earlier_sync_stopped", lang, upstream=pending.upstream),
        hint=t("sync.settle_it_with_cesam", lang, branch=pending.branch),
    )
