"""cesam status: branch, sync state, unsynced commits, conflicts, uncommitted hand edits."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from cesam_cli.context import Context
from cesam_cli.terminal import out, safe
from store.core.catalogue import Catalogue
from store.services.recovery import read_journal, stale_temp_files
from store.services.sync_state import SyncStatus, sync_status

Translate = Callable[..., str]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("status", help="branch, sync state, uncommitted hand edits, conflicts")
    p.add_argument("--diff", action="store_true", help="show the diff of uncommitted edits")
    p.add_argument("--fetch", action="store_true", help="fetch from the remote first (changes no file)")
    p.set_defaults(handler=run)


def _one(value: object) -> str:
    return safe(value, oneline=True)


def run(ctx: Context, args: argparse.Namespace) -> int:
    repo = ctx.repo()
    t = Catalogue(ctx.language).t
    warnings: list[str] = []
    if args.fetch:  # the sync and history modules only when asked for (a plain status is run often)
        from store.services.sync import fetch

        warnings = fetch(repo, lang=ctx.language)
    with repo.settled() as busy:
        # under the lock: a save in flight (file written, commit not yet made) is not a hand edit
        state = repo.state()
        journal = read_journal(repo)
        leftovers = stale_temp_files(repo)
    status = sync_status(repo, state)
    if busy:
        out(t("status.busy", holder=_one(busy)))
    out(t("status.repository", root=_one(repo.root)))
    out(t("status.branch", branch=_one(state.branch) if state.branch else t("status.detached")))
    if state.shallow:
        out(t("status.shallow"))
    _remote_lines(status, t)
    for warning in warnings:
        out(t("status.warning", warning=_one(warning)))
    _sync_problem_lines(status, t)
    if state.operation:
        out(t("status.operation", operation=state.operation))
    for path in state.unmerged:
        out(t("status.unmerged", path=_one(path)))
    for path in state.modified:
        out(t("status.modified", path=_one(path)))
    for path in state.untracked:
        out(t("status.untracked", path=_one(path)))
    if journal:
        out(t("status.journal", path=_one(journal.path), message=_one(journal.message.splitlines()[0])))
    for leftover in leftovers:
        out(t("status.temp_file", name=_one(leftover.name)))
    for lock in state.locks:
        out(t("status.lock", lock=_one(lock)))
    if args.diff and state.modified:
        from store.services.history import uncommitted_diff

        out(uncommitted_diff(repo, list(state.modified)))
    if state.modified or state.untracked:
        out(t("status.commit_or_discard"))
    clean = state.clean and not journal
    if clean:
        out(t("status.clean"))
    return 0 if clean and not status.conflict and not status.dropped else 1


def _remote_lines(status: SyncStatus, t: Translate) -> None:
    """The remote, how far apart the two are, and the commits each side has that the other lacks."""
    if status.upstream:
        where = f"{_one(status.upstream)} ({_one(status.remote_url)})"
        if not status.remote_branch_exists:
            out(t("status.remote_no_branch", where=where))
        elif status.ahead or status.behind:
            out(t("status.remote_ahead_behind", where=where, ahead=status.ahead, behind=status.behind))
        else:
            out(t("status.remote_in_sync", where=where))
        if status.last_fetch:
            out(t("status.last_fetch", when=f"{status.last_fetch:%Y-%m-%d %H:%M}"))
    else:
        out(t("status.no_remote"))
    for commit in status.unsynced:
        out(f"  ↑ {commit.sha[:8]} {_one(commit.subject)}")
    for commit in status.incoming:
        out(f"  ↓ {commit.sha[:8]} {_one(commit.subject)} ({_one(commit.author)})")


def _sync_problem_lines(status: SyncStatus, t: Translate) -> None:
    """An unsettled conflict from sync, and changes a merge dropped, with what to do about them."""
    if status.conflict:
        files = ", ".join(_one(f) for f in status.conflict.files)
        upstream, branch = _one(status.conflict.upstream), _one(status.conflict.branch)
        out(t("status.sync_conflict", upstream=upstream, files=files, branch=branch))
    for dropped in status.dropped:
        for change in dropped.changes:
            out(t("status.dropped", merge=dropped.merge[:8], file=_one(dropped.file), change=_one(change)))
    if status.dropped:
        out(t("status.dropped.hint"))
