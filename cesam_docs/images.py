"""Images in documents: only files inside the repository, never a URL.

A body may hold ``![x](http://host/pixel.png)``. Fetched, that is a tracking
beacon, or a request from the secretary's machine to any address the data
names (an internal service), with whatever comes back printed in the
minutes. So documents fetch nothing: an image is drawn only when its source
is a relative path to a PNG, JPEG or GIF file inside the repository, read
without following a symbolic link; any other source is named in the text
instead ("[bild som inte hämtades: http://…]"). The PDF renderer's URL
fetcher refuses every scheme but ``data:`` (the images embedded here) and
``file:`` inside the repository. See docs/security.md.
"""

from __future__ import annotations

import base64
import os
import stat
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from store.core.paths import repo_path_problem

#: given an image's source as written in the Markdown, its bytes, or None when refused
ImageSource = Callable[[str], bytes | None]

MAX_IMAGE_BYTES = 10 * 1024 * 1024
_MAGIC = {
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"GIF87a": "image/gif",
    b"GIF89a": "image/gif",
}


def no_images(src: str) -> bytes | None:
    return None


def mime_type(data: bytes) -> str | None:
    return next((mime for magic, mime in _MAGIC.items() if data.startswith(magic)), None)


def data_uri(data: bytes) -> str:
    return f"data:{mime_type(data)};base64,{base64.b64encode(data).decode('ascii')}"


def relative_source(src: str) -> str | None:
    """The repository path an image source names, or None for a URL, an absolute or escaping path."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or parts.query or parts.fragment or src.startswith(("/", "\\")):
        return None
    path = unquote(parts.path)
    if repo_path_problem(path):
        return None
    return "/".join(p for p in path.replace("\\", "/").split("/") if p not in ("", "."))


def read_inside(root: Path, relpath: str) -> bytes | None:
    """The bytes of ``root/relpath`` when every step is a real folder or file inside ``root``."""
    current = root
    for part in relpath.split("/"):
        current = current / part
        try:
            mode = os.lstat(current).st_mode
        except OSError:
            return None
        if stat.S_ISLNK(mode):
            return None  # a link committed by anyone with push access may point anywhere
    if not stat.S_ISREG(mode) or os.lstat(current).st_size > MAX_IMAGE_BYTES:
        return None
    try:
        return current.read_bytes()
    except OSError:
        return None


def repository_images(root: Path) -> ImageSource:
    """Images from files inside the repository at ``root``, by relative path; PNG, JPEG or GIF only."""
    base = root.resolve()

    def load(src: str) -> bytes | None:
        relpath = relative_source(src)
        if relpath is None:
            return None
        data = read_inside(base, relpath)
        return data if data is not None and mime_type(data) else None

    return load


def file_url_inside(url: str, root: Path | None) -> bytes | None:
    """For the PDF fetcher: a ``file:`` URL's image bytes when it names a file inside ``root``."""
    if root is None:
        return None
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = Path(unquote(parts.path))
    base = root.resolve()
    try:
        relpath = path.relative_to(base).as_posix()
    except ValueError:
        return None
    if repo_path_problem(relpath):
        return None
    data = read_inside(base, relpath)
    return data if data is not None and mime_type(data) else None
