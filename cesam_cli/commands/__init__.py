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
    "import_",
    "export",
    "notice",
    "extract",
    "restlista",
    "adjust",
    "reopen",
    "verify",
    "tui",
]


def load_commands() -> list[ModuleType]:
    return [importlib.import_module(f"{__name__}.{name}") for name in COMMANDS]
