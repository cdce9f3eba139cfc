"""Tables whose columns follow their rows.

Textual's ``DataTable.clear()`` keeps each column's widest content ever seen,
so a table refilled after a save or a pull kept the widths of rows long gone
(and in early versions cut names short: "Visi", "Kommuna"). ``refill`` puts
the same columns back before the new rows, so every width is measured again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import RenderableType
from textual.widgets import DataTable

#: one row: its cells and its key
Row = tuple[Sequence[RenderableType], str]


def refill(table: DataTable[Any], rows: Iterable[Row]) -> None:
    """Replace every row of ``table``; the cursor stays on the same row number where it can."""
    cursor = table.cursor_row
    columns = [(column.label, column.key.value) for column in table.ordered_columns]
    table.clear(columns=True)
    for label, key in columns:
        table.add_column(label, key=key)
    for cells, key in rows:
        table.add_row(*cells, key=key)
    if table.row_count:
        table.move_cursor(row=min(max(cursor, 0), table.row_count - 1))
