"""cesam tui (and cesam with no command): the terminal UI."""

from __future__ import annotations

import argparse
import sys

from cesam_cli.context import Context
from store.core.errors import UsageError, words


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("tui", help="start the terminal UI (the default)")
    p.add_argument("meeting", nargs="?", help="open this meeting directly")
    p.set_defaults(handler=run_tui)


def run_tui(ctx: Context, args: argparse.Namespace) -> int:
    repo = ctx.repo()
    if not sys.stdout.isatty() or not sys.stdin.isatty():
        raise UsageError(words("err.no_terminal"), hint=words("err.no_terminal.hint"))
    from store.services.repository import preload_git

    preload_git()  # before the UI's imports: its first screen runs git at once, on a worker thread
    from cesam_tui.app import run as run_app

    return int(run_app(repo, lang=ctx.lang, meeting=getattr(args, "meeting", None)) or 0)
