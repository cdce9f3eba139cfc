"""cesam followup list [--all] | close REF --in MEETING [--note TEXT]: follow-ups across meetings."""

from __future__ import annotations

import argparse

from cesam_cli.context import Context
from cesam_cli.terminal import out, safe
from store.core.catalogue import term
from store.services.followups import close_followup, list_followups

from ._common import report_save


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "followup",
        help="list follow-ups with their refs, or close one from a later meeting",
        description="A follow-up is named GROUP/DATE#ID. Closing it from a later meeting records the closing "
        "in that meeting (closed_in and the note); the meeting that raised it is not changed, justerad or not.",
    )
    actions = p.add_subparsers(dest="followup_action", metavar="ACTION", required=True)
    lister = actions.add_parser("list", help="one follow-up per line, open ones (--all: closed ones too)")
    lister.add_argument("--all", action="store_true", help="closed follow-ups too, with where they were closed")
    lister.add_argument("--group", help="only this group")
    lister.set_defaults(handler=run_list)
    closer = actions.add_parser("close", help="close a follow-up in a later meeting (one commit there)")
    closer.add_argument("ref", help="GROUP/DATE#ID, as `cesam followup list` shows it")
    closer.add_argument("--in", dest="in_meeting", required=True, metavar="MEETING", help="the later meeting")
    closer.add_argument("--note", default="", help="what settled it, recorded with the closing")
    closer.set_defaults(handler=run_close)


def run_list(ctx: Context, args: argparse.Namespace) -> int:
    repo = ctx.repo()
    lang = ctx.language
    for entry in list_followups(repo, args.group, include_closed=args.all):
        followup = entry.followup
        text = " ".join(followup.text.split())
        line = f"{entry.ref}  {followup.owner}: {text}"
        if followup.due:
            line += f" ({term('followup.due', lang)} {followup.due.isoformat()})"
        if entry.closed:
            line += f"  [{term('followup.closed_in', lang)} {entry.closed_in}"
            line += f": {entry.closed_note}]" if entry.closed_note else "]"
        out(safe(line))
    return 0


def run_close(ctx: Context, args: argparse.Namespace) -> int:
    repo = ctx.repo()
    report_save(close_followup(repo, args.ref, args.in_meeting, args.note), ctx.language)
    return 0
