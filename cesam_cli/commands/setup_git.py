"""cesam setup-git: register the merge driver and the diff textconv in this clone's .git/config."""

from __future__ import annotations

import argparse

from cesam_cli.context import Context
from cesam_cli.terminal import out
from store.core.catalogue import t
from store.services.gitsetup import configured, driver_command, setup_git, textconv_command


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "setup-git",
        help="set up plain git in this clone: field-by-field merges, diffs in words",
        description="Writes cesam's merge driver and diff textconv into .git/config with the absolute path "
        "of this installation, so plain `git pull`, `git diff` and `git log -p` use them without cesam on "
        "PATH. Every cesam command does this too, and repairs the entries when the installation moved.",
    )
    p.set_defaults(handler=run)


def run(ctx: Context, args: argparse.Namespace) -> int:
    repo = ctx.repo()  # opening it already registers; report what is in place
    report = setup_git(repo)
    if report.changed:
        out(t("cli.setup_git.wrote", ctx.language) + ", ".join(report.written))
    driver, textconv = configured(repo)
    out(f"merge.cesam.driver  = {driver}")
    out(f"diff.cesam.textconv = {textconv}")
    ok = driver == driver_command() and textconv == textconv_command()
    if not ok:
        out(t("cli.setup_git.another_working_cesam_installation", ctx.language))
    return 0
