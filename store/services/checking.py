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

from pathlib import Path
from typing import Any

from store.core.config import CONFIG_FILE
from store.core.errors import CesamError, Problem, ProblemKind
from store.services import parallel
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


Found = tuple[list[Problem], list[tuple[int, str, int]]]


def _check_chunk(context: tuple[str, str], relpaths: list[str]) -> list[Found]:
    """What ``check_content`` says of each file, in a worker process (store/services/parallel.py)."""
    root, lang = context
    repo = Repository(Path(root), lang=lang)
    return [repo.check_content(relpath) for relpath in relpaths]


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
        self._fresh: dict[str, Found] = {}  # validated by prepare(), not yet asked for
        self.parsed = 0  # files validated by this checker (the others came from the cache)

    def prepare(self, relpaths: list[str]) -> None:
        """Validate the meeting files among ``relpaths`` not in the cache, sharing the work between processes.

        Only worth it on a fresh clone or after a new cesam version (every
        file is new to the cache); check() then finds the answers here. With
        a cesam.toml that does not load nothing is prepared: meetings cannot
        be validated against it, and check() reports it.
        """
        try:
            lang = self.repo.lang
        except CesamError:
            return
        todo = []
        for relpath in relpaths:
            blob = self._blob(relpath)
            if blob and self._cached(blob, relpath) is None:
                todo.append(relpath)
        context = (str(self.repo.root), lang)
        for batch in parallel.shared(todo, self.repo.check_content, _check_chunk, context):
            for relpath, found in batch:
                self._remember(relpath, found)
                self._fresh[relpath] = found

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
        found = self._fresh.pop(relpath, None)
        if found is None:
            blob = self._blob(relpath)
            found = self._cached(blob, relpath) if blob else None
        if found is None:
            found = self.repo.check_content(relpath)
            self._remember(relpath, found)
        problems, attachments = found
        return problems + self.repo.placed_attachment_problems(relpath, attachments)

    def _remember(self, relpath: str, found: Found) -> None:
        self.parsed += 1
        blob = self._blob(relpath)
        if blob:
            problems, attachments = found
            rows = [_problem_row(p) for p in problems]
            self.cache.put(blob, {"path": relpath, "problems": rows, "attachments": [list(a) for a in attachments]})

    def save(self) -> None:
        self.cache.save()
