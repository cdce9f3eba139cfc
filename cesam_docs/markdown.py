"""One Markdown dialect for every format: CommonMark with GFM tables and strikethrough.

Raw HTML in the text is not passed through (``html: False``): the text is
the user's data and must never become markup of the document around it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+(?=[.)]))")


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
        ["table", "strikethrough"]
    )


def parse(text: str) -> list[Token]:
    return parser().parse(text)


def escape(text: str) -> str:
    """Plain text made safe to put into Markdown: it reads back as the same text."""
    out = _INLINE.sub(r"\\\1", " ".join(text.split()))
    match = _LINE_START.match(out)
    if match:
        sign = match.group(2)
        # "4." starts an ordered list: escape the dot, not the digit
        out = out[: match.end()] + "\\" + out[match.end() :] if sign[0].isdigit() else "\\" + out
    return out


# Text with none of these (anywhere, or at a line's start) is only paragraphs: no parse needed.
# (whitespace other than space and newline, and control characters, are left to the parser)
_MARKUP_ANYWHERE = re.compile(r"[\\`*_\[\]<>|~&!\x00-\x09\x0b-\x1f\x7f]|[^\S \n]| \n| $")
_MARKUP_AT_START = re.compile(r"^(?: |[#>+=-]|\d+[.)])", re.MULTILINE)


def _is_prose(text: str) -> bool:
    return not (_MARKUP_ANYWHERE.search(text) or _MARKUP_AT_START.search(text))


def _paragraphs_html(text: str) -> str | None:
    """What markdown-it makes of plain prose (paragraphs of lines), without parsing it; None for anything
    else. Rendering a large archive spends most of its time parsing text that holds no Markdown."""
    if not _is_prose(text):
        return None
    out = []
    for block in text.strip("\n").split("\n\n"):
        lines = [line for line in block.split("\n") if line]
        if lines:
            out.append("<p>" + "\n".join(lines).replace('"', "&quot;") + "</p>\n")
    return "".join(out)


#: "a.", "iv.", "b)", "2)" at the start of a list item: the protocol's own label, kept as text
_LABEL = re.compile(r"^(?:[a-zåäö]|[ivxlc]+|\d+)[.)]\s", re.IGNORECASE)

#: a table this wide is set on a landscape page; from NARROW_COLUMNS on, in a smaller type
WIDE_COLUMNS = 10
NARROW_COLUMNS = 7


def labelled_lists(tokens: list[Token]) -> set[int]:
    """Indices of the bullet lists whose every item starts with its own label ("a.", "iv.").

    Such a list is printed without bullets: a bullet in front of "a." would be a second marker.
    """
    found: set[int] = set()
    for i, token in enumerate(tokens):
        if token.type != "bullet_list_open":
            continue
        firsts: list[str] = []
        for j in range(i + 1, len(tokens)):
            inner = tokens[j]
            if inner.type == "bullet_list_close" and inner.level == token.level:
                break
            if inner.type == "inline" and inner.level == token.level + 3 and tokens[j - 2].type == "list_item_open":
                firsts.append(inner.content)
        if firsts and all(_LABEL.match(text) for text in firsts):
            found.add(i)
    return found


def table_columns(tokens: list[Token], start: int) -> int:
    """How many columns the table opened at ``tokens[start]`` has (its header row)."""
    count = 0
    for token in tokens[start + 1 :]:
        if token.type == "th_open":
            count += 1
        elif token.type in ("tr_close", "table_close"):
            break
    return count


def to_html(
    text: str,
    heading_offset: int = 3,
    *,
    image: Callable[[str], str | None] | None = None,
    refused: Callable[[str], str] | None = None,
) -> str:
    """HTML of ``text``; its own headings sit below the document's (# becomes h4).

    ``image`` gives the ``src`` to draw an image from (a ``data:`` URI of a
    file in the repository) or None; an image it refuses, or every image
    without it, becomes the text ``refused(src)``: nothing in the HTML points
    anywhere a viewer or the PDF renderer would fetch.
    """
    fast = _paragraphs_html(text)  # prose: no image, no mark, so no parse
    if fast is not None:
        return fast
    tokens = parse(text)
    for i in labelled_lists(tokens):
        tokens[i].attrSet("class", "labelled")
    for i, token in enumerate(tokens):
        if token.type in ("heading_open", "heading_close"):
            level = min(6, int(token.tag[1]) + heading_offset)
            token.tag = f"h{level}"
        elif token.type == "table_open":
            columns = table_columns(tokens, i)
            width = "wide" if columns >= WIDE_COLUMNS else "narrow" if columns >= NARROW_COLUMNS else ""
            token.attrSet("class", f"columns-{columns} {width}".strip())
        for child in token.children or []:
            if child.type == "image":
                src = str(child.attrs.get("src", ""))
                drawn = image(src) if image else None
                if drawn is None:
                    child.type, child.tag, child.children = "text", "", None
                    child.content = refused(src) if refused else src
                    child.attrs = {}
                else:
                    child.attrs["src"] = drawn
    html = parser().renderer.render(tokens, parser().options, {})
    # a wide table gets a landscape page of its own (print.css: page: landscape); the page
    # property applies to the block around it
    return re.sub(
        r'(<table class="[^"]*\bwide\b[^"]*">.*?</table>)', r'<div class="wide-table">\1</div>', html, flags=re.S
    )


def demote_headings(text: str, by: int) -> str:
    """The same Markdown with its ATX headings ``by`` levels deeper, for the .md output."""
    lines = text.split("\n")
    for token in parse(text):
        if token.type == "heading_open" and token.markup.startswith("#") and token.map:
            line = token.map[0]
            level = min(6, len(token.markup) + by)
            lines[line] = re.sub(r"^(\s*)#{1,6}", r"\g<1>" + "#" * level, lines[line], count=1)
    return "\n".join(lines)


def plain(text: str) -> str:
    """The text of Markdown without its marks, on one line: for table cells and headers."""
    if _is_prose(text):
        return " ".join(text.split())  # what the parse below gives for prose, without the parse
    parts: list[str] = []
    for token in parse(text):
        if token.type == "inline" and token.children:
            for child in token.children:
                if child.type in ("text", "code_inline"):
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append(" ")
            parts.append(" ")
        elif token.type in ("fence", "code_block"):
            parts.append(token.content)
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def indent(text: str, prefix: str = "  ") -> str:
    """Continuation lines of a list item or quote, indented to stay inside it."""
    lines = text.split("\n")
    return "\n".join([lines[0], *[(prefix + line) if line.strip() else line.rstrip() for line in lines[1:]]])
