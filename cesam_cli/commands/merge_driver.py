"""cesam merge-driver %O %A %B %P: git's merge driver for meeting files (run by git, not by people)."""

from __future__ import annotations

import argparse

from cesam_cli.context import Context
from store.services.mergedriver import run_driver


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "merge-driver",
        help="git's merge driver for meeting files (set up by cesam init/sync; git runs it)",
        description="Merges a meeting file field by field for git. Writes the result to OURS; exits 0 when "
        "clean, 1 when fields conflict (OURS then holds conflict markers around those fields only).",
    )
    p.add_argument("base", metavar="BASE", help="the common ancestor's version (%%O)")
    p.add_argument("ours", metavar="OURS", help="our version; the result is written here (%%A)")
    p.add_argument("theirs", metavar="THEIRS", help="their version (%%B)")
    p.add_argument("path", metavar="PATH", help="the file's path in the repository (%%P)")
    p.set_defaults(handler=run)


def run(ctx: Context, args: argparse.Namespace) -> int:
    # git runs drivers at the top of the work tree; no repository lookup, no lock:
    # git itself holds the index while it merges
    return run_driver(args.base, args.ours, args.theirs, args.path)
