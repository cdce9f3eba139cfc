"""DOCX through python-docx: real Word headings, lists, tables and page fields.

The Markdown of the text is walked token by token (markdown-it-py) so that a
list in the minutes is a Word list and a budget table a Word table, which
the registrar can edit in Word or LibreOffice like any other.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from markdown_it.token import Token

from .catalogue import Catalogue
from .images import ImageSource, no_images
from .markdown import WIDE_COLUMNS, indent, labelled_lists, parse
from .structure import Block, BulletList, Document, Fields, Heading, Markdown, Note, Signatures, Table, landscape_runs

FONT = "Arial"
BLACK = RGBColor(0, 0, 0)
GREY = RGBColor(0x55, 0x55, 0x55)
RED = RGBColor(0xB0, 0, 0)

_ORDERED_STYLES = ("List Number", "List Number 2", "List Number 3")
_BULLET_STYLES = ("List Bullet", "List Bullet 2", "List Bullet 3")
_CONTINUE_STYLES = ("List Continue", "List Continue 2", "List Continue 3")

#: named paragraph styles for what a protocol records, so that a registrar can restyle them in one
#: place and find them; block style (structure.Markdown.style, BulletList.style) -> Word style
OUTCOME, STATEMENT, PROPOSAL, NOTE, FOLLOWUP, SMALL, LEAD, BASIS = (
    "Utfall",
    "Yttrande",
    "Förslag till beslut",
    "Protokollsanteckning",
    "Uppföljning",
    "Liten text",
    "Anmäld av",
    "MBL-grund",
)
_BLOCK_STYLES = {
    "outcome": OUTCOME,
    "statements": STATEMENT,
    "proposal": PROPOSAL,
    "followup": FOLLOWUP,
    "small": SMALL,
    "lead": LEAD,
    "basis": BASIS,
}


# ---------------------------------------------------------------- low-level helpers


def _set_font(
    style_or_run: Any, size: float | None = None, bold: bool | None = None, color: RGBColor | None = None
) -> None:
    """One font everywhere: theme fonts of the default template would win over ``font.name``."""
    font = style_or_run.font
    font.name = FONT
    rpr = style_or_run.element.get_or_add_rPr() if hasattr(style_or_run.element, "get_or_add_rPr") else None
    if rpr is not None:
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is not None:
            for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                fonts.attrib.pop(qn(attr), None)
            fonts.set(qn("w:cs"), FONT)
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if color is not None:
        font.color.rgb = color


def _field(paragraph: Paragraph, instruction: str, size: float, placeholder: str = "1") -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in on every page."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    for tag in ("w:sz", "w:szCs"):
        sz = OxmlElement(tag)
        sz.set(qn("w:val"), str(round(size * 2)))
        rpr.append(sz)
    run.append(rpr)
    text = OxmlElement("w:t")
    text.text = placeholder
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


# Word's own text watermark: a VML WordArt shape in the header, drawn behind
# the text of every page. The shapetype is the one Word writes for "PowerPlus"
# watermarks; LibreOffice imports it as its watermark too.
_WATERMARK = """<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"><w:pict>
<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" path="m@7,l@8,m@5,21600l@6,21600e">
<v:formulas><v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/><v:f eqn="sum 0 0 @2"/>
<v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/><v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/>
<v:f eqn="if @0 @4 21600"/><v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/>
<v:f eqn="sum @6 0 @5"/></v:formulas>
<v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800"
 o:connectangles="270,180,90,0"/>
<v:textpath on="t" fitshape="t"/>
<v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles>
<o:lock v:ext="edit" text="t" shapetype="t"/>
</v:shapetype>
<v:shape id="PowerPlusWaterMarkObject1" o:spid="_x0000_s2049" type="#_x0000_t136"
 style="position:absolute;margin-left:0;margin-top:0;width:430pt;height:107pt;rotation:315;z-index:-251658752;mso-position-horizontal:center;mso-position-horizontal-relative:margin;mso-position-vertical:center;mso-position-vertical-relative:margin"
 o:allowincell="f" fillcolor="#f0cccc" stroked="f">
