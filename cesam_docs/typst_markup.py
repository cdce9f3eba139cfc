"""Typst source for the text of a document: plain strings and the one Markdown dialect.

User text never becomes Typst markup: every run of text is a Typst *string
literal* (``#"…"``), which Typst prints as it is; only the structure the
Markdown parse found (emphasis, lists, tables, headings, quotes) is turned
into Typst calls here. The Markdown is parsed by :mod:`cesam_docs.markdown`,
as for every other format.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it.token import Token

from .markdown import NARROW_COLUMNS, WIDE_COLUMNS, _is_prose, labelled_lists, parse, table_columns

#: given an image's source as written, the Typst expression that draws it, or None when refused
ImageCall = Callable[[str], str | None]


def string(text: str) -> str:
    """A Typst string literal: its content is printed as text, never read as markup or code."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    return f'"{escaped}"'


def text(value: str) -> str:
    """Plain text in markup: ``#"…"`` followed by an empty statement end, so nothing after it joins it."""
    return f"#{string(value)};" if value else ""


def content(value: str) -> str:
    """Plain text as a content block argument: ``[#"…";]``."""
    return f"[{text(value)}]"


def markdown(
    source: str, under: int = 3, *, image: ImageCall | None = None, refused: Callable[[str], str] | None = None
) -> str:
    """Typst markup for ``source``, drawn as :func:`cesam_docs.markdown.to_html` draws it.

    ``under`` is the level of the document's heading the text stands under: the text's own ``#``
    is one deeper, and no heading skips a level (PDF/UA requires it of a screen reader's outline).
    """
    if _is_prose(source):
        paragraphs = [" ".join(p.split()) for p in source.strip("\n").split("\n\n")]
        return "\n\n".join(text(p) for p in paragraphs if p)
    tokens = parse(source)
    labelled = labelled_lists(tokens)
    return _Writer(tokens, labelled, under, image, refused).blocks(0, len(tokens))


