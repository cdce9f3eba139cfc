"""PDF: the neutral document as Typst source, compiled in-process by Typst (PyPI ``typst``).

Typst was chosen over WeasyPrint from figures (docs/performance.md): 10–20×
less CPU per protocol, no system library (WeasyPrint needs Pango), tagged
PDF/UA-1 of its own. The page frame follows templates/print.css (A4, the same
margins, header, footer, watermark, landscape pages for wide tables); every
word comes from the document (cesam_docs/wording), none from here.

Nothing is fetched and no file is read but those handed over: user text is
only ever a Typst string literal (cesam_docs/typst_markup.py), Typst reads
the bundled fonts (cesam_docs/pdf_fonts.py) and runs in an empty folder of its
own, into which the images the document draws are copied after
:mod:`cesam_docs.images` has checked them (files inside the repository,
PNG/JPEG/GIF, no symbolic link).
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path
from typing import Any

from .catalogue import Catalogue
from .images import ImageSource, mime_type, no_images
from .pdf_fonts import FAMILY, MONO, fonts
from .structure import BulletList, Document, Fields, Heading, Markdown, Note, Signatures, Table, landscape_runs
from .typst_markup import content, markdown, string, text

_PREAMBLE = """
#let frame-header(organisation, group, marking, draft, title, date, word) = {
  set text(size: 9pt)
  block(width: 100%, stroke: (bottom: 0.6pt), inset: (bottom: 2mm), grid(
    columns: (1fr, auto, 1fr), align: (left + bottom, center + bottom, right + bottom),
    [#text(size: 13pt, weight: "bold", organisation) \\ #group],
    if draft { text(size: 12pt, weight: "bold", fill: rgb(176, 0, 0), marking) }
      else { text(size: 10pt, weight: "bold", marking) },
    [#text(size: 12pt, weight: "bold", title) \\ #date \\
     #context [#word #counter(page).display() (#counter(page).final().first())]],
  ))
}
#let frame-footer(label, boxes, stamp) = {
  set text(size: 8pt)
  block(width: 100%, stroke: (top: 0.4pt), inset: (top: 2mm), grid(
    columns: (1fr, auto), align: (left + top, right + top),
    if label != "" { stack(dir: ltr, spacing: 2mm, box(label), h(1mm),
      ..range(boxes).map(_ => box(width: 16mm, height: 8mm, stroke: 0.5pt))) },
    text(size: 6.5pt, fill: rgb("#666666"), stamp),
  ))
}
#let watermark(marking) = place(center + horizon, rotate(-38deg,
  text(size: 96pt, weight: "bold", fill: rgb(176, 0, 0, 10%), marking)))
