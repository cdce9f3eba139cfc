"""cesam status: branch, sync state, unsynced commits, conflicts, uncommitted hand edits."""

from __future__ import annotations

import argparse

from cesam_cli.context import Context
from cesam_cli.terminal import out, safe
from store.services.history import uncommitted_diff
from store.services.recovery import read_journal, stale_temp_files
from store.services.sync import SyncStatus, fetch, sync_status


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("status", help="branch, sync state, uncommitted hand edits, conflicts")
    p.add_argument("--diff", action="store_true", help="show the diff of uncommitted edits")
    p.add_argument("--fetch", action="store_true", help="fetch from the remote first (changes no file)")
    p.set_defaults(handler=run)


def _one(value: object) -> str:
    return safe(value, oneline=True)


def run(ctx: Context, args: argparse.Namespace) -> int:
    repo = ctx.repo()
    sv = ctx.language != "en"
    warnings = fetch(repo, lang=ctx.language) if args.fetch else []
    state = repo.state()
    status = sync_status(repo)
    out(f"{'Arkiv' if sv else 'Repository'}: {_one(repo.root)}")
    detached = "(frikopplat HEAD)" if sv else "(detached HEAD)"
    out(f"{'Gren' if sv else 'Branch'}: {_one(state.branch) if state.branch else detached}")
    if state.shallow:
        out(
            "Grund klon: äldre historik finns inte här (`git fetch --unshallow` hämtar den)"
            if sv
            else "Shallow clone: older history is not here (`git fetch --unshallow` fetches it)"
        )
    _remote_lines(status, sv)
    for warning in warnings:
        out(f"{'varning' if sv else 'warning'}: {_one(warning)}")
    _sync_problem_lines(status, sv)
    if state.operation:
        out(f"{'Pågår' if sv else 'In progress'}: git {state.operation}")
    for path in state.unmerged:
        out(f"{'konflikt' if sv else 'conflict'}: {_one(path)}")
    for path in state.modified:
        out(f"{'ändrad, ej committad' if sv else 'modified, not committed'}: {_one(path)}")
    for path in state.untracked:
        out(f"{'ny, ej committad' if sv else 'new, not committed'}: {_one(path)}")
    journal = read_journal(repo)
    if journal:
        out(
            (
                f"avbruten sparning av {_one(journal.path)}; nästa sparning slutför eller rapporterar den"
                if sv
                else f"interrupted save of {_one(journal.path)}; the next save completes or reports it"
            )
            + f": {_one(journal.message.splitlines()[0])}"
        )
    for temp in stale_temp_files(repo):
        out(f"{'kvarlämnad temporär fil' if sv else 'temp file left behind'}: {_one(temp.name)}")
    for lock in state.locks:
        out(f"{'git-lås finns kvar' if sv else 'git lock file present'}: {_one(lock)}")
    if args.diff and state.modified:
        out(uncommitted_diff(repo, list(state.modified)))
    if state.modified or state.untracked:
        out(
            "Committa med `cesam commit-edits`, kasta med `cesam discard-edits FIL`."
            if sv
            else "Commit with `cesam commit-edits`, discard with `cesam discard-edits FILE`."
        )
    clean = state.clean and not journal
    if clean:
        out("Inget ocommittat." if sv else "Nothing uncommitted.")
    return 0 if clean and not status.conflict and not status.dropped else 1


def _remote_lines(status: SyncStatus, sv: bool) -> None:
    """The remote, how far apart the two are, and the commits each side has that the other lacks."""
    if status.upstream:
        where = f"{_one(status.upstream)} ({_one(status.remote_url)})"
        if not status.remote_branch_exists:
            out(
                f"{'Fjärrarkiv' if sv else 'Remote'}: {where}, "
                + ("grenen finns inte där ännu" if sv else "branch not there yet")
            )
        elif status.ahead or status.behind:
            out(
                f"{'Fjärrarkiv' if sv else 'Remote'}: {where}: "
                + (
                    f"{status.ahead} commits att skicka, {status.behind} att hämta in"
                    if sv
                    else f"{status.ahead} to push, {status.behind} to merge"
                )
            )
        else:
            out(f"{'Fjärrarkiv' if sv else 'Remote'}: {where}: " + ("i fas" if sv else "in sync"))
        if status.last_fetch:
            out(f"{'Senast hämtat' if sv else 'Last fetched'}: {status.last_fetch:%Y-%m-%d %H:%M}")
    else:
        out(f"{'Fjärrarkiv' if sv else 'Remote'}: " + ("inget inställt" if sv else "none set up"))
    for commit in status.unsynced:
        out(f"  ↑ {commit.sha[:8]} {_one(commit.subject)}")
    for commit in status.incoming:
        out(f"  ↓ {commit.sha[:8]} {_one(commit.subject)} ({_one(commit.author)})")


def _sync_problem_lines(status: SyncStatus, sv: bool) -> None:
    """An unsettled conflict from sync, and changes a merge dropped, with what to do about them."""
    if status.conflict:
        files = ", ".join(_one(f) for f in status.conflict.files)
        upstream, branch = _one(status.conflict.upstream), _one(status.conflict.branch)
        out(
            (
                f"Konflikt från synk med {upstream} ({files}); "
                f"din version finns också på grenen {branch}. Lös med `cesam resolve`."
            )
            if sv
            else (
                f"Conflict from sync with {upstream} ({files}); "
                f"your version is also on the branch {branch}. Settle with `cesam resolve`."
            )
        )
    for dropped in status.dropped:
        for change in dropped.changes:
            out(
                (
                    f"tappad ändring i sammanfogningen {dropped.merge[:8]}: "
                    if sv
                    else f"dropped by the merge {dropped.merge[:8]}: "
                )
                + f"{_one(dropped.file)}: {_one(change)}"
            )
    if status.dropped:
        out(
            "Lägg tillbaka med `cesam sync --restore-dropped`, eller ta in historiken som den är med "
            "`cesam sync --accept-dropped`."
            if sv
            else "Put them back with `cesam sync --restore-dropped`, or take the history in as it is with "
            "`cesam sync --accept-dropped`."
        )
