"""cesam import: existing protocols (text, DOCX, PDF) become meetings, one commit each."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from cesam_cli.context import Context
from cesam_cli.terminal import err, out
from store.core.catalogue import Catalogue
from store.core.codec import dumps
from store.core.errors import CesamError, ExitCode, GitError, ProblemKind, RepoStateError, UsageError
from store.core.messages import meeting_label
from store.core.model import Meeting, Status
from store.core.validate import validate
from store.services.justering import record_existing_approvals

from ._common import parse_date

if TYPE_CHECKING:
    from cesam_import import ImportResult
    from store.core.config import Config
    from store.services.repository import Repository, SaveResult


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "import",
        help="import protocols (.txt, .docx, .pdf) as meetings, one commit per file",
        description="Read each protocol, recognise its heading, attendees, items, statements and outcomes, "
        "and commit it as a meeting. A report says what was recognised and what was left as text.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="protocol files: .txt, .docx or .pdf")
    p.add_argument("--group", help="group id, when the heading does not name the group")
    p.add_argument("--date", type=parse_date, help="YYYY-MM-DD, when the protocol has no date or no year")
    p.add_argument("--dry-run", action="store_true", help="show the meeting (TOML) and the report; commit nothing")
    p.add_argument(
        "--keep-appendix",
        action="store_true",
        help="keep the slides after the signatures as the text of a last item (default: leave them out, reported)",
    )
    p.add_argument(
        "--report",
        type=Path,
        metavar="FILE",
        help="write the report, with where each line of the source went, as Markdown to FILE",
    )
    p.set_defaults(handler=run)


def _message(label: str, source: str, lang: str) -> str:
    return Catalogue(lang).t("import.commit", label=label, source=source)


def _parse_file(path: Path, config: Config, args: argparse.Namespace, lang: str) -> ImportResult | None:
    """The protocol read and parsed, or None (said why) when it cannot be imported."""
    from cesam_import import ImportProblem, parse_protocol, read_document

    try:
        document = read_document(path)
        result = parse_protocol(
            document.text,
            config,
            group=args.group,
            date=args.date,
            source=path.name,
            keep_appendix=args.keep_appendix,
        )
    except (CesamError, ImportProblem) as exc:
        out("  " + Catalogue(lang).t("import.cannot", error=exc.text(lang)))
        return None
    except Exception as exc:  # a protocol the parser chokes on must not stop the other files
        out("  " + Catalogue(lang).t("import.cannot_internal", kind=type(exc).__name__, error=exc))
        return None
    for note in document.notes:
        result.report.check("file", note)
    return result


def _record_approvals(repo: Repository, meeting: Meeting, saved: SaveResult, label: str, lang: str) -> None:
    if meeting.status == Status.ADJUSTED and saved.ref is not None:
        # the protocol was justerat on paper or by e-signature: record those approvals
        # so that `cesam verify` can guard the imported content from now on
        try:
            approvals = record_existing_approvals(repo, saved.ref)
        except CesamError as exc:
            out("  " + Catalogue(lang).t("import.justering_failed", label=label, error=exc.text(lang)))
        else:
            out("  " + Catalogue(lang).t("import.justering_recorded", label=label, n=len(approvals)))


def run(ctx: Context, args: argparse.Namespace) -> int:
    from cesam_import.report import line_map, to_markdown

    lang = ctx.language
    t = Catalogue(lang).t
    if args.date is not None and len(args.files) > 1:
        raise UsageError(t("import.date_one"), hint=t("import.date_one.hint"))
    repo = ctx.repo()
    config = repo.config
    total = len(args.files)
    failed: list[str] = []
    reports: list[str] = []
    for number, name in enumerate(args.files, 1):
        path = Path(name)
        out(f"[{number}/{total}] {path.name}", flush=True)
        result = _parse_file(path, config, args, lang)
        if result is None:
            failed.append(path.name)
            continue
        if args.report is not None:
            reports.append(to_markdown(path.name, result.report, result.lines, result.placed, lang))
        meeting = result.meeting
        problems = validate(meeting, config)
        errors = [p for p in problems if p.kind == ProblemKind.ERROR]
        label = meeting_label(repo.group_label(meeting.group), meeting.date)
        if args.dry_run:
            out(dumps(meeting))
        out(_indent(result.report.render(lang=lang)))
        if args.dry_run:
            out("  " + t("import.line_by_line"))
            out(_indent(_indent("\n".join(line_map(result.lines, result.placed, lang)))))
        for problem in problems:
            kind = "error" if problem.kind == ProblemKind.ERROR else "warning"
            out("  " + t(f"import.problem.{kind}", message=problem.message))
        if errors:
            out("  " + t("import.has_errors", label=label))
            failed.append(path.name)
            continue
        refusal = _accounting_refusal(result, lang)
        if refusal:
            out("  " + t("import.not_imported", label=label, why=refusal))
            failed.append(path.name)
            continue
        if args.dry_run:
            summary = f"{result.report.summary(lang)}; {result.accounting.summary(lang)}"
            out("  " + t("import.dry_run", label=label, summary=summary))
            continue
        try:
            saved = repo.create(meeting, message=_message(label, path.name, lang))
        except (GitError, RepoStateError) as exc:
            # git or the repository refuses every save alike (no identity, a stale lock): stop, with its exit code
            err("cesam: " + t("import.not_imported", label=label, why=exc.text(lang)))
            rest = [Path(n).name for n in args.files[number - 1 :]]
            err(t("import.failed_files", failed=len(failed) + len(rest), total=total, files=", ".join(failed + rest)))
            return int(exc.exit_code)
        except CesamError as exc:
            out("  " + t("import.not_imported", label=label, why=exc.text(lang)))
            failed.append(path.name)
            continue
        commit = saved.commit[:8] if saved.commit else "-"
        summary = f"{result.report.summary(lang)}; {result.accounting.summary(lang)}"
        out("  " + t("import.saved", commit=commit, message=saved.message, summary=summary))
        _record_approvals(repo, meeting, saved, label, lang)
    if args.report is not None:
        _write_report(args.report, reports, lang)
    if failed:
        out(t("import.failed_files", failed=len(failed), total=total, files=", ".join(failed)))
        return int(ExitCode.PROBLEMS)
    return 0


def _accounting_refusal(result: ImportResult, lang: str) -> str:
    """Why an import that did not keep every word must not be committed ("" when it did)."""
    accounting = result.accounting
    t = Catalogue(lang).t
    if accounting.total and (accounting.kept == 0 or not result.meeting.items):
        return t("import.empty_meeting", words=accounting.total)
    if not accounting.adds_up:
        lines = ", ".join(str(no) for no, _ in accounting.lost[:10]) + (" …" if len(accounting.lost) > 10 else "")
        return t("import.words_lost", lost=accounting.lost_count, lines=lines)
    return ""


def _write_report(target: Path, reports: list[str], lang: str) -> None:
    t = Catalogue(lang).t
    try:
        target.write_text("\n".join(reports), encoding="utf-8")
    except OSError as exc:
        raise CesamError(t("import.report_unwritable", path=target, error=exc.strerror or exc)) from None
    out(t("import.report_written", path=target))


def _indent(text: str) -> str:
    return "\n".join(f"  {line}" for line in text.splitlines())
