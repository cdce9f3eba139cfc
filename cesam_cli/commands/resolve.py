"""cesam resolve: settle a sync conflict field by field (mine, theirs, or a new value)."""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from cesam_cli.context import Context
from cesam_cli.terminal import out, safe
from store.core.catalogue import Catalogue
from store.core.errors import ExitCode, UsageError, words
from store.core.merge import Choice, Conflict, Take
from store.services.sync import PendingMerge, find_conflicts, resolve

_TAKES = {
    "mine": Take.MINE,
    "min": Take.MINE,
    "mina": Take.MINE,
    "ours": Take.MINE,
    "theirs": Take.THEIRS,
    "deras": Take.THEIRS,
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "resolve",
        help="settle a conflict from sync (or a git pull) field by field",
        description="Lists what was changed differently on both sides and settles it: for each field your "
        "version, theirs, or a new value. The result is one merge commit with both histories as parents. "
        "Without options on a terminal it asks for each field.",
    )
    p.add_argument("--list", action="store_true", help="only list the conflicts")
    p.add_argument("--take", choices=("mine", "theirs"), help="settle every conflict not named otherwise")
    p.add_argument(
        "--field",
        action="append",
        default=[],
        metavar="ID=mine|theirs",
        help="settle one conflict; ID is its number or id from --list (repeatable)",
    )
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="ID=VALUE",
        help="settle one conflict with a new value (repeatable)",
    )
    p.set_defaults(handler=run)


def _indent(text: str, prefix: str) -> str:
    lines = text.splitlines() or [""]
    return lines[0] + "".join(f"\n{prefix}{line}" for line in lines[1:])


def describe(pending: PendingMerge, lang: str) -> str:
    cat = Catalogue(lang)
    head = cat.n("resolve.head", len(pending.conflicts), theirs=pending.theirs_label)
    if pending.branch:
        head += cat.t("resolve.kept_on", branch=pending.branch)
    out = [head + ":"]
    labels = tuple(cat.t(f"resolve.label.{side}") for side in ("base", "ours", "theirs"))
    width = max(len(label) for label in labels) + 2
    for n, conflict in enumerate(pending.conflicts, 1):
        out.append(f"{n:>3}. {conflict.path}")
        out.append(f"     id: {conflict.id}")
        values = conflict.shown or tuple(
            conflict.show(v, lang) for v in (conflict.base, conflict.ours, conflict.theirs)
        )
        for label, value in zip(labels, values, strict=True):
            # in full: two long values that differ only at the end must not look alike
            shown = _indent(safe(value), " " * (5 + width))
            out.append(f"     {(label + ':').ljust(width)}{shown}")
    return "\n".join(out)


def _parse_pairs(pending: PendingMerge, pairs: list[str], edit: bool) -> dict[str, Choice]:
    choices: dict[str, Choice] = {}
    for pair in pairs:
        ident, sep, value = pair.partition("=")
        if not sep:
            raise UsageError(words("err.resolve_pair", pair=repr(pair)))
        conflict = pending.conflict(ident.strip())
        if edit:
            if not conflict.editable:
                raise UsageError(words("err.resolve_only_sides", path=conflict.path))
            try:
                choices[conflict.id] = Choice(Take.EDIT, conflict.parse_value(value))
            except ValueError as exc:
                raise UsageError(words("err.resolve_bad_value", path=conflict.path, reason=exc)) from None
        else:
            take = _TAKES.get(value.strip().casefold())
            if take is None:
                raise UsageError(words("err.resolve_choose", pair=repr(pair)))
            choices[conflict.id] = Choice(take)
    return choices


def _edit_text(initial: str) -> str:
    from .edit import editor_command

    with tempfile.TemporaryDirectory(prefix="cesam-resolve-") as folder:
        path = Path(folder) / "value.md"
        path.write_text(initial, encoding="utf-8")
        subprocess.run([*editor_command(), str(path)], check=False)
        return path.read_text(encoding="utf-8").rstrip("\n")


def edit_default(conflict: Conflict, lang: str) -> str:
    """The value `[r]edigera` starts from: the current (mine) value, written as it is typed back."""
    value = conflict.ours
    if value is None or value == "" or value == []:
        return ""
    return value if isinstance(value, str) else conflict.show(value, lang)


def prefilled_input(prompt: str, text: str) -> str:
    """``input`` with ``text`` already on the line to edit (readline, on a terminal)."""
    try:
        import readline
    except ImportError:  # no readline (Windows): the value is shown, typed anew
        return input(f"{prompt}[{text}] ") or text
    readline.set_startup_hook(lambda: readline.insert_text(text))
    try:
        return input(prompt)
    finally:
        readline.set_startup_hook(None)


def _ask(conflict: Conflict, lang: str) -> Choice | None:
    t = Catalogue(lang).t
    options = t("resolve.options")
    if conflict.editable:
        options += t("resolve.option_edit")
    options += t("resolve.option_quit")
    while True:
        answer = input(f"     {options}? ").strip().casefold()
        if answer in ("m", "min", "mine"):
            return Choice(Take.MINE)
        if answer in ("d", "deras", "t", "theirs"):
            return Choice(Take.THEIRS)
        if answer in ("a", "avbryt", "q", "quit", ""):
            return None
        if conflict.editable and answer in ("r", "redigera", "e", "edit"):
            current = edit_default(conflict, lang)
            if "\n" in current:
                text = _edit_text(current)
            else:
                text = prefilled_input("     " + t("resolve.new_value"), current)
            try:
                return Choice(Take.EDIT, conflict.parse_value(text))
            except ValueError as exc:
                out(f"     {exc}")


def run(ctx: Context, args: argparse.Namespace) -> int:
    repo = ctx.repo()
    lang = ctx.language
    t = Catalogue(lang).t
    pending = find_conflicts(repo, lang)
    if pending is None:
        out(t("resolve.nothing"))
        return 0
    choices = _parse_pairs(pending, args.field, edit=False)
    choices.update(_parse_pairs(pending, args.set, edit=True))
    default = _TAKES[args.take] if args.take else None
    if args.list:
        out(describe(pending, lang))
        return int(ExitCode.CONFLICT) if pending.conflicts else 0
    open_ = [c for c in pending.conflicts if c.id not in choices]
    if open_ and default is None:
        if not sys.stdin.isatty():
            out(describe(pending, lang))
            raise UsageError(t("resolve.choose_each"), hint=t("resolve.choose_each.hint"))
        out(describe(pending, lang))
        for conflict in open_:
            out(f"\n{conflict.path}")
            choice = _ask(conflict, lang)
            if choice is None:
                out(t("resolve.stopped"))
                return int(ExitCode.CONFLICT)
            choices[conflict.id] = choice
    result = resolve(repo, choices, default=default, lang=lang)
    if result.commit:
        out(t("resolve.settled", commit=result.commit[:8], message=result.message.splitlines()[0]))
        if pending.source == "sync":
            out(t("resolve.share"))
    else:
        out(result.message)
    return 0