#let note(title, body) = block(breakable: false, width: 100% - 6mm, inset: (x: 3mm, y: 2mm),
  fill: rgb("#f4f4f4"), stroke: (left: 2.5pt, rest: 0.6pt), above: 2mm, below: 3mm)[
  #pad(left: 0mm)[#strong(title) \\ #body]]
#let signer(name, role) = block(breakable: false, width: 100%, inset: (top: 12mm, right: 8mm, bottom: 4mm))[
  #line(length: 100%, stroke: 0.6pt) #v(-1mm) #name #if role != "" [\\ #text(fill: rgb("#333333"), role)]]
#let signatures(title, signers) = block(above: 9mm, breakable: false)[
  #strong(title)
  #grid(columns: (1fr, 1fr), ..signers)]
"""


def _frame(document: Document) -> str:
    f = document.frame
    header = (
        f"frame-header({string(f.organisation)}, {string(f.group)}, {string(f.marking)}, "
        f"{'true' if f.draft else 'false'}, {string(f.title)}, {string(f.date)}, {string(f.page_word)})"
    )
    footer = f"frame-footer({string(f.footer)}, {f.footer_boxes}, {string(f.stamp)})"
    background = f"watermark({string(f.marking)})" if f.draft else "none"
    return (
        f'#set page(paper: "a4", flipped: {"true" if document.landscape else "false"},'
        " margin: (top: 34mm, bottom: 26mm, left: 25mm, right: 20mm),"
        f" header: {header}, header-ascent: 5mm, footer: {footer}, footer-descent: 4mm,"
        f" background: {background})"
    )


def _table(block: Table) -> str:
    columns = len(block.header)
    if block.plain:
        # Närvarande: names and roles in columns, no rules and no header row (print.css hides it)
        cells = ", ".join(content(c) for row in block.rows for c in row)
        widths = "(42%, 1fr)" if columns == 2 else str(max(columns, 1))
        return f"#table(columns: {widths}, stroke: none, inset: (x: 0mm, y: 0.6mm), {cells})" if cells else ""
    widths = ", ".join("40%" if i in block.wide else "auto" for i in range(columns))
    aligns = ", ".join("right" if i in block.numeric else "left" for i in range(columns))
    header = ", ".join(f"[*{text(c)}*]" for c in block.header)
    # a row of another length would shift every cell after it into the wrong column
    cells = ", ".join(content(c) for row in block.rows for c in (*row, *[""] * columns)[:columns])
    return (
        f"#block[#set text(size: 8pt); #set par(leading: 0.35em); #table(columns: ({widths},), align: ({aligns},),"
        " inset: (x: 1.2mm, y: 0.8mm),"
        f' stroke: 0.4pt + rgb("#777777"), fill: (_, y) => if y == 0 {{ rgb("#eeeeee") }},'
        f" table.header({header}), {cells})]"
    )


def _block(block: object, md: Any, level: int) -> str:
    if isinstance(block, Heading):
        number = f"{text(block.number)}#h(2mm);" if block.number else ""
        size = "11.5pt" if block.level == 2 else "10.5pt"
        return f"#heading(level: {level}, outlined: false)[#set text(size: {size}); {number}{text(block.text)}]"
    if isinstance(block, Markdown):
        body = md(block.markdown)
        if block.style in ("lead", "basis"):  # who raised it; what the item is under MBL
            return f'#block[#set text(style: "italic"); {body}]'
        if block.style == "small":
            return f'#block[#set text(size: 9pt, fill: rgb("#333333")); {body}]'
        if block.style == "outcome":
            return f'#block[#set text(weight: "bold"); {body}]'
        if block.style == "proposal":
            return (
                '#pad(left: 4mm)[#block(stroke: (left: 1.5pt + rgb("#666666")), inset: (left: 3.5mm, y: 0.5mm))'
                f"[{body}]]"
            )
        return f"#block[{body}]"
    if isinstance(block, BulletList):
        items = ", ".join(f"[{md(item)}]" for item in block.items)
        if block.plain or block.style == "statements":
            return f"#list(marker: none, indent: 0mm, body-indent: 0mm, tight: false, {items})"
        return f"#list(tight: false, {items})"
    if isinstance(block, Fields):
        cells = ", ".join(f"{content(label)}, [{md(value)}]" for label, value in block.rows)
        return (
            f"#block(breakable: false)[#table(columns: (30mm, 1fr), stroke: none, inset: (x: 0mm, y: 0.6mm), {cells})]"
        )
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Note):
        return f"#note({string(block.title)}, [{md(block.markdown)}])"
    if isinstance(block, Signatures):
        signers = ", ".join(f"signer({string(s.name)}, {string(s.role)})" for s in block.signers)
        return f"#signatures({string(block.title)}, ({signers},))"
    raise TypeError(type(block).__name__)


def source(document: Document, images: ImageSource | None = None, files: dict[str, bytes] | None = None) -> str:
    """The whole Typst source; images the document draws are added to ``files`` by name."""
    catalogue = Catalogue(document.lang)
    load = images or no_images
    wanted = files if files is not None else {}

    def image(src: str) -> str | None:
        data = load(src)
        if data is None or mime_type(data) is None:
            return None
        name = hashlib.sha256(data).hexdigest()[:32] + "." + str(mime_type(data)).split("/")[1]
        wanted[name] = data
        return f"#image({string(name)}, alt: {string(src)}, width: 100%)"

    level = 1  # the title; a heading is at most one deeper than the one before it (PDF/UA)

    def md(value: str) -> str:
        return markdown(value, level, image=image, refused=lambda src: catalogue("image_refused", src=src))

    title = f"{document.title} – {document.subtitle}" if document.subtitle else document.title
    author = f", author: {string(document.author)}" if document.author else ""
    parts = [
        _PREAMBLE,
        f"#set document(title: {string(title)}{author})",
        f"#set text(font: {string(FAMILY)}, size: 10.5pt, lang: {string(document.lang)}, hyphenate: false)",
        "#set par(leading: 0.45em, spacing: 0.75em)",
        f"#show raw: set text(font: {string(MONO)}, size: 9pt)",
        "#show heading: set block(above: 5mm, below: 1.5mm)",
        "#show heading: set text(size: 10.5pt)",
        "#set list(indent: 1mm, body-indent: 2mm, marker: ([•], [–]))",
        _frame(document),
        f"#heading(level: 1, outlined: false)[#set text(size: 20pt); {text(document.title)}]",
    ]
    if document.subtitle:
        parts.append(f'#block(below: 6mm)[#set text(size: 12.5pt, weight: "bold"); {text(document.subtitle)}]')
    opens, closes = landscape_runs(document.blocks)
    signatures_open = False
    for i, block in enumerate(document.blocks):
        if i in opens and not document.landscape:
            parts.append("#set page(flipped: true)")
        if isinstance(block, Signatures) and not signatures_open:
            # Justeras and Vid protokollet together: one block that is never split
            parts.append("#block(breakable: false)[")
            signatures_open = True
        if isinstance(block, Heading):
            level = min(block.level, level + 1)
        parts.append(_block(block, md, level))
        following = document.blocks[i + 1] if i + 1 < len(document.blocks) else None
        if signatures_open and not isinstance(following, Signatures):
            parts.append("]")
            signatures_open = False
        if i in closes and not document.landscape:
            parts.append("#set page(flipped: false)")
    if document.stamp:
        parts.append(f'#block(above: 10mm)[#set text(size: 7pt, fill: rgb("#555555")); {text(document.stamp)}]')
    return "\n".join(parts) + "\n"


def render(document: Document, images: ImageSource | None = None) -> bytes:
    # imported here: only this format needs it
    import typst

    files: dict[str, bytes] = {}
    src = source(document, images, files)
    with tempfile.TemporaryDirectory(prefix="cesam-typst-") as folder:
        root = Path(folder)
        for name, data in files.items():
            (root / name).write_bytes(data)
        compiler = typst.Compiler(root=str(root), font_paths=fonts(), ignore_system_fonts=True)
        source_bytes = src.encode("utf-8")
        try:
            # PDF/UA-1: tagged (headings, paragraphs, lists, tables in reading order), with the title
            # and the document language, as public-sector publication asks; Typst checks the rules
            pdf = compiler.compile(input=source_bytes, format="pdf", pdf_standards="ua-1")
        except typst.TypstError as exc:
            if "PDF/UA" not in str(exc):
                raise
            # the data broke a rule of the standard (a character no bundled face has, such as an
            # emoji): the document is still made, tagged as always, without claiming PDF/UA
            pdf = compiler.compile(input=source_bytes, format="pdf")
    assert isinstance(pdf, bytes)
    return pdf
