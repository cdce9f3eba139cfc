"""Sync's answer to a merge that dropped a change: stop and say so, or put it back, or accept it.

A colleague who settles a conflict with plain git (``git checkout --theirs``,
an editor, ``merge=union``) can push a merge that silently undoes the other
side's change. Sync checks every merge it is about to take in or pass on
(:func:`store.services.sync_checks.dropped_in_history`) and, by default, stops before
anything is written: the local work stays here and on a branch, and
``cesam status`` shows what was dropped until one of the two ways on:

- ``cesam sync --restore-dropped``: take the history in, then one commit that
  puts each dropped change back (cesam's own merge of that merge's sides);
- ``cesam sync --accept-dropped``: take the history in as it is.
"""

from __future__ import annotations

from enum import StrEnum

from store.core.errors import ConflictError
from store.gitio import worktree
from store.gitio.git import GitFailed
from store.services.mergedriver import merge_file
from store.services.repository import MeetingRef, Repository, atomic_write
from store.services.sync_checks import DroppedChange, clear_dropped, write_dropped


class OnDropped(StrEnum):
    STOP = "stop"
    RESTORE = "restore"
    ACCEPT = "accept"


_TEXT: dict[str, tuple[str, str]] = {
    "stop": (
        "Synken stannade: sammanfogningen {merge} tog bort ändringar som en av dess sidor gjorde, utan att någon "
        "valde det:",
        "Sync stopped: the merge {merge} undid changes one of its sides made, without anyone choosing to:",
    ),
    "line": ("  - {file}: {change} (från {side})", "  - {file}: {change} (from {side})"),
    "kept": (
        "Ingenting har ändrats här{branch}.",
        "Nothing was changed here{branch}.",
    ),
    "branch": (": ditt arbete finns också på grenen {name}", ": your work is also on the branch {name}"),
    "hint": (
        "Lägg tillbaka ändringarna med `cesam sync --restore-dropped` (en commit efter sammanfogningen), eller ta "
        "in historiken som den är med `cesam sync --accept-dropped`.",
        "Put the changes back with `cesam sync --restore-dropped` (one commit after the merge), or take the "
        "history in as it is with `cesam sync --accept-dropped`.",
    ),
    "restore.subject": (
        "Synk: återställde ändringar som sammanfogningen {merge} tappade",
        "Sync: restored changes the merge {merge} dropped",
    ),
    "restore.conflict": (
        "{file}: ändringen som {merge} tappade går inte att lägga tillbaka automatiskt, den har ändrats sedan: {what}",
        "{file}: the change {merge} dropped cannot be put back by itself, it changed since: {what}",
    ),
    "restore.hint": (
        "Lägg in den för hand med `cesam edit`, och kör `cesam sync --accept-dropped`.",
        "Put it in by hand with `cesam edit`, then run `cesam sync --accept-dropped`.",
    ),
}


def _t(key: str, lang: str, **values: object) -> str:
    sv, en = _TEXT[key]
    return (en if lang == "en" else sv).format(**values)


class DroppedStop(ConflictError):
    """Sync stopped on a merge in the history that dropped a change. Nothing was written."""

    def __init__(self, message: str, *, hint: str, found: list[DroppedChange], branch: str) -> None:
        super().__init__(message, hint=hint, details=[f"{d.file}: {c}" for d in found for c in d.changes])
        self.found = found
        self.branch = branch


def stop(repo: Repository, found: list[DroppedChange], branch: str, lang: str) -> DroppedStop:
    """Record what was dropped (for `cesam status`) and the error that stops sync."""
    write_dropped(repo, found)
    lines = []
    for merge in dict.fromkeys(d.merge for d in found):
        lines.append(_t("stop", lang, merge=merge[:8]))
        for d in (d for d in found if d.merge == merge):
            lines += [_t("line", lang, file=d.file, change=c, side=d.side[:8]) for c in d.changes]
    where = _t("branch", lang, name=branch) if branch else ""
    lines.append(_t("kept", lang, branch=where))
    return DroppedStop("\n".join(lines), hint=_t("hint", lang), found=found, branch=branch)


def restore(repo: Repository, found: list[DroppedChange], lang: str) -> str | None:
    """One commit on HEAD that puts every dropped change back; its id, or None when nothing was left to do."""
    written: list[str] = []
    for d in found:
        if MeetingRef.from_relpath(d.file) is None:
            continue
        text = _restored_text(repo, d, lang)
        if text != _show(repo, "HEAD", d.file):
            repo.parse(d.file, text)  # never commit an invalid meeting
            atomic_write(repo.safe_path(d.file), text)
            written.append(d.file)
    clear_dropped(repo)
    if not written:
        return None
    merges = ", ".join(dict.fromkeys(d.merge[:8] for d in found))
    body = "\n".join(f"- {d.file}: {c}" for d in found for c in d.changes)
    return repo._commit(sorted(set(written)), _t("restore.subject", lang, merge=merges) + "\n\n" + body)


def _restored_text(repo: Repository, d: DroppedChange, lang: str) -> str:
    """The file as HEAD has it with the dropped change put back; raises when that needs a person."""
    dropped_by = _show(repo, d.merge, d.file)
    current = _show(repo, "HEAD", d.file)
    if d.restore and current == dropped_by:  # nothing changed the file since: cesam's merge as it is
        return d.restore
    merged = merge_file(d.file, dropped_by, current, d.restore, lang=lang) if d.restore else None
    if merged is None or not merged.clean or merged.text is None:
        what = ", ".join(c.path for c in merged.conflicts) if merged else ", ".join(d.changes)
        raise ConflictError(
            _t("restore.conflict", lang, file=d.file, merge=d.merge[:8], what=what),
            hint=_t("restore.hint", lang),
        )
    return merged.text


def _show(repo: Repository, rev: str, relpath: str) -> str | None:
    try:
        return worktree.file_text(repo.git, rev, relpath)
    except GitFailed:  # not in that commit
        return None
