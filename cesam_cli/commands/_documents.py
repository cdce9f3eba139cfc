"""What the document commands share: loading, provenance, format choice and writing the file."""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Callable
from pathlib import Path

from cesam_cli.context import Context
from cesam_cli.terminal import err, safe
from cesam_docs import FORMATS, Document, Provenance, first_number, render
from cesam_docs.numbering import group_of, numbers_for
from store.core.catalogue import Catalogue
from store.core.codec import content_hash
from store.core.config import Numbering
from store.core.errors import CesamError, ExitCode, UsageError, words
from store.core.model import Meeting
from store.core.numbering import find_item_id, normalise_number
from store.services.repository import Repository


class RenderError(CesamError):
    """A document could not be made (PDF needs the typst package)."""

    exit_code = ExitCode.PROBLEMS


def add_output_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=FORMATS, help="pdf, docx, html or md (default: from -o, else md)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write here (default: md and html to standard output)")
    # dest differs from the global --lang so that leaving it out keeps the global choice
    parser.add_argument("--lang", dest="doc_lang", choices=("sv", "en"), help="language of the document")


def document_language(ctx: Context, args: argparse.Namespace) -> str | None:
    return args.doc_lang or ctx.lang


def provenance(repo: Repository, paths: list[str], meetings: list[Meeting]) -> Provenance:
    """The commit the files were read at, their content hash, and whether they differ from it."""
    state = repo.state(paths)
    dirty = bool(state.modified or state.untracked or state.unmerged)
    if len(meetings) == 1:
        digest = content_hash(meetings[0])
    else:
        digest = hashlib.sha256("\n".join(sorted(content_hash(m) for m in meetings)).encode()).hexdigest()
    return Provenance(commit=repo.head_id() or "", content_hash=digest, dirty=dirty)


def earlier_meetings(repo: Repository, meeting: Meeting) -> list[Meeting]:
    """The group's meetings earlier in the same year, needed only where § numbers run per year."""
    if group_of(meeting, repo.config).numbering != Numbering.YEAR:
        return []
    refs = [r for r in repo.list_refs() if r.group == meeting.group and r.date.year == meeting.date.year]
    return [repo.load(r).meeting for r in refs if r.date < meeting.date]


def first_number_of(repo: Repository, meeting: Meeting) -> int:
    return first_number(meeting, group_of(meeting, repo.config), earlier_meetings(repo, meeting))


def find_item(repo: Repository, meeting: Meeting, text: str) -> str:
    """The id of the item the user names: "4c", "4 a", "§ 45 a", "7.1" or its id."""
    numbers = numbers_for(meeting, repo.config, earlier_meetings(repo, meeting))
    wanted = normalise_number(text)
    for item_id, label in numbers.items():
        if normalise_number(label) == wanted or label == text.strip():
            return item_id
    found = find_item_id(meeting, text, group_of(meeting, repo.config).subitem_style)
    if found:
        return found
    listed = ", ".join(numbers[i.id] for i in meeting.items)
    raise UsageError(
        words("err.no_item_in", item=repr(text), ref=meeting.ref), hint=words("err.no_item_in.hint", listed=listed)
    )


# what a command makes of one meeting: (repo, meeting, provenance, language, first § number) -> document
MakeDocument = Callable[[Repository, Meeting, Provenance, str | None, int], Document]


def meeting_document(ctx: Context, args: argparse.Namespace, make: MakeDocument) -> int:
    """Load ``args.meeting``, stamp where it came from and write the document ``make`` makes of it."""
    repo = ctx.repo()
    loaded = repo.load(args.meeting)
    stamp = provenance(repo, [loaded.ref.relpath], [loaded.meeting])
    first = first_number_of(repo, loaded.meeting)
    document = make(repo, loaded.meeting, stamp, document_language(ctx, args), first)
    return write(document, args, ctx.language, root=repo.root)


def choose_format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    if args.output:
        suffix = Path(args.output).suffix.lstrip(".").lower()
        if suffix in FORMATS:
            return suffix
        if suffix == "htm":
            return "html"
        if suffix == "markdown":
            return "md"
        raise UsageError(
            words("err.unknown_output_format", output=repr(args.output)), hint=words("err.unknown_output_format.hint")
        )
    return "md"


def write(
    document: Document,
    args: argparse.Namespace,
    lang: str,
    *,
    root: Path | None = None,
    finish: Callable[[bytes], bytes] | None = None,
) -> int:
    """Render and write; images only from files inside the repository at ``root``; ``finish``
    changes the rendered bytes before they are written (the bilagor appended to a PDF)."""
    fmt = choose_format(args)
    try:
        data = render(document, fmt, root=root)
        if finish is not None:
            data = finish(data)
    except (ImportError, OSError, RuntimeError) as exc:
        if fmt != "pdf":
            raise
        raise RenderError(words("err.no_pdf", format="PDF", reason=exc), hint=words("err.no_pdf.hint")) from None
    output = args.output
    if not output and fmt in ("pdf", "docx"):
        output = f"{document.file_stem}.{fmt}"  # binary: never onto a terminal
    if not output:
        text = data.decode("utf-8")
        # a document piped to a file keeps its bytes; on a terminal its data must not act
        sys.stdout.write(safe(text) if sys.stdout.isatty() else text)
        return 0
    path = Path(output)
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise UsageError(words("err.cannot_write", path=path, reason=exc.strerror)) from None
    err(Catalogue(lang).t("cli.wrote", path=path))
    return 0


def all_meetings(repo: Repository) -> tuple[list[Meeting], list[str]]:
    """Every meeting that loads, and a line for each one that does not."""
    meetings: list[Meeting] = []
    problems: list[str] = []
    for ref in repo.list_refs():
        try:
            meetings.append(repo.load(ref).meeting)
        except CesamError as exc:
            problems.append(f"{ref}: {exc.text(repo.lang).splitlines()[0]}")
    return meetings, problems
