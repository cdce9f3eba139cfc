"""Justering of one meeting: who has approved, who is missing, the deadline; record, finish, reopen.

Everything goes through store/services/justering.py (the same functions as `cesam adjust`, `cesam
reopen`, `cesam verify`), in worker threads under the session's save lock. The screen is
read again after each step, and the app's justering marks are refreshed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from cesam_tui.drafts import draft_key
from cesam_tui.screens.base import CesamScreen
from cesam_tui.screens.dialogs import FormDialog, FormField
from cesam_tui.session import literal
from store.core.errors import CesamError
from store.services.justering import Verification, adjust, reopen, verify
from store.services.repository import MeetingRef

#: how approvals are usually given; any other word can be typed
METHODS = ("e-legitimation", "papper")


class JusteringScreen(CesamScreen):
    HELP_NAME = "screen.justering"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "approve", "key.approve", id="justering.approve"),
        Binding("f", "finish", "key.finish", id="justering.finish"),
        Binding("o", "reopen", "key.reopen", id="justering.reopen"),
        Binding("r", "reload", "key.reload", id="justering.reload", show=False),
    ]

    def __init__(self, ref: MeetingRef) -> None:
        super().__init__(classes="justering")
        self.ref = ref
        self.result: Verification | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="title")
        with VerticalScroll(id="justering-box"):
            yield Static(id="justering-body")
        yield Footer()

    def on_mount(self) -> None:
        title = Text(self.t("justering.title"), style="bold")
        title.append("  ")
        title.append_text(literal(f"{self.session.repo.group_label(self.ref.group)} {self.ref.date.isoformat()}"))
        self.query_one("#title", Static).update(title)
        self.query_one("#justering-body", Static).update(Text(self.t("justering.reading"), style="dim"))
        self.action_reload()

    # ------------------------------------------------------------ reading

    def action_reload(self) -> None:
        repo, ref = self.session.repo, self.ref

        def work() -> None:
            try:
                (result,) = verify(repo, [ref])
                meeting = repo.load(ref).meeting
            except CesamError as exc:
                self.app.call_from_thread(self.session.notify_error, exc, self.t("justering.title"))
                return
            self.app.call_from_thread(self.show, result, meeting)

        self.run_worker(work, thread=True, group="justering-one", exclusive=True, exit_on_error=False)

    def show(self, result: Verification, meeting: Any) -> None:
        self.result = result
        lang = self.lang
        text = Text()
        text.append(f"{self.t('justering.state')}: ", style="bold")
        text.append(result.state.label(lang))
        try:
            days = self.session.repo.config.group(self.ref.group).justering_days
        except KeyError:
            days = 14
        deadline = self.ref.date + dt.timedelta(days=days)
        left = (deadline - dt.date.today()).days
        if result.status is not None and result.status.value != "justerad":
            text.append(f"\n{self.t('justering.deadline')}: ", style="bold")
            text.append(deadline.isoformat())
            text.append(
                f"  ({self.t('justering.days_left', n=left) if left >= 0 else self.t('justering.days_over', n=-left)})",
                style="red" if left < 0 else "dim",
            )
        text.append(f"\n\n{self.t('justering.required')}\n", style="bold")
        if not result.required:
            text.append(self.t("justering.no_adjusters"), style="yellow")
        approved = {a.approver for a in result.approvals}
        for person in result.required:
            mark, style = ("✓", "green") if person in approved else ("…", "yellow")
            text.append(f"  {mark} ", style=style)
            text.append_text(literal(person))
            if person not in approved:
                text.append(f"  {self.t('justering.missing')}", style="yellow")
            text.append("\n")
        text.append(f"\n{self.t('justering.signatures')}\n", style="bold")
        if not result.approvals and not meeting.signatures:
            text.append(f"  {self.t('justering.none')}\n", style="dim")
        for approval in result.approvals:
            text.append("  ")
            text.append_text(literal(approval.approver, "bold"))
            when = approval.signed_at or (approval.date.isoformat() if approval.date else "")
            details = ", ".join(p for p in (when, approval.method) if p)
            if details:
                text.append("  ")
                text.append_text(literal(details, "dim"))
            text.append("\n")
        for signature in meeting.signatures:
            if signature.name in approved:
                continue
            text.append("  ")
            text.append_text(literal(signature.name, "bold"))
            details = ", ".join(p for p in (signature.signed_at, signature.method) if p)
            text.append("  ")
            text.append_text(literal(details, "dim"))
            text.append("\n")
        if result.state.failed:
            text.append(f"\n{self.t('justering.failed')}\n", style="red")
        text.append(f"\n{self.t('justering.keys')}", style="dim")
        self.query_one("#justering-body", Static).update(text)

    # ------------------------------------------------------------ steps

    def _run(self, work: Any) -> None:
        """A justering step in the session's save lane; the meeting, the marks and this screen follow."""
        self.session.run_commit(work, ref=self.ref, after=self.action_reload, title=self.t("justering.title"))

    def action_approve(self) -> None:
        result = self.result
        if result is None:
            return
        missing = result.missing or result.required
        if not missing:
            self.session.notify_text(self.t("justering.no_adjusters"), severity="warning")
            return
        dialog = FormDialog(
            self.t("justering.approve_title"),
            [
                FormField("who", self.t("justering.who"), "select", missing[0], [(p, p) for p in missing], True),
                FormField("date", self.t("justering.date"), value=dt.date.today().isoformat(), required=True),
                FormField("method", self.t("justering.method"), value=METHODS[0], hint=", ".join(METHODS)),
                FormField("signed_at", self.t("justering.signed_at"), hint="2023-09-13 13:06:16"),
            ],
            focus="who",
            draft=draft_key(self.ref, "justering.approve"),
        )
        repo, ref = self.session.repo, self.ref

        def done(values: dict[str, str] | None) -> None:
            if not values:
                return
            try:
                on = dt.date.fromisoformat(values["date"].strip())
            except ValueError:
                self.session.notify_text(self.t("item.bad_date", value=values["date"]), severity="error")
                return

            def work() -> str:
                # the secretary records someone's approval on their behalf; the tag says so
                outcome = adjust(
                    repo,
                    ref,
                    [values["who"]],
                    on=on,
                    method=values["method"],
                    signed_at=values["signed_at"],
                    by_secretary=True,
                )
                if outcome.commit:
                    return self.t("justering.finished")
                return self.t("justering.recorded", who=values["who"], missing=", ".join(outcome.missing) or "–")

            self._run(work)

        self.app.push_screen(dialog, done)

    def action_finish(self) -> None:
        repo, ref = self.session.repo, self.ref

        def work() -> str:
            outcome = adjust(repo, ref, [])
            if outcome.missing:
                return self.t("justering.still_missing", missing=", ".join(outcome.missing))
            return self.t("justering.finished")

        self._run(work)

    def action_reopen(self) -> None:
        dialog = FormDialog(
            self.t("justering.reopen_title"),
            [FormField("reason", self.t("justering.reason"), "text", required=True)],
            draft=draft_key(self.ref, "justering.reopen"),
        )
        repo, ref = self.session.repo, self.ref

        def done(values: dict[str, str] | None) -> None:
            if values:
                self._run(lambda: reopen(repo, ref, values["reason"]).message.splitlines()[0])

        self.app.push_screen(dialog, done)
