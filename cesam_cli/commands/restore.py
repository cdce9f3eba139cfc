"""cesam restore MEETING --rev REV [--item 4a] [--statement ID]: bring back an earlier version."""

from __future__ import annotations

import argparse

from cesam_cli.context import Context
from cesam_cli.terminal import out
from store.core.catalogue import Catalogue
from store.core.errors import UsageError, words
from store.core.messages import describe
from store.services.history import WORKTREE, find_item, find_statement, meeting_at, resolve_rev
from store.services.restore import plan_restore, preview, restore

from ._common import report_save


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "restore",
        help="restore a meeting, an item or a statement as it was in an earlier version",
        description="The restore is a new commit whose message says what came back and from which "
        "version; history is never rewritten. `cesam log` lists the versions.",
    )
    p.add_argument("meeting", help="GROUP/DATE or DATE")
    p.add_argument("--rev", required=True, help="the version to bring back (a commit from `cesam log`)")
    p.add_argument("--item", metavar="NR", help="only this item, by number (4a) or id")
    p.add_argument(
        "--statement", metavar="ID", help="only this statement: its id, or with --item its union or position"
    )
    p.add_argument("-n", "--dry-run", action="store_true", help="show what would change, change nothing")
    p.set_defaults(handler=run)


def run(ctx: Context, args: argparse.Namespace) -> int:
    repo = ctx.repo()
    ref = repo.resolve(args.meeting)
    commit = resolve_rev(repo, args.rev)
    then = meeting_at(repo, commit, ref)
    if then is None:
        raise UsageError(
            words("err.restore_no_version", ref=ref, commit=commit[:7]),
            hint=words("err.restore_no_version.hint", ref=ref),
        )
    now = meeting_at(repo, WORKTREE, ref)
    item_id = statement_id = ""
    if args.item:
        # an item is named by its number now, or by its number then if it is gone
        item_id = (now and find_item(repo, now, args.item)) or find_item(repo, then, args.item) or ""
        if not item_id:
            raise UsageError(words("err.restore_no_such_item", ref=ref, id=repr(args.item)))
    if args.statement:
        statement_id = (
            find_statement(then, args.statement, item_id)
            or (now and find_statement(now, args.statement, item_id))
            or ""
        )
        if not statement_id:
            raise UsageError(words("err.restore_no_statement", id=repr(args.statement), ref=ref, commit=commit[:7]))
        item_id = ""  # the statement names its item
    if args.dry_run:
        plan = plan_restore(repo, ref, commit, item_id=item_id, statement_id=statement_id)
        changes = preview(repo, plan)
        out(plan.message)
        for change in changes:
            out(f"- {describe(change, ctx.language)}")
        if not changes:
            out(Catalogue(ctx.language).t("restore.unchanged"))
        return 0
    result = restore(repo, ref, commit, item_id=item_id, statement_id=statement_id)
    report_save(result, ctx.language)
    return 0
