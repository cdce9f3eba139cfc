"""cesam export MEETING: the protocol as PDF, DOCX, HTML or Markdown."""

from __future__ import annotations

import argparse

from cesam_cli.context import Context
from cesam_docs import protocol

from ._documents import add_output_arguments, meeting_document


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("export", help="the protocol as pdf, docx, html or md")
    p.add_argument("meeting", help="GROUP/DATE or DATE")
    add_output_arguments(p)
    p.set_defaults(handler=run)


def run(ctx: Context, args: argparse.Namespace) -> int:
    return meeting_document(
        ctx,
        args,
        lambda repo, meeting, stamp, lang, first: protocol(meeting, repo.config, stamp, lang=lang, first=first),
    )
