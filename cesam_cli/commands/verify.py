"""cesam verify [MEETING]: is every justerad meeting still what its justerare approved?"""

from __future__ import annotations

import argparse
import datetime as dt
import shlex
from typing import Any

from cesam_cli.context import Context
from cesam_cli.terminal import out, out_json
from store.core.catalogue import Catalogue, term
from store.core.errors import ExitCode
from store.services.approvals import Approval
from store.services.justering import ChangeAfter, Verification, VerifyState, WindowEntry, justering_window, verify
from store.services.repository import Repository
from store.services.signatures import SignatureCheck


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "verify",
        help="check justerade meetings against their approvals; list meetings waiting for justering",
        description="For every justerad meeting: recompute the content hash, compare it with the approval tags, "
        "check the tags' signatures, and name each commit that changed the meeting after justering. "
        "Exits 1 when anything fails. Also lists held meetings waiting for justering and those past their window.",
    )
    p.add_argument("meeting", nargs="?", help="GROUP/DATE or DATE (default: every meeting)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument(
        "--no-cache", action="store_true", help="read every meeting version again (ignore the cache in .git)"
    )
    p.set_defaults(handler=run)


_GROUP_LABELS: dict[tuple[int, str], str] = {}


def _label(repo: Repository, result: Verification | WindowEntry) -> str:
    # thousands of lines at ten years' scale: each group's label is looked up once (a lookup stats cesam.toml)
    key = (id(repo), result.ref.group)
    if key not in _GROUP_LABELS:
        _GROUP_LABELS[key] = repo.group_label(result.ref.group)
    return f"{_GROUP_LABELS[key]} {result.ref.date.isoformat()}"


def _change_line(change: ChangeAfter, lang: str) -> str:
    # a kind of change from a newer cesam reads as its own name
    what = Catalogue(lang).term(f"verify.what.{change.what}")
    if change.files:
        what += ": " + ", ".join(change.files)
    if not change.commit:
        return f"    {change.subject}: {what}"
    return f'    {change.commit[:10]} {change.date[:10]} {change.author} <{change.email}>: "{change.subject}" ({what})'


def _print_result(repo: Repository, result: Verification, lang: str) -> None:
    t = Catalogue(lang).t
    label = _label(repo, result)
    state = result.state.label(lang)
    if result.state == VerifyState.OK:
        when = f" {result.adjusted_on.isoformat()}" if result.adjusted_on else ""
        by = ", ".join(a.approver for a in result.approvals)
        out(t("verify.ok", mark=result.mark, label=label, when=when, by=by))
        for line in _approval_lines(result, lang):
            out(line)
        return
    out(f"{result.mark} {label}: {state.upper()}")
    for change in result.changes:
        out(_change_line(change, lang))
    if result.state == VerifyState.BAD_SIGNATURE:
        for line in _approval_lines(result, lang):
            out(line)
    if result.missing and result.state == VerifyState.MISSING:
        out("    " + t("verify.missing", people=", ".join(result.missing)))
    if result.state == VerifyState.MISSING:
        out("    " + t("verify.fetch_tags"))
    for approval, why in result.ignored:
        out("    " + t("verify.ignored", tag=approval.short_tag, why=why))


def _approval_lines(result: Verification, lang: str) -> list[str]:
    """One line per approval: who approved, who recorded it, and who (if anyone) signed it."""
    checks = {c.approval.tag: c for c in result.signatures}
    return [f"    {a.approver}: {_recorded(a, checks.get(a.tag), lang)}" for a in result.approvals]


def _recorded(approval: Approval, check: SignatureCheck | None, lang: str) -> str:
    who = "by_secretary" if approval.by_secretary else "by_self"
    parts = [term(f"justering.{who}", lang).format(recorder=approval.recorded_by)]
    if not approval.signed:
        parts.append(term("justering.unsigned", lang))
    elif check is None:
        parts.append(term("justering.signed_by", lang).format(signer="?"))
    elif check.problem and check.good:
        key = "signer_not_recorder" if approval.by_secretary else "signer_not_approver"
        parts.append(
            term(f"justering.{key}" if check.signer else "justering.signer_unknown", lang).format(
                signer=check.signer, approver=approval.approver, recorder=approval.recorded_by
            )
        )
    elif check.problem:
        parts.append(f"{term('justering.signed_by', lang).format(signer=check.signer or '?')}: {check.problem}")
    else:
        parts.append(term("justering.signed_by", lang).format(signer=check.signer))
    return ", ".join(parts) + f" ({approval.short_tag})"


