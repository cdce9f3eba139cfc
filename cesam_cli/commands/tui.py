"""cesam tui (and cesam with no command): the terminal UI."""

from __future__ import annotations

import argparse

from cesam_cli.context import Context


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("tui", help="start the terminal UI (the default)")
    p.add_argument("meeting", nargs="?", help="open this meeting directly")
    p.set_defaults(handler=run_tui)


def run_tui(ctx: Context, args: argparse.Namespace) -> int:
    repo = ctx.repo()
    try:
        from cesam_tui.app import run as run_app
    except ImportError:
        # the UI arrives in its own package; until then list the meetings
        from . import list_

        return list_.run(ctx, argparse.Namespace(group=None))
    return int(run_app(repo, lang=ctx.lang, meeting=getattr(args, "meeting", None)) or 0)
