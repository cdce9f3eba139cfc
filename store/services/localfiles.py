"""cesam's own files outside the repository (the TUI's drafts): written whole, through the one atomic write.

The user interfaces may not import the git layer (import-linter), yet a file they keep must never
be left half-written: this is their way to store/gitio/fileio.py's ``atomic_write``.
"""

from __future__ import annotations

from pathlib import Path

from store.gitio.fileio import atomic_write


def write_whole(path: Path, data: str | bytes, *, durable: bool = True) -> None:
    """Replace ``path`` whole with ``data``, its folder made if missing. Raises OSError.

    ``durable`` syncs to disk before returning; a file rewritten on every keystroke passes False
    (the rename still leaves either the old file or the new one after a crash of the app).
    """
    atomic_write(path, data, durable=durable, make_parents=True)
