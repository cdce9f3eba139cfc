"""The app's link to the repository: saves and watching, always in worker threads.

Every confirmed change goes through :meth:`Session.save`: one ``repo.apply``
in a thread worker, serialised by a lock so two quick confirmations commit in
the order they were made. A failure becomes a notification with the cause;
the widget that holds the typed text is never touched, so nothing typed is
lost. A timer compares HEAD and the meeting files' mtimes with what the app
last saw, and reloads what changed outside the app.
"""

from __future__ import annotations

import dataclasses
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import App
from textual.notifications import SeverityLevel
from textual.worker import Worker, WorkerState

from cesam_tui.drafts import Drafts
from cesam_tui.guard import Guarded, guarded, write_log
from cesam_tui.strings import t
from store.core.errors import CesamError
from store.core.model import Meeting
from store.core.text import visible
from store.services.justering import Verification
from store.services.repository import LoadedMeeting, MeetingRef, Repository, SaveResult
from store.services.summary import MeetingSummary, SummaryCache, fingerprint
from store.services.sync import SyncStatus, sync_status

Change = Callable[[Meeting], None]

#: seconds a "Sparat" toast stays
SAVED_TIMEOUT = 3.0
#: seconds a warning or an error stays: long enough to read a sentence naming a file and what to do
KEPT_TIMEOUT = 8.0


@dataclass(frozen=True)
class MeetingUpdate:
    """What a screen showing a meeting is told after a save or an outside change."""

    ref: MeetingRef
    loaded: LoadedMeeting | None
    error: str = ""  # the file no longer loads: "file:line: message"
    external: bool = False  # changed outside the app


@dataclass(frozen=True)
class RepoStatus:
    root: str
    branch: str | None
    ahead_behind: tuple[int, int] | None
    operation: str | None
    unmerged: tuple[str, ...]
    dirty: tuple[str, ...]
    #: what `cesam status` says (ahead/behind, unsynced commits, open conflict); None until computed
    sync: SyncStatus | None = None


