"""Sync and conflict resolution from the UI: ``store.services.sync`` in worker threads, the outcome as notifications.

The network never runs on the event loop: each step of a sync reaches the
status line through ``call_from_thread``. A sync that stops on a conflict
opens the resolution screen; settling it is one ``store.services.sync.resolve`` (one
merge commit), also in a worker.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from store.core.errors import CesamError, ConflictError
from store.core.merge import Choice
from store.services.sync import PendingMerge, ResolveResult, SyncResult, find_conflicts, resolve, sync

if TYPE_CHECKING:
    from cesam_tui.session import Session


def start_sync(session: Session) -> None:
    """Fetch, combine, push in a worker; one sync at a time."""
    if session.syncing:
        session.notify_text(session.t("sync.busy"), severity="warning")
        return
    session.syncing = True
    _show_step(session, session.t("sync.starting"))
    session.run_worker(lambda: _sync_in_thread(session), thread=True, group="sync", exit_on_error=False)


def _sync_in_thread(session: Session) -> None:
    def progress(step: str) -> None:
        session.call_from_thread(_show_step, session, step)

    result: SyncResult | None = None
    error: CesamError | None = None
    pending: PendingMerge | None = None
    try:
        result = sync(session.repo, progress=progress, lang=session.lang)
    except ConflictError as exc:  # SyncConflict, or an earlier conflict still open
        error = exc
        try:
            pending = find_conflicts(session.repo, session.lang)
        except CesamError:
            pending = None
    except CesamError as exc:
        error = exc
    except Exception:
        # the worker's failure becomes a notice (Session.on_worker_state_changed); the UI goes on
        session.syncing = False
        session.call_from_thread(_finish, session)
        raise
    try:
        session.reload_after_git()  # also after a failed push: a fast-forward may have come before it
    finally:
        session.syncing = False
    session.call_from_thread(_finish, session, result, error, pending)


def _show_step(session: Session, step: str | None) -> None:
    from cesam_tui.widgets.status import StatusLine

    session.sync_step = step
    for screen in session.screen_stack:
        for line in screen.query(StatusLine):
            line.show(session.repo_status)


def _finish(
    session: Session,
    result: SyncResult | None = None,
    error: CesamError | None = None,
    pending: PendingMerge | None = None,
) -> None:
    _show_step(session, None)
    if result is not None:
        text = result.summary(session.lang)
        if result.warnings:
            text += "\n" + "\n".join(result.warnings)
        session.notify_text(
            text, title=session.t("sync.title"), severity="warning" if result.warnings else "information"
        )
    elif error is not None:
        conflict = pending is not None and bool(pending.conflicts)
        session.notify_text(
            str(error),
            title=session.t("sync.conflict") if conflict else session.t("sync.failed"),
            severity="warning" if conflict else "error",
        )
        if pending is not None and pending.conflicts:
            open_resolution(session, pending)
    session.refresh_summaries()


def start_resolve(session: Session) -> None:
    """Open the resolution screen for whatever waits (after a sync, or a plain git merge)."""

    def work() -> None:
        pending = find_conflicts(session.repo, session.lang)
        if pending is None or not pending.conflicts:
            session.call_from_thread(session.notify_text, session.t("sync.no_conflict"))
            return
        session.call_from_thread(open_resolution, session, pending)

    session.run_worker(work, thread=True, group="resolve", exclusive=True, exit_on_error=False)


def open_resolution(session: Session, pending: PendingMerge) -> None:
    from cesam_tui.screens.resolve import ResolveScreen

    if not isinstance(session.screen, ResolveScreen):
        session.push_screen(ResolveScreen(pending))


def settle(session: Session, choices: Mapping[str, Choice], on_done: Callable[[], None]) -> None:
    """One ``resolve`` (one merge commit with both parents) in a worker; ``on_done`` runs on success."""

    def work() -> None:
        try:
            with session.writing:
                result: ResolveResult = resolve(session.repo, choices, lang=session.lang)
        except CesamError as exc:
            session.call_from_thread(session.notify_error, exc, session.t("sync.conflict"))
            return
        session.reload_after_git()
        message = result.message.splitlines()[0]
        session.call_from_thread(
            session.notify_text, session.t("resolve.done", message=message), title=session.t("sync.title")
        )
        session.call_from_thread(on_done)
        session.call_from_thread(session.refresh_summaries)

    session.run_worker(work, thread=True, group="resolve", exclusive=True, exit_on_error=False)
