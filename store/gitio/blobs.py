"""Objects read through long-lived ``git cat-file`` processes, one pair per repository.

A history, a verification or a sync reads hundreds of small blobs. One
``cat-file --batch`` started once and asked object after object costs a
pipe round trip per blob, not a process. :func:`reader` keeps one
:class:`BlobReader` per :class:`Git` object; it is closed with
:meth:`BlobReader.close` (or when the ``Git`` is collected, or at exit), so
no process outlives its repository.

A request names an object (an id, ``REV:PATH``, ``REV^{commit}``); git
resolves names when asked, so a long-lived reader sees commits made after
it started. The index is the exception (cat-file reads it once): an index
entry (``:STAGE:PATH``) is read by a process of its own.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

from store.core.errors import GitError, words
from store.gitio.git import Git, GitFailed

if TYPE_CHECKING:
    import subprocess


@dataclass(frozen=True)
class ObjectInfo:
    oid: str
    type: str  # blob, tree, commit, tag
    size: int


class _Batch:
    """One ``git cat-file MODE`` process, asked one request at a time."""

    def __init__(self, git: Git, mode: str) -> None:
        self._proc: subprocess.Popen[bytes] = git.spawn("cat-file", mode)

    def _pipes(self) -> tuple[IO[bytes], IO[bytes]]:
        stdin, stdout = self._proc.stdin, self._proc.stdout
        if stdin is None or stdout is None:  # pragma: no cover - spawn always opens both
            raise GitError(words("err.blob_reader_no_pipes"))
        return stdin, stdout

    def ask(self, spec: str) -> tuple[ObjectInfo | None, IO[bytes]]:
        stdin, stdout = self._pipes()
        try:
            stdin.write(spec.encode("utf-8", "surrogateescape") + b"\n")
            stdin.flush()
        except OSError as exc:
            raise self._stopped(str(exc)) from None
        header = stdout.readline()
        if not header.endswith(b"\n"):
            raise self._stopped("no answer")
        parts = header.split()
        if len(parts) != 3:  # "SPEC missing", "SPEC ambiguous"
            return None, stdout
        return ObjectInfo(parts[0].decode("ascii"), parts[1].decode("ascii"), int(parts[2])), stdout

    def _stopped(self, why: str) -> GitFailed:
        # not a repository (any more), or git killed: the caller sees git fail, as with any command
        self.close()
        return GitFailed(["cat-file", "--batch"], self._proc.returncode or 1, f"git cat-file stopped: {why}")

    def close(self) -> None:
        proc = self._proc
        if proc.stdin:
            with suppress(OSError):
                proc.stdin.close()
        try:
            proc.wait(timeout=5)
        except Exception:
            proc.kill()
            proc.wait()
        if proc.stdout:
            proc.stdout.close()


class BlobReader:
    """Object contents and headers from one ``--batch`` and one ``--batch-check`` process."""

    def __init__(self, git: Git) -> None:
        # a copy: the reader must not keep the caller's Git alive (it is closed when that one goes)
        self._git = Git(git.root, git.env)
        self._lock = threading.Lock()  # a UI reads history from worker threads
        self._contents: _Batch | None = None
        self._headers: _Batch | None = None
        self.closed = False

    def _batch(self, check: bool) -> _Batch:
        if self.closed:
            raise GitError(words("err.blob_reader_closed"))
        if check:
            if self._headers is None:
                self._headers = _Batch(self._git, "--batch-check")
            return self._headers
        if self._contents is None:
            self._contents = _Batch(self._git, "--batch")
        return self._contents

    def info(self, specs: Iterable[str]) -> dict[str, ObjectInfo | None]:
        """What each spec names (None: missing, or not a name git can read)."""
        found: dict[str, ObjectInfo | None] = {}
        with self._lock:
            for spec in dict.fromkeys(specs):
                if not spec or "\n" in spec or spec.startswith("-"):
                    found[spec] = None
                    continue
                if spec.startswith(":"):  # an index entry: see _from_index
                    parts = self._git.run("cat-file", "--batch-check", stdin=spec + "\n").split()
                    found[spec] = ObjectInfo(parts[0], parts[1], int(parts[2])) if len(parts) == 3 else None
                    continue
                try:
                    found[spec], _ = self._batch(True).ask(spec)
                except GitFailed:
                    self._headers = None  # started again on the next call
                    raise
        return found

    def read(self, specs: Iterable[str], *, kind: str | None = "blob") -> dict[str, bytes]:
        """The contents of the objects named, by spec; missing ones (and other kinds than ``kind``) are left out."""
        found: dict[str, bytes] = {}
        with self._lock:
            for spec in dict.fromkeys(specs):
                if not spec or "\n" in spec or spec.startswith("-"):
                    continue
                if spec.startswith(":"):
                    # an index entry (":2:PATH"): a long-lived cat-file reads the index once, so a
                    # merge's index is asked of a fresh process each time
                    data = self._from_index(spec, kind)
                    if data is not None:
                        found[spec] = data
                    continue
                try:
                    info, stdout = self._batch(False).ask(spec)
                except GitFailed:
                    self._contents = None
                    raise
                if info is None:
                    continue
                data = stdout.read(info.size + 1)  # the content and git's newline after it
                if len(data) != info.size + 1:
                    self._contents = None
                    raise GitFailed(["cat-file", "--batch"], 1, "git cat-file stopped in the middle of an object")
                if kind is None or info.type == kind:
                    found[spec] = data[:-1]
        return found

    def _from_index(self, spec: str, kind: str | None) -> bytes | None:
        try:
            if kind is not None and self._git.run("cat-file", "-t", spec) != kind:
                return None
            return self._git.run_bytes("cat-file", "-p" if kind is None else kind, spec)
        except GitFailed:
            return None

    def read_one(self, spec: str) -> bytes | None:
        return self.read([spec]).get(spec)

    def close(self) -> None:
        with self._lock:
            self.closed = True
            for batch in (self._contents, self._headers):
                if batch is not None:
                    batch.close()
            self._contents = self._headers = None


_readers: weakref.WeakKeyDictionary[Git, BlobReader] = weakref.WeakKeyDictionary()
_readers_lock = threading.Lock()


def reader(git: Git) -> BlobReader:
    """The repository's long-lived reader, started on first use and closed with ``git``."""
    with _readers_lock:
        found = _readers.get(git)
        if found is None or found.closed:
            found = BlobReader(git)
            _readers[git] = found
            # closed when the Git object goes, or at exit: never a process left behind
            weakref.finalize(git, found.close)
        return found


def close_reader(git: Git) -> None:
    """Stop the repository's reader now (a caller about to delete the repository, say)."""
    with _readers_lock:
        found = _readers.pop(git, None)
    if found is not None:
        found.close()
