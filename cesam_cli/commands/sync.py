"""cesam sync: fetch, merge meeting files field by field, push; never forced, nothing lost."""

from __future__ import annotations

import argparse

from cesam_cli.context import Context
from cesam_cli.terminal import err, out, safe
from store.core.catalogue import Catalogue, t
from store.services.sync import sync
from store.services.sync_dropped import OnDropped


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "sync",
        help="share changes with the remote: fetch, merge field by field, push",
        description="Fetches from the remote, fast-forwards or merges (meeting files field by field) and pushes. "
        "Never force-pushes and never resets a commit away. When the same field changed on both sides it stops "
        "without touching your files and tells you what to settle with `cesam resolve`.",
    )
    p.add_argument(
        "--accept-rewritten",
        action="store_true",
        help="the remote's history was rewritten (force push): merge with it anyway and push the result",
    )
    dropped = p.add_mutually_exclusive_group()
    dropped.add_argument(
        "--restore-dropped",
        action="store_true",
        help="a merge in the history undid a change (sync stopped and said so): take it in and put the change back",
    )
    dropped.add_argument(
        "--accept-dropped",
        action="store_true",
        help="a merge in the history undid a change (sync stopped and said so): take it in as it is",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    p.set_defaults(handler=run)


def run(ctx: Context, args: argparse.Namespace) -> int:
    repo = ctx.repo()
    lang = ctx.language

    def progress(message: str) -> None:
        if not args.quiet:
            err(message)

    on_dropped = (
        OnDropped.RESTORE if args.restore_dropped else OnDropped.ACCEPT if args.accept_dropped else OnDropped.STOP
    )
    result = sync(repo, progress=progress, accept_rewritten=args.accept_rewritten, on_dropped=on_dropped, lang=lang)
    out(result.summary(lang))
    for commit in result.pulled:
        out(f"  ↓ {safe(commit.subject, oneline=True)} ({safe(commit.author, oneline=True)})")
    if result.restore_commit:
        out(f"  ↺ {result.restore_commit[:8]} " + (t("cli.sync.changes_a_merge_dropped", lang)))
    for commit in result.pushed:
        out(f"  ↑ {safe(commit.subject, oneline=True)}")
    for warning in result.warnings:
        err(Catalogue(lang).t("status.warning", warning=warning))
    return 0
