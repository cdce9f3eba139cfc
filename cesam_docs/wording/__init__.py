"""The one source of wording: a meeting becomes a neutral :class:`~cesam_docs.structure.Document`.

A small package, one module per kind of document: :mod:`.core` (the phrases
every document shares, the protocol and the extract), :mod:`.notice` (the
kallelse) and :mod:`.restlista`. Every word comes from
:mod:`cesam_docs.catalogue`; the renderers only lay it out.
"""

from __future__ import annotations

from .core import extract, language, protocol, statement_sentences
from .notice import notice
from .restlista import restlista_document

__all__ = ["extract", "language", "notice", "protocol", "restlista_document", "statement_sentences"]
