"""cesam extract MEETING ITEM: a protokollsutdrag of one item, with the justering status."""

from __future__ import annotations

import argparse

from cesam_cli.context import Context
from cesam_docs import Document, Provenance, extract
from store.core.model import Meeting
from store.services.repository import Repository

from ._documents import add_output_arguments, find_item, meeting_document


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
    def make(repo: Repository, meeting: Meeting, stamp: Provenance, lang: str | None, first: int) -> Document:
        item_id = find_item(repo, meeting, args.item)
        return extract(meeting, repo.config, item_id, stamp, lang=lang, first=first, recipients=args.to)

    return meeting_document(ctx, args, make)
