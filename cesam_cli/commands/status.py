"""cesam status: branch, uncommitted hand edits, conflicts."""

from __future__ import annotations

import argparse

from cesam_cli.context import Context
from cesam_cli.terminal import out, safe
from store.recovery import read_journal, stale_temp_files


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("status", help="branch, sync state, uncommitted hand edits, conflicts")
    p.add_argument("--diff", action="store_true", help="show the diff of uncommitted edits")
    p.set_defaults(handler=run)


def run(ctx: Context, args: argparse.Namespace) -> int:
    repo = ctx.repo()
    sv = ctx.language == "sv"
    state = repo.state()
    out(f"{'Arkiv' if sv else 'Repository'}: {safe(repo.root, oneline=True)}")
    detached = "(frikopplat HEAD)" if sv else "(detached HEAD)"
    out(f"{'Gren' if sv else 'Branch'}: {safe(state.branch, oneline=True) if state.branch else detached}")
    if state.shallow:
        out(
            "Grund klon: äldre historik finns inte här (`git fetch --unshallow` hämtar den)"
            if sv
            else "Shallow clone: older history is not here (`git fetch --unshallow` fetches it)"
        )
    if state.operation:
        out(f"{'Pågår' if sv else 'In progress'}: git {state.operation}")
    for path in state.unmerged:
        out(f"{'konflikt' if sv else 'conflict'}: {safe(path, oneline=True)}")
    for path in state.modified:
        out(f"{'ändrad, ej committad' if sv else 'modified, not committed'}: {safe(path, oneline=True)}")
    for path in state.untracked:
        out(f"{'ny, ej committad' if sv else 'new, not committed'}: {safe(path, oneline=True)}")
    journal = read_journal(repo)
    if journal:
        out(
            (
                f"avbruten sparning av {safe(journal.path, oneline=True)}; nästa sparning slutför eller rapporterar den"
                if sv
                else f"interrupted save of {safe(journal.path, oneline=True)}; the next save completes or reports it"
            )
            + f": {safe(journal.message.splitlines()[0], oneline=True)}"
        )
    for path in stale_temp_files(repo):
        out(f"{'kvarlämnad temporär fil' if sv else 'temp file left behind'}: {safe(path.name, oneline=True)}")
    for lock in state.locks:
        out(f"{'git-lås finns kvar' if sv else 'git lock file present'}: {safe(lock, oneline=True)}")
    if args.diff and state.modified:
        out(repo.git.run("diff", "--", *state.modified))
    clean = state.clean and not journal
    if clean:
        out("Inget ocommittat." if sv else "Nothing uncommitted.")
    return 0 if clean else 1
