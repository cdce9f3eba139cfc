"""Attaching a file as a bilaga: copied into bilagor/GROUP/DATE/, committed with the meeting change.

The numbering and the names are in store/core/attachments.py; the justering hash
(store/core/content_hash.py, store/services/meeting_blobs.py) reads the bytes from the path recorded
in ``Attachment.file``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from store.core.attachments import attachment_path, next_number
from store.core.catalogue import t
from store.core.errors import UsageError
from store.core.model import Attachment, Meeting
from store.core.paths import repo_path_problem
from store.services.repository import MeetingRef, Repository, SaveResult


def attach_file(
    repo: Repository, ref: MeetingRef | str, item_id: str, source: Path, title: str, number: int | None = None
) -> SaveResult:
    """Copy ``source`` into the repository and add it as a bilaga of the item: one commit."""
    if isinstance(ref, str):
        ref = repo.resolve(ref)
    source = Path(source).expanduser()
    if not source.is_file():
        raise UsageError(t("refuse.not_a_file", repo.lang, source=source), hint=t("refuse.not_a_file.hint", repo.lang))
    meeting = repo.load(ref).meeting
    chosen = number if number is not None else next_number(meeting)
    relpath = attachment_path(str(ref), chosen, source.name)
    problem = repo_path_problem(relpath)
    if problem:
        raise UsageError(f"bilaga {chosen}: {relpath!r} {problem}")
    target = repo.safe_path(relpath)
    if target.exists():
        raise UsageError(
            t("refuse.bilaga_exists", repo.lang, relpath=relpath), hint=t("refuse.bilaga_exists.hint", repo.lang)
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.part")
    shutil.copyfile(source, partial)
    partial.replace(target)

    def change(m: Meeting) -> None:
        m.item(item_id).attachments.append(Attachment(chosen, title.strip() or source.stem, relpath))

    try:
        return repo.apply(ref, change, also=[relpath])
    except BaseException:
        target.unlink(missing_ok=True)  # nothing committed: no stray copy left behind
        raise


__all__ = ["attach_file"]
