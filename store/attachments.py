"""Bilagor: numbered through the meeting, and files attached by copying them into the repository.

A bilaga's number runs through the whole meeting (bilaga 1 in § 2, bilaga 2 in § 5), as the
protocols write them. Attaching a file copies it to ``bilagor/GROUP/DATE/N-name`` and records
that repository-relative path in ``Attachment.file``, in the same commit as the meeting change;
the justering hash (store/justering.py) reads the bytes from there.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

from .errors import UsageError
from .model import Attachment, Meeting
from .paths import repo_path_problem
from .repository import MeetingRef, Repository, SaveResult

FOLDER = "bilagor"


def next_number(meeting: Meeting) -> int:
    """The next bilaga number in the meeting (numbers run through it, not per item)."""
    return max((a.number for item in meeting.items for a in item.attachments), default=0) + 1


def file_name(number: int, source: str) -> str:
    """A safe file name: the number first, then the source's name in plain letters."""
    name = unicodedata.normalize("NFKD", Path(source).name)
    name = "".join(c for c in name if not unicodedata.combining(c))
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.") or "fil"
    return f"{number}-{name}"


def attachment_path(ref: MeetingRef, number: int, source: str) -> str:
    return f"{FOLDER}/{ref.group}/{ref.date.isoformat()}/{file_name(number, source)}"


def attach_file(
    repo: Repository, ref: MeetingRef | str, item_id: str, source: Path, title: str, number: int | None = None
) -> SaveResult:
    """Copy ``source`` into the repository and add it as a bilaga of the item: one commit."""
    if isinstance(ref, str):
        ref = repo.resolve(ref)
    source = Path(source).expanduser()
    if not source.is_file():
        raise UsageError(f"{source} is not a file", hint="Name a file to attach (a PDF, a document).")
    meeting = repo.load(ref).meeting
    chosen = number if number is not None else next_number(meeting)
    relpath = attachment_path(ref, chosen, source.name)
    problem = repo_path_problem(relpath)
    if problem:
        raise UsageError(f"bilaga {chosen}: {relpath!r} {problem}")
    target = repo.safe_path(relpath)
    if target.exists():
        raise UsageError(f"{relpath} already exists", hint="Give the bilaga another number.")
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


__all__ = ["FOLDER", "attach_file", "attachment_path", "file_name", "next_number"]
