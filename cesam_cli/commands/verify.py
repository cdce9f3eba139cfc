"""cesam verify [MEETING]: is every justerad meeting still what its justerare approved?"""

from __future__ import annotations

import argparse
import datetime as dt
import shlex
from typing import Any

from cesam_cli.context import Context
from cesam_cli.terminal import out, out_json
from store.core.errors import ExitCode
from store.core.i18n import term
from store.services.approvals import Approval
from store.services.justering import ChangeAfter, Verification, VerifyState, WindowEntry, justering_window, verify
from store.services.repository import Repository
from store.services.signatures import SignatureCheck

_WHAT = {
    "content": ("innehållet ändrat", "content changed"),
    "bilaga": ("bilaga ändrad", "attachment changed"),
    "adjusted_on": ("justeringsdagen ändrad", "date of justering changed"),
    "unapproved": ("satt till justerad utan godkännanden", "set to justerad without approvals"),
    "unreadable": ("filen går inte att läsa", "the file cannot be read"),
    "uncommitted": ("ändrad i arbetskopian, ej committad", "changed in the working tree, not committed"),
}


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


def _label(repo: Repository, result: Verification | WindowEntry) -> str:
    return f"{repo.group_label(result.ref.group)} {result.ref.date.isoformat()}"


def _change_line(change: ChangeAfter, sv: bool) -> str:
    sv_text, en_text = _WHAT.get(change.what, (change.what, change.what))
    what = sv_text if sv else en_text
    if change.files:
        what += ": " + ", ".join(change.files)
    if not change.commit:
        return f"    {change.subject}: {what}"
    return f'    {change.commit[:10]} {change.date[:10]} {change.author} <{change.email}>: "{change.subject}" ({what})'


def _print_result(repo: Repository, result: Verification, sv: bool) -> None:
    label = _label(repo, result)
    state = result.state.label("sv" if sv else "en")
    lang = "sv" if sv else "en"
    if result.state == VerifyState.OK:
        when = f" {result.adjusted_on.isoformat()}" if result.adjusted_on else ""
        by = ", ".join(a.approver for a in result.approvals)
        if sv:
            out(f"{result.mark} {label}: justerad{when}, oförändrad (godkänd av {by})")
        else:
            out(f"{result.mark} {label}: adjusted{when}, unchanged (approved by {by})")
        for line in _approval_lines(result, lang):
            out(line)
        return
    out(f"{result.mark} {label}: {state.upper()}")
    for change in result.changes:
        out(_change_line(change, sv))
    if result.state == VerifyState.BAD_SIGNATURE:
        for line in _approval_lines(result, lang):
            out(line)
    if result.missing and result.state == VerifyState.MISSING:
        head = "saknar godkännande av innehållet" if sv else "no approval of the content from"
        out(f"    {head}: {', '.join(result.missing)}")
    if result.state == VerifyState.MISSING:
        out(
            "    Har taggarna hämtats? git fetch origin 'refs/tags/justering/*:refs/tags/justering/*'"
            if sv
            else "    Were the tags fetched? git fetch origin 'refs/tags/justering/*:refs/tags/justering/*'"
        )
    for approval, why in result.ignored:
        out(f"    {'räknas inte' if sv else 'does not count'}: {approval.short_tag}: {why}")


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


def _print_window(repo: Repository, entries: list[WindowEntry], sv: bool) -> None:
    if not entries:
        return
    out()
    out("Väntar på justering:" if sv else "Waiting for justering:")
    for entry in entries:
        approved = ", ".join(entry.approved_by) or "–"
        missing = ", ".join(entry.missing) or "–"
        if entry.overdue:
            late = (
                f"senast {entry.due.isoformat()}, {-entry.days_left} dagar sen"
                if sv
                else f"due {entry.due.isoformat()}, {-entry.days_left} days late"
            )
        else:
            late = (
                f"senast {entry.due.isoformat()} ({entry.days_left} dagar kvar)"
                if sv
                else f"due {entry.due.isoformat()} ({entry.days_left} days left)"
            )
        if sv:
            out(f"  {_label(repo, entry)}: {late}; godkänt av {approved}; saknas {missing}")
        else:
            out(f"  {_label(repo, entry)}: {late}; approved by {approved}; missing {missing}")
        if entry.approved_by and not entry.missing:
            out("    " + _finish_hint(entry, sv))


def _finish_hint(entry: WindowEntry, sv: bool) -> str:
    """Approvals recorded in several clones are all here; the meeting itself is not justerad yet."""
    command = f"cesam adjust {entry.ref} --as {shlex.quote(entry.approved_by[0])}"
    if sv:
        return f"alla godkännanden finns: kör `{command}` för att slutföra justeringen"
    return f"all approvals present: run `{command}` to finish"


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
    sv = ctx.language == "sv"
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
        _print_result(repo, result, sv)
    _print_window(repo, window, sv)
    if checked or window:
        out()
    ok = len(checked) - len(failed)
    if sv:
        out(f"{len(checked)} justerade möten kontrollerade: {ok} oförändrade, {len(failed)} med fel.")
    else:
        out(f"{len(checked)} adjusted meetings checked: {ok} unchanged, {len(failed)} failed.")
    return int(ExitCode.PROBLEMS) if failed else 0
