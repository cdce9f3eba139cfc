"""cesam init [DIR]: a new repository with cesam.toml and a first commit."""

from __future__ import annotations

import argparse
from pathlib import Path

from cesam_cli.context import Context
from cesam_cli.terminal import out
from store.core.catalogue import Catalogue
from store.core.config import Config, Group, Organisation, StandingItem, Union
from store.core.model import ItemKind
from store.services.repository import init_repository


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("init", help="create a new cesam repository")
    p.add_argument("dir", nargs="?", default=".", help="folder (default: the current one)")
    p.add_argument("--organisation", default="Kommunen", help="the organisation's name")
    p.set_defaults(handler=run)


def starter_config(organisation: str) -> Config:
    standing = [
        StandingItem("Val av justerare", ItemKind.ADJUSTERS, "Två justerare väljs, en från vardera sida."),
        StandingItem(
            "Föregående protokoll",
            ItemKind.PREVIOUS_MINUTES,
            "Föregående protokoll gås igenom och läggs till handlingarna.",
        ),
        StandingItem("Övriga frågor", ItemKind.OTHER_BUSINESS, "Frågor som anmälts vid mötet."),
        StandingItem("Nästa möte", ItemKind.NEXT_MEETING, "Datum för nästa möte."),
    ]
    return Config(
        organisation=Organisation(organisation),
        groups=[Group("cesam", "Centrala samverkansgruppen", "CESAM", standing_items=standing)],
        unions=[
            Union("Kommunal", "Svenska Kommunalarbetareförbundet"),
            Union("Vision"),
            Union("Sveriges Lärare"),
            Union("SACO", "Saco-rådet", ["Saco"]),
            Union("SSR", "Akademikerförbundet SSR"),
            Union("Vårdförbundet"),
            Union("Ledarna"),
        ],
    )


def run(ctx: Context, args: argparse.Namespace) -> int:
    path = Path(args.dir)
    init_repository(path, starter_config(args.organisation))
    out(Catalogue(ctx.language).t("init.created", path=path.resolve()))
    return 0
