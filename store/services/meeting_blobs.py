"""Meeting versions read from git in batches, and what verify needs of each.

Blob ids name content, so what a blob says never changes: :data:`SNAPS`
lives as long as the process (a TUI verifies again cheaply) and in .git
between runs (``cesam-justering-cache.json``), keyed by the code that
computes the hash.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from store.core import codec, content_hash, model
from store.core.config import Group
from store.core.content_hash import bilaga_files, digest_for, justering_hash_v1
from store.core.model import Meeting, Status
from store.gitio import blobs as gitblobs
from store.gitio.fileio import atomic_write
from store.gitio.git import Git
from store.services import parallel
from store.services.approvals import required_approvers
from store.services.repository import Repository


@dataclass(frozen=True)
class Snap:
    """What verify needs of one meeting version (one blob)."""

    status: Status
    adjusted_on: dt.date | None
    digest: str  # version 1: the meeting's own content
    adjusters: tuple[str, ...]
    chair: str
    files: tuple[str, ...] = ()  # the bilaga files it names

    def required(self, group: Group | None) -> list[str]:
        return required_approvers(Meeting("", dt.date.min, adjusters=list(self.adjusters), chair=self.chair), group)


SNAPS: dict[str, Snap | None] = {}
_SNAP_LIMIT = 50_000
_CACHE_FILE = "cesam-justering-cache.json"
_CACHE_LOADED: set[Path] = set()


def _code_salt() -> str:
    digest = hashlib.sha256()
    for module in (codec, model, content_hash):
        digest.update(Path(str(module.__file__)).read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()


def cache_path(repo: Repository) -> Path:
    return repo.git_dir / _CACHE_FILE


def use_cache(repo: Repository, use: bool) -> None:
    """Forget the process cache (``use`` False), or fill it from .git once per repository."""
    if not use:
        SNAPS.clear()
    elif repo.git_dir not in _CACHE_LOADED:
        _CACHE_LOADED.add(repo.git_dir)
        _load_cache(repo)


def _load_cache(repo: Repository) -> None:
    """Fill the process cache from .git; a missing, stale or broken cache is simply not used."""
    try:
        data = json.loads(cache_path(repo).read_text(encoding="utf-8"))
        if data.get("salt") != _code_salt():
            return
        for oid, row in data["snaps"].items():
            if oid in SNAPS:
                continue
            if row is None:
                SNAPS[oid] = None
            else:
                status, adjusted_on, digest, adjusters, chair, files = row
                day = dt.date.fromisoformat(adjusted_on) if adjusted_on else None
                SNAPS[oid] = Snap(Status(status), day, digest, tuple(adjusters), chair, tuple(files))
    except (OSError, ValueError, KeyError, TypeError):
        return


def save_cache(repo: Repository) -> None:
    rows = {
        oid: None
        if snap is None
        else [
            snap.status.value,
            snap.adjusted_on.isoformat() if snap.adjusted_on else None,
            snap.digest,
            list(snap.adjusters),
            snap.chair,
            list(snap.files),
        ]
        for oid, snap in SNAPS.items()
    }
    with contextlib.suppress(OSError):
        atomic_write(cache_path(repo), json.dumps({"salt": _code_salt(), "snaps": rows}, ensure_ascii=False))


_READ_AHEAD = 200


def _snaps_in_worker(root: str, oids: list[str]) -> list[Snap | None]:
    """What ``snap_of`` says of each blob, read and parsed in a worker process (store/services/parallel.py)."""
    git = Git(root)  # held: the reader is closed when its Git goes
    contents = gitblobs.reader(git).read(oids)
    return [snap_of(contents[oid]) if oid in contents else None for oid in oids]


def snap_of(data: bytes) -> Snap | None:
    try:
        meeting, _ = codec.loads(codec.decode_bytes(data))
    except codec.DecodeError:
        return None
    return snap_of_meeting(meeting)


def snap_of_meeting(meeting: Meeting) -> Snap:
    return Snap(
        meeting.status,
        meeting.adjusted_on,
        justering_hash_v1(meeting),
        tuple(meeting.adjusters),
        meeting.chair,
        bilaga_files(meeting),
    )


Key = tuple[int, str]  # (hash version, hash): what an approval is of


class Blobs:
    """Meeting versions read through the repository's long-lived ``git cat-file`` reader."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo
        self._specs: dict[str, tuple[str, int] | None] = {}

    def resolve(self, specs: Iterable[str]) -> None:
        """Find the object behind each ``commit:path``, commit or blob id, with its size."""
        todo = [s for s in dict.fromkeys(specs) if s not in self._specs and s not in SNAPS]
        if not todo:
            return
        for spec, info in gitblobs.reader(self.repo.git).info(todo).items():
            ok = info is not None and info.type in ("blob", "commit")
            self._specs[spec] = (info.oid, info.size) if info is not None and ok else None

    def oid(self, spec: str) -> str | None:
        if spec in SNAPS:
            return spec
        self.resolve([spec])
        found = self._specs.get(spec)
        return found[0] if found else None

    def load(self, specs: Iterable[str]) -> None:
        """Read and parse every blob behind ``specs`` not read before."""
        specs = list(specs)
        self.resolve(specs)
        wanted = {found for s in specs if (found := self._specs.get(s)) and found[0] not in SNAPS}
        todo = sorted(oid for oid, _ in wanted)
        if len(SNAPS) + len(todo) > _SNAP_LIMIT:
            SNAPS.clear()
        reader = gitblobs.reader(self.repo.git)
        place = {oid: n for n, oid in enumerate(todo)}
        read: dict[str, bytes] = {}

        def here(oid: str) -> Snap | None:
            if oid not in read:  # read ahead in batches: one round trip to cat-file per batch
                read.update(reader.read(todo[place[oid] : place[oid] + _READ_AHEAD]))
            data = read.pop(oid, None)
            # a missing blob (a shallow clone, a pruned object) reads as no meeting
            return None if data is None else snap_of(data)

        # a fresh clone's first verify parses every approved version: shared with worker processes
        for batch in parallel.shared(todo, here, _snaps_in_worker, str(self.repo.git.root)):
            for oid, snap in batch:
                SNAPS[oid] = snap

    def snap(self, spec: str) -> Snap | None:
        """The meeting behind ``commit:path`` or a blob id; None where missing or unreadable."""
        if spec in SNAPS:  # a blob id read before
            return SNAPS[spec]
        self.load([spec])
        found = self._specs.get(spec)
        return SNAPS.get(found[0]) if found else None

    def bilagor(self, commit: str, snap: Snap) -> dict[str, str | None]:
        """The blob id of each bilaga file ``snap`` names, as it is in ``commit`` (None: missing)."""
        specs = {f: f"{commit}:{f}" for f in snap.files}
        self.resolve(specs.values())
        return {f: (found[0] if (found := self._specs.get(spec)) else None) for f, spec in specs.items()}

    def preload_bilagor(self, commits: Iterable[str], relpath: str) -> None:
        """Resolve the bilaga files of the meeting in each commit in one batch."""
        specs = []
        for commit in commits:
            snap = self.snap(f"{commit}:{relpath}")
            if snap is not None:
                specs += [f"{commit}:{f}" for f in snap.files]
        self.resolve(specs)

    def keys(self, commit: str, relpath: str) -> dict[int, str] | None:
        """The meeting's hash in ``commit`` by every definition; None where missing or unreadable."""
        snap = self.snap(f"{commit}:{relpath}")
        if snap is None:
            return None
        blobs = self.bilagor(commit, snap) if snap.files else {}
        return {v: digest_for(v, snap.digest, blobs) for v in content_hash.VERSIONS}


def matches(keys: Mapping[int, str] | None, approved: Iterable[Key]) -> bool:
    """Whether a meeting version with these hashes is content someone approved."""
    return keys is not None and any(keys.get(version) == digest for version, digest in approved)
