"""cesam list: the meetings, newest first, one line each."""

from __future__ import annotations

import argparse

from cesam_cli.context import Context
from cesam_cli.terminal import out, safe
from store.core.catalogue import Catalogue, term


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("list", help="list the meetings")
    p.add_argument("--group", help="only this group")
    p.set_defaults(handler=run)


def run(ctx: Context, args: argparse.Namespace) -> int:
    # the summaries the TUI's list shows, from the same blob-keyed cache: a file is parsed
    # once per content, not on every run (a fresh clone parses each file once, then never again)
    from store.services.summary import SummaryCache

    repo = ctx.repo()
    lang = ctx.language
    t = Catalogue(lang).t
    status = 0
    states: dict[str, str] = {}
    lines = []
    for summary in SummaryCache(repo).summaries():
        ref = f"{summary.group}/{summary.date.isoformat()}"
        if args.group and summary.group != args.group:
            continue
        if summary.error:
            lines.append(f"{ref}\t" + t("list.error", error=safe(summary.error, oneline=True)))
            status = 1
            continue
        state = states.get(summary.status) or states.setdefault(summary.status, term(f"status.{summary.status}", lang))
        lines.append(f"{ref}\t{state}\t" + t("list.counts", items=summary.items, followups=summary.open_followups))
    # one write: 9,600 lines printed one by one cost more than reading them (and each is a
    # write of its own where output is unbuffered)
    if lines:
        out("\n".join(lines))
    return status
