"""The registry of subcommands: one module each, listed here in help order."""

from __future__ import annotations

import importlib
from types import ModuleType

COMMANDS = [
    "init",
    "demo",
    "new",
    "list_",
    "show",
    "edit",
    "check",
    "status",
    "commit_edits",
    "log",
    "diff",
    "restore",
    "search",
    "import_",
    "export",
    "notice",
    "extract",
    "restlista",
    "site",
    "adjust",
    "reopen",
    "followup",
    "verify",
    "discard_edits",
    "sync",
    "resolve",
    "setup_git",
    "merge_driver",
    "tui",
]


def command_name(module: str) -> str:
    """The name a user types for a module: list_ → list, commit_edits → commit-edits."""
    return module.rstrip("_").replace("_", "-")


def load_commands(argv: list[str] | None = None) -> list[ModuleType]:
    """The command modules to register.

    When ``argv`` names a command (or none: the UI), only its module is imported: every
    command pays its start-up once, and `git pull` runs the merge driver once
    per file it merges, so the others' imports (PDF, DOCX, Textual) would
    be paid for nothing.
    """
    if argv is not None and "-h" not in argv and "--help" not in argv:
        wanted = next((a for a in argv if not a.startswith("-")), None)
        by_name = {command_name(m): m for m in COMMANDS}
        if wanted is None:
            wanted = "tui"  # plain `cesam` starts the UI: the start a user waits for most
        if wanted in by_name:
            return [importlib.import_module(f"{__name__}.{by_name[wanted]}")]
    return [importlib.import_module(f"{__name__}.{name}") for name in COMMANDS]
