"""cesam list: the meetings, newest first, one line each."""

from __future__ import annotations

import argparse

from cesam_cli.context import Context
from cesam_cli.terminal import out, safe
from store.core.errors import CesamError
from store.core.i18n import term


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("list", help="list the meetings")
    p.add_argument("--group", help="only this group")
    p.set_defaults(handler=run)


def run(ctx: Context, args: argparse.Namespace) -> int:
    repo = ctx.repo()
    lang = ctx.language
    status = 0
    for ref in repo.list_refs():
        if args.group and ref.group != args.group:
            continue
        try:
            meeting = repo.load(ref).meeting
        except CesamError as exc:
            out(f"{ref}\t{'FEL' if lang == 'sv' else 'ERROR'}: {safe(str(exc).splitlines()[-1], oneline=True)}")
            status = 1
            continue
        items = len(meeting.items)
        open_fu = len(meeting.open_followups())
        out(f"{ref}\t{term(f'status.{meeting.status.value}', lang)}\t{items} punkter\t{open_fu} öppna uppföljningar")
    return status
