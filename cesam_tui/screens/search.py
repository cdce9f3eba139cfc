"""Full-text search over every meeting, with filters; a result opens its item."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Footer, Input, Select, Static

from cesam_tui.guard import on
from cesam_tui.screens.base import CesamScreen
from cesam_tui.session import literal
from cesam_tui.strings import Words
from cesam_tui.widgets.hitlist import HitList
from store.core.errors import CesamError, UsageError
from store.core.model import OutcomeKind, StatementKind
from store.services.repository import MeetingRef
from store.services.search import Hit, Record, Results, parse_years, search


def hit_label(words: Words, hit: Hit) -> Text:
    text = Text()
    text.append(f"{hit.date.isoformat()}  ", style="bold")
    text.append(f"§ {hit.number} ", style="bold")
    text.append_text(literal(hit.item_title))
    who = ""
    if hit.record == Record.STATEMENT:
        who = f"{hit.party} ({words.d(f'statement.{hit.kind}')})"
    elif hit.record == Record.OUTCOME:
        who = words.d(f"outcome.{hit.kind}") + (f": {', '.join(hit.parties)}" if hit.parties else "")
    elif hit.record == Record.FOLLOWUP:
        who = f"{hit.party}: {words.d('record.followup')}"
    elif hit.record == Record.ATTACHMENT:
        who = f"{words.d('record.attachment')} {hit.record_id}"
    if who:
        text.append("  [", style="dim")
        text.append_text(literal(who, "dim"))
        text.append("]", style="dim")
    for match in hit.matches[:2]:
        text.append("\n    ")
        text.append_text(matched_text(match.text, match.spans))
    if not hit.matches and hit.text and hit.record != Record.ITEM:
        text.append("\n    ")
        text.append_text(literal(hit.text.replace("\n", " ")[:140], "dim"))
    return text


def matched_text(text: str, spans: tuple[tuple[int, int], ...], width: int = 60) -> Text:
    """One line around the matches, the matched words in bold: styles on plain text."""
    flat = text.replace("\n", " ")
    start = max(0, spans[0][0] - width) if spans else 0
    end = min(len(flat), (spans[-1][1] if spans else 0) + width)
    out = Text("…" if start else "")
    pos = start
    for a, b in spans:
        if a < pos or b > end:
            continue
        out.append_text(literal(flat[pos:a]))
        out.append_text(literal(flat[a:b], "bold reverse"))
        pos = b
    out.append_text(literal(flat[pos:end]))
    if end < len(flat):
        out.append("…")
    return out


class SearchScreen(CesamScreen):
    HELP_NAME = "screen.search"
    AUTO_FOCUS = "#q"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+f", "focus_query", "key.search_text", id="search.query", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(classes="search")
        self.results: Results | None = None

    def compose(self) -> ComposeResult:
        kinds = [(self.d(f"statement.{k.value}"), k.value) for k in StatementKind]
        outcomes = [(self.d(f"outcome.{k.value}"), k.value) for k in OutcomeKind if k.value]
        unions = [(u, u) for u in self.session.repo.config.union_names()]
        yield Static(Text(self.t("search.title"), style="bold"), id="title")
        yield Input(placeholder=self.t("search.placeholder"), id="q")
        with Horizontal(id="search-filters"):
            yield Select(unions, prompt=self.t("search.union"), id="s-union", compact=True)
            yield Select(kinds, prompt=self.t("search.kind"), id="s-kind", compact=True)
            yield Select(outcomes, prompt=self.t("search.outcome"), id="s-outcome", compact=True)
            yield Input(placeholder=self.t("search.year"), id="s-year", compact=True)
        yield Static(id="s-count")
        words = self.words
        # hit_label looked up at each call: a page's lines are made in the worker that fetches it
        yield HitList(lambda hit: hit_label(words, hit), id="results")
        yield Footer()

    # ------------------------------------------------------------ searching, in a worker

    def query_values(self) -> dict[str, Any]:
        def chosen(widget_id: str) -> list[str]:
            value = self.query_one(widget_id, Select).value
            return [] if value is Select.NULL else [str(value)]

        return {
            "text": self.query_one("#q", Input).value,
            "unions": chosen("#s-union"),
            "statement_kinds": chosen("#s-kind"),
            "outcome_kinds": chosen("#s-outcome"),
            "year": self.query_one("#s-year", Input).value.strip(),
        }

    def run_search(self) -> None:
        values = self.query_values()
        if not (values["text"].strip() or values["unions"] or values["statement_kinds"] or values["outcome_kinds"]):
            self.show(None, "")
            return
        repo = self.session.repo

        def work() -> None:
            try:
                years = parse_years(values["year"]) if values["year"] else ()
                results = search(
                    repo,
                    values["text"],
                    unions=values["unions"],
                    statement_kinds=values["statement_kinds"],
                    outcome_kinds=values["outcome_kinds"],
                    years=years,
                )
            except (CesamError, ValueError) as exc:
                error = exc if isinstance(exc, CesamError) else UsageError(str(exc))
                self.app.call_from_thread(self.session.notify_error, error, self.t("search.title"))
                return
            self.app.call_from_thread(self.show, results, values["text"])

        self.run_worker(work, thread=True, group="search", exclusive=True, exit_on_error=False)

    def show(self, results: Results | None, text: str) -> None:
        """The count at once; the hits are drawn page by page as the list scrolls to them."""
        self.results = results
        self.query_one(HitList).show(results)
        count = self.query_one("#s-count", Static)
        if results is None or (not text.strip() and not results):
            count.update(Text(self.t("search.hint"), style="dim"))
        elif not results:
            count.update(Text(self.t("search.none"), style="dim"))
        else:
            # "in N meetings" counts the meetings with hits, not the ones searched (issue 17)
            words = self.t("search.count", n=results.total, with_hits=results.with_hits, meetings=results.meetings)
            count.update(Text(words, style="dim"))

    @on(Input.Submitted, "#q")
    @on(Input.Submitted, "#s-year")
    def submitted(self) -> None:
        self.run_search()
        self.query_one(HitList).focus()

    @on(Select.Changed)
    def filter_changed(self) -> None:
        self.run_search()

    def action_focus_query(self) -> None:
        self.query_one("#q", Input).focus()

    # ------------------------------------------------------------ opening a result

    @on(HitList.Chosen)
    def open_hit(self, event: HitList.Chosen) -> None:
        self.open(event.ref, event.item_id)

    def open(self, ref: MeetingRef, item_id: str) -> None:
        """The meeting under the item, so Esc from the item lands in its meeting."""
        from cesam_tui.screens.item import ItemScreen
        from cesam_tui.screens.meeting import MeetingScreen

        self.app.push_screen(MeetingScreen(ref))
        self.app.push_screen(ItemScreen(ref, item_id))
