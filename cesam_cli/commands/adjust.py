"""cesam adjust MEETING [--as NAME]: record approvals (justering) of the meeting's content."""

from __future__ import annotations

import argparse

from cesam_cli.context import Context
from cesam_cli.terminal import out
from store.core.catalogue import Catalogue, term
from store.core.model import Status
from store.services.justering import AdjustResult, adjust, record_existing_approvals

from ._common import parse_date


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "adjust",
        help="justera: record approvals of a meeting's content; justerad when everyone required has approved",
        description="Record that a justerare (or the chair, where the group requires it) approves the meeting "
        "exactly as it is committed now. Each approval is an annotated git tag, signed where git signs tags. "
        "Without --as, every required person is recorded by the secretary who received their approvals: "
        "each tag says so, and a signature on it is the secretary's, not the justerare's.",
    )
    p.add_argument("meeting", help="GROUP/DATE or DATE")
    p.add_argument(
        "--as",
        dest="people",
        metavar="NAME",
        action="append",
        help="the person who approves (repeat for several); default: all justerare and the chair where required",
    )
    p.add_argument(
        "--by-secretary",
        action="store_true",
        help="with --as: record the named person's approval on their behalf (a paper or e-signature you "
        "received); the tag says so, and its signature is checked as yours, not theirs",
    )
    p.add_argument("--date", type=parse_date, help="the date of the approval (default: today), e.g. of an e-signature")
    p.add_argument("--method", default="", help='how the approval was given, e.g. "e-legitimation" or "papper"')
    sign = p.add_mutually_exclusive_group()
    sign.add_argument("--sign", dest="sign", action="store_true", default=None, help="sign the tags (git tag -s)")
    sign.add_argument("--no-sign", dest="sign", action="store_false", help="do not sign the tags")
    p.set_defaults(handler=run, sign=None)


def run(ctx: Context, args: argparse.Namespace) -> int:
    repo = ctx.repo()
    lang = ctx.language
    t = Catalogue(lang).t
    ref = repo.resolve(args.meeting)
    if args.people is None and args.date is None and repo.load(ref).meeting.status == Status.ADJUSTED:
        # justerad already (imported): record everyone, each dated from their signature in the protocol
        created = record_existing_approvals(repo, ref, sign=args.sign)
        result = AdjustResult(ref, "", [], created=created)
    else:
        on_behalf = True if args.people is None else args.by_secretary
        result = adjust(
            repo, ref, args.people, on=args.date, method=args.method, sign=args.sign, by_secretary=on_behalf
        )
    label = f"{repo.group_label(result.ref.group)} {result.ref.date.isoformat()}"
    for approval in result.created:
        who = "by_secretary" if approval.by_secretary else "by_self"
        recorded = term(f"justering.{who}", lang).format(recorder=approval.recorded_by)
        signed = term("justering.signed_by", lang).format(signer=approval.tagger) if approval.signed else ""
        how = ", ".join(p for p in (recorded, signed or term("justering.unsigned", lang)) if p)
        out(f"{label}: {term('justering.recorded', lang)}: {approval.approver} ({how}; {approval.short_tag})")
    for person in result.already:
        out(t("adjust.already", label=label, person=person))
    if result.missing:
        out(t("adjust.waiting", label=label, people=", ".join(result.missing)))
    elif result.commit:
        out(t("adjust.adjusted", commit=result.commit[:8], message=result.message.splitlines()[0]))
    if result.created:
        out(t("adjust.tags_travel"))
    return 0
