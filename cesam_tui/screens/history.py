"""The history of a meeting, an item or a statement: who, when, what; the diff; restore."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Footer, Static

from cesam_tui.guard import on
from cesam_tui.keys import LocalizedBindings
from cesam_tui.messages import MeetingChanged
from cesam_tui.screens.base import CesamScreen
from cesam_tui.screens.dialogs import ConfirmDialog
from cesam_tui.session import literal
from cesam_tui.strings import Speaks, Words
from cesam_tui.widgets.tables import refill
from store.core.messages import ExplainedChange, SpanKind, compact_spans
from store.services.history import HistoryEntry, commit_diff, history, raw_diff
from store.services.repository import MeetingRef, SaveResult

_SPAN_STYLE = {SpanKind.DELETED: "red strike", SpanKind.SAME: ""}
_INSERTED = "bold green underline"


def changes_text(explained: list[ExplainedChange]) -> Text:
    """The changes in words; a long text's changed words marked with styles, never markup."""
    text = Text()
    for index, change in enumerate(explained):
        if index:
            text.append("\n")
        text.append("• ")
        text.append_text(literal(change.text))
        if change.spans:
            text.append("\n  ")
            for span in compact_spans(change.spans):
                text.append_text(literal(span.text, _SPAN_STYLE.get(span.kind, _INSERTED)))
    return text


def entry_text(entry: HistoryEntry, words: Words) -> Text:
    """What a commit changed; a merge also what it brought into this line (its diff against the first parent)."""
    own, brought = entry.explained(words.lang), entry.explained_brought_in(words.lang)
    if not entry.is_merge or not brought:
        return changes_text(own) if own else Text(words.t("history.no_changes"), style="dim")
    text = Text()
    if own:
        text.append(words.t("history.merge_settled") + "\n", style="bold")
        text.append_text(changes_text(own))
        text.append("\n\n")
    text.append(words.t("history.merge_brought_in") + "\n", style="bold")
    text.append_text(changes_text(brought))
    return text


def raw_text(diff: str) -> Text:
    text = Text()
    for line in diff.splitlines():
        style = ""
        if line.startswith(("+++", "---", "diff ", "index ")):
            style = "bold"
        elif line.startswith("+"):
            style = "green"
        elif line.startswith("-"):
            style = "red"
        elif line.startswith("@@"):
            style = "cyan"
        text.append_text(literal(line, style))
        text.append("\n")
    return text


class CommitTable(Speaks, LocalizedBindings, DataTable[Any]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "key.down", id="history.down", show=False),
        Binding("k", "cursor_up", "key.up", id="history.up", show=False),
    ]


