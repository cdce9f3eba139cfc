"""cesam demo [DIR]: a repository with the three CESAM protocols of the seeds."""

from __future__ import annotations

import argparse
from pathlib import Path

from cesam_cli.context import Context
from cesam_cli.terminal import out
from store.core.catalogue import Catalogue
from store.services.demo import create_demo


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("demo", help="create a demo repository with three real CESAM protocols")
    p.add_argument("dir", help="folder for the new repository")
    p.set_defaults(handler=run)


def run(ctx: Context, args: argparse.Namespace) -> int:
    repo = create_demo(Path(args.dir), lang=ctx.lang or "sv")
    out(Catalogue(ctx.language).t("demo.created", root=repo.root, n=len(repo.list_refs())))
    return 0
