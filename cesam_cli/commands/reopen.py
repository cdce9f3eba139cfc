"""cesam reopen MEETING --reason TEXT: lift a justering so the meeting can change again."""

from __future__ import annotations

import argparse

from cesam_cli.context import Context
from store.services.justering import reopen

from ._common import report_save


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "reopen",
        help="open a justerad meeting for change again, with a reason (recorded in the commit)",
        description="Set a justerad meeting back to hållen so it can be changed. The reason is recorded in the "
        "commit message; the approvals stay in git, and the next justering makes new ones.",
    )
    p.add_argument("meeting", help="GROUP/DATE or DATE")
    p.add_argument("--reason", required=True, help="why the justerad minutes must change")
    p.set_defaults(handler=run)


def run(ctx: Context, args: argparse.Namespace) -> int:
    repo = ctx.repo()
    report_save(reopen(repo, args.meeting, args.reason), ctx.language)
    return 0
