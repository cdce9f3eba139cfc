"""HTML through one Jinja2 template; the same file is what WeasyPrint prints."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from .markdown import to_html
from .structure import Block, Document, landscape_runs


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


def render(document: Document) -> str:
    template = _environment().get_template("document.html.j2")
    opens, closes = landscape_runs(document.blocks)
    return template.render(
        doc=document, frame=document.frame, css=Markup(_css()), landscape_opens=opens, landscape_closes=closes
    )
