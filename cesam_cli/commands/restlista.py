"""cesam restlista: open follow-ups across meetings, meetings waiting for justering, and deadlines."""

from __future__ import annotations

import argparse
import datetime as dt

from cesam_cli.context import Context
from cesam_cli.terminal import err
from cesam_docs import build_restlista, restlista_document
from cesam_docs.restlista import CLOSED_DAYS
from store.core.errors import ExitCode, UsageError, words
from store.services.repository import MEETINGS_DIR

from ._common import parse_date
from ._documents import add_output_arguments, all_meetings, document_language, provenance, write


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("restlista", help="open follow-ups across meetings, and the deadlines that run")
    p.add_argument("--group", help="only this group")
    p.add_argument("--date", type=parse_date, help="as of this day (default: today)")
    p.add_argument(
        "--closed-days",
        type=int,
        default=CLOSED_DAYS,
        metavar="N",
        help=f"list the follow-ups closed in the last N days, and where (default: {CLOSED_DAYS})",
    )
    add_output_arguments(p)
    p.set_defaults(handler=run)


def run(ctx: Context, args: argparse.Namespace) -> int:
    repo = ctx.repo()
    if args.group and args.group not in repo.group_ids():
        raise UsageError(words("err.unknown_group.known", group=repr(args.group), known=", ".join(repo.group_ids())))
    # every group's meetings are loaded: a later meeting of any group may take a follow-up up
    meetings, problems = all_meetings(repo)
    for line in problems:
        err(f"cesam: {line}")
    today = args.date or dt.date.today()
    data = build_restlista(meetings, repo.config, today, group=args.group, closed_days=max(0, args.closed_days))
    chosen = [m for m in meetings if not args.group or m.group == args.group]
    stamp = provenance(repo, [MEETINGS_DIR], chosen)
    document = restlista_document(data, repo.config, lang=document_language(ctx, args), provenance=stamp)
    status = write(document, args, ctx.language, root=repo.root)
    return int(ExitCode.PROBLEMS) if problems else status
