"""cesam status: branch, sync state, unsynced commits, conflicts, uncommitted hand edits."""

from __future__ import annotations

import argparse

from cesam_cli.context import Context
from store.sync import fetch, sync_status


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("status", help="branch, sync state, uncommitted hand edits, conflicts")
    p.add_argument("--diff", action="store_true", help="show the diff of uncommitted edits")
    p.add_argument("--fetch", action="store_true", help="fetch from the remote first (changes no file)")
    p.set_defaults(handler=run)


def run(ctx: Context, args: argparse.Namespace) -> int:
    repo = ctx.repo()
    sv = ctx.language != "en"
    warnings = fetch(repo, lang=ctx.language) if args.fetch else []
    state = repo.state()
    status = sync_status(repo)
    print(f"{'Arkiv' if sv else 'Repository'}: {repo.root}")
    print(f"{'Gren' if sv else 'Branch'}: {state.branch or ('(frikopplat HEAD)' if sv else '(detached HEAD)')}")
    if status.upstream:
        where = f"{status.upstream} ({status.remote_url})"
        if not status.remote_branch_exists:
            print(
                f"{'Fjärrarkiv' if sv else 'Remote'}: {where}, "
                + ("grenen finns inte där ännu" if sv else "branch not there yet")
            )
        elif status.ahead or status.behind:
            print(
                f"{'Fjärrarkiv' if sv else 'Remote'}: {where}: "
                + (
                    f"{status.ahead} commits att skicka, {status.behind} att hämta in"
                    if sv
                    else f"{status.ahead} to push, {status.behind} to merge"
                )
            )
        else:
            print(f"{'Fjärrarkiv' if sv else 'Remote'}: {where}: " + ("i fas" if sv else "in sync"))
        if status.last_fetch:
            print(f"{'Senast hämtat' if sv else 'Last fetched'}: {status.last_fetch:%Y-%m-%d %H:%M}")
    else:
        print(f"{'Fjärrarkiv' if sv else 'Remote'}: " + ("inget inställt" if sv else "none set up"))
    for commit in status.unsynced:
        print(f"  ↑ {commit.sha[:8]} {commit.subject}")
    for commit in status.incoming:
        print(f"  ↓ {commit.sha[:8]} {commit.subject} ({commit.author})")
    for warning in warnings:
        print(f"{'varning' if sv else 'warning'}: {warning}")
    if status.conflict:
        print(
            (
                f"Konflikt från synk med {status.conflict.upstream} ({', '.join(status.conflict.files)}); "
                f"din version finns också på grenen {status.conflict.branch}. Lös med `cesam resolve`."
            )
            if sv
            else (
                f"Conflict from sync with {status.conflict.upstream} ({', '.join(status.conflict.files)}); "
                f"your version is also on the branch {status.conflict.branch}. Settle with `cesam resolve`."
            )
        )
    if state.operation:
        print(f"{'Pågår' if sv else 'In progress'}: git {state.operation}")
    for path in state.unmerged:
        print(f"{'konflikt' if sv else 'conflict'}: {path}")
    for path in state.modified:
        print(f"{'ändrad, ej committad' if sv else 'modified, not committed'}: {path}")
    for path in state.untracked:
        print(f"{'ny, ej committad' if sv else 'new, not committed'}: {path}")
    if state.index_lock:
        print("index.lock finns kvar" if sv else "index.lock is present")
    if args.diff and state.modified:
        print(repo.git.run("diff", "--", *state.modified))
    if state.modified or state.untracked:
        print(
            "Committa med `cesam commit-edits`, kasta med `cesam discard-edits FIL`."
            if sv
            else "Commit with `cesam commit-edits`, discard with `cesam discard-edits FILE`."
        )
    if state.clean:
        print("Inget ocommittat." if sv else "Nothing uncommitted.")
    return 0 if state.clean and not status.conflict else 1
