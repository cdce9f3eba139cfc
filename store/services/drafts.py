"""Drafts `cesam edit` keeps between runs, keyed by repository, meeting and base.

A draft is the text the user edits, and the text it started from (its
base). The base is what makes a draft safe to keep: when the meeting has
moved on since, the draft is merged three-way (store/core/merge.py) with what is
there now instead of being written over it. Drafts used to be kept as
``edits/GROUP-DATE.toml`` alone; one left by one repository was then
committed into another repository's meeting of the same date.

Layout in the cache folder: ``edits/REPO/GROUP-DATE.toml`` (the draft),
``.base`` beside it (the base text) and ``.json`` (which repository, which
base blob). ``REPO`` is a hash of the repository's git folder; the JSON
names the folder too, and a draft whose record does not match is never used.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from store.gitio.fileio import atomic_write


def blob_id(text: str) -> str:
    """git's blob id of ``text`` as UTF-8 (SHA-1 object format), computed without git."""
    data = text.encode("utf-8", "surrogateescape")
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def repository_key(git_dir: Path) -> str:
    """A short, stable name for one repository: its git folder's absolute path, hashed."""
    return hashlib.sha256(str(git_dir.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:16]


def _write(path: Path, text: str) -> None:
    # the user's own text: written whole and durably, like a meeting file
    atomic_write(path, text.encode("utf-8", "surrogateescape"))


@dataclass(frozen=True)
class Draft:
    """One kept draft: ``path`` is what the editor opens."""

    path: Path
    git_dir: Path
    meeting: str  # GROUP/DATE

    @property
    def _base_path(self) -> Path:
        return self.path.with_suffix(".base")

    @property
    def _record_path(self) -> Path:
        return self.path.with_suffix(".json")

    def exists(self) -> bool:
        return self.path.is_file() and self._record() is not None

    def _record(self) -> dict[str, str] | None:
        try:
            record = json.loads(self._record_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(record, dict) or record.get("git_dir") != str(self.git_dir.resolve()):
            return None  # another repository's draft (a hash collision, a moved cache): never used
        if record.get("meeting") != self.meeting:
            return None
        return record

    def read(self) -> tuple[str, str] | None:
        """(draft text, base text) of a draft kept for this repository and meeting; None when there is none."""
        record = self._record()
        if record is None:
            return None
        try:
            text = self.path.read_text(encoding="utf-8", errors="surrogateescape")
            base = self._base_path.read_text(encoding="utf-8", errors="surrogateescape")
        except OSError:
            return None
        if blob_id(base) != record.get("base"):
            return None  # the base was changed or cut: merging against it could lose work
        return text, base

    def text(self) -> str:
        return self.path.read_text(encoding="utf-8", errors="surrogateescape")

    def start(self, text: str, base: str) -> None:
        """Keep ``text`` as the draft, made from ``base``."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        _write(self._base_path, base)
        record = {"git_dir": str(self.git_dir.resolve()), "meeting": self.meeting, "base": blob_id(base)}
        _write(self._record_path, json.dumps(record, ensure_ascii=False))
        _write(self.path, text)

    def discard(self) -> None:
        for path in (self.path, self._base_path, self._record_path):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()


def draft_for(cache: Path, git_dir: Path, group: str, date: str) -> Draft:
    """The draft slot for one meeting of one repository under ``cache`` (the user's cache folder)."""
    path = cache / "edits" / repository_key(git_dir) / f"{group}-{date}.toml"
    return Draft(path, git_dir, f"{group}/{date}")


__all__ = ["Draft", "blob_id", "draft_for", "repository_key"]
