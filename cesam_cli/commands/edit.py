"""cesam edit MEETING: edit the meeting's TOML in $EDITOR, validated before commit.

The edit is kept as a draft (store/services/drafts.py) with the text it started
from, until it is saved. The save checks that base under the repository
lock: a change saved meanwhile by someone else is merged with the edit, or,
where both changed the same field, the save is refused and the draft kept.
A kept draft whose meeting has moved on is merged with the new version
before the editor opens it again, so "edit again" never brings back an old
version of what others saved.
"""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
from pathlib import Path

from cesam_cli.context import Context
from cesam_cli.terminal import err, out
from store.core import codec
from store.core.basecheck import StaleBaseError, conflict_lines, merge_onto_current, stale_error
from store.core.catalogue import term
from store.core.errors import InvalidFileError, UsageError, words
from store.services.drafts import Draft, draft_for
from store.services.repository import LoadedMeeting, Repository

from ._common import report_save


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("edit", help="edit a meeting in $EDITOR; it is validated and committed on save")
    p.add_argument("meeting", help="GROUP/DATE or DATE")
    p.set_defaults(handler=run)


def cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("cesam"))


def editor_command() -> list[str]:
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    # split like a shell would, but never run through one: the file name is data
    return shlex.split(editor)


def _rebase_draft(repo: Repository, draft: Draft, text: str, base: str, loaded: LoadedMeeting, lang: str) -> str:
    """The kept draft moved onto the meeting as it is now; returns the base the editor's result is saved against.

    A draft that no longer parses is opened as it is, against its old base:
    the save merges it once it parses again.
    """
    if base == loaded.text:
        return base
    try:
        mine, _ = codec.loads(text)
        old, _ = codec.loads(base)
    except codec.DecodeError:
        return base
    style = repo.config.group(loaded.ref.group).subitem_style
    merged, conflicts = merge_onto_current(old, mine, loaded.meeting, style=style, lang=lang, keep_mine=True)
    draft.start(codec.dumps(merged), loaded.text)
    err(term("edit.draft_rebased", lang).format(meeting=loaded.ref))
    if conflicts:
        err(term("edit.draft_overlaps", lang))
        for line in conflict_lines(conflicts, lang):
            err(line)
    return loaded.text


def _open_draft(repo: Repository, loaded: LoadedMeeting, lang: str) -> tuple[Draft, str]:
    """The draft to edit and the base it is saved against."""
    ref = loaded.ref
    draft = draft_for(cache_dir(), repo.git_dir, ref.group, ref.date.isoformat())
    legacy = cache_dir() / "edits" / f"{ref.group}-{ref.date.isoformat()}.toml"
    if legacy.is_file():  # kept by an older cesam, without its repository or base: shown, never applied
        err(term("edit.legacy_draft", lang).format(path=legacy))
    kept = draft.read()
    if kept is None:
        draft.start(loaded.text, loaded.text)
        return draft, loaded.text
    text, base = kept
    err(term("edit.draft_continued", lang).format(path=draft.path))
    return draft, _rebase_draft(repo, draft, text, base, loaded, lang)


def _run_editor(draft: Draft) -> str:
    try:
        subprocess.run([*editor_command(), str(draft.path)], check=False)
    except FileNotFoundError:
        raise UsageError(
            words("err.editor_missing", editor=repr(editor_command()[0])), hint=words("err.editor_missing.hint")
        ) from None
    return draft.text()


def run(ctx: Context, args: argparse.Namespace) -> int:
    repo = ctx.repo()
    lang = ctx.language
    loaded = repo.load(args.meeting)
    ref = loaded.ref
    draft, base = _open_draft(repo, loaded, lang)
    while True:
        text = _run_editor(draft)
        if text == base:
            draft.discard()
            out(term("edit.no_change", lang))
            return 0
        try:
            # the base is checked under the repository lock, in the same critical section as the write
            result = repo.replace_text(ref, text, base=base)
        except StaleBaseError as exc:
            raise stale_error(str(ref), exc.conflicts, lang, kept=str(draft.path)) from None
        except InvalidFileError as exc:
            err(f"cesam: {exc}")
            if sys.stdin.isatty():
                answer = input("Öppna igen? / Edit again? [J/n] ").strip().lower()
                if answer in ("", "j", "y", "ja", "yes"):
                    continue
            err(term("edit.kept", lang).format(path=draft.path))
            return int(exc.exit_code)
        draft.discard()
        if result.merged:
            err(term("edit.merged", lang).format(meeting=ref))
        report_save(result, lang)
        return 0
