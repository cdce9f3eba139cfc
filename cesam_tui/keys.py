"""Bindings are declared with catalogue keys as descriptions and translated per instance.

Textual merges ``BINDINGS`` when a class is created, before the language is
known, so each node swaps in translated copies when it is constructed.
"""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from cesam_tui.strings import t


def localize_bindings(node: DOMNode) -> None:
    bindings = node._bindings.key_to_bindings
    for key, group in bindings.items():
        bindings[key] = [
            replace(b, description=t(b.description)) if b.description.startswith("key.") else b for b in group
        ]
