"""One cache of facts about file contents, keyed by git blob id.

A blob id names content, so what was computed from a blob (a meeting's
summary, the problems ``cesam check`` found in it) stays right for as long as
the code that computed it and whatever else it read (cesam.toml) are the
same. Each kind of fact has its own file in the user's cache folder, in one
format: a JSON object with a ``context`` string and the ``entries`` by blob id.
The context names the format, the cesam version and whatever the caller
says the facts depend on (the hash of cesam.toml for ``check``); a file whose
context differs is not used and is replaced on the next save.

A file that cannot be read or parsed, or has the wrong shape, is ignored,
never trusted: the cost of a lost cache is time, never a wrong answer. The
values are plain JSON and each caller checks the shape of what it reads.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path
from typing import Any

FORMAT = "cesam-blobcache-1"
_VERSION: list[str] = []


def cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("cesam"))


def cesam_version() -> str:
    """cesam's version and a digest of its core code (the codec, the model, validation).

    The digest makes a development checkout whose code changed without a new version
    compute its facts again. Read once per process; importlib.metadata is not used
    because importing it costs more than a warm `cesam list` has to spend.
    """
    if not _VERSION:
        import store
        import store.core

        digest = hashlib.sha256()
        folder = Path(str(store.core.__file__)).parent
        for path in sorted(folder.glob("*.py")):
            with contextlib.suppress(OSError):
                digest.update(path.name.encode() + b"\0" + path.read_bytes())
        _VERSION.append(f"{store.__version__}+{digest.hexdigest()[:12]}")
    return _VERSION[0]


def text_hash(text: str | bytes) -> str:
    """A short, stable hash of what the cached facts also depend on (e.g. cesam.toml)."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return hashlib.sha256(data).hexdigest()[:16]


class BlobCache:
    """Facts of one ``kind`` by blob id, valid for one ``depends_on`` (plus format and cesam version)."""

    def __init__(self, kind: str, depends_on: str = "", path: Path | None = None) -> None:
        self.path = path or cache_dir() / f"{kind}.json"
        self.context = f"{FORMAT}|{kind}|{cesam_version()}|{depends_on}"
        self._entries: dict[str, Any] | None = None
        self._dirty = False

    @property
    def entries(self) -> dict[str, Any]:
        if self._entries is None:
            self._entries = self._read()
        return self._entries

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError, UnicodeDecodeError):
            return {}  # missing, truncated, not JSON: start empty
        if not isinstance(data, dict) or data.get("context") != self.context:
            return {}  # another format, version or configuration
        entries = data.get("entries")
        return entries if isinstance(entries, dict) else {}

    def get(self, blob: str) -> Any:
        return self.entries.get(blob)

    def put(self, blob: str, value: Any) -> None:
        self.entries[blob] = value
        self._dirty = True

    def save(self) -> None:
        """Write the cache if anything was added; a cache that cannot be written only costs time."""
        if not self._dirty or self._entries is None:
            return
        from store.services.repository import atomic_write

        text = json.dumps(
            {"context": self.context, "entries": self._entries}, ensure_ascii=False, separators=(",", ":")
        )
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, text)
        self._dirty = False
