"""HTML through one Jinja2 template; the same file is what WeasyPrint prints."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from .markdown import WIDE_COLUMNS, parse, table_columns, to_html
from .structure import Block, Document, Heading, Markdown


def _md(text: str) -> Markup:
    # markdown-it escapes the text itself and passes no raw HTML through
    return Markup(to_html(text))


def _blocktype(block: Block) -> str:
    return type(block).__name__


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("cesam_docs", "templates"),
        autoescape=select_autoescape(["html", "j2"], default_for_string=True, default=True),
        trim_blocks=False,
        lstrip_blocks=False,
        keep_trailing_newline=True,
    )
    env.filters["md"] = _md
    env.filters["blocktype"] = _blocktype
    return env


@lru_cache(maxsize=1)
def _css() -> str:
    return resources.files("cesam_docs").joinpath("templates/print.css").read_text(encoding="utf-8")


def _has_wide_table(block: Block) -> bool:
    if not isinstance(block, Markdown) or "|" not in block.markdown:
        return False
    tokens = parse(block.markdown)
    return any(t.type == "table_open" and table_columns(tokens, i) >= WIDE_COLUMNS for i, t in enumerate(tokens))


def landscape_runs(blocks: tuple[Block, ...]) -> tuple[set[int], set[int]]:
    """Where a landscape section opens and closes: a block with a wide table and the headings just
    before it, so that no heading is left on the portrait page before the turn."""
    opens: set[int] = set()
    closes: set[int] = set()
    for i, block in enumerate(blocks):
        if _has_wide_table(block):
            start = i
            while start > 0 and isinstance(blocks[start - 1], Heading):
                start -= 1
            opens.add(start)
            closes.add(i)
    return opens, closes


def render(document: Document) -> str:
    template = _environment().get_template("document.html.j2")
    opens, closes = landscape_runs(document.blocks)
    return template.render(
        doc=document, frame=document.frame, css=Markup(_css()), landscape_opens=opens, landscape_closes=closes
    )
