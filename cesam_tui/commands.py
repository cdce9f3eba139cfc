"""The command palette finds every action of the current screen by its name."""

from __future__ import annotations

from functools import partial
from typing import cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode


class BindingsProvider(Provider):
    """Each binding of the screen (focused widget, other widgets, screen, app) as a command."""

    def _commands(self) -> list[tuple[str, str, str, DOMNode]]:
        from cesam_tui.screens.help import key_text, screen_bindings
        from cesam_tui.session import Session

        words = cast(Session, self.app).words
        return [
            (words.textual_word(binding.description), key_text(self.app, key), binding.action, owner)
            for key, binding, owner in screen_bindings(self.screen)
            if binding.action != "command_palette"
        ]

    async def _run(self, owner: DOMNode, action: str) -> None:
        # the app runs it in the owner's namespace (what Widget.run_action does; a DOMNode has no run_action)
        await self.app.run_action(action, owner)

    async def discover(self) -> Hits:
        for description, key, action, owner in self._commands():
            yield DiscoveryHit(description, partial(self._run, owner, action), help=key)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for description, key, action, owner in self._commands():
            score = matcher.match(description)
            if score > 0:
                yield Hit(score, matcher.highlight(description), partial(self._run, owner, action), help=key)
