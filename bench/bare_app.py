"""The baseline of the start-up and memory figures: a bare Textual app that shows a table.

    python bench/bare_app.py [ROWS]

Nothing but Textual: a DataTable with ROWS made-up rows (default 3), on
screen as soon as the app is mounted. bench/startup.py gives it one row per
meeting of the repository, as many as cesam's navigator lists; the navigator
does more (it reads the repository), and the ratio says how much that costs.
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer


class Bare(App[None]):
    BINDINGS = [("ctrl+q", "quit", "Quit")]  # noqa: RUF012

    def __init__(self, rows: int) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        yield DataTable()
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("date", "status", "items")
        for n in range(self.rows):
            table.add_row(f"2023-09-{n % 28 + 1:02d}", "hållen", str(n))


if __name__ == "__main__":
    Bare(int(sys.argv[1]) if len(sys.argv) > 1 else 3).run()
