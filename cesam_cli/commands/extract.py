"""cesam extract MEETING ITEM: a protokollsutdrag of one item, with the justering status."""

from __future__ import annotations

import argparse

from cesam_cli.context import Context
from cesam_docs import extract

from ._documents import add_output_arguments, document_language, find_item, first_number_of, provenance, write


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("extract", help="an extract (protokollsutdrag) of one item")
    p.add_argument("meeting", help="GROUP/DATE or DATE")
    p.add_argument("item", help='the item\'s number as printed: "4c", "4 a", "7.1"')
    p.add_argument(
        "--to",
        action="append",
        metavar="RECIPIENT",
        help="who the extract is sent to (Expedieras till); repeat for several (default: presenters and unions)",
    )
    add_output_arguments(p)
    p.set_defaults(handler=run)


def run(ctx: Context, args: argparse.Namespace) -> int:
    repo = ctx.repo()
    loaded = repo.load(args.meeting)
    meeting = loaded.meeting
    item_id = find_item(repo, meeting, args.item)
    stamp = provenance(repo, [loaded.ref.relpath], [meeting])
    lang = document_language(ctx, args)
    document = extract(
        meeting, repo.config, item_id, stamp, lang=lang, first=first_number_of(repo, meeting), recipients=args.to
    )
    return write(document, args, ctx.language, root=repo.root)