class _Writer:
    def __init__(
        self,
        tokens: list[Token],
        labelled: set[int],
        under: int,
        image: ImageCall | None,
        refused: Callable[[str], str] | None,
    ) -> None:
        self.tokens = tokens
        self.labelled = labelled
        self.under = under
        self.previous = under
        self.image = image
        self.refused = refused

    def _close(self, start: int) -> int:
        """Index of the token closing the one opened at ``start``."""
        opening = self.tokens[start]
        closing = opening.type.replace("_open", "_close")
        depth = 0
        for i in range(start, len(self.tokens)):
            t = self.tokens[i]
            if t.type == opening.type:
                depth += 1
            elif t.type == closing:
                depth -= 1
                if depth == 0:
                    return i
        return len(self.tokens) - 1

    def blocks(self, start: int, end: int) -> str:
        out: list[str] = []
        i = start
        while i < end:
            t = self.tokens[i]
            if t.type == "paragraph_open":
                close = self._close(i)
                inline = self.inline(self.tokens[i + 1])
                # a paragraph is its text and a blank line (an explicit #par[] drops inline images)
                out.append(inline)
                i = close + 1
            elif t.type == "heading_open":
                close = self._close(i)
                level = min(6, int(t.tag[1]) + self.under, self.previous + 1)
                self.previous = level
                out.append(f"#heading(level: {level}, outlined: false)[{self.inline(self.tokens[i + 1])}]")
                i = close + 1
            elif t.type in ("bullet_list_open", "ordered_list_open"):
                close = self._close(i)
                out.append(self.list(i, close))
                i = close + 1
            elif t.type == "blockquote_open":
                close = self._close(i)
                out.append(f"#quote(block: true)[{self.blocks(i + 1, close)}]")
                i = close + 1
            elif t.type == "table_open":
                close = self._close(i)
                out.append(self.table(i, close))
                i = close + 1
            elif t.type in ("fence", "code_block"):
                out.append(f"#raw(block: true, {string(t.content.rstrip(chr(10)))})")
                i += 1
            elif t.type == "hr":
                out.append("#line(length: 100%, stroke: 0.4pt)")
                i += 1
            else:
                i += 1
        return "\n\n".join(out)

    def list(self, start: int, close: int) -> str:
        opening = self.tokens[start]
        items: list[str] = []
        i = start + 1
        while i < close:
            if self.tokens[i].type == "list_item_open":
                item_close = self._close(i)
                items.append(f"[{self.blocks(i + 1, item_close)}]")
                i = item_close + 1
            else:
                i += 1
        if opening.type == "ordered_list_open":
            first = int(opening.attrGet("start") or 1)
            return f"#enum(start: {first}, tight: false, {', '.join(items)})"
        marker = ", marker: none" if start in self.labelled else ""
        return f"#list(tight: false{marker}, {', '.join(items)})"

    def table(self, start: int, close: int) -> str:
        columns = table_columns(self.tokens, start)
        header: list[str] = []
        rows: list[list[str]] = []
        aligns: list[str] = []
        in_head = False
        for i in range(start, close):
            t = self.tokens[i]
            if t.type == "thead_open":
                in_head = True
            elif t.type == "thead_close":
                in_head = False
            elif t.type == "tr_open" and not in_head:
                rows.append([])
            elif t.type in ("th_open", "td_open"):
                style = str(t.attrGet("style") or "")
                if in_head:
                    aligns.append("right" if "right" in style else "center" if "center" in style else "left")
                cell = self.inline(self.tokens[i + 1])
                (header if in_head else rows[-1]).append(cell)
        size = "7pt" if columns >= NARROW_COLUMNS else "8pt"
        cells = [f"table.header({', '.join(f'[*{c}*]' for c in header)})"]
        for row in rows:
            row = row + [""] * (columns - len(row))
            cells.extend(f"[{c}]" for c in row[:columns])
        first = "auto" if columns < WIDE_COLUMNS else "1.4fr"
        widths = ", ".join([first, *["1fr"] * (columns - 1)]) if columns >= NARROW_COLUMNS else f"{columns}"
        align = f"({', '.join(aligns)},)" if aligns else "left"
        return (
            f"#block(width: 100%)[#set text(size: {size}); #set par(leading: 0.35em);"
            f" #table(columns: {'(' + widths + ',)' if columns >= NARROW_COLUMNS else widths}, align: {align},"
            ' inset: (x: 1.2mm, y: 0.8mm), stroke: 0.4pt + rgb("#777777"),'
            f" {', '.join(cells)})]"
        )

    def inline(self, token: Token) -> str:
        out: list[str] = []
        stack: list[str] = []
        for child in token.children or []:
            kind = child.type
            if kind == "text":
                out.append(text(child.content))
            elif kind in ("softbreak",):
                out.append(" ")
            elif kind == "hardbreak":
                out.append("#linebreak();")
            elif kind == "code_inline":
                out.append(f"#raw({string(child.content)});")
            elif kind in ("strong_open", "em_open", "s_open", "link_open"):
                call = {"strong_open": "#strong[", "em_open": "#emph[", "s_open": "#strike["}.get(kind)
                href = str(child.attrGet("href") or "")
                if call is None and href:
                    call = f"#link({string(href)})["
                # a link to nothing ("[x]()") is its text: Typst refuses an empty URL
                out.append(call or "#[")
                stack.append("]")
            elif kind in ("strong_close", "em_close", "s_close", "link_close"):
                out.append(stack.pop() if stack else "")
            elif kind == "image":
                src = str(child.attrGet("src") or "")
                drawn = self.image(src) if self.image else None
                if drawn is None:
                    out.append(text(self.refused(src) if self.refused else src))
                else:
                    out.append(drawn)
        out.extend(stack)
        return re.sub(r"\s+$", "", "".join(out))