<v:fill opacity=".5"/>
<v:textpath style="font-family:&quot;Arial&quot;;font-size:1pt" string="{text}"/>
</v:shape></w:pict></w:r>"""


def _watermark(paragraph: Paragraph, text: str) -> None:
    paragraph._p.append(parse_xml(_WATERMARK.replace("{text}", xml_escape(text, {'"': "&quot;"}))))


def _bottom_border(paragraph: Paragraph, side: str = "bottom", size: int = 6) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    edge = OxmlElement(f"w:{side}")
    edge.set(qn("w:val"), "single")
    edge.set(qn("w:sz"), str(size))
    edge.set(qn("w:space"), "1")
    edge.set(qn("w:color"), "000000")
    borders.append(edge)
    ppr.append(borders)


def _shade(cell: _Cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _repeat_header(table: DocxTable) -> None:
    trpr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)


def _no_split(table: DocxTable) -> None:
    for row in table.rows:
        cant = OxmlElement("w:cantSplit")
        cant.set(qn("w:val"), "true")
        row._tr.get_or_add_trPr().append(cant)


def _spacing(paragraph: Paragraph, before: float = 0, after: float = 3) -> None:
    paragraph.paragraph_format.space_before = Pt(before)
    paragraph.paragraph_format.space_after = Pt(after)


def body_table(w: Any, doc: Any, rows: int, cols: int) -> DocxTable:
    """A table in the body; Word merges two tables that touch, so a hairline paragraph parts them."""
    body = doc.element.body
    children = [c for c in body.iterchildren() if c.tag != qn("w:sectPr")]
    if children and children[-1].tag == qn("w:tbl"):
        parting = doc.add_paragraph()
        _spacing(parting, 0, 0)
        parting.paragraph_format.line_spacing = Pt(1)
    w.after_table = True
    table: DocxTable = doc.add_table(rows, cols)
    return table


def _language(doc: Any, lang: str) -> None:
    """The language of every run by default (w:rPrDefault), so that Word checks Swedish as Swedish."""
    tag = Catalogue(lang)("language_tag")
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    language = OxmlElement("w:lang")
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        language.set(qn(attr), tag)
    rpr.append(language)


# ---------------------------------------------------------------- Markdown walker


def _paragraph_style(lists: list[dict[str, Any]], style: str | None) -> str | None:
    """The style of a Markdown paragraph: a list's (by depth and kind) inside a list, else ``style``."""
    if not lists:
        return style
    innermost = lists[-1]
    depth = min(len(lists) - 1, 2)
    if innermost["first"] and not innermost["labelled"]:
        return (_ORDERED_STYLES if innermost["ordered"] else _BULLET_STYLES)[depth]
    # the protocol's own "a." label is the marker: no Word bullet before it
    return _CONTINUE_STYLES[depth]


