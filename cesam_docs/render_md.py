"""Plain Markdown: what a reviewer reads in a diff or pastes into an e-mail.

Markdown has no pages, so the page frame becomes the document's first lines
and the initials footer is left out.
"""

from __future__ import annotations

from .markdown import demote_headings, escape
from .structure import Block, BulletList, Document, Fields, Heading, Markdown, Note, Signatures, Table


def _indent(text: str, prefix: str) -> str:
    """Continuation lines of a list item or quote, indented to stay inside it."""
    lines = text.split("\n")
    return "\n".join([lines[0], *[(prefix + line) if line.strip() else line.rstrip() for line in lines[1:]]])


def _cell(text: str) -> str:
    return escape(text) or " "


def _table(table: Table) -> str:
    align = ["---:" if i in table.numeric else "---" for i in range(len(table.header))]
    lines = [
        "| " + " | ".join(_cell(h) for h in table.header) + " |",
        "| " + " | ".join(align) + " |",
    ]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in table.rows]
    return "\n".join(lines)


def _block(block: Block) -> str:
    match block:
        case Heading(text=text, level=level, number=number):
            # inside an ATX heading "3." is plain text, never a list
            return f"{'#' * level} {number} {escape(text)}" if number else f"{'#' * level} {escape(text)}"
        case Markdown(markdown=text, style=style):
            text = demote_headings(text, 3)
            return f"*{text}*" if style == "small" and "\n" not in text else text
        case BulletList(items=items, plain=True):
            return "  \n".join(items)
        case BulletList(items=items):
            return "\n".join("- " + _indent(demote_headings(item, 3), "  ") for item in items)
        case Fields(rows=rows):
            return "\n".join(f"- **{escape(label)}:** {_indent(value, '  ')}" for label, value in rows)
        case Table():
            return _table(block)
        case Note(title=title, markdown=text):
            quoted = "\n".join(f"> {line}".rstrip() for line in f"**{escape(title)}**\n\n{text}".split("\n"))
            return quoted
        case Signatures(title=title, signers=signers):
            parts = [f"**{escape(title)}**"]
            for signer in signers:
                name = escape(signer.name) + (f", {escape(signer.role)}" if signer.role else "")
                parts.append(f"\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_  \n{name}")
            return "\n\n".join(parts)
    raise TypeError(f"unknown block {block!r}")


def render(document: Document) -> str:
    frame = document.frame
    head = " · ".join(escape(x) for x in (frame.organisation, frame.group, frame.title, frame.date) if x)
    parts = [head]
    if frame.marking:
        parts.append(f"**{escape(frame.marking)}**")
    parts.append(f"# {escape(document.title)}")
    if document.subtitle:
        parts.append(f"**{escape(document.subtitle)}**")
    parts += [_block(b) for b in document.blocks]
    if document.stamp:
        parts += ["---", f"*{escape(document.stamp)}*"]
    return "\n\n".join(parts) + "\n"
