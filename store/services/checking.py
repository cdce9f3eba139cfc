"""``cesam check`` without parsing every file on every run: problems kept by blob id.

What :meth:`Repository.check_content` finds in a meeting file depends only on
the file's bytes, cesam.toml, the language and cesam's own code, so it is kept
in the blob cache (store/services/blobcache.py) under the blob id, with the
hash of cesam.toml and the language as what the cache depends on (the cesam
version is part of every blob cache's key). A file whose blob was validated
before is not parsed again; its bilagor are still looked for on disk on every
run, since their presence is not part of the blob.
"""

from __future__ import annotations

from typing import Any

from store.core.config import CONFIG_FILE
from store.core.errors import Problem, ProblemKind
from store.services.blobcache import BlobCache, text_hash
from store.services.repository import MEETINGS_DIR, Repository
from store.services.summary import blob_ids


def _problem_row(problem: Problem) -> list[Any]:
    return [problem.message, problem.line, problem.col, problem.kind.value, problem.file]


def _problem_of(row: Any) -> Problem:
    """A cached problem; ValueError where the row is not one (a cache is never trusted)."""
    if not (isinstance(row, list) and len(row) == 5):
        raise ValueError("not a problem")
    message, line, col, kind, file = row
    if not (isinstance(message, str) and isinstance(file, str) and type(line) is int and type(col) is int):
        raise ValueError("not a problem")
    return Problem(message, line, col, kind=ProblemKind(kind), file=file)


def _attachment_of(row: Any) -> tuple[int, str, int]:
    if not (isinstance(row, list) and len(row) == 3):
        raise ValueError("not a bilaga")
    number, file, line = row
    if not (type(number) is int and isinstance(file, str) and type(line) is int):
        raise ValueError("not a bilaga")
    return number, file, line


class Checker:
    """Every problem of a repository's files, meeting files validated once per content."""

    def __init__(self, repo: Repository, path: Any = None) -> None:
        self.repo = repo
        try:
            config = (repo.root / CONFIG_FILE).read_bytes()
        except OSError:
            config = b""
        self.cache = BlobCache("checks", depends_on=f"{text_hash(config)}|{repo.lang}", path=path)
        self._ids: dict[str, str] | None = None
        self.parsed = 0  # files validated by this checker (the others came from the cache)

    def _blob(self, relpath: str) -> str | None:
        if not relpath.startswith(f"{MEETINGS_DIR}/"):
            return None
        if self._ids is None:
            self._ids = blob_ids(self.repo)
        return self._ids.get(relpath)

    def _cached(self, blob: str, relpath: str) -> tuple[list[Problem], list[tuple[int, str, int]]] | None:
        entry = self.cache.get(blob)
        if not isinstance(entry, dict) or entry.get("path") != relpath:
            return None
        try:
            problems = [_problem_of(row) for row in entry["problems"]]
            attachments = [_attachment_of(row) for row in entry["attachments"]]
        except (KeyError, TypeError, ValueError):
            return None
        return problems, attachments

    def check(self, relpath: str) -> list[Problem]:
        """What :meth:`Repository.check_file` says of the file, from the cache where its blob was checked."""
        blob = self._blob(relpath)
        found = self._cached(blob, relpath) if blob else None
        if found is None:
            found = self.repo.check_content(relpath)
            self.parsed += 1
            if blob:
                problems, attachments = found
                rows = [_problem_row(p) for p in problems]
                self.cache.put(blob, {"path": relpath, "problems": rows, "attachments": [list(a) for a in attachments]})
        problems, attachments = found
        return problems + self.repo.placed_attachment_problems(relpath, attachments)

    def save(self) -> None:
        self.cache.save()
