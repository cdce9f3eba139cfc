"""The search's hits as one list as long as the count, drawn from pages fetched as they scroll into view.

A search counts its hits at once and builds them page by page (store/services/search_pages.py);
this list is as tall as every hit (``ROW`` lines each) from the start, so the scroll bar, End and
Page Down reach the last hit, and asks for a page of hits in a worker when lines of it are to be
drawn. It keeps the labels of a few pages (never every hit of a common word), each with what
opening it needs: the meeting and the item.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ClassVar

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from cesam_tui.guard import Guarded
from cesam_tui.keys import LocalizedBindings
from cesam_tui.strings import Speaks
from store.services.repository import MeetingRef
from store.services.search import Hit, Results

#: lines per hit: the meeting, item and who; then up to two fields around the matched words
ROW = 3
#: hits fetched at a time, and how many such pages are kept
PAGE = 50
KEPT = 8

#: a page as kept: per hit its lines, the meeting and the item id
Page = list[tuple[list[Text], MeetingRef, str]]


class HitList(Guarded, Speaks, LocalizedBindings, ScrollView, can_focus=True):
    """Every hit of ``results``; the cursor's hit is opened by Enter or a click (``Chosen``)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose", "key.open", id="hits.open", show=False),
        Binding("down,j", "move(1)", "key.down", id="hits.down", show=False),
        Binding("up,k", "move(-1)", "key.up", id="hits.up", show=False),
        Binding("pagedown", "move_page(1)", "key.page_down", id="hits.page_down", show=False),
        Binding("pageup", "move_page(-1)", "key.page_up", id="hits.page_up", show=False),
        Binding("home", "first", "key.first", id="hits.first", show=False),
        Binding("end", "last", "key.last", id="hits.last", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"hit-list--cursor"}
    DEFAULT_CSS = """
    HitList > .hit-list--cursor { background: $block-cursor-blurred-background; }
    HitList:focus > .hit-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    """

    cursor: reactive[int] = reactive(0, always_update=True)

    class Chosen(Message):
        """A hit is to be opened."""

        def __init__(self, ref: MeetingRef, item_id: str) -> None:
            super().__init__()
            self.ref = ref
            self.item_id = item_id

    def __init__(self, label: Callable[[Hit], Text], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.label = label  # how a hit is shown (called in the worker that fetches its page)
        self.results: Results | None = None
        self.pages: dict[int, Page] = {}  # kept pages, the most recently drawn last
        self.asked: set[int] = set()  # pages being fetched
        self.generation = 0  # new results: pages fetched for the old ones are dropped

    # ------------------------------------------------------------ results in, pages fetched

    def show(self, results: Results | None) -> None:
        self.results = results
        self.generation += 1
        self.pages.clear()
        self.asked.clear()
        total = results.total if results else 0
        self.virtual_size = Size(self.size.width, total * ROW)
        self.scroll_to(0, 0, animate=False)
        self.cursor = 0
        self.refresh()

    @property
    def total(self) -> int:
        return self.results.total if self.results else 0

    def kept(self, index: int) -> tuple[list[Text], MeetingRef, str] | None:
        """A hit's lines and where it leads, when its page is at hand (else it is fetched)."""
        number, offset = divmod(index, PAGE)
        page = self.pages.get(number)
        if page is None:
            self.fetch(number)
            return None
        self.pages[number] = self.pages.pop(number)  # most recently used last
        return page[offset] if offset < len(page) else None

    def fetch(self, number: int) -> None:
        if number in self.asked or self.results is None:
            return
        self.asked.add(number)
        work = functools.partial(self._build, self.results, self.generation, number)
        self.run_worker(work, thread=True, group="hit-pages", exit_on_error=False)

    def _build(self, results: Results, generation: int, number: int) -> None:
        """In a worker: one page of hits built, shown as lines; the hits themselves are let go."""
        page: Page = []
        for hit in results.page(number * PAGE, (number + 1) * PAGE):
            lines = self.label(hit).split("\n")
            page.append(([*lines[:ROW], *[Text()] * (ROW - len(lines))], hit.ref, hit.item_id))
        self.app.call_from_thread(self._keep, generation, number, page)

    def _keep(self, generation: int, number: int, page: Page) -> None:
        if generation != self.generation:
            return
        self.asked.discard(number)
        self.pages[number] = page
        while len(self.pages) > KEPT:
            del self.pages[next(iter(self.pages))]
        self.refresh()

    def on_worker_state_changed(self, event: Any) -> None:
        from cesam_tui.screens.base import report_failed_worker

        report_failed_worker(event, self.app)

    # ------------------------------------------------------------ drawing

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, self.total * ROW)

    def render_line(self, y: int) -> Strip:
        line = self.scroll_offset.y + y
        index, part = divmod(line, ROW)
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index >= self.total:
            return Strip.blank(width, base)
        found = self.kept(index)
        text = found[0][part] if found else Text("…" if part == 0 else "", style="dim")
        segments = [Segment(s.text, s.style) for s in text.render(self.app.console) if s.text != "\n"]
        strip = Strip(segments).crop_extend(0, width, base)
        if index == self.cursor:
            strip = strip.apply_style(self.get_component_rich_style("hit-list--cursor"))
        return strip.apply_style(base) if base else strip

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh()
        if self.total:
            self.scroll_to_region(Region(0, new * ROW, 1, ROW), animate=False, immediate=True)

    # ------------------------------------------------------------ keys and the mouse

    def _to(self, index: int) -> None:
        self.cursor = max(0, min(index, self.total - 1))

    def action_move(self, step: int) -> None:
        self._to(self.cursor + step)

    def action_move_page(self, step: int) -> None:
        self._to(self.cursor + step * max(1, self.scrollable_content_region.height // ROW))

    def action_first(self) -> None:
        self._to(0)

    def action_last(self) -> None:
        self._to(self.total - 1)

    def action_choose(self) -> None:
        found = self.kept(self.cursor) if self.total else None
        if found is not None:
            self.post_message(self.Chosen(found[1], found[2]))

    def on_click(self, event: events.Click) -> None:
        index = (event.y + self.scroll_offset.y) // ROW
        if 0 <= index < self.total:
            self._to(index)
            self.action_choose()