class Session(Guarded, App[int]):
    """An App that owns the repository. Screens call ``save``; workers do the rest."""

    def __init__(self, repo: Repository) -> None:
        super().__init__()
        self.repo = repo
        self.summary_cache = SummaryCache(repo)
        self._save_lock = threading.Lock()
        self._seen = ("", ())  # type: tuple[str, tuple[tuple[str, int, int], ...]]
        self.summaries: list[MeetingSummary] = []
        self.repo_status: RepoStatus | None = None
        #: the status line's facts; local git only, never the network
        self.sync_status_of: Callable[[Repository], SyncStatus] = sync_status
        #: a sync is moving HEAD: the watcher must not report its work as an outside change
        self.syncing = False
        #: the step a running sync is at, shown in the status line
        self.sync_step: str | None = None
        #: the justering state of each meeting, and the held meetings past their window
        self.justering: dict[MeetingRef, Verification] = {}
        self.overdue: set[MeetingRef] = set()
        #: unexpected errors reported while running (the tests check it stays empty)
        self.internal_errors: list[BaseException] = []
        #: typed text not yet saved, per meeting and field; survives a crash
        self.drafts = Drafts(repo.root)
        #: confirmed drafts whose save is under way: not offered back while it runs
        self.busy_drafts: set[str] = set()
        #: warnings and errors still due on screen: (until, text, title, severity)
        self._kept_toasts: list[tuple[float, str, str, SeverityLevel]] = []

    # ------------------------------------------------------------ messages to the user

    def notify_text(self, text: str, *, severity: SeverityLevel = "information", title: str = "") -> None:
        """Notifications carry user text (titles, names): never markup."""
        shown, heading = visible(text), visible(title, keep="")
        if severity != "information":
            # a warning or an error stays in view: the next "Sparat" must not sweep it away
            self._kept_toasts.append((time.monotonic() + KEPT_TIMEOUT, shown, heading, severity))
        self.notify(shown, title=heading, severity=severity, markup=False, timeout=KEPT_TIMEOUT)

    def notify_saved(self, text: str) -> None:
        """'Sparat: …' replaces the previous one: a run of saves shows one toast, not a column over the form."""
        # Textual has no public way to take back one toast: clear them all, then show again the
        # warnings and errors that are still due, with the time they have left
        self.clear_notifications()
        now = time.monotonic()
        self._kept_toasts = [kept for kept in self._kept_toasts if kept[0] > now]
        for until, shown, heading, severity in self._kept_toasts:
            self.notify(shown, title=heading, severity=severity, markup=False, timeout=until - now)
        self.notify(visible(text), markup=False, timeout=SAVED_TIMEOUT)

    def notify_error(self, exc: BaseException, title: str = "") -> None:
        if isinstance(exc, CesamError):
            self.notify_text(str(exc), severity="error", title=title or t("error.title"))
        else:
            self.report_error(exc, title)

    def report_error(self, exc: BaseException, title: str = "") -> None:
        """The one path of an unexpected exception: a line in cesam's log and a notification; the app goes on."""
        self.internal_errors.append(exc)
        self.log.error("".join(traceback.format_exception(exc)))
        where = write_log(exc)
        text = t("error.internal", error=f"{type(exc).__name__}: {exc}")
        if where is not None:
            text += "\n" + t("error.logged", file=str(where))
        self.notify_text(text, severity="error", title=title or t("error.internal_title"))

    # one override for both of Textual's overloads (which differ only in the return type), so not their signature
    def push_screen(self, screen: Any, callback: Any = None, wait_for_dismiss: bool = False) -> Any:  # type: ignore[override]
        # a dialog's callback is a handler too: its errors take the one error path
        if callback is not None:
            callback = guarded(callback)
        # wait_for_dismiss is a plain bool here; Textual's overloads want a Literal to choose the return type
        return super().push_screen(screen, callback, wait_for_dismiss=wait_for_dismiss)  # type: ignore[call-overload]

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # the one place a failed worker becomes a message; the UI goes on
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.notify_error(event.worker.error)

    # ------------------------------------------------------------ saving

    def save(
        self,
        ref: MeetingRef,
        change: Change,
        on_saved: Callable[[SaveResult], None] | None = None,
        on_failed: Callable[[], None] | None = None,
    ) -> None:
        """One confirmed change: one ``repo.apply`` (one commit) in a worker thread."""
        drafts = [k for k in self.drafts.confirmed(ref) if k not in self.busy_drafts]
        self.busy_drafts.update(drafts)  # what this save carries; they go once it is in git

        def saved(result: SaveResult) -> None:
            self.busy_drafts.difference_update(drafts)
            self.drafts.settle(drafts)
            if on_saved is not None:
                on_saved(result)

        def failed() -> None:
            self.busy_drafts.difference_update(drafts)  # offered back when the form opens again
            if on_failed is not None:
                on_failed()

        self.run_worker(
            lambda: self._save_in_thread(ref, change, saved, failed),
            thread=True,
            group="save",
            exit_on_error=False,
        )

    def _save_in_thread(
        self,
        ref: MeetingRef,
        change: Change,
        on_saved: Callable[[SaveResult], None] | None,
        on_failed: Callable[[], None] | None,
    ) -> None:
        with self._save_lock:
            try:
                result = self.repo.apply(ref, change)
                loaded = self.repo.load(ref)
            except Exception as exc:
                self.call_from_thread(self.notify_error, exc)
                if on_failed is not None:
                    self.call_from_thread(on_failed)
                return
            self._seen = fingerprint(self.repo)
        self.call_from_thread(self._saved, result, loaded, on_saved)

    def _saved(self, result: SaveResult, loaded: LoadedMeeting, on_saved: Callable[[SaveResult], None] | None) -> None:
        if result.changed:
            self.notify_saved(t("saved", message=result.message.splitlines()[0]))
        self.broadcast(MeetingUpdate(loaded.ref, loaded))
        if on_saved is not None:
            on_saved(result)
        self.refresh_summaries()

    def save_with(
        self, ref: MeetingRef, work: Callable[[], SaveResult], on_saved: Callable[[SaveResult], None] | None = None
    ) -> None:
        """A change made by a store function (a restore) rather than a Change: same lock, same aftermath."""

        def run() -> None:
            with self._save_lock:
                try:
                    result = work()
                    loaded = self.repo.load(ref)
                except Exception as exc:
                    self.call_from_thread(self.notify_error, exc)
                    return
                self._seen = fingerprint(self.repo)
            self.call_from_thread(self._saved, result, loaded, on_saved)

        self.run_worker(run, thread=True, group="save", exit_on_error=False)

    def create_meeting(self, build: Callable[[], Meeting], on_created: Callable[[MeetingRef], None]) -> None:
        """Build a meeting (it reads earlier meetings, so in the worker too) and commit it."""

        def work() -> None:
            with self._save_lock:
                try:
                    result = self.repo.create(build())
                except CesamError as exc:
                    self.call_from_thread(self.notify_error, exc)
                    return
                self._seen = fingerprint(self.repo)
            self.call_from_thread(self.notify_saved, t("saved", message=result.message.splitlines()[0]))
            self.call_from_thread(self.refresh_summaries)
            if result.ref is not None:
                self.call_from_thread(on_created, result.ref)

        self.run_worker(work, thread=True, group="save", exit_on_error=False)

    def run_commit(
        self,
        work: Callable[[], str | None],
        *,
        ref: MeetingRef | None = None,
        after: Callable[[], None] | None = None,
        title: str = "",
    ) -> None:
        """A store function that commits (roster, justering, reopen): same lock and aftermath as a save.

        ``work`` returns what to tell the user, None when nothing changed. The meeting ``ref``
        is read again and shown; the summaries and justering marks are refreshed.
        """

        def run() -> None:
            loaded: LoadedMeeting | None = None
            with self._save_lock:
                try:
                    told = work()
                    loaded = self.repo.load(ref) if ref is not None else None
                except Exception as exc:
                    self.call_from_thread(self.notify_error, exc, title)
                    return
                self._seen = fingerprint(self.repo)
            self.call_from_thread(self.notify_text, told if told is not None else t("unchanged"))
            if loaded is not None:
                self.call_from_thread(self.broadcast, MeetingUpdate(loaded.ref, loaded))
            self.call_from_thread(self.refresh_summaries)
            if after is not None:
                self.call_from_thread(after)

        self.run_worker(run, thread=True, group="save", exit_on_error=False)

    def broadcast(self, update: MeetingUpdate) -> None:
        for screen in list(self.screen_stack):
            handler = getattr(screen, "meeting_updated", None)
            if handler is not None:
                handler(update)

    # ------------------------------------------------------------ reading

    def refresh_summaries(self) -> None:
        self.run_worker(self._summaries_in_thread, thread=True, group="summaries", exclusive=True, exit_on_error=False)

    def _summaries_in_thread(self) -> None:
        state = self.repo.state()
        status = RepoStatus(
            root=Path(self.repo.root).name,
            branch=state.branch,
            ahead_behind=None,
            operation=state.operation,
            unmerged=tuple(state.unmerged),
            dirty=tuple(state.modified + state.untracked),
        )

        def progress(partial: list[MeetingSummary]) -> None:
            # a cold cache: show the newest meetings while the older ones are read
            self.call_from_thread(self._summaries_ready, partial, status)

        summaries = self.summary_cache.summaries(state, progress)
        self.call_from_thread(self._summaries_ready, summaries, status)
        self.call_from_thread(self.refresh_justering)
        # the remote comparison comes second: the list is on screen before it
        try:
            facts = self.sync_status_of(self.repo)
        except CesamError:
            return
        ahead = (facts.ahead, facts.behind) if facts.upstream else None
        self.call_from_thread(
            self._summaries_ready, summaries, dataclasses.replace(status, ahead_behind=ahead, sync=facts)
        )

    def refresh_justering(self) -> None:
        self.run_worker(self._justering_in_thread, thread=True, group="justering", exclusive=True, exit_on_error=False)

    def _justering_in_thread(self) -> None:
        # only meetings changed since the last verification are verified again (a cache in .git)
        from store.services.justering import justering_window
        from store.services.verifycache import verify_all

        try:
            results = verify_all(self.repo)
            overdue = {w.ref for w in justering_window(self.repo, results=results) if w.overdue}
        except CesamError:
            return
        self.call_from_thread(self._justering_ready, {r.ref: r for r in results}, overdue)

    def _justering_ready(self, results: dict[MeetingRef, Verification], overdue: set[MeetingRef]) -> None:
        self.justering = results
        self.overdue = overdue
        for screen in list(self.screen_stack):
            handler = getattr(screen, "justering_updated", None)
            if handler is not None:
                handler()

    def _summaries_ready(self, summaries: list[MeetingSummary], status: RepoStatus) -> None:
        self.summaries = summaries
        self.repo_status = status
        for screen in list(self.screen_stack):
            handler = getattr(screen, "summaries_updated", None)
            if handler is not None:
                handler(summaries, status)

    # ------------------------------------------------------------ watching

    def start_watching(self, interval: float) -> None:
        self._seen = fingerprint(self.repo)
        self.set_interval(interval, self.check_outside_changes, name="watch")

    def check_outside_changes(self) -> None:
        self.run_worker(self._watch_in_thread, thread=True, group="watch", exclusive=True, exit_on_error=False)

    def _watch_in_thread(self) -> None:
        if self.syncing or not self._save_lock.acquire(blocking=False):
            return  # our own save or sync is under way; look again next time
        try:
            changed = self._take_changes()
        finally:
            self._save_lock.release()
        if changed is None:
            return
        self.call_from_thread(self._outside_changes, changed, self._updates(changed))

    def _take_changes(self) -> list[str] | None:
        """Meeting files changed since the app last looked (None: nothing), and remember the new state."""
        seen = fingerprint(self.repo)
        if seen == self._seen:
            return None
        before = dict((p, (m, s)) for p, m, s in self._seen[1])
        after = dict((p, (m, s)) for p, m, s in seen[1])
        self._seen = seen
        return sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))

    def reload_after_git(self) -> None:
        """In a worker, after our own sync or resolve moved HEAD: screens reload, without an 'outside' notice."""
        with self._save_lock:
            changed = self._take_changes() or []
        self.call_from_thread(self._outside_changes, changed, self._updates(changed), False)

    def _updates(self, changed: list[str]) -> list[MeetingUpdate]:
        updates: list[MeetingUpdate] = []
        for path in changed:
            ref = MeetingRef.from_relpath(path)
            if ref is None:
                continue
            if not self.repo.exists(ref):
                updates.append(
                    MeetingUpdate(ref, None, error=t("external.broken", file=path, problem="–"), external=True)
                )
                continue
            try:
                updates.append(MeetingUpdate(ref, self.repo.load(ref), external=True))
            except CesamError as exc:
                problems = getattr(exc, "problems", None)
                problem = str(problems[0]) if problems else exc.message
                updates.append(MeetingUpdate(ref, None, error=problem, external=True))
        return updates

    def _outside_changes(self, changed: list[str], updates: list[MeetingUpdate], outside: bool = True) -> None:
        if changed and outside:
            self.notify_text(t("external.changed", files=", ".join(changed[:4]) + (" …" if len(changed) > 4 else "")))
        for update in updates:
            if update.error:
                self.notify_text(update.error, severity="error", title=t("error.load"))
            self.broadcast(update)
        self.refresh_summaries()


def literal(text: str, style: str = "") -> Text:
    """User text for display: never markup; C0, C1, DEL, bidi controls and lone surrogates made
    visible by the one output gate, :func:`store.core.text.visible` (``\\x1b``, ``\\u202e``)."""
    return Text(visible(text, keep="\n"), style=style)