class _Writer:
    """Writes Markdown tokens into a document or a table cell."""

    def __init__(self, doc: Any, images: ImageSource = no_images, catalogue: Catalogue | None = None) -> None:
        self.doc = doc
        self.images = images
        self.catalogue = catalogue or Catalogue()
        self.fresh_cells: set[int] = set()
        self._styles: dict[str, Any] = {}
        self.after_table = False  # the next body paragraph keeps its distance from a table by style
        self.landscape = False  # the whole document turned (the restlista)

    def style(self, name: str) -> Any:
        """Style objects by name, looked up once: python-docx searches all styles on every lookup."""
        if name not in self._styles:
            self._styles[name] = self.doc.styles[name]
        return self._styles[name]

    def paragraph(self, container: Any, style: str | None = None) -> Paragraph:
        if isinstance(container, _Cell) and id(container._tc) in self.fresh_cells:
            self.fresh_cells.discard(id(container._tc))
            first: Paragraph = container.paragraphs[0]
            if style:
                first.style = self.style(style)
            return first
        paragraph: Paragraph = container.add_paragraph(style=self.style(style) if style else None)
        if self.after_table and not isinstance(container, _Cell):
            self.after_table = False
            paragraph.paragraph_format.space_before = Pt(6)
        return paragraph

    def cell(self, cell: _Cell) -> _Cell:
        """A new cell's own empty paragraph is used by the first write into it."""
        self.fresh_cells.add(id(cell._tc))
        return cell

    def table(self, container: Any, rows: int, cols: int, style: str | None) -> DocxTable:
        if isinstance(container, _Cell):
            self.fresh_cells.discard(id(container._tc))
            table = container.add_table(rows, cols)
        else:
            table = body_table(self, container, rows, cols)
        if style:
            table.style = self.style(style)
        return table

    def new_ordered_list(self, depth: int, start: int) -> str:
        """A fresh Word numbering that starts at ``start``: every list counts from its own first item."""
        style = self.style(_ORDERED_STYLES[min(depth, 2)])
        style_num = style.element.pPr.numPr.numId.val
        numbering = self.doc.part.numbering_part.element
        abstract = numbering.num_having_numId(style_num).abstractNumId.val
        num = numbering.add_num(abstract)
        override = num.add_lvlOverride(ilvl=0)
        override.add_startOverride(start)
        return str(num.numId)

    def inline(self, paragraph: Paragraph, token: Token, *, bold: bool = False, italic: bool = False) -> None:
        strong = 1 if bold else 0
        em = 1 if italic else 0
        strike = 0
        link: str | None = None
        for child in token.children or []:
            kind = child.type
            if kind == "strong_open":
                strong += 1
            elif kind == "strong_close":
                strong -= 1
            elif kind == "em_open":
                em += 1
            elif kind == "em_close":
                em -= 1
            elif kind == "s_open":
                strike += 1
            elif kind == "s_close":
                strike -= 1
            elif kind == "link_open":
                link = str(child.attrs.get("href", ""))
            elif kind == "link_close":
                if link:
                    run = paragraph.add_run(f" ({link})")
                    run.font.color.rgb = GREY
                link = None
            elif kind in ("softbreak",):
                paragraph.add_run(" ")
            elif kind == "hardbreak":
                paragraph.add_run().add_break(WD_BREAK.LINE)
            elif kind in ("text", "code_inline", "html_inline"):
                run = paragraph.add_run(child.content)
                run.bold = strong > 0 or None
                run.italic = em > 0 or None
                if strike:
                    run.font.strike = True
                if kind == "code_inline":
                    run.font.name = "Courier New"
            elif kind == "image":
                self.image(paragraph, str(child.attrs.get("src", "")))

    def image(self, paragraph: Paragraph, src: str) -> None:
        """A file of the repository drawn in the text; any other source named, never fetched."""
        data = self.images(src)
        if data is not None:
            try:
                paragraph.add_run().add_picture(io.BytesIO(data), width=Mm(120))
                return
            except Exception:  # python-docx raises many kinds for a file it cannot read: name it instead
                pass
        run = paragraph.add_run(self.catalogue("image_refused", src=src))
        run.font.color.rgb = GREY

    def markdown(
        self,
        container: Any,
        text: str,
        *,
        bold: bool = False,
        italic: bool = False,
        size: float | None = None,
        color: RGBColor | None = None,
        heading_offset: int = 3,
        style: str | None = None,
    ) -> None:
        """``style``: the named paragraph style of the text's own paragraphs (lists keep theirs)."""
        tokens = parse(text)
        labelled = labelled_lists(tokens)
        lists: list[dict[str, Any]] = []  # open lists, innermost last
        quote = 0
        i = 0
        while i < len(tokens):
            token = tokens[i]
            kind = token.type
            if kind == "heading_open":
                level = min(6, int(token.tag[1]) + heading_offset)
                paragraph = self.paragraph(container, f"Heading {level}")
                self.inline(paragraph, tokens[i + 1])
                i += 3
                continue
            if kind == "paragraph_open":
                paragraph_list = lists[-1] if lists else None
                paragraph = self.paragraph(container, _paragraph_style(lists, style))
                if lists or not style:
                    _spacing(paragraph, 0, 2 if lists else 4)
                if paragraph_list is not None and paragraph_list["first"]:
                    paragraph_list["first"] = False
                    if paragraph_list["ordered"] and not paragraph_list["labelled"]:
                        numpr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
                        numpr.get_or_add_ilvl().val = 0
                        numpr.get_or_add_numId().val = int(paragraph_list["num"])
                if quote:
                    paragraph.paragraph_format.left_indent = Mm(6 * quote)
                self.inline(paragraph, tokens[i + 1], bold=bold, italic=italic or bool(quote))
                for run in paragraph.runs:
                    if size:
                        run.font.size = Pt(size)
                    if color is not None:
                        run.font.color.rgb = color
                i += 3
                continue
            if kind in ("bullet_list_open", "ordered_list_open"):
                ordered = kind == "ordered_list_open"
                entry: dict[str, Any] = {"ordered": ordered, "first": False, "labelled": i in labelled}
                if ordered:
                    entry["num"] = self.new_ordered_list(len(lists), int(token.attrs.get("start", 1) or 1))
                lists.append(entry)
            elif kind in ("bullet_list_close", "ordered_list_close"):
                lists.pop()
            elif kind == "list_item_open":
                lists[-1]["first"] = True
            elif kind == "blockquote_open":
                quote += 1
            elif kind == "blockquote_close":
                quote -= 1
            elif kind in ("fence", "code_block"):
                self.code_block(container, token.content)
            elif kind == "table_open":
                i = self.md_table(container, tokens, i)
                continue
            elif kind == "hr":
                _bottom_border(self.paragraph(container))
            i += 1

    def code_block(self, container: Any, content: str) -> None:
        paragraph = self.paragraph(container)
        for n, line in enumerate(content.rstrip("\n").split("\n")):
            if n:
                paragraph.add_run().add_break(WD_BREAK.LINE)
            run = paragraph.add_run(line)
            run.font.name = "Courier New"
            run.font.size = Pt(9)

    def md_table(self, container: Any, tokens: list[Token], start: int) -> int:
        rows: list[list[tuple[Token, bool, str]]] = []
        i = start + 1
        while tokens[i].type != "table_close":
            token = tokens[i]
            if token.type == "tr_open":
                rows.append([])
            elif token.type in ("th_open", "td_open"):
                align = str(token.attrs.get("style", ""))
                rows[-1].append((tokens[i + 1], token.type == "th_open", align))
            i += 1
        cols = max((len(r) for r in rows), default=0)
        if not rows or not cols:
            return i + 1
        table = self.table(container, len(rows), cols, "Table Grid")
        # row.cells once per row: table.cell(r, c) walks the whole table on every call
        for row, docx_row in zip(rows, table.rows, strict=True):
            cells = docx_row.cells
            for c, (inline, header, align) in enumerate(row):
                cell = cells[c]
                paragraph = cell.paragraphs[0]
                _spacing(paragraph, 0, 0)
                self.inline(paragraph, inline, bold=header)
                for run in paragraph.runs:
                    run.font.size = Pt(8)
                if "right" in align:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                elif "center" in align:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                if header:
                    _shade(cell, "EEEEEE")
        _repeat_header(table)
        if not isinstance(container, _Cell) and cols > 1:
            # the first column names the row ("Grund- och förskolenämnden"); figures need less room;
            # a wide table sits in a landscape section (render: landscape_runs) with 252 mm of text width
            text_width = 252.0 if cols >= WIDE_COLUMNS else 165.0
            first = 60.0 if cols == 2 else 42.0
            rest = (text_width - first) / (cols - 1)
            _widths(table, [Mm(first), *[Mm(rest)] * (cols - 1)])
        self.after_table = True
        return i + 1


