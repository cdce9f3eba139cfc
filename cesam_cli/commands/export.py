"""cesam export MEETING: the protocol as PDF, DOCX, HTML or Markdown; with --bilagor, a PDF with
the bilagor's own PDF files appended in number order."""

from __future__ import annotations

import argparse

from cesam_cli.context import Context
from cesam_cli.terminal import err
from cesam_docs import protocol
from cesam_docs.bilagor import BilagaFile, append_bilagor
from store.core.catalogue import Catalogue
from store.core.errors import UsageError, words
from store.core.model import Meeting
from store.services.repository import Repository

from ._documents import add_output_arguments, choose_format, document_language, first_number_of, provenance, write


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("export", help="the protocol as pdf, docx, html or md")
    p.add_argument("meeting", help="GROUP/DATE or DATE")
    add_output_arguments(p)
    p.add_argument(
        "--bilagor",
        action="store_true",
        help="PDF only: append the bilagor's PDF files (attached with the meeting) in number order",
    )
    p.set_defaults(handler=run)


def run(ctx: Context, args: argparse.Namespace) -> int:
    repo = ctx.repo()
    loaded = repo.load(args.meeting)
    meeting = loaded.meeting
    stamp = provenance(repo, [loaded.ref.relpath], [meeting])
    lang = document_language(ctx, args)
    document = protocol(meeting, repo.config, stamp, lang=lang, first=first_number_of(repo, meeting))
    if not args.bilagor:
        return write(document, args, ctx.language, root=repo.root)
    if choose_format(args) != "pdf":
        raise UsageError(words("err.bilagor_pdf"), hint=words("err.bilagor_pdf.hint"))
    t = Catalogue(lang or ctx.language)
    files, missing = bilaga_files(repo, meeting, t)
    skipped = 0

    def append(pdf: bytes) -> bytes:
        nonlocal skipped
        result = append_bilagor(pdf, files)
        for number, name, reason in [*missing, *result.skipped]:
            err(Catalogue(ctx.language).t(f"cli.bilaga_skipped.{reason}", number=number, file=name))
        skipped = len(missing) + len(result.skipped)
        return result.pdf

    code = write(document, args, ctx.language, root=repo.root, finish=append)
    return code or (1 if skipped else 0)


def bilaga_files(
    repo: Repository, meeting: Meeting, t: Catalogue
) -> tuple[list[BilagaFile], list[tuple[int, str, str]]]:
    """The bilagor with a file, read from the repository once per number; and those that cannot be read."""
    files: list[BilagaFile] = []
    missing: list[tuple[int, str, str]] = []
    seen: set[int] = set()
    for item in meeting.items:
        for att in item.attachments:
            if not att.file or att.number in seen:
                continue
            seen.add(att.number)
            if repo.attachment_problem(att.number, att.file) is not None:
                missing.append((att.number, att.file, "missing"))
                continue
            data = repo.safe_path(att.file).read_bytes()
            label = t.t("doc.bilaga_bookmark", number=att.number, title=att.title)
            files.append(BilagaFile(att.number, label, att.file, data))
    return files, missing
