"""cesam log MEETING [--item 4c] [--statement ID]: who changed what, when, newest first."""

from __future__ import annotations

import argparse

from cesam_cli.context import Context
from cesam_cli.terminal import out, safe
from store.core.catalogue import Catalogue
from store.core.errors import UsageError, words
from store.core.messages import compact_spans
from store.services.history import (
    WORKTREE,
    HistoryEntry,
    find_item,
    find_statement,
    history,
    meeting_at,
    require_meeting,
)
from store.services.repository import Repository

from ._marks import spans


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "log",
        help="the history of a meeting, an item or a statement",
        description="Every commit that changed the meeting (or one item or statement of it), newest first, "
        "with author, date and message; commits made with plain git show too.",
    )
    p.add_argument("meeting", help="GROUP/DATE or DATE")
    p.add_argument("--item", metavar="NR", help="only this item, by number (4c, '4 c') or id")
    p.add_argument(
        "--statement", metavar="ID", help="only this statement: its id, or with --item its union or position"
    )
    p.add_argument("--rev", default="HEAD", help="history up to this revision (default HEAD)")
    p.add_argument("-n", "--max-count", type=int, metavar="N", help="at most N entries")
    p.add_argument("-c", "--changes", action="store_true", help="list what each commit changed, in words")
    p.set_defaults(handler=run)


def resolve_scope(repo: Repository, meeting_name: str, item: str | None, statement: str | None) -> tuple[str, str]:
    """Item and statement ids for what the user named, looked up in the current version (or HEAD's)."""
    if not (item or statement):
        return "", ""
    ref = repo.resolve(meeting_name)
    meeting = meeting_at(repo, WORKTREE, ref) or meeting_at(repo, "HEAD", ref)
    if meeting is None:
        raise UsageError(words("err.log_unreadable", ref=ref))
    item_id = ""
    if item:
        item_id = find_item(repo, meeting, item) or ""
        if not item_id:
            raise UsageError(
                words("err.log_no_item", ref=ref, item=repr(item)), hint=words("err.log_no_item.hint", ref=ref)
            )
    statement_id = ""
    if statement:
        statement_id = find_statement(meeting, statement, item_id) or ""
        if not statement_id:
            # a statement that is gone now is still named by its id
            statement_id = statement.strip()
    return item_id, statement_id


def print_entry(entry: HistoryEntry, lang: str, changes: bool) -> None:
    c = entry.commit
    when = c.date.strftime("%Y-%m-%d %H:%M")
    out(f"{c.short}  {when}  {safe(c.author, oneline=True)} <{safe(c.email, oneline=True)}>")
    out(f"    {safe(c.subject, oneline=True)}")
    if not changes:
        return
    if not entry.readable:
        out("    · " + Catalogue(lang).t("log.unreadable"))
        return
    if entry.is_merge and not entry.changes:
        out("    · " + Catalogue(lang).t("log.merge"))
    for explained in entry.explained(lang):
        out(f"    · {safe(explained.text, oneline=True)}")
        if explained.spans and not explained.text.endswith("'"):
            out(f"      {spans(compact_spans(explained.spans))}", colour=True)


def run(ctx: Context, args: argparse.Namespace) -> int:
    repo = ctx.repo()
    ref = repo.resolve(args.meeting)
    require_meeting(repo, ref, args.rev)
    item_id, statement_id = resolve_scope(repo, args.meeting, args.item, args.statement)
    narrow = bool(item_id or statement_id)
    entries = history(
        repo,
        ref,
        item_id=item_id,
        statement_id=statement_id,
        rev=args.rev,
        limit=args.max_count,
        semantic=args.changes or narrow,
    )
    if not entries and statement_id:
        raise UsageError(
            words("err.log_no_statement", ref=ref, id=repr(args.statement)), hint=words("err.log_no_statement.hint")
        )
    if not entries:
        out(Catalogue(ctx.language).t("log.no_history"))
        return 0
    for index, entry in enumerate(entries):
        if index:
            out()
        print_entry(entry, ctx.language, args.changes or narrow)
    return 0
