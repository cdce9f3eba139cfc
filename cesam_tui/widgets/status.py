"""The status line: repository, branch, ahead/behind, and a warning when git needs attention."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from cesam_tui.session import RepoStatus
from cesam_tui.strings import t


def status_text(status: RepoStatus | None) -> Text:
    if status is None:
        return Text("…")
    text = Text()
    text.append(f" {t('status.repo')} ", style="dim")
    text.append(status.root, style="bold")
    text.append(f"  {t('status.branch')} ", style="dim")
    text.append(status.branch or t("status.no_branch"), style="bold")
    text.append("  ")
    if status.ahead_behind is None:
        text.append(t("status.no_remote"), style="dim")
    else:
        ahead, behind = status.ahead_behind
        text.append(f"↑{ahead} ↓{behind}", style="bold" if ahead or behind else "")
    text.append("  ")
    if status.operation or status.unmerged:
        what = status.operation or ", ".join(status.unmerged[:3])
        text.append(f" {t('status.conflict', what=what)} ", style="bold white on red")
    elif status.dirty:
        text.append(f" {t('status.dirty', n=len(status.dirty))} ", style="bold black on yellow")
    else:
        text.append(t("status.clean"), style="green")
    return text


class StatusLine(Static):
    DEFAULT_CSS = """
    StatusLine { height: 1; background: $panel; color: $text; }
    """

    def show(self, status: RepoStatus | None) -> None:
        self.update(status_text(status))
