"""The `cesam` command: argument parsing, repository choice, error reporting.

Every subcommand lives in its own module under ``cesam_cli/commands``. This
module turns a :class:`store.core.errors.CesamError` into a message and its exit
code; anything unexpected is logged to a file and reported in one line, so
a user never sees a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from store.core.errors import CesamError, ExitCode

from .commands import load_commands
from .context import Context
from .terminal import err


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cesam",
        description="Möten, dagordningar och protokoll för samverkansgrupper, i git. "
        "Meetings, agendas and minutes of a samverkansgrupp, kept in git.",
    )
    parser.add_argument(
        "--repo",
        metavar="DIR",
        help="the cesam repository (default: $CESAM_REPO, the enclosing repository, or your demo repository)",
    )
    parser.add_argument("--lang", choices=("sv", "en"), help="language of the UI and of commit messages")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in load_commands(list(argv) if argv is not None else None):
        module.register(sub)
    return parser


def _command_words(argv: list[str]) -> list[str]:
    """argv without the values of global options, so the first word left is the command."""
    words: list[str] = []
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg in ("--repo", "--lang"):
            skip = True
            continue
        words.append(arg)
    return words


def _log_crash(exc: BaseException) -> Path | None:
    try:
        import traceback

        import platformdirs

        folder = Path(platformdirs.user_log_dir("cesam"))
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "crash.log"
        with path.open("a", encoding="utf-8") as out:
            out.write("".join(traceback.format_exception(exc)))
            out.write("\n")
        return path
    except OSError:
        return None


def _report_notes(ctx: Context) -> None:
    """What the store found and did on the way (an interrupted save completed, temp files removed)."""
    repo = ctx._repo
    if repo is not None:
        for note in repo.notes:
            err(f"cesam: {note}")
        repo.notes.clear()


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("GIT_TERMINAL_PROMPT", "0")
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_command_words(argv))
    args = parser.parse_args(argv)
    ctx = Context(repo_arg=args.repo, lang=args.lang)
    try:
        if not args.command:
            from .commands.tui import run_tui

            return run_tui(ctx, args)
        status = int(args.handler(ctx, args) or 0)
        _report_notes(ctx)
        return status
    except CesamError as exc:
        _report_notes(ctx)
        err(f"cesam: {exc.text(ctx.error_language())}")
        return int(exc.exit_code)
    except KeyboardInterrupt:
        err("cesam: avbrutet / interrupted")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last line of defence: never a traceback on screen
        log = _log_crash(exc)
        where = f" (details in {log})" if log else ""
        err(f"cesam: internal error: {type(exc).__name__}: {exc}{where}")
        return int(ExitCode.GIT)


if __name__ == "__main__":
    sys.exit(main())
