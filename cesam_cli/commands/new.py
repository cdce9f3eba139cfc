"""cesam new: a new meeting with the group's standing items, open follow-ups and members (the roster and the last attendance)."""

from __future__ import annotations

import argparse

from cesam_cli.context import Context
from cesam_cli.terminal import out
from store.core.errors import UsageError, words
from store.services.planning import new_meeting

from ._common import parse_date, report_save


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("new", help="create a meeting from the group's standing items")
    p.add_argument("--date", type=parse_date, help="YYYY-MM-DD (default: the previous meeting's 'next meeting')")
    p.add_argument("--group", help="group id (default: the only group, or the first)")
    p.set_defaults(handler=run)


def run(ctx: Context, args: argparse.Namespace) -> int:
    repo = ctx.repo()
    group = args.group or repo.config.groups[0].id if repo.config.groups else None
    if group is None:
        raise UsageError(words("err.no_groups"), hint=words("err.no_groups.hint"))
    meeting = new_meeting(repo, group, args.date)
    report_save(repo.create(meeting), ctx.language)
    out(meeting.ref)
    return 0
