"""Moving a tree's cursor to a node of a fill that has just been made."""

from __future__ import annotations

from typing import Any

from textual.widgets import Tree
from textual.widgets.tree import TreeNode


def cursor_to(tree: Tree[Any], node: TreeNode[Any]) -> None:
    """Put ``tree``'s cursor on ``node`` if it belongs to the tree's latest fill.

    Meant for ``call_after_refresh`` after a ``clear()`` and a new fill: a node of an earlier
    fill (the tree was filled again meanwhile) is left alone, the latest fill's callback moves
    the cursor. Textual lays out a tree's lines when idle, which on a loaded machine comes after
    the callback; a node without its line then sent the cursor to the first line. Asking for
    the last line lays them out now.
    """
    top = node
    while top.parent is not None:
        top = top.parent
    if top is not tree.root:
        return
    if tree.last_line >= 0 and node.line >= 0:
        tree.move_cursor(node)