def _print_window(repo: Repository, entries: list[WindowEntry], lang: str) -> None:
    if not entries:
        return
    t = Catalogue(lang).t
    out()
    out(t("verify.waiting"))
    for entry in entries:
        approved = ", ".join(entry.approved_by) or "–"
        missing = ", ".join(entry.missing) or "–"
        if entry.overdue:
            late = t("verify.late", due=entry.due.isoformat(), days=-entry.days_left)
        else:
            late = t("verify.due", due=entry.due.isoformat(), days=entry.days_left)
        out("  " + t("verify.window_entry", label=_label(repo, entry), late=late, approved=approved, missing=missing))
        if entry.approved_by and not entry.missing:
            out("    " + _finish_hint(entry, lang))


def _finish_hint(entry: WindowEntry, lang: str) -> str:
    """Approvals recorded in several clones are all here; the meeting itself is not justerad yet."""
    command = f"cesam adjust {entry.ref} --as {shlex.quote(entry.approved_by[0])}"
    return Catalogue(lang).t("verify.finish_hint", command=command)


def _approval_json(approval: Approval, check: SignatureCheck | None) -> dict[str, Any]:
    return {
        "tag": approval.short_tag,
        "approver": approval.approver,
        "recorded_by": approval.recorded_by,
        "recorded_by_secretary": approval.by_secretary,
        "signed": approval.signed,
        "signer": check.signer if check else "",
        "signature_good": check.good if check else False,
        "signer_matches": check.matches if check else False,
        "hash_version": approval.hash_version,
    }


def _as_json(results: list[Verification], window: list[WindowEntry]) -> dict[str, Any]:
    def change(c: ChangeAfter) -> dict[str, str | list[str]]:
        return {
            "commit": c.commit,
            "author": c.author,
            "email": c.email,
            "date": c.date,
            "subject": c.subject,
            "what": c.what,
            "files": list(c.files),
        }

    return {
        "meetings": [
            {
                "meeting": str(r.ref),
                "state": r.state.value,
                "failed": r.failed,
                "status": r.status.value if r.status else None,
                "content_hash": r.content_hash,
                "required": r.required,
                "approvals": [
                    _approval_json(a, next((c for c in r.signatures if c.approval.tag == a.tag), None))
                    for a in r.approvals
                ],
                "missing": r.missing,
                "changes": [change(c) for c in r.changes],
                "bad_signatures": [
                    {"tag": a.short_tag, "approver": a.approver, "problem": p} for a, p in r.bad_signatures
                ],
            }
            for r in results
        ],
        "waiting": [
            {
                "meeting": str(e.ref),
                "due": e.due.isoformat(),
                "days_left": e.days_left,
                "approved_by": e.approved_by,
                "missing": e.missing,
            }
            for e in window
        ],
    }


def run(ctx: Context, args: argparse.Namespace) -> int:
    repo = ctx.repo()
    _GROUP_LABELS.clear()  # labels are remembered for one run: cesam.toml may differ next time
    lang = ctx.language
    if args.meeting or args.no_cache:
        results = verify(repo, [args.meeting] if args.meeting else None, use_cache=not args.no_cache)
    else:
        # only meetings changed since the last run (or whose tags changed) are verified again
        from store.services.verifycache import verify_all

        results = verify_all(repo)
    window = justering_window(repo, dt.date.today(), results)
    failed = [r for r in results if r.failed]
    if args.json:
        out_json(_as_json(results, window))
        return int(ExitCode.PROBLEMS) if failed else 0
    checked = [r for r in results if r.state not in (VerifyState.NOT_HELD, VerifyState.WAITING)]
    for result in checked:
        _print_result(repo, result, lang)
    _print_window(repo, window, lang)
    if checked or window:
        out()
    ok = len(checked) - len(failed)
    out(Catalogue(lang).t("verify.summary", checked=len(checked), ok=ok, failed=len(failed)))
    return int(ExitCode.PROBLEMS) if failed else 0
