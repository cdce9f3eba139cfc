"""Export the protocol or the notice of a meeting as PDF, DOCX, HTML or Markdown, in a worker."""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path

from cesam_docs import FORMATS, Document, Provenance, first_number, notice, protocol, render
from cesam_docs.numbering import group_of
from store.core.codec import content_hash
from store.core.config import Numbering
from store.core.errors import CesamError, ExitCode, words
from store.core.model import Meeting
from store.services.repository import MeetingRef, Repository

DOCUMENTS = ("protocol", "notice")


class ExportError(CesamError):
    """The document could not be made or written."""

    exit_code = ExitCode.PROBLEMS


def warm_up() -> None:
    """Typst and the bundled fonts loaded in a worker while the user picks a format (about 0.1 s)."""
    # a missing package is reported by the export itself
    with contextlib.suppress(ImportError, OSError):
        from cesam_docs.pdf_fonts import fonts

        fonts()


def default_folder() -> Path:
    return Path.cwd()


def _earlier(repo: Repository, meeting: Meeting) -> list[Meeting]:
    # only where § numbers run through the year do earlier meetings matter
    if group_of(meeting, repo.config).numbering != Numbering.YEAR:
        return []
    refs = [r for r in repo.list_refs() if r.group == meeting.group and r.date.year == meeting.date.year]
    return [repo.load(r).meeting for r in refs if r.date < meeting.date]


def build(repo: Repository, ref: MeetingRef, which: str, lang: str) -> Document:
    """The document with its provenance: the commit it was read at and whether the file differs from it."""
    loaded = repo.load(ref)
    meeting = loaded.meeting
    state = repo.state([ref.relpath])
    stamp = Provenance(
        commit=repo.head_id() or "",
        content_hash=content_hash(meeting),
        dirty=bool(state.modified or state.untracked or state.unmerged),
    )
    first = first_number(meeting, group_of(meeting, repo.config), _earlier(repo, meeting))
    make = notice if which == "notice" else protocol
    return make(meeting, repo.config, stamp, lang=lang, first=first)


def export(repo: Repository, ref: MeetingRef, which: str, fmt: str, folder: Path, lang: str) -> Path:
    """Write the document into ``folder`` under its suggested name; the path written."""
    if fmt not in FORMATS:
        raise ExportError(words("err.unknown_format", format=repr(fmt)))
    document = build(repo, ref, which, lang)
    try:
        data = render(document, fmt, root=repo.root)
    except (ImportError, OSError, RuntimeError) as exc:
        raise ExportError(words("err.no_pdf", format=fmt.upper(), reason=exc), hint=words("err.no_pdf.hint")) from None
    stem = document.file_stem or hashlib.sha256(str(ref).encode()).hexdigest()[:8]
    path = folder.expanduser() / f"{stem}.{fmt}"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as exc:
        raise ExportError(words("err.cannot_write", path=path, reason=exc.strerror)) from None
    return path
