"""The status line: repository, branch, ahead/behind, and a warning when git needs attention.

The facts are those of `cesam status` (:func:`store.services.sync.sync_status`), computed
in a worker; while a sync runs, its current step takes the place of the warning.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.widgets import Static

from cesam_tui.keys import LocalizedBindings
from cesam_tui.session import RepoStatus, literal
from cesam_tui.strings import Speaks, Words

if TYPE_CHECKING:
    from cesam_tui.session import Session


def status_text(words: Words, status: RepoStatus | None, step: str | None = None) -> Text:
    if status is None:
        return Text("…" if step is None else words.t("status.step", step=step))
    facts = status.sync
    text = Text()
    text.append(f" {words.t('status.repo')} ", style="dim")
    text.append_text(literal(status.root, style="bold"))
    text.append(f"  {words.t('status.branch')} ", style="dim")
    text.append_text(literal(status.branch or words.t("status.no_branch"), style="bold"))
    text.append("  ")
    if facts is not None and facts.upstream:
        if facts.ahead or facts.behind:
            line = words.t("status.ahead_behind", ahead=facts.ahead, behind=facts.behind, upstream=facts.upstream)
            text.append_text(literal(line, style="bold"))
        else:
            text.append_text(literal(words.t("status.in_sync", upstream=facts.upstream), style="green"))
    elif status.ahead_behind is None:
        text.append(words.t("status.no_remote"), style="dim")
    else:
        ahead, behind = status.ahead_behind
        text.append(f"↑{ahead} ↓{behind}", style="bold" if ahead or behind else "")
    text.append("  ")
    if step is not None:
        text.append_text(literal(f" {words.t('status.step', step=step)} ", style="bold black on cyan"))
    elif status.operation or status.unmerged:
        what = status.operation or ", ".join(status.unmerged[:3])
        text.append_text(literal(f" {words.t('status.conflict', what=what)} ", style="bold white on red"))
    elif facts is not None and facts.conflict is not None:
        text.append(f" {words.t('status.sync_conflict')} ", style="bold white on red")
    elif status.dirty:
        text.append(f" {words.t('status.dirty', n=len(status.dirty))} ", style="bold black on yellow")
    else:
        text.append(words.t("status.clean"), style="green")
    return text


class StatusLine(Speaks, LocalizedBindings, Static):
    DEFAULT_CSS = """
    StatusLine { height: 1; background: $panel; color: $text; }
    """

    def show(self, status: RepoStatus | None) -> None:
        self.update(status_text(self.words, status, cast("Session", self.app).sync_step))
