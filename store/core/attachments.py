"""Bilagor: numbered through the meeting, and files attached by copying them into the repository.

Pure: store/services/attachments.py copies and commits. A bilaga's number runs through the
whole meeting (bilaga 1 in § 2, bilaga 2 in § 5), as the protocols write them. Attaching a file copies it to ``bilagor/GROUP/DATE/N-name`` and records
that repository-relative path in ``Attachment.file``, in the same commit as the meeting change;
the justering hash (store/core/content_hash.py) reads the bytes from there.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePath

from store.core.model import Meeting

FOLDER = "bilagor"


def next_number(meeting: Meeting) -> int:
    """The next bilaga number in the meeting (numbers run through it, not per item)."""
    return max((a.number for item in meeting.items for a in item.attachments), default=0) + 1


def file_name(number: int, source: str) -> str:
    """A safe file name: the number first, then the source's name in plain letters."""
    name = unicodedata.normalize("NFKD", PurePath(source).name)
    name = "".join(c for c in name if not unicodedata.combining(c))
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.") or "fil"
    return f"{number}-{name}"


def attachment_path(meeting: str, number: int, source: str) -> str:
    """Where a bilaga's copy goes: ``bilagor/GROUP/DATE/N-name`` (``meeting`` is ``GROUP/DATE``)."""
    return f"{FOLDER}/{meeting}/{file_name(number, source)}"


__all__ = ["FOLDER", "attachment_path", "file_name", "next_number"]
