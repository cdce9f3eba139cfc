"""Plain Markdown: what a reviewer reads in a diff or pastes into an e-mail.

Markdown has no pages, so the page frame becomes the document's first lines
and the initials footer is left out.
"""

from __future__ import annotations

from .markdown import demote_headings, escape, indent
from .structure import Block, BulletList, Document, Fields, Heading, Markdown, Note, Signatures, Table


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
            return f"*{text}*" if style in ("small", "basis") and "\n" not in text else text
        case BulletList(items=items, plain=True):
            return "  \n".join(items)
        case BulletList(items=items):
            return "\n".join("- " + indent(demote_headings(item, 3), "  ") for item in items)
        case Fields(rows=rows):
            return "\n".join(f"- **{escape(label)}:** {indent(value, '  ')}" for label, value in rows)
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


def _ends_in_list(text: str, bullet: str) -> bool:
    lines = [line for line in text.split("\n") if line.strip()]
    return bool(lines) and lines[-1].lstrip().startswith(bullet + " ")


def render(document: Document) -> str:
    frame = document.frame
    head = " · ".join(escape(x) for x in (frame.organisation, frame.group, frame.title, frame.date) if x)
    parts = [head]
    if frame.marking:
        parts.append(f"**{escape(frame.marking)}**")
    parts.append(f"# {escape(document.title)}")
    if document.subtitle:
        parts.append(f"**{escape(document.subtitle)}**")
    for block in document.blocks:
        text = _block(block)
        if isinstance(block, BulletList) and not block.plain and _ends_in_list(parts[-1], "-"):
            # two lists in a row would read as one; a different bullet keeps them apart
            text = "\n".join(("* " + line[2:]) if line.startswith("- ") else line for line in text.split("\n"))
        parts.append(text)
    if document.stamp:
        parts += ["---", f"*{escape(document.stamp)}*"]
    return "\n\n".join(parts) + "\n"
