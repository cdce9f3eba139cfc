"""The cesam terminal UI: an App that owns the repository and starts on the navigator."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from typing import Any, ClassVar

from textual.app import SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from cesam_tui.commands import BindingsProvider
from cesam_tui.keys import localized
from cesam_tui.session import Session
from cesam_tui.strings import Words
from store.services.repository import MeetingRef, Repository

WATCH_INTERVAL = 2.0


class CesamApp(Session):
    CSS_PATH = "cesam.tcss"
    TITLE = "cesam"
    COMMANDS: ClassVar = Session.COMMANDS | {BindingsProvider}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "key.help", id="app.help"),
        Binding("ctrl+f", "search", "key.search", id="app.search", show=False),
        Binding("ctrl+q", "quit", "key.quit", id="app.quit", show=False, priority=True),
        Binding("ctrl+y", "sync", "key.sync", id="app.sync", show=False),
    ]

    def __new__(cls, repo: Repository, *, lang: str | None = None, **_kwargs: object) -> CesamApp:
        # the app's bindings are described in its own language (cesam_tui/keys.py)
        made: CesamApp = object.__new__(localized(cls, Words.of(lang or repo.lang)))
        return made

    def __init__(
        self,
        repo: Repository,
        *,
        lang: str | None = None,
        meeting: str | None = None,
        watch_interval: float | None = WATCH_INTERVAL,
    ) -> None:
        if lang and lang != repo.lang:
            # commit messages follow the UI language
            repo = Repository(repo.root, lang=lang)
        super().__init__(repo, Words.of(lang or repo.lang))
        self.initial_meeting = meeting
        self.watch_interval = watch_interval
        #: the user was told that a field could not be saved at quit: the next quit leaves anyway
        self._quit_asked = False

    def on_mount(self) -> None:
        # first: the worker reads the repository while the navigator is imported, composed and drawn
        self.refresh_summaries()
        from cesam_tui.screens.navigator import NavigatorScreen

        keymap = self.repo.config.settings.keymap
        if keymap:
            try:
                self.set_keymap(keymap)
                self.keymap = dict(keymap)
            except Exception as exc:  # a typo in the user's keymap must not stop the app
                self.notify_text(self.t("keymap.bad", error=str(exc)), severity="warning")
        self.push_screen(NavigatorScreen())
        if self.initial_meeting:
            self.open_initial(self.initial_meeting)
        if self.watch_interval:
            self.start_watching(self.watch_interval)

    def open_initial(self, name: str) -> None:
        from cesam_tui.screens.meeting import MeetingScreen
        from store.core.errors import CesamError

        try:
            ref: MeetingRef = self.repo.resolve(name)
        except CesamError as exc:
            self.notify_error(exc)
            return
        self.push_screen(MeetingScreen(ref))

    async def action_quit(self) -> None:
        """Quit, first saving what is typed and not yet confirmed (one commit per meeting)."""
        from cesam_tui.screens.dialogs import FormDialog, LeaveDialog
        from cesam_tui.screens.fields import FieldScreen
        from store.core.errors import CesamError

        if isinstance(self.screen, LeaveDialog):
            return  # the question is already asked
        if isinstance(self.screen, FormDialog) and self.screen.unconfirmed():
            # typed and not confirmed: save, discard or stay, then go on quitting
            self.screen.ask_before_leaving(lambda: self.call_later(self._quit_after_saves))
            return
        if not self._quit_asked:
            for screen in reversed(self.screen_stack):
                change = screen.pending_change() if isinstance(screen, FieldScreen) else None
                if change is None:
                    continue
                try:
                    with self.writing:  # the user waits for this one: the app is closing
                        self.repo.apply(screen.ref, change)
                except CesamError as exc:
                    self._quit_asked = True
                    self.notify_text(
                        f"{exc.text(self.lang)}\n{self.t('quit.unsaved')}",
                        severity="error",
                        title=self.t("error.title"),
                    )
                    return
        self.exit()

    async def _quit_after_saves(self) -> None:
        for worker in [w for w in self.workers if w.group == "save"]:
            with contextlib.suppress(Exception):  # a failed save was reported already; quitting still asks
                await worker.wait()
        await self.action_quit()

    def action_sync(self) -> None:
        from cesam_tui.syncing import start_sync

        start_sync(self)

    def action_resolve(self) -> None:
        from cesam_tui.syncing import start_resolve

        start_resolve(self)

    def action_search(self) -> None:
        from cesam_tui.screens.search import SearchScreen

        if not isinstance(self.screen, SearchScreen):
            self.push_screen(SearchScreen())

    def action_help(self) -> None:
        from cesam_tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's own palette entries, in the UI's language; Keys is cesam's F1 help."""
        yield SystemCommand(self.t("palette.theme"), self.t("palette.theme_help"), self.action_change_theme)
        yield SystemCommand(self.t("palette.quit"), self.t("palette.quit_help"), self.action_quit)
        yield SystemCommand(self.t("palette.keys"), self.t("palette.keys_help"), self.action_help)
        yield SystemCommand(
            self.t("palette.screenshot"),
            self.t("palette.screenshot_help"),
            lambda: self.set_timer(0.1, self.deliver_screenshot),
        )

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        from cesam_tui.palette import CesamPalette

        # is_open is typed App[object], and App is invariant in its result type: any app is what it takes
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(CesamPalette(self.words, id="--command-palette"))

    def search_themes(self) -> None:
        """Textual's theme search (the palette's Tema), its prompt in the UI's language."""
        from textual.theme import ThemeProvider

        from cesam_tui.palette import CesamPalette

        self.push_screen(CesamPalette(self.words, providers=[ThemeProvider], placeholder=self.t("palette.themes")))

    def action_help_quit(self) -> None:
        """ctrl+c outside a text field: Textual would say, in English, how to quit."""
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify_text(self.t("palette.how_to_quit", keys=key), title=self.t("palette.how_to_quit_title"))
                return

    def get_key_display(self, binding: Binding) -> str:
        return {"greater_than_sign": ">", "less_than_sign": "<", "slash": "/"}.get(
            binding.key, super().get_key_display(binding)
        )


def run(repo: Repository, lang: str | None = None, meeting: str | None = None) -> int:
    app = CesamApp(repo, lang=lang, meeting=meeting)
    app.run()
    return app.return_code or 0


__all__ = ["CesamApp", "run"]
