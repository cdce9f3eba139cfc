"""What an approval is of: the content hash of a meeting, by version.

Pure: no git, no files. The bilaga files' blob ids are looked up by the caller
(store/meeting_blobs.py) in the commit being hashed and passed in.

- **Version 1** (tags without ``Cesam-Hash-Version``, made before cesam hashed
  bilagor): :func:`codec.content_hash` of the meeting with ``status`` and
  ``adjusted_on`` left out.
- **Version 2** (``Cesam-Hash-Version: 2``, every tag cesam makes now): version
  1, plus the blob id of every file the meeting names as a bilaga, as it is in
  the approved commit (or "missing"). A meeting that names no file hashes the
  same in both versions.

An approval is always checked by the definition it was made with, so tags
made before version 2 keep verifying; they do not see bilaga bytes.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Mapping

from store.core import codec
from store.core.model import Meeting, Status
from store.core.paths import repo_path_problem

HASH_V1 = 1
HASH_V2 = 2
CURRENT_VERSION = HASH_V2
VERSIONS = (HASH_V1, HASH_V2)
MISSING = "missing"  # a named bilaga file the commit does not hold


def justering_hash_v1(meeting: Meeting) -> str:
    """The content without ``status`` and ``adjusted_on``, which record the justering itself."""
    bare = dataclasses.replace(meeting, status=Status.DRAFT, adjusted_on=None)
    return codec.content_hash(bare)


def bilaga_files(meeting: Meeting) -> tuple[str, ...]:
    """Every repository file the meeting names as a bilaga, normalised, sorted, once each.

    A name that is not a plain path inside the repository (validation reports
    it) is kept as written: its "file" is then missing, which still counts.
    """
    files = set()
    for item in meeting.items:
        for attachment in item.attachments:
            if attachment.file:
                files.add(normalise_file(attachment.file))
    return tuple(sorted(files))


def normalise_file(name: str) -> str:
    if repo_path_problem(name):
        return name
    path = name.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return "/".join(part for part in path.split("/") if part not in ("", "."))


def combine(v1: str, blobs: Mapping[str, str | None]) -> str:
    """Version 2 from version 1 and the bilaga files' blob ids (None: missing)."""
    if not blobs:
        return v1
    rows = {path: oid or MISSING for path, oid in blobs.items()}
    text = json.dumps({"meeting": v1, "bilagor": rows}, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(("cesam-justering-v2\n" + text).encode("utf-8")).hexdigest()


def justering_hash(meeting: Meeting, bilagor: Mapping[str, str | None] | None = None) -> str:
    """The current (version 2) hash; ``bilagor`` maps each of :func:`bilaga_files` to its blob id.

    Raises ValueError when the meeting names files whose blobs were not given:
    leaving them out silently would approve bytes nobody looked up.
    """
    files = bilaga_files(meeting)
    given = bilagor or {}
    if any(f not in given for f in files):
        raise ValueError("the blob of every bilaga file is needed for the hash")
    return combine(justering_hash_v1(meeting), {f: given[f] for f in files})


def digest_for(version: int, v1: str, blobs: Mapping[str, str | None]) -> str:
    """The hash of one meeting version by the definition ``version``."""
    return v1 if version == HASH_V1 else combine(v1, blobs)


__all__ = [
    "CURRENT_VERSION",
    "HASH_V1",
    "HASH_V2",
    "VERSIONS",
    "bilaga_files",
    "combine",
    "digest_for",
    "justering_hash",
    "justering_hash_v1",
]
