"""The app's link to the repository: saves and watching, always in worker threads.

Every commit the UI makes is a :class:`SaveJob` run by :meth:`Session.commit` in the one
save worker (``save`` — one ``repo.apply`` — ``save_with``, ``create_meeting`` and
``run_commit`` only build the job), serialised by a lock so two quick confirmations commit
in the order they were made. A failure becomes a notification with the cause; the widget
that holds the typed text is never touched, so nothing typed is lost. What changed reaches
the screens as Textual messages (cesam_tui/messages.py). A timer compares HEAD and the
meeting files' mtimes with what the app last saw, and reloads what changed outside the app.
"""

from __future__ import annotations

import dataclasses
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.app import App
from textual.message_pump import MessagePump
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen
from textual.worker import Worker, WorkerState

from cesam_tui.drafts import Drafts
from cesam_tui.guard import Guarded, guarded, write_log
from cesam_tui.messages import JusteringChanged, MeetingChanged, MeetingUpdate, SummariesChanged
from cesam_tui.strings import Words
from store.core.errors import CesamError, InvalidFileError
from store.core.model import Meeting
from store.core.text import visible
from store.services.repository import LoadedMeeting, MeetingRef, Repository, SaveResult
from store.services.summary import MeetingSummary, SummaryCache, fingerprint

if TYPE_CHECKING:  # imported where used, after the list is on screen (about 30 ms of a start)
    from store.services.justering import Verification
    from store.services.sync import SyncStatus


def sync_status(repo: Repository) -> SyncStatus:
    """How the branch stands against its remote (store.services.sync_state, imported on first use)."""
    from store.services.sync_state import sync_status as status_of

    return status_of(repo)


Change = Callable[[Meeting], None]

#: seconds a "Sparat" toast stays
SAVED_TIMEOUT = 3.0
#: seconds a warning or an error stays: long enough to read a sentence naming a file and what to do
KEPT_TIMEOUT = 8.0


