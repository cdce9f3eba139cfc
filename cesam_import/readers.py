"""Readers: a protocol file becomes lines of text, whatever its format.

All three give the shape the parser expects from a text copy of a protocol:
one line per paragraph or table row, table cells separated by a tab (as a
two-column Närvarande list is), a blank line between paragraphs, list items
with their number or letter written out.

* Plain text (.txt, .md): UTF-8, or Windows-1252 as older Word exports are.
* DOCX: python-docx, paragraphs and tables in document order. Word's
  automatic numbering is not part of a paragraph's text, so the numbers are
  counted here from numbering.xml, as Word would show them.
* PDF: pdfplumber, which gives each word's position: a wide gap inside a
  line becomes a tab (the columns of a Närvarande table), a taller gap
  between lines becomes a blank line (a new paragraph). pypdf's text
  extraction loses both.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from store.core.errors import ExitCode, InvalidFileError, words

from .said import Said, say

TEXT_SUFFIXES = {".txt", ".text", ".md"}


class ReadError(InvalidFileError):
    """The file cannot be read as a protocol."""

    exit_code = ExitCode.INVALID


@dataclass
class Document:
    lines: list[str]
    format: str  # "text", "docx", "pdf"
    notes: list[Said] = field(default_factory=list)  # for the report

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def read_document(path: Path) -> Document:
    """Read any supported file; ReadError with a hint when it cannot be read."""
    suffix = path.suffix.casefold()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(words("err.import.unreadable_file", name=path.name, reason=exc.strerror or exc)) from None
    if suffix == ".docx" or (data[:2] == b"PK" and suffix not in TEXT_SUFFIXES):
        return read_docx(path)
    if suffix == ".pdf" or data[:5] == b"%PDF-":
        return read_pdf(path)
    if suffix in {".doc", ".odt", ".rtf", ".pages"}:
        raise ReadError(words("err.import.format", name=path.name, suffix=suffix), hint=words("err.import.format.hint"))
    return read_text_bytes(data, path.name)


def read_text_bytes(data: bytes, name: str = "") -> Document:
    notes: list[Said] = []
    if b"\x00" in data[:4096]:
        raise ReadError(words("err.import.not_text", name=name), hint=words("err.import.not_text.hint"))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        notes.append(say("import.r.not_utf8"))
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if name.casefold().endswith(".md"):
        return Document(markdown_lines(lines), "markdown", notes)
    return Document(lines, "text", notes)


_MD_TABLE_RULE = re.compile(r"^\s*\|?(\s*:?-{3,}:?\s*\|)+\s*(:?-{3,}:?\s*)?\|?\s*$")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~&])")


def markdown_lines(lines: list[str]) -> list[str]:
    """Markdown as the parser reads text: table rows as tab-separated cells, escapes and rules removed.

    Emphasis and headings (``**``, ``#``) stay: they are what marks a heading.
    """
    out: list[str] = []
    for line in lines:
        stripped = line.strip()
        if _MD_TABLE_RULE.match(stripped):
            out.append("")  # the |---|---| line under a table's header has no words
            continue
        if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            cells = re.split(r"(?<!\\)\|", stripped[1:-1])
            line = "\t".join(_MD_ESCAPE.sub(r"\1", cell.strip()) for cell in cells)
        else:
            line = _MD_ESCAPE.sub(r"\1", line.rstrip())
        out.append(line)
    return out


# ---------------------------------------------------------------------- DOCX


def read_docx(path: Path) -> Document:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as exc:  # pragma: no cover - dependency missing
        raise ReadError(
            words("err.import.missing_package", package="python-docx"), hint=words("err.import.missing_package.hint")
        ) from exc
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise ReadError(words("err.import.bad_docx", name=path.name, reason=exc)) from None
    except Exception as exc:  # zipfile.BadZipFile, lxml errors: a damaged file
        raise ReadError(words("err.import.bad_docx", name=path.name, reason=type(exc).__name__)) from None
    numbering = _Numbering(document)
    lines: list[str] = []
    previous_list = False
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            if lines and lines[-1]:
                lines.append("")
            lines.extend(_table_lines(block))
            lines.append("")
            previous_list = False
            continue
        text = block.text.replace("\v", "\n")
        label, level, is_list = numbering.label(block)
        heading = _heading_level(block)
        if not text.strip() and not label:
            if lines and lines[-1]:
                lines.append("")
            previous_list = False
            continue
        if is_list and not previous_list and lines and lines[-1]:
            lines.append("")
        prefix = "  " * level + (label + " " if label else "")
        if heading:
            prefix = "#" * heading + " " + prefix
        elif not is_list and _all_bold(block) and "\n" not in text.strip():
            text = f"**{text.strip()}**"  # a bold line is a heading for the parser, as in Markdown
        for i, part in enumerate(text.split("\n")):
            lines.append((prefix if i == 0 else "") + part)
        if not is_list:
            lines.append("")
        previous_list = is_list
    return Document(lines, "docx")


def _all_bold(paragraph: Any) -> bool:
    """Every run with text is bold (directly or by its character style)."""
    runs = [run for run in paragraph.runs if run.text.strip()]
    return bool(runs) and all(run.bold or (run.style is not None and run.style.font.bold) for run in runs)


def _heading_level(paragraph: Any) -> int:
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    for stem in ("Heading ", "Rubrik "):
        if name.startswith(stem) and name[len(stem) :].strip().isdigit():
            return int(name[len(stem) :])
    return 1 if name in {"Title", "Rubrik"} else 0


_RULE = re.compile(r"^[_.\s]{6,}$")


def _table_lines(table: Any) -> list[str]:
    out: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        seen: list[Any] = []
        for cell in row.cells:
            if any(cell._tc is s for s in seen):  # a merged cell is returned once per grid column
                continue
            seen.append(cell._tc)
            # a signature cell is a rule, the name and the role, one paragraph each: "Anna Berg, Rektor"
            parts = [p.strip() for p in cell.text.split("\n") if p.strip() and not _RULE.match(p.strip())]
            cells.append(
                ", ".join(parts) if len(parts) > 1 and not any(p.endswith(".") for p in parts) else " ".join(parts)
            )
        while cells and not cells[-1]:
            cells.pop()
        if any(cells):
            out.append("\t".join(cells))
    return out


class _Numbering:
    """Counts Word's automatic list numbers the way Word shows them."""

    def __init__(self, document: Any) -> None:
        from docx.oxml.ns import qn

        self._qn = qn
        self._levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self._counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.findall(qn("w:abstractNum")):
            levels: dict[int, tuple[str, str, int]] = {}
            for lvl in node.findall(qn("w:lvl")):
                ilvl = int(lvl.get(qn("w:ilvl"), "0"))
                fmt = self._val(lvl, "w:numFmt") or "decimal"
                text = self._val(lvl, "w:lvlText") or ""
                start = int(self._val(lvl, "w:start") or "1")
                levels[ilvl] = (fmt, text, start)
            abstract[node.get(qn("w:abstractNumId"), "")] = levels
        for num in root.findall(qn("w:num")):
            num_id = num.get(qn("w:numId"), "")
            abstract_id = self._val(num, "w:abstractNumId") or ""
            for ilvl, spec in abstract.get(abstract_id, {}).items():
                self._levels[(num_id, ilvl)] = spec

    def _val(self, node: Any, tag: str) -> str | None:
        child = node.find(self._qn(tag))
        return None if child is None else child.get(self._qn("w:val"))

    def _num_pr(self, paragraph: Any) -> tuple[str, int] | None:
        sources: list[Any] = [paragraph._p.pPr]
        style = paragraph.style
        while style is not None:
            sources.append(style.element.pPr)
            style = style.base_style
        num_id: str | None = None
        ilvl: int | None = None
        for ppr in sources:
            if ppr is None or ppr.numPr is None:
                continue
            num_pr = ppr.numPr
            if num_id is None and num_pr.numId is not None:
                num_id = str(num_pr.numId.val)
            if ilvl is None and num_pr.ilvl is not None:
                ilvl = int(num_pr.ilvl.val)
        if num_id is None or num_id == "0":
            return None
        return num_id, ilvl or 0

    def label(self, paragraph: Any) -> tuple[str, int, bool]:
        """(label as shown, list level, is a list item) for a paragraph."""
        found = self._num_pr(paragraph)
        if found is None:
            return "", 0, False
        num_id, ilvl = found
        spec = self._levels.get((num_id, ilvl))
        if spec is None:
            return "-", ilvl, True
        fmt, text, _start = spec
        if fmt == "bullet" or fmt == "none":
            return ("-" if fmt == "bullet" else ""), ilvl, True
        counters = self._counters.setdefault(num_id, [])
        while len(counters) <= ilvl:
            level_spec = self._levels.get((num_id, len(counters)))
            counters.append((level_spec[2] if level_spec else 1) - 1)
        counters[ilvl] += 1
        del counters[ilvl + 1 :]
        label = text
        for level in range(ilvl, -1, -1):
            level_spec = self._levels.get((num_id, level), ("decimal", "", 1))
            value = counters[level] if level < len(counters) else level_spec[2]
            label = label.replace(f"%{level + 1}", _format_number(value, level_spec[0]))
        return label.strip(), ilvl, True


def _format_number(value: int, fmt: str) -> str:
    if fmt in {"lowerLetter", "upperLetter"}:
        letters = ""
        n = value
        while n > 0:
            n, rest = divmod(n - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in {"lowerRoman", "upperRoman"}:
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    return str(value)


def _roman(value: int) -> str:
    out = ""
    for number, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while value >= number:
            out += letters
            value -= number
    return out


# ----------------------------------------------------------------------- PDF


def read_pdf(path: Path) -> Document:
    try:
        import pdfplumber
    except ImportError as exc:  # pragma: no cover - dependency missing
        raise ReadError(
            words("err.import.missing_package", package="pdfplumber"), hint=words("err.import.missing_package.hint")
        ) from exc
    lines: list[str] = []
    try:
        with pdfplumber.open(str(path)) as pdf:
            for page in pdf.pages:
                if lines and lines[-1]:
                    lines.append("")
                page_lines = _pdf_page_lines(
                    page.extract_words(x_tolerance=1.5, y_tolerance=2, extra_attrs=["size", "upright"])
                )
                if lines and page_lines:
                    page_lines[0] = "\f" + page_lines[0]  # a page break, as pdftotext marks it
                lines.extend(page_lines)
    except Exception as exc:  # pdfminer raises many kinds for damaged or encrypted files
        raise ReadError(
            words("err.import.bad_pdf", name=path.name, reason=type(exc).__name__),
            hint=words("err.import.bad_pdf.hint"),
        ) from None
    if not any(line.strip() for line in lines):
        raise ReadError(words("err.import.pdf_no_text", name=path.name), hint=words("err.import.pdf_no_text.hint"))
    return Document(lines, "pdf")


def _size(word: dict[str, Any]) -> float:
    return float(word.get("size") or (word["bottom"] - word["top"]))


def _pdf_page_lines(words: Iterable[dict[str, Any]]) -> list[str]:
    """A page's lines: a wide gap inside a line is a tab, a tall gap between lines a blank line,
    and a line that runs to the right edge and goes on below is one line (a wrapped paragraph)."""
    words = [w for w in words if w.get("upright", True)]  # a rotated watermark ("UTKAST") is not text
    sizes = sorted(_size(w) for w in words)
    if sizes:
        body = sizes[len(sizes) // 2]
        words = [w for w in words if _size(w) <= body * 3]  # nor is a watermark's giant letter
    rows: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if rows and abs(word["top"] - rows[-1][0]["top"]) <= _size(word) * 0.4:
            rows[-1].append(word)
        else:
            rows.append([word])
    right = max((w["x1"] for w in words), default=0.0)
    left = min((w["x0"] for w in words), default=0.0)
    out: list[str] = []
    previous: list[dict[str, Any]] | None = None
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        size = max(_size(w) for w in row)
        text = row[0]["text"]
        for before, word in itertools.pairwise(row):
            gap = word["x0"] - before["x1"]
            text += ("\t" if gap > size * 1.0 else " ") + word["text"]
        if previous is not None and out and out[-1]:
            gap = min(w["top"] for w in row) - max(w["bottom"] for w in previous)
            if gap > size * 0.6:
                out.append("")
            elif _wraps(previous, row, left, right, out[-1], text):
                out[-1] = f"{out[-1]} {text}"
                previous = row
                continue
        out.append(text)
        previous = row
    return out


def _wraps(
    previous: list[dict[str, Any]], row: list[dict[str, Any]], left: float, right: float, before: str, text: str
) -> bool:
    """The row goes on with the line above: that line reached the right edge, this one starts at the
    same left edge, neither is a table row, and this one does not start a list entry."""
    full = max(w["x1"] for w in previous) > left + (right - left) * 0.85
    # the same left edge, or a hanging indent under the title after an item's number
    indent = previous[1]["x0"] if len(previous) > 1 else previous[0]["x0"]
    same_left = any(abs(row[0]["x0"] - x) < _size(row[0]) for x in (previous[0]["x0"], indent))
    same_size = abs(_size(row[0]) - _size(previous[0])) < 0.5
    starts_entry = re.match(r"^(?:[-–•*]|\d{1,3}[.)]|[a-zåäö][.)]|§)\s", text) is not None
    before = re.sub(r"^(?:§\s*)?\d{1,3}[.)]?\s*\t", "", before)  # "7.<tab>Title": the number's column
    return full and same_left and same_size and "\t" not in before and "\t" not in text and not starts_entry
