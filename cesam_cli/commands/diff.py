"""cesam diff MEETING [REV [REV]]: what changed, in the domain's words; --raw for git diff."""

from __future__ import annotations

import argparse

from cesam_cli.context import Context
from cesam_cli.terminal import out as show
from cesam_cli.terminal import safe
from store.core.catalogue import Catalogue
from store.core.errors import UsageError, words
from store.core.messages import compact_spans, explain
from store.services.history import WORKTREE, MeetingDiff, commit_diff, commit_info, diff, raw_diff
from store.services.repository import Repository

from ._marks import spans


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "diff",
        help="what changed in a meeting between two versions, or in one commit, in words",
        description="No REV: uncommitted edits against HEAD, or else the meeting's last commit. "
        "One REV: that version against the meeting now. Two: between them. "
        "REV is anything git names a commit by (a1b2c3d, HEAD~2, a tag).",
    )
    p.add_argument("meeting", help="GROUP/DATE or DATE")
    p.add_argument("revs", nargs="*", metavar="REV", help="at most two revisions")
    p.add_argument("-c", "--commit", metavar="REV", help="what this one commit changed in the meeting")
    p.add_argument("--raw", action="store_true", help="the plain `git diff` of the same versions")
    p.add_argument("--full", action="store_true", help="show long texts whole, not only around the changes")
    p.set_defaults(handler=run)


def _name(repo: Repository, rev: str, lang: str) -> str:
    if rev == WORKTREE:
        return Catalogue(lang).t("diff.worktree")
    if set(rev) == {"0"}:
        return Catalogue(lang).t("diff.nothing")
    info = commit_info(repo, rev)
    author, subject = safe(info.author, oneline=True), safe(info.subject, oneline=True)
    return f"{info.short} ({info.date.date().isoformat()}, {author}: {subject})"


def render(repo: Repository, result: MeetingDiff, lang: str, full: bool = False) -> list[str]:
    out = [
        f"{repo.group_label(result.ref.group)} {result.ref.date.isoformat()}",
        "  " + Catalogue(lang).t("diff.from", name=_name(repo, result.old_rev, lang)),
        "  " + Catalogue(lang).t("diff.to", name=_name(repo, result.new_rev, lang)),
        "",
    ]
    if not result.changes:
        out.append(Catalogue(lang).t("diff.no_changes"))
    for change in result.changes:
        explained = explain(change, lang)
        out.append(f"- {safe(explained.text, oneline=True)}")
        if explained.spans:
            shown = explained.spans if full else compact_spans(explained.spans)
            out.extend(f"    {line}" for line in spans(shown).splitlines())
    return out


def run(ctx: Context, args: argparse.Namespace) -> int:
    repo = ctx.repo()
    if len(args.revs) > 2:
        raise UsageError(words("err.diff_two_revs"))
    if args.commit and args.revs:
        raise UsageError(words("err.diff_commit_or_revs"))
    if args.commit:
        result = commit_diff(repo, args.meeting, args.commit)
    else:
        old = args.revs[0] if args.revs else None
        new = args.revs[1] if len(args.revs) > 1 else None
        result = diff(repo, args.meeting, old, new)
    if args.raw:
        show(raw_diff(repo, result), end="")
        return 0
    show("\n".join(render(repo, result, ctx.language, args.full)), colour=True)
    return 0
