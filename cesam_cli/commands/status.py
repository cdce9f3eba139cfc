"""cesam status: branch, uncommitted hand edits, conflicts."""

from __future__ import annotations

import argparse

from cesam_cli.context import Context


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("status", help="branch, sync state, uncommitted hand edits, conflicts")
    p.add_argument("--diff", action="store_true", help="show the diff of uncommitted edits")
    p.set_defaults(handler=run)


def run(ctx: Context, args: argparse.Namespace) -> int:
    repo = ctx.repo()
    sv = ctx.language == "sv"
    state = repo.state()
    print(f"{'Arkiv' if sv else 'Repository'}: {repo.root}")
    print(f"{'Gren' if sv else 'Branch'}: {state.branch or ('(frikopplat HEAD)' if sv else '(detached HEAD)')}")
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
    if state.clean:
        print("Inget ocommittat." if sv else "Nothing uncommitted.")
    return 0 if state.clean else 1
