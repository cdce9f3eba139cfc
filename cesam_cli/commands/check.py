"""cesam check: validate cesam.toml and every meeting file."""

from __future__ import annotations

import argparse
import os

from cesam_cli.context import Context
from cesam_cli.terminal import out, safe
from store.core.catalogue import Catalogue
from store.core.config import CONFIG_FILE
from store.core.errors import ProblemKind
from store.services.repository import MEETINGS_DIR, TMP_MARK, MeetingRef


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("check", help="validate every file; exit 1 when any has errors")
    p.add_argument("files", nargs="*", help="only these files (repository-relative)")
    p.set_defaults(handler=run)


def meeting_files(root: str) -> list[str]:
    out = []
    base = os.path.join(root, MEETINGS_DIR)
    if os.path.islink(base):
        return [MEETINGS_DIR]  # reported as a link by check_file; never followed
    for folder, dirs, files in os.walk(base):
        # os.walk does not enter linked folders; name them so check reports them
        links = [d for d in dirs if os.path.islink(os.path.join(folder, d))]
        for name in [*links, *(f for f in files if f.endswith(".toml") and TMP_MARK not in f)]:
            out.append(os.path.relpath(os.path.join(folder, name), root).replace(os.sep, "/"))
    return sorted(out)


def run(ctx: Context, args: argparse.Namespace) -> int:
    path, _ = ctx.repo_dir()
    from store.services.checking import Checker
    from store.services.repository import Repository

    repo = Repository.open(path, lang=ctx.lang)
    files = args.files or [CONFIG_FILE, *meeting_files(str(repo.root))]
    errors = warnings = 0
    # every file is checked; a meeting file whose content was validated before (same blob,
    # same cesam.toml, same cesam version) is not parsed again, only its bilagor looked for
    checker = Checker(repo)
    checker.prepare(files)  # a fresh clone: every file validated once, in as many processes as cores
    for relpath in files:
        problems = checker.check(relpath)
        if relpath.startswith(f"{MEETINGS_DIR}/") and MeetingRef.from_relpath(relpath) is None:
            out(
                f"{safe(relpath, oneline=True)}: warning: not named as meetings/GROUP/YEAR/YYYY-MM-DD.toml; cesam ignores it"
            )
            warnings += 1
        config_failed = relpath == CONFIG_FILE and any(p.kind == ProblemKind.ERROR for p in problems)
        for problem in problems:
            out(safe(problem, oneline=True))
            if problem.kind == ProblemKind.ERROR:
                errors += 1
            else:
                warnings += 1
        if config_failed:
            break  # meetings cannot be checked against a broken cesam.toml
    checker.save()
    checked = len(files)
    out(Catalogue(ctx.language).t("check.summary", checked=checked, errors=errors, warnings=warnings))
    return 1 if errors else 0