# ---------------------------------------------------------------- the page frame


def _styles(doc: Any) -> None:
    normal = doc.styles["Normal"]
    _set_font(normal, 10.5)
    normal.paragraph_format.space_after = Pt(4)
    for name, size in (("Title", 20), ("Heading 2", 11.5), ("Heading 3", 10.5)):
        style = doc.styles[name]
        _set_font(style, size, bold=True, color=BLACK)
        style.font.italic = False
    for level in (4, 5, 6):
        style = doc.styles[f"Heading {level}"]
        _set_font(style, 10.5, bold=True, color=BLACK)
        style.font.italic = False
    title = doc.styles["Title"]
    title_ppr = title.element.get_or_add_pPr()
    for border in title_ppr.findall(qn("w:pBdr")):
        title_ppr.remove(border)
    title.paragraph_format.space_after = Pt(2)
    for name in (*_BULLET_STYLES, *_ORDERED_STYLES, *_CONTINUE_STYLES, "Table Grid"):
        _set_font(doc.styles[name])
    _add_style(doc, OUTCOME, bold=True, before=2, after=6)
    _add_style(doc, STATEMENT, before=2, after=4)
    proposal = _add_style(doc, PROPOSAL, before=2, after=4)
    proposal.paragraph_format.left_indent = Mm(5)
    _left_border(proposal)
    note = _add_style(doc, NOTE, before=4, after=4)
    note.paragraph_format.left_indent = Mm(6)
    _add_style(doc, FOLLOWUP, italic=True, after=4)
    _add_style(doc, SMALL, size=9, color=GREY, after=3)
    _add_style(doc, LEAD, italic=True, after=3)
    _add_style(doc, BASIS, italic=True, after=3)
    signature = _add_style(doc, "Underskriftslinje", before=28, after=0)
    signature.paragraph_format.keep_with_next = True
    signature.paragraph_format.keep_together = True