@dataclass(frozen=True)
class SaveJob:
    """One store call that commits, and what follows it on screen: every save of the UI is one of these."""

    #: runs in the worker under the save lock: a SaveResult (a save, a creation), or the words to tell
    #: the user (None: nothing changed)
    work: Callable[[], SaveResult | str | None]
    #: the meeting read again and shown to every screen afterwards
    ref: MeetingRef | None = None
    #: runs on the screen that asked, once that screen shows the saved meeting; gets what ``work`` returned
    #: (dropped when that screen is gone by then)
    then: Callable[[Any], None] | None = None
    #: runs when the save failed (the error is already told)
    failed: Callable[[], None] | None = None
    #: runs at once when the save succeeded, whatever screen is shown (the session's own bookkeeping)
    done: Callable[[], None] | None = None
    #: the heading of an error
    title: str = ""


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

    def __init__(self, repo: Repository, words: Words) -> None:
        super().__init__()
        #: the UI's language: this app's, read by its screens and widgets through ``self.app``
        self.words = words
        #: the user's keymap (binding id to keys) as applied, for the help screen
        self.keymap: dict[str, str] = {}
        #: where exports go unless the user names another folder (None: the current directory)
        self.export_folder: Path | None = None
        self.repo = repo
        self.summary_cache = SummaryCache(repo)
        # one writer at a time in this app: saves, the outside-change check, resolve, quitting
        self.writing = threading.Lock()
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

    # ------------------------------------------------------------ the UI's words

    @property
    def lang(self) -> str:
        return self.words.lang

    def t(self, key: str, **values: object) -> str:
        return self.words.t(key, **values)

    def d(self, key: str) -> str:
        return self.words.d(key)

    def textual_word(self, text: str) -> str:
        return self.words.textual_word(text)

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
            self.notify_text(exc.text(self.lang), severity="error", title=title or self.t("error.title"))
        else:
            self.report_error(exc, title)

    def report_error(self, exc: BaseException, title: str = "") -> None:
        """The one path of an unexpected exception: a line in cesam's log and a notification; the app goes on."""
        self.internal_errors.append(exc)
        self.log.error("".join(traceback.format_exception(exc)))
        where = write_log(exc)
        text = self.t("error.internal", error=f"{type(exc).__name__}: {exc}")
        if where is not None:
            text += "\n" + self.t("error.logged", file=str(where))
        self.notify_text(text, severity="error", title=title or self.t("error.internal_title"))

    # one override for both of Textual's overloads (which differ only in the return type), so not their signature
    def push_screen(self, screen: Any, callback: Any = None, wait_for_dismiss: bool = False) -> Any:  # type: ignore[override]
        # a dialog's callback is a handler too: its errors take the one error path
        if callback is not None:
            callback = guarded(callback, self)
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
        saved, failed = self._carry_drafts(ref, on_failed)
        self.commit(SaveJob(lambda: self.repo.apply(ref, change), ref, on_saved, failed, done=saved))

    def _carry_drafts(
        self, ref: MeetingRef | None, on_failed: Callable[[], None] | None = None
    ) -> tuple[Callable[[], None], Callable[[], None]]:
        """A save of ``ref`` carries the drafts OK confirmed there: (when saved, when failed)."""
        drafts = [k for k in self.drafts.confirmed(ref) if k not in self.busy_drafts] if ref is not None else []
        self.busy_drafts.update(drafts)  # what this save carries; they go once it is in git

        def saved() -> None:
            self.busy_drafts.difference_update(drafts)
            self.drafts.settle(drafts)

        def failed() -> None:
            self.busy_drafts.difference_update(drafts)  # offered back when the form opens again
            if on_failed is not None:
                on_failed()

        return saved, failed

    def save_with(
        self, ref: MeetingRef, work: Callable[[], SaveResult], on_saved: Callable[[SaveResult], None] | None = None
    ) -> None:
        """A change made by a store function (a restore) rather than a Change."""
        self.commit(SaveJob(work, ref, on_saved))

    def create_meeting(self, build: Callable[[], Meeting], on_created: Callable[[MeetingRef], None]) -> None:
        """Build a meeting (it reads earlier meetings, so in the worker too) and commit it."""

        def created(result: SaveResult) -> None:
            if result.ref is not None:
                on_created(result.ref)

        self.commit(SaveJob(lambda: self.repo.create(build()), then=created))

    def run_commit(
        self,
        work: Callable[[], str | None],
        *,
        ref: MeetingRef | None = None,
        after: Callable[[], None] | None = None,
        title: str = "",
    ) -> None:
        """A store function that commits (roster, justering, reopen) and returns what to tell the user.

        Like a save, it carries the drafts confirmed in ``ref``'s dialogs (a bilaga's title and
        file): they go once it is in git, and are offered back if it failed.
        """
        saved, failed = self._carry_drafts(ref)
        then = (lambda _told: after()) if after is not None else None
        self.commit(SaveJob(work, ref, then, failed, done=saved, title=title))

    def commit(self, job: SaveJob) -> None:
        """Run ``job`` in the save worker; saves commit one after another, in the order they were asked."""
        # the screen that asks (under any dialog it opened): its follow-up runs in its own message
        # queue, after the MeetingChanged posted there
        screens = [s for s in self.screen_stack if not isinstance(s, ModalScreen)]
        origin: MessagePump = screens[-1] if screens else self
        self._commit_in_thread(job, origin)

    @work(thread=True, group="save", exit_on_error=False)
    def _commit_in_thread(self, job: SaveJob, origin: MessagePump) -> None:
        loaded: LoadedMeeting | None = None
        with self.writing:
            try:
                outcome = job.work()
                loaded = self.repo.load(job.ref) if job.ref is not None else None
            except Exception as exc:
                self.call_from_thread(self._save_failed, job, exc)
                return
            self._seen = fingerprint(self.repo)
        self.call_from_thread(self._save_done, job, origin, outcome, loaded)

    def _save_failed(self, job: SaveJob, exc: Exception) -> None:
        self.notify_error(exc, job.title)  # the one error path: a CesamError told, anything else reported
        if job.failed is not None:
            job.failed()

    def _save_done(self, job: SaveJob, origin: MessagePump, outcome: object, loaded: LoadedMeeting | None) -> None:
        if isinstance(outcome, SaveResult):
            if outcome.changed:
                self.notify_saved(self.t("saved", message=outcome.message.splitlines()[0]))
        else:
            self.notify_text(outcome if isinstance(outcome, str) else self.t("unchanged"))
        if job.done is not None:
            job.done()
        if loaded is not None:
            self.tell_screens(lambda: MeetingChanged(MeetingUpdate(loaded.ref, loaded)))
        if job.then is not None:
            origin.call_later(job.then, outcome)
        self.refresh_summaries()

    def tell_screens(self, make: Callable[[], MeetingChanged | SummariesChanged | JusteringChanged]) -> None:
        """Post a message made by ``make`` to every screen on the stack (each its own: a message is handled once)."""
        for screen in list(self.screen_stack):
            screen.post_message(make())

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
        self.tell_screens(lambda: JusteringChanged(results))

    def _summaries_ready(self, summaries: list[MeetingSummary], status: RepoStatus) -> None:
        self.summaries = summaries
        self.repo_status = status
        self.tell_screens(lambda: SummariesChanged(summaries, status))

    # ------------------------------------------------------------ watching

    def start_watching(self, interval: float) -> None:
        self._seen = fingerprint(self.repo)
        self.set_interval(interval, self.check_outside_changes, name="watch")

    def check_outside_changes(self) -> None:
        self.run_worker(self._watch_in_thread, thread=True, group="watch", exclusive=True, exit_on_error=False)

    def _watch_in_thread(self) -> None:
        if self.syncing or not self.writing.acquire(blocking=False):
            return  # our own save or sync is under way; look again next time
        try:
            changed = self._take_changes()
        finally:
            self.writing.release()
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
        with self.writing:
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
                    MeetingUpdate(ref, None, error=self.t("external.broken", file=path, problem="–"), external=True)
                )
                continue
            try:
                updates.append(MeetingUpdate(ref, self.repo.load(ref), external=True))
            except CesamError as exc:
                problems = exc.problems if isinstance(exc, InvalidFileError) else []
                problem = str(problems[0]) if problems else exc.headline(self.lang)
                updates.append(MeetingUpdate(ref, None, error=problem, external=True))
        return updates

    def _outside_changes(self, changed: list[str], updates: list[MeetingUpdate], outside: bool = True) -> None:
        if changed and outside:
            self.notify_text(
                self.t("external.changed", files=", ".join(changed[:4]) + (" …" if len(changed) > 4 else ""))
            )
        for update in updates:
            if update.error:
                self.notify_text(update.error, severity="error", title=self.t("error.load"))
            self.tell_screens(partial(MeetingChanged, update))
        self.refresh_summaries()


def literal(text: str, style: str = "") -> Text:
    """User text for display: never markup; C0, C1, DEL, bidi controls and lone surrogates made
    visible by the one output gate, :func:`store.core.text.visible` (``\\x1b``, ``\\u202e``)."""
    return Text(visible(text, keep="\n"), style=style)
