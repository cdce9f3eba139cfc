"""``cesam site --serve``: the built folder on 127.0.0.1 for a local preview, nothing more."""

from __future__ import annotations

import contextlib
import functools
import http.server
from collections.abc import Callable
from pathlib import Path


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass  # a preview prints its address once, not a line per request


def server(folder: Path, port: int = 0) -> http.server.ThreadingHTTPServer:
    """A server of ``folder`` bound to 127.0.0.1 only (port 0: any free one; ``server_address`` says which)."""
    handler = functools.partial(_Quiet, directory=str(folder))
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)


def serve(folder: Path, port: int, announce: Callable[[str], None]) -> None:
    with server(folder, port) as httpd:
        host, chosen = httpd.server_address[:2]
        announce(f"http://{host!s}:{chosen}/")
        with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C ends the preview, not with a traceback
            httpd.serve_forever()