class HistoryScreen(CesamScreen):
    """Newest first; the selected commit's changes on the right, the raw git diff one key away."""

    HELP_NAME = "screen.history"
    AUTO_FOCUS = "#commits"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("g", "toggle_raw", "key.raw_diff", id="history.raw"),
        Binding("R", "restore", "key.restore", id="history.restore"),
        Binding("r", "reload", "key.refresh", id="history.reload", show=False),
    ]

    def __init__(self, ref: MeetingRef, *, item_id: str = "", statement_id: str = "", what: str = "") -> None:
        super().__init__(classes="history")
        self.ref = ref
        self.item_id = item_id
        self.statement_id = statement_id
        self.what = what  # "§ 4 a" or "§ 4 a, Vision": shown in the title and the confirm question
        self.entries: list[HistoryEntry] = []
        self.raw = False
        self._raw_cache: dict[str, str] = {}
        self.shown = Text()  # what the diff pane shows, kept for tests and copy

    def compose(self) -> ComposeResult:
        yield Static(id="title")
        with Horizontal():
            yield CommitTable(id="commits", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="diff-box"):
                yield Static(id="diff")
        yield Footer()

    def on_mount(self) -> None:
        title = Text(self.t("history.title"), style="bold")
        title.append(" ")
        title.append_text(literal(f"{self.session.repo.group_label(self.ref.group)} {self.ref.date.isoformat()}"))
        if self.what:
            title.append(" ")
            title.append_text(literal(self.what))
        self.query_one("#title", Static).update(title)
        table = self.query_one(CommitTable)
        for key, label in (("when", "history.col.when"), ("who", "history.col.who"), ("what", "history.col.what")):
            table.add_column(self.t(label), key=key)
        self.query_one("#diff", Static).update(Text(self.t("history.loading"), style="dim"))
        self.action_reload()

    # ------------------------------------------------------------ loading, in workers

    def action_reload(self) -> None:
        repo, ref = self.session.repo, self.ref
        item_id, statement_id = self.item_id, self.statement_id

        def work() -> None:
            entries = history(repo, ref, item_id=item_id, statement_id=statement_id)
            self.app.call_from_thread(self._loaded, entries)

        self.run_worker(work, thread=True, group="history", exclusive=True, exit_on_error=False)

    def _loaded(self, entries: list[HistoryEntry]) -> None:
        self.entries = entries
        table = self.query_one(CommitTable)
        refill(
            table,
            (
                (
                    [
                        Text(e.commit.date.strftime("%Y-%m-%d %H:%M")),
                        literal(e.commit.author),
                        literal(e.commit.subject),
                    ],
                    e.commit.hash,
                )
                for e in entries
            ),
        )
        if not entries:
            self.query_one("#diff", Static).update(Text(self.t("history.none"), style="dim"))
            return
        table.move_cursor(row=0)
        self.show_selected()

    def selected(self) -> HistoryEntry | None:
        table = self.query_one(CommitTable)
        if not self.entries or table.cursor_row < 0 or table.cursor_row >= len(self.entries):
            return None
        return self.entries[table.cursor_row]

    @on(DataTable.RowHighlighted, "#commits")
    def row_highlighted(self) -> None:
        self.show_selected()

    def show_selected(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        head = Text()
        head.append(f"{entry.commit.short}  ", style="yellow")
        head.append_text(literal(f"{entry.commit.author} <{entry.commit.email}>", "bold"))
        head.append(f"  {entry.commit.date.strftime('%Y-%m-%d %H:%M')}\n", style="dim")
        head.append_text(literal(entry.commit.subject))
        if entry.commit.body.strip():
            head.append("\n")
            head.append_text(literal(entry.commit.body.strip(), "dim"))
        head.append("\n\n")
        if self.raw:
            cached = self._raw_cache.get(entry.commit.hash)
            if cached is None:
                self._put(head + Text(self.t("history.loading"), style="dim"))
                self._load_raw(entry.commit.hash)
                return
            self._put(head + raw_text(cached))
            return
        if not entry.readable:
            self._put(head + Text(self.t("history.unreadable"), style="yellow"))
            return
        self._put(head + entry_text(entry, self.words))

    def _put(self, text: Text) -> None:
        self.shown = text
        self.query_one("#diff", Static).update(text)

    def _load_raw(self, commit: str) -> None:
        repo, ref = self.session.repo, self.ref

        def work() -> None:
            text = raw_diff(repo, commit_diff(repo, ref, commit))
            self.app.call_from_thread(self._raw_loaded, commit, text)

        self.run_worker(work, thread=True, group="raw-diff", exclusive=True, exit_on_error=False)

    def _raw_loaded(self, commit: str, text: str) -> None:
        self._raw_cache[commit] = text
        entry = self.selected()
        if entry is not None and entry.commit.hash == commit:
            self.show_selected()

    def action_toggle_raw(self) -> None:
        self.raw = not self.raw
        self.show_selected()

    # ------------------------------------------------------------ restore

    def action_restore(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        if entry.new_blob is None:
            self.session.notify_text(self.t("history.restore_deleted"), severity="warning")
            return
        what = self.what or self.t("history.the_meeting")
        question = literal(self.t("history.confirm_restore", what=what, commit=entry.commit.short))
        detail = self.t("history.confirm_restore_detail", subject=entry.commit.subject)
        commit = entry.commit.hash

        def done(yes: bool | None) -> None:
            if yes:
                self._restore(commit)

        self.app.push_screen(ConfirmDialog(question, detail), done)

    def _restore(self, commit: str) -> None:
        from store.services.restore import restore

        repo, ref = self.session.repo, self.ref
        item_id, statement_id = ("", self.statement_id) if self.statement_id else (self.item_id, "")

        def work() -> SaveResult:
            return restore(repo, ref, commit, item_id=item_id, statement_id=statement_id)

        def saved(result: SaveResult) -> None:
            if not result.changed:
                self.session.notify_text(self.t("history.already"))
            self.action_reload()

        self.session.save_with(ref, work, saved)

    def on_meeting_changed(self, message: MeetingChanged) -> None:
        update = message.update
        if update.ref == self.ref and update.external:
            self.action_reload()
