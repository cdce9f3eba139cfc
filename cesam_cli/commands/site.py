"""cesam site -o DIR: the protocols as a static, verified, searchable web site (docs/site.md)."""

from __future__ import annotations

import argparse
from pathlib import Path

from cesam_cli.context import Context
from cesam_cli.terminal import err, safe
from cesam_site import Options, build
from store.core.catalogue import term
from store.core.errors import UsageError, words
from store.services.repository import MEETINGS_DIR


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "site",
        help="the protocols as a static web site: verified, searchable, incremental",
        description="Build (or update) a static web site of the committed meetings in DIR: start page, one page per "
        "meeting with its justering check and history, restlista per group, statements per union, search in the "
        "browser. Only meetings that changed are rendered again.",
    )
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="the site's folder (new, empty, or a site)")
    p.add_argument("--group", action="append", default=[], metavar="G", help="only this group (repeatable)")
    p.add_argument("--since", type=int, metavar="YEAR", help="only meetings from this year on")
    p.add_argument(
        "--public",
        action="store_true",
        help="leave out confidential items, internal roles and bilagor not marked public",
    )
    p.add_argument("--documents", action="store_true", help="also a PDF and a DOCX per meeting (slow; cached)")
    p.add_argument("--lang", dest="site_lang", choices=("sv", "en"), help="language of the site")
    p.add_argument("--serve", action="store_true", help="then serve the folder on 127.0.0.1 until Ctrl-C")
    p.add_argument("--port", type=int, default=0, help="port for --serve (default: any free one)")
    p.set_defaults(handler=run)


def run(ctx: Context, args: argparse.Namespace) -> int:
    repo = ctx.repo()
    known = repo.group_ids()
    for group in args.group:
        if group not in known:
            raise UsageError(words("err.unknown_group.known", group=repr(group), known=", ".join(known)))
    if args.since is not None and not 1900 <= args.since <= 2999:
        raise UsageError(words("err.since_not_year", since=args.since))
    lang = args.site_lang or ctx.language
    out = Path(args.output)
    options = Options(
        out=out,
        groups=tuple(args.group),
        since=args.since,
        public=args.public,
        lang=lang,
        documents=args.documents,
    )
    state = repo.state([MEETINGS_DIR])
    if state.modified or state.untracked:
        err(term("site.dirty", ctx.language))
    report = build(repo, options)
    shown = safe(str(out), oneline=True)
    if report.rendered or report.shared:
        err(
            term("site.built", ctx.language).format(
                out=shown, meetings=report.meetings, rendered=report.rendered, documents=report.documents
            )
        )
    else:
        err(term("site.unchanged", ctx.language).format(out=shown, meetings=report.meetings))
    if args.serve:
        from cesam_site.serve import serve

        serve(out, args.port, lambda url: err(term("site.serving", ctx.language).format(out=shown, url=url)))
    return 0
