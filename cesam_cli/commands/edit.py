"""cesam edit MEETING: edit the meeting's TOML in $EDITOR, validated before commit."""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
from pathlib import Path

from cesam_cli.context import Context
from cesam_cli.terminal import err, out
from store.core.errors import InvalidFileError, UsageError

from ._common import report_save


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("edit", help="edit a meeting in $EDITOR; it is validated and committed on save")
    p.add_argument("meeting", help="GROUP/DATE or DATE")
    p.set_defaults(handler=run)


def edit_dir() -> Path:
    import platformdirs

    path = Path(platformdirs.user_cache_dir("cesam")) / "edits"
    path.mkdir(parents=True, exist_ok=True)
    return path


def editor_command() -> list[str]:
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    # split like a shell would, but never run through one: the file name is data
    return shlex.split(editor)


def run(ctx: Context, args: argparse.Namespace) -> int:
    repo = ctx.repo()
    loaded = repo.load(args.meeting)
    ref = loaded.ref
    draft = edit_dir() / f"{ref.group}-{ref.date.isoformat()}.toml"
    if draft.exists() and draft.read_text(encoding="utf-8") != loaded.text:
        err(f"cesam: continuing the unsaved edit kept in {draft}")
    else:
        draft.write_text(loaded.text, encoding="utf-8")
    while True:
        try:
            subprocess.run([*editor_command(), str(draft)], check=False)
        except FileNotFoundError:
            raise UsageError(
                f"editor {editor_command()[0]!r} not found", hint="Set $EDITOR, e.g. EDITOR=nano."
            ) from None
        text = draft.read_text(encoding="utf-8")
        if text == loaded.text:
            draft.unlink()
            out("ingen ändring, ingen commit" if ctx.language == "sv" else "no change, no commit")
            return 0
        current = repo.load(ref).text
        if current != loaded.text:
            raise UsageError(
                f"{ref} was changed by someone else while you edited",
                hint=f"Your edit is kept in {draft}; compare it with `cesam show {ref}` and edit again.",
            )
        try:
            result = repo.replace_text(ref, text)
        except InvalidFileError as exc:
            err(f"cesam: {exc}")
            if sys.stdin.isatty():
                answer = input("Öppna igen? / Edit again? [J/n] ").strip().lower()
                if answer in ("", "j", "y", "ja", "yes"):
                    continue
            err(f"cesam: your edit is kept in {draft}")
            return int(exc.exit_code)
        draft.unlink()
        report_save(result, ctx.language)
        return 0
