"""Kept for branches written before the catalogue: use :mod:`store.core.catalogue`."""

from __future__ import annotations

from store.core.catalogue import LANGUAGES, participle, term

__all__ = ["LANGUAGES", "participle", "term"]
