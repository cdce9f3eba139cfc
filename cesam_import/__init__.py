"""Import existing protocols (text, DOCX, PDF) as meetings.

``read_document`` turns a file into lines of text, ``parse_protocol`` turns
the text into a :class:`store.core.model.Meeting` and a report of what was
recognised and what was left as text. Nothing here writes files or commits;
``cesam import`` does that through the repository.
"""

from __future__ import annotations

from .parser import ImportProblem, ImportResult, parse_protocol
from .readers import Document, ReadError, read_document
from .report import Entry, EntryKind, Report

__all__ = [
    "Document",
    "Entry",
    "EntryKind",
    "ImportProblem",
    "ImportResult",
    "ReadError",
    "Report",
    "parse_protocol",
    "read_document",
]
