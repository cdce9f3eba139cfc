"""Helpers for the UI tests: start the app on a repository and wait for its workers."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

from textual.pilot import Pilot

from cesam_tui.app import CesamApp
from store.services.repository import Repository


def make_app(repo: Repository, *, expect_errors: bool = False, **kwargs: Any) -> CesamApp:
    """The app as tests see it: no watch timer, so nothing happens unless a test asks.

    The app survives an unexpected exception (a notification and a log line), so a test would not
    see it fail: unless ``expect_errors``, a run that reported one fails when it ends.
    """
    kwargs.setdefault("watch_interval", None)
    app = CesamApp(repo, **kwargs)
    if not expect_errors:
        run_test = app.run_test

        @contextlib.asynccontextmanager
        async def checked(*args: Any, **kw: Any) -> AsyncIterator[Pilot[Any]]:
            async with run_test(*args, **kw) as pilot:
                yield pilot
            assert not app.internal_errors, app.internal_errors

        app.run_test = checked  # type: ignore[method-assign]
    return app


async def settle(pilot: Pilot[Any]) -> None:
    """Let saves and reloads finish and the screen repaint.

    A finished worker may start the next (the list read, then the justering marks), and a
    loaded machine starts it later: wait until no worker is left twice in a row (bounded).
    """
    quiet = 0
    for round_ in range(60):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        quiet = quiet + 1 if all(worker.is_finished for worker in pilot.app.workers) else 0
        if round_ >= 2 and quiet >= 2:
            return


def commits(repo: Repository) -> list[tuple[str, str]]:
    """(subject, author) of every commit, newest first."""
    out = repo.git.run("log", "--format=%s%x09%an <%ae>")
    return [tuple(line.split("\t", 1)) for line in out.splitlines()]  # type: ignore[misc]


def meeting_text(repo: Repository, ref: str = "cesam/2023-09-05") -> str:
    return (repo.root / repo.resolve(ref).relpath).read_text(encoding="utf-8")


def run_async(test: Any) -> Any:
    """Run an async test without a pytest plugin: each test gets its own event loop."""
    import asyncio
    import functools

    @functools.wraps(test)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return asyncio.run(test(*args, **kwargs))

    return wrapper
