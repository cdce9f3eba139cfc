"""cesam commit-edits [FILE...]: validate and commit hand edits left in the working tree."""

from __future__ import annotations

import argparse

from cesam_cli.context import Context
from cesam_cli.terminal import err
from store.core.errors import CesamError

from ._common import report_save


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("commit-edits", help="validate and commit meeting files edited by hand")
    p.add_argument("files", nargs="*", help="repository-relative files (default: every changed meeting file)")
    p.set_defaults(handler=run)


def run(ctx: Context, args: argparse.Namespace) -> int:
    repo = ctx.repo()
    state = repo.state()
    files = args.files or [p for p in state.modified + state.untracked if p.endswith(".toml")]
    status = 0
    for relpath in files:
        try:
            report_save(repo.commit_working_file(relpath), ctx.language)
        except CesamError as exc:
            # an error goes where errors go: a script reading stdout gets only what was saved
            err(f"cesam: {exc.text(ctx.language)}")
            status = int(exc.exit_code)
    return status
