"""Textual's command palette in the UI's language, and the words Textual shows in the footer.

Textual writes a few English words of its own: its widgets' key descriptions in the footer
("Dismiss menu" of an open list, "palette"), the palette's "No matches found" and its
theme search. Each is given in the catalogue's words here (``textual.*`` and
``tui.palette.*`` keys), through Textual's public API.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from rich.align import Align
from rich.text import Text
from textual.binding import ActiveBinding
from textual.command import CommandPalette
from textual.widgets import OptionList
from textual.widgets.option_list import OptionDoesNotExist

from cesam_tui.strings import Speaks, Words

#: the id Textual gives its "No matches found" line in the palette's list
NO_MATCHES_ID = "--no-matches"
#: how often the palette looks for that line while it is open (seconds)
CHECK_EVERY = 0.1


def translated(bindings: dict[str, ActiveBinding], words: Words) -> dict[str, ActiveBinding]:
    """Active bindings with Textual's English descriptions in the UI's language (what the footer shows)."""
    return {
        key: ActiveBinding(
            active.node,
            replace(active.binding, description=words.textual_word(active.binding.description)),
            active.enabled,
            active.tooltip,
        )
        for key, active in bindings.items()
    }


class CesamPalette(Speaks, CommandPalette):
    """The command palette, its prompt and its "nothing found" in the UI's language (the app's)."""

    def __init__(self, words: Words, **kwargs: Any) -> None:
        kwargs.setdefault("placeholder", words.textual_word("Search for commands…"))
        super().__init__(**kwargs)

    def on_mount(self) -> None:
        # Textual adds its English line after a countdown of its own: replace it once it is there
        self.set_interval(CHECK_EVERY, self._say_nothing_found)

    def _say_nothing_found(self) -> None:
        words = self.t("palette.nothing")
        for options in self.query(OptionList):
            try:
                option = options.get_option(NO_MATCHES_ID)
            except OptionDoesNotExist:
                continue  # not there (yet)
            shown = option.prompt.renderable if isinstance(option.prompt, Align) else option.prompt
            if not (isinstance(shown, Text) and shown.plain == words):
                options.replace_option_prompt(NO_MATCHES_ID, Align.center(Text(words, style="not bold")))
