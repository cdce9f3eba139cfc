"""HTML through one Jinja2 template: the HTML export and the web site (print.css lays it out on A4 when printed)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from jinja2 import Environment, PackageLoader, pass_context, select_autoescape
from jinja2.runtime import Context
from markupsafe import Markup

from .catalogue import Catalogue
from .images import ImageSource, data_uri, no_images
from .markdown import to_html
from .structure import Block, Document, landscape_runs


@pass_context
def _md(context: Context, text: str) -> Markup:
    # markdown-it escapes the text itself and passes no raw HTML through; images are embedded or named
    images: ImageSource = context.get("images") or no_images
    catalogue: Catalogue = context["catalogue"]

    def image(src: str) -> str | None:
        data = images(src)
        return data_uri(data) if data is not None else None

    return Markup(to_html(text, image=image, refused=lambda src: catalogue("image_refused", src=src)))


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


def render_blocks(document: Document, images: ImageSource | None = None) -> Markup:
    """Only the document's blocks as HTML, the way :func:`render` draws them: for a page that frames them
    itself (the web site of ``cesam site``)."""
    template = _environment().get_template("blocks.html.j2")
    # a web page has no printed pages, so no landscape runs
    return Markup(
        template.render(
            doc=document,
            images=images or no_images,
            catalogue=Catalogue(document.lang),
            landscape_opens=frozenset(),
            landscape_closes=frozenset(),
        )
    )


def render(document: Document, images: ImageSource | None = None) -> str:
    """The HTML; images only from ``images`` (files in the repository), embedded as ``data:`` URIs."""
    template = _environment().get_template("document.html.j2")
    opens, closes = landscape_runs(document.blocks)
    return template.render(
        doc=document,
        frame=document.frame,
        css=Markup(_css()),
        images=images or no_images,
        catalogue=Catalogue(document.lang),
        landscape_opens=opens,
        landscape_closes=closes,
    )
