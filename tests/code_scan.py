"""What the source scans of the tests (catalogue, error words) count as words written in the code."""

from __future__ import annotations

import ast


def is_text(node: ast.expr | None) -> bool:
    """Words written in the code: a non-empty string literal or an f-string, also inside a ``+``."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and bool(node.value.strip())
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return is_text(node.left) or is_text(node.right)
    return False
