"""cesam discard-edits FILE: throw away an uncommitted hand edit, after confirmation (a copy is kept)."""

from __future__ import annotations

import argparse
import sys

from cesam_cli.context import Context
from cesam_cli.terminal import out
from store.core.catalogue import Catalogue
from store.core.errors import UsageError
from store.services.history import uncommitted_diff
from store.services.sync import discard_edit


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("discard-edits", help="throw away uncommitted hand edits of a file (a copy is kept)")
    p.add_argument("files", nargs="+", help="repository-relative files")
    p.add_argument("-y", "--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(handler=run)


def run(ctx: Context, args: argparse.Namespace) -> int:
    repo = ctx.repo()
    t = Catalogue(ctx.language).t
    for relpath in args.files:
        if not args.yes:
            if not sys.stdin.isatty():
                raise UsageError(t("discard.confirm_with_yes", path=relpath), hint=t("discard.confirm_with_yes.hint"))
            out(uncommitted_diff(repo, [relpath]) or relpath)
            answer = input(t("discard.ask", path=relpath))
            if answer.strip().casefold() not in ("j", "ja", "y", "yes"):
                continue
        backup = discard_edit(repo, relpath)
        out(t("discard.done", path=relpath, backup=backup))
    return 0
