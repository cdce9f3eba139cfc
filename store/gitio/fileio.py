"""The one way cesam replaces a file: atomically, so a crash leaves the old or the new one, never half.

Meeting files, the pending-sync record and the caches in ``.git`` all go
through :func:`atomic_write`. The temporary file sits next to the target
(a rename is atomic only within one filesystem) and is named with
:data:`TMP_MARK` and the writer's pid, so a crash's leftover is recognised
and swept (store.services.recovery).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import BinaryIO

#: marks a temporary file of an interrupted write ("NAME.cesam-tmp-PID", or "…-PID.THREAD")
TMP_MARK = ".cesam-tmp-"


def fsync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable (where the filesystem lets a folder be opened)."""
    with suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _writer_id() -> str:
    # the pid names a crash's leftover; a worker thread (a UI's cache writes) adds its own id so
    # two threads writing one file never share a temporary file
    if threading.current_thread() is threading.main_thread():
        return str(os.getpid())
    return f"{os.getpid()}.{threading.get_native_id()}"


def atomic_write(
    path: Path, data: str | bytes | Callable[[BinaryIO], None], *, durable: bool = True, make_parents: bool = False
) -> None:
    """Replace ``path`` whole with ``data`` (text is written as UTF-8; a callable writes into the file itself,
    unbuffered, for data too large to hold twice in memory).

    ``durable`` syncs the file and its folder before returning: what a user
    wrote survives a power cut. A cache passes False (losing it costs time
    only). Raises OSError; the temporary file is removed when the write fails.
    """
    if make_parents:
        path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}{TMP_MARK}{_writer_id()}")
    # O_NOFOLLOW: a symlink planted at the temporary name is never written through
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o644)
    try:
        with os.fdopen(fd, "wb", buffering=0) as out:
            if callable(data):
                data(out)
            else:
                view = memoryview(data.encode("utf-8") if isinstance(data, str) else data)
                while view:
                    written = out.write(view)
                    if not written:
                        raise OSError(f"could not write {path}")
                    view = view[written:]
            if durable:
                os.fsync(fd)
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            tmp.unlink()
        raise
    if durable:
        fsync_dir(path.parent)