def _add_style(
    doc: Any,
    name: str,
    *,
    size: float | None = None,
    bold: bool | None = None,
    italic: bool | None = None,
    color: RGBColor | None = None,
    before: float = 0,
    after: float = 4,
) -> Any:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    _set_font(style, size, bold=bold, color=color)
    if italic is not None:
        style.font.italic = italic
    style.paragraph_format.space_before = Pt(before)
    style.paragraph_format.space_after = Pt(after)
    return style


def _left_border(style: Any) -> None:
    ppr = style.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    edge = OxmlElement("w:left")
    for attr, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "8"), ("w:color", "666666")):
        edge.set(qn(attr), value)
    borders.append(edge)
    ppr.append(borders)


def _frame(doc: Any, document: Document) -> None:
    frame = document.frame
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    if document.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(34), Mm(30)
    section.left_margin, section.right_margin = Mm(25), Mm(20)
    section.header_distance, section.footer_distance = Mm(10), Mm(8)

    header = section.header
    table = header.add_table(1, 3, Mm(165))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, middle, right = table.rows[0].cells
    left.width, middle.width, right.width = Mm(75), Mm(35), Mm(55)
    paragraph = left.paragraphs[0]
    run = paragraph.add_run(frame.organisation)
    run.bold, run.font.size = True, Pt(13)
    if frame.group:
        run = left.add_paragraph().add_run(frame.group)
        run.font.size = Pt(9)
    paragraph = middle.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if frame.marking:
        run = paragraph.add_run(frame.marking)
        run.bold, run.font.size = True, Pt(12 if frame.draft else 10)
        if frame.draft:
            run.font.color.rgb = RED
    paragraph = right.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = paragraph.add_run(frame.title)
    run.bold, run.font.size = True, Pt(12)
    for text in (frame.date,):
        p = right.add_paragraph(text)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    page = right.add_paragraph(f"{frame.page_word} ")
    page.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _field(page, "PAGE", 9)
    page.add_run(" (")
    _field(page, "NUMPAGES", 9)
    page.add_run(")")
    for cell in (left, middle, right):
        for p in cell.paragraphs:
            _spacing(p, 0, 0)
            for r in p.runs:
                if r.font.size is None:
                    r.font.size = Pt(9)
    rule = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
    # the header's own first paragraph sits above the table; move the rule below it
    header._element.remove(rule._p)
    header._element.append(rule._p)
    _bottom_border(rule)
    _spacing(rule, 0, 0)
    if frame.draft:
        _watermark(rule, frame.marking)

    footer = section.footer
    first = footer.paragraphs[0]
    _bottom_border(first, side="top", size=4)
    _spacing(first, 0, 1)
    if frame.footer:
        run = first.add_run(frame.footer)
        run.font.size = Pt(8)
        boxes = footer.add_table(1, frame.footer_boxes, Mm(16 * frame.footer_boxes))
        boxes.style = doc.styles["Table Grid"]
        boxes.alignment = WD_TABLE_ALIGNMENT.LEFT
        for cell in boxes.rows[0].cells:
            cell.width = Mm(16)
        boxes.rows[0].height = Mm(8)
    if frame.stamp:
        stamp = footer.add_paragraph()
        stamp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _spacing(stamp, 1, 0)
        run = stamp.add_run(frame.stamp)
        run.font.size, run.font.color.rgb = Pt(6.5), GREY


