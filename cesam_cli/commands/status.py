"""cesam status: branch, uncommitted hand edits, conflicts."""

from __future__ import annotations

import argparse

from cesam_cli.context import Context
from cesam_cli.terminal import out, safe


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("status", help="branch, sync state, uncommitted hand edits, conflicts")
    p.add_argument("--diff", action="store_true", help="show the diff of uncommitted edits")
    p.set_defaults(handler=run)


def run(ctx: Context, args: argparse.Namespace) -> int:
    repo = ctx.repo()
    sv = ctx.language == "sv"
    state = repo.state()
    out(f"{'Arkiv' if sv else 'Repository'}: {safe(repo.root, oneline=True)}")
    out(
        f"{'Gren' if sv else 'Branch'}: {safe(state.branch, oneline=True) if state.branch else None or ('(frikopplat HEAD)' if sv else '(detached HEAD)')}"
    )
    if state.operation:
        out(f"{'Pågår' if sv else 'In progress'}: git {state.operation}")
    for path in state.unmerged:
        out(f"{'konflikt' if sv else 'conflict'}: {safe(path, oneline=True)}")
    for path in state.modified:
        out(f"{'ändrad, ej committad' if sv else 'modified, not committed'}: {safe(path, oneline=True)}")
    for path in state.untracked:
        out(f"{'ny, ej committad' if sv else 'new, not committed'}: {safe(path, oneline=True)}")
    if state.index_lock:
        out("index.lock finns kvar" if sv else "index.lock is present")
    if args.diff and state.modified:
        out(repo.git.run("diff", "--", *state.modified))
    if state.clean:
        out("Inget ocommittat." if sv else "Nothing uncommitted.")
    return 0 if state.clean else 1
