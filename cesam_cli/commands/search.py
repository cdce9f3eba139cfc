"""cesam search TEXT [--union U] [--kind K] [--outcome O] [--year Y] [--group G]; --open-followups."""

from __future__ import annotations

import argparse
import datetime as dt
import itertools

from cesam_cli.context import Context
from cesam_cli.terminal import err, out, out_json, out_json_list, safe
from store.core.catalogue import Catalogue, term
from store.core.errors import ExitCode
from store.core.model import ALL_UNIONS, OutcomeKind
from store.services.search import Hit, OpenFollowUp, Record, open_followups, parse_years, search

from ._marks import matched


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "search",
        help="search every meeting of every year",
        description="Exact text, case folded as Swedish is read (Å finds å, never a). Every word must occur; "
        '"quote" a phrase. With no text the filters choose: --union Vision lists Vision\'s statements, '
        "--outcome oenighet every disagreement and with whom.",
    )
    p.add_argument("text", nargs="*", help="words to find")
    p.add_argument("--union", action="append", default=[], metavar="U", help="statements (and more) of this union")
    p.add_argument("--kind", action="append", default=[], metavar="K", help="statement kind: fråga, synpunkt, …")
    p.add_argument("--outcome", action="append", default=[], metavar="O", help="outcome: enighet, oenighet, …")
    p.add_argument("--item-kind", action="append", default=[], metavar="K", help="item kind: information, …")
    p.add_argument("--year", metavar="Y", help="a year, or a range like 2021-2023")
    p.add_argument("--group", action="append", default=[], metavar="G", help="only this group")
    p.add_argument("--no-joint", action="store_true", help="with --union: leave out what all unions said together")
    p.add_argument("--open-followups", action="store_true", help="every follow-up still open, and how old it is")
    p.add_argument("--limit", type=int, metavar="N", help="show at most N hits (all are counted)")
    p.add_argument("--json", action="store_true", help="results as JSON, with the matched spans")
    p.set_defaults(handler=run)


def _who(hit: Hit, lang: str) -> str:
    if hit.record == Record.STATEMENT:
        return f"{hit.party} ({term(f'statement.{hit.kind}', lang)})"
    if hit.record == Record.OUTCOME:
        text = term(f"outcome.{hit.kind}", lang)
        if hit.parties:
            return f"{text}: {', '.join(hit.parties)}"
        # an oenighet that names no union is one of all unions
        return f"{text}: {ALL_UNIONS}" if hit.kind == OutcomeKind.DISAGREEMENT.value else text
    if hit.record == Record.FOLLOWUP:
        return f"{hit.party}: {term('record.followup', lang)}"
    if hit.record == Record.ATTACHMENT:
        return f"{term('record.attachment', lang)} {hit.record_id}"
    return term(f"kind.{hit.item_kind}", lang)


def print_hit(hit: Hit, lang: str) -> None:
    title, who = safe(hit.item_title, oneline=True), safe(_who(hit, lang), oneline=True)
    out(f"{hit.group}/{hit.date.isoformat()}  § {hit.number} {title}  [{who}]")
    for match in hit.matches:
        field = term(f"field.{match.field}", lang)
        out(f"    {field}: {matched(match.text, match.spans)}", colour=True)
    if not hit.matches and hit.text and hit.record != Record.ITEM:
        out("    " + matched(hit.text, ()), colour=True)


def _hit_json(hit: Hit) -> dict[str, object]:
    return {
        "meeting": f"{hit.group}/{hit.date.isoformat()}",
        "number": hit.number,
        "item_id": hit.item_id,
        "item_title": hit.item_title,
        "item_kind": hit.item_kind,
        "record": hit.record.value,
        "record_id": hit.record_id,
        "party": hit.party,
        "kind": hit.kind,
        "parties": list(hit.parties),
        "fields": {name: text for name, text in hit.fields},
        "matches": [{"field": m.field, "text": m.text, "spans": [list(s) for s in m.spans]} for m in hit.matches],
    }


def _followup_line(f: OpenFollowUp, lang: str) -> str:
    t = Catalogue(lang).t
    days = t("search.days")
    line = f"{f.group}/{f.date.isoformat()}  § {f.number} {f.item_title}  [{f.owner}]  {f.age_days} {days}"
    if f.due:
        late = t("search.overdue") if f.overdue else ""
        line += f"  ({term('field.due', lang)} {f.due.isoformat()}{', ' + late if late else ''})"
    if f.carried:
        carried = t("search.carried")
        line += f"  {carried} {', '.join(c.split('/')[-1] for c in f.carried)}"
    return line + "\n    " + matched(f.text, ())


def run(ctx: Context, args: argparse.Namespace) -> int:
    repo = ctx.repo()
    lang = ctx.language
    if args.open_followups:
        items = open_followups(repo, dt.date.today(), args.group)
        if args.json:
            out_json([_followup_json(f) for f in items])
            return 0
        for f in items:
            out(_followup_line(f, lang), colour=True)
        if not items:
            out(Catalogue(lang).t("search.no_followups"))
        return 0
    results = search(
        repo,
        " ".join(args.text),
        unions=args.union,
        statement_kinds=args.kind,
        outcome_kinds=args.outcome,
        item_kinds=args.item_kind,
        years=parse_years(args.year) if args.year else (),
        groups=args.group,
        joint=not args.no_joint,
    )
    # the hits are built a page at a time as they are printed, never all held at once
    shown = results.total if args.limit is None else min(max(args.limit, 0), results.total)
    hits = itertools.islice(results, shown)
    if args.json:
        out_json_list(_hit_json(h) for h in hits)
    else:
        for hit in hits:
            print_hit(hit, lang)
        line = Catalogue(lang).n("search.hits", results.total, meetings=results.meetings)
        if shown < results.total:
            line += Catalogue(lang).t("search.latest_shown", shown=shown)
        out(line)
    for relpath in results.unreadable:
        err(Catalogue(lang).t("search.unreadable", path=relpath))
    return 0 if results.total else int(ExitCode.PROBLEMS)


def _followup_json(f: OpenFollowUp) -> dict[str, object]:
    return {
        "meeting": f"{f.group}/{f.date.isoformat()}",
        "number": f.number,
        "item_id": f.item_id,
        "item_title": f.item_title,
        "followup_id": f.followup_id,
        "text": f.text,
        "owner": f.owner,
        "due": f.due.isoformat() if f.due else None,
        "age_days": f.age_days,
        "carried": list(f.carried),
        "overdue": f.overdue,
    }