# ---------------------------------------------------------------- blocks


def _block(w: _Writer, doc: Any, block: Block) -> None:
    match block:
        case Heading(text=text, level=level, number=number):
            paragraph = doc.add_paragraph(style=w.style(f"Heading {level}"))
            paragraph.paragraph_format.keep_with_next = True
            paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(10))
            _spacing(paragraph, 12 if level == 2 else 8, 3)
            paragraph.add_run(f"{number}\t{text}" if number else text)
        case Markdown(markdown=text, style=style):
            w.markdown(doc, text, style=_BLOCK_STYLES.get(style))
        case BulletList(items=items, plain=True):
            for item in items:
                w.markdown(doc, item)
        case BulletList(items=items, style=style) if style in _BLOCK_STYLES:
            # what each party said is a paragraph of its own in the protocols, not a bullet
            for item in items:
                w.markdown(doc, item, style=_BLOCK_STYLES[style])
        case BulletList(items=items):
            w.markdown(doc, "\n".join("- " + indent(item, "  ") for item in items))
        case Fields(rows=rows):
            table = body_table(w, doc, len(rows), 2)
            _widths(table, [Mm(32), Mm(133)])
            for r, (label, value) in enumerate(rows):
                left, right = table.rows[r].cells
                paragraph = left.paragraphs[0]
                _spacing(paragraph, 0, 0)
                run = paragraph.add_run(label)
                run.font.color.rgb = GREY
                w.markdown(w.cell(right), value)
            _keep_together(table)
        case Table(header=header, rows=rows, plain=plain, numeric=numeric, wide=wide):
            _table(w, doc, header, rows, plain, numeric, wide)
        case Note(title=title, markdown=text):
            table = body_table(w, doc, 1, 1)
            table.style = doc.styles["Table Grid"]
            cell = table.cell(0, 0)
            _shade(cell, "F4F4F4")
            paragraph = cell.paragraphs[0]
            paragraph.style = w.style(NOTE)
            run = paragraph.add_run(title)
            run.bold = True
            w.markdown(cell, text, style=NOTE)
            _no_split(table)
        case Signatures(title=title, signers=signers):
            paragraph = w.paragraph(doc)
            _spacing(paragraph, 18, 4)
            paragraph.paragraph_format.keep_with_next = True
            paragraph.add_run(title).bold = True
            table = body_table(w, doc, (len(signers) + 1) // 2, 2)
            _widths(table, [Mm(82), Mm(83)])
            cells = [cell for row in table.rows for cell in row.cells]
            for cell, signer in zip(cells, signers, strict=False):
                # the line to sign on is the top border of the name's paragraph, 28 pt below the
                # text above: no underscores to draw it, no empty paragraph to make room
                name = cell.paragraphs[0]
                name.style = w.style("Underskriftslinje")
                name.paragraph_format.right_indent = Mm(10)
                _bottom_border(name, side="top", size=6)
                name.add_run(signer.name)
                if signer.role:
                    role = cell.add_paragraph(signer.role)
                    _spacing(role, 0, 0)
                    role.runs[0].font.color.rgb = GREY
            _no_split(table)
            _keep_together(table)
            # Justeras and Vid protokollet on one page: the first table keeps with what follows
            for row in table.rows:
                for cell in row.cells:
                    for p in cell.paragraphs:
                        p.paragraph_format.keep_with_next = True


def _keep_together(table: DocxTable) -> None:
    """Rows that must share a page: every paragraph but the last row's keeps with the next."""
    for row in table.rows[:-1]:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True


def _widths(table: DocxTable, widths: list[Mm]) -> None:
    """Column widths that Word and LibreOffice both honour: the grid and every cell."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _table(
    w: _Writer,
    doc: Any,
    header: tuple[str, ...],
    rows: tuple[tuple[str, ...], ...],
    plain: bool,
    numeric: tuple[int, ...],
    wide: tuple[int, ...] = (),
) -> None:
    cols = len(header)
    table = body_table(w, doc, len(rows) + (0 if plain else 1), cols)
    if not plain:
        table.style = doc.styles["Table Grid"]
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(text)
            run.bold, run.font.size = True, Pt(8.5)
            _shade(cell, "EEEEEE")
        _repeat_header(table)
    offset = 0 if plain else 1
    for row, docx_row in zip(rows, table.rows[offset:], strict=True):
        for c, (cell, text) in enumerate(zip(docx_row.cells, row, strict=True)):
            paragraph = cell.paragraphs[0]
            _spacing(paragraph, 0, 0)
            run = paragraph.add_run(text)
            if not plain:
                run.font.size = Pt(8.5)
            if c in numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if plain and cols == 2:
        _widths(table, [Mm(62), Mm(103)])
    elif wide:
        # the wide columns share 40 % of the text width (165 mm, 252 mm turned), the rest share what is left
        text_width = 252 if w.landscape else 165
        narrow = (text_width * 0.6) / max(1, cols - len(wide))
        _widths(table, [Mm(text_width * 0.4 / len(wide)) if c in wide else Mm(narrow) for c in range(cols)])


def _turn(doc: Any, *, landscape: bool) -> None:
    """A new section on a new page, turned; its header and footer are the first section's."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    wide, narrow = Mm(297), Mm(210)
    section.page_width, section.page_height = (wide, narrow) if landscape else (narrow, wide)


def _core_properties(doc: Any, document: Document) -> None:
    """Title, author and dates of this document, not those of python-docx's template (2013)."""
    core = doc.core_properties
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    core.title = f"{document.title} – {document.subtitle}".strip(" –")
    core.subject = document.frame.group
    core.author = document.author or document.frame.organisation
    core.last_modified_by = document.author or document.frame.organisation
    core.created = now
    core.modified = now
    core.revision = 1
    core.language = Catalogue(document.lang)("language_tag")
    core.comments = document.stamp
    core.keywords = document.frame.marking
    core.category = document.title


def render(document: Document, images: ImageSource | None = None) -> bytes:
    doc = new_docx()
    _styles(doc)
    _frame(doc, document)
    _language(doc, document.lang)
    _core_properties(doc, document)
    w = _Writer(doc, images or no_images, Catalogue(document.lang))
    w.landscape = document.landscape
    title = doc.add_paragraph(document.title, style="Title")
    _spacing(title, 0, 2)
    if document.subtitle:
        sub = doc.add_paragraph()
        run = sub.add_run(document.subtitle)
        run.bold, run.font.size = True, Pt(12.5)
        _spacing(sub, 0, 12)
    opens, closes = landscape_runs(document.blocks)
    for n, block in enumerate(document.blocks):
        if n in opens:
            _turn(doc, landscape=True)
        _block(w, doc, block)
        if n in closes:
            _turn(doc, landscape=False)
    if document.stamp:
        paragraph = doc.add_paragraph()
        _spacing(paragraph, 24, 0)
        run = paragraph.add_run(document.stamp)
        run.font.size, run.font.color.rgb = Pt(7), GREY
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
