"""The bilagor's own PDF files appended to the protocol's PDF, in number order.

A registrar files the protocol with its bilagor as one document. The caller reads the files
(`Attachment.file`, inside the repository) and passes their bytes; this module only joins PDFs,
so it stays free of the repository. Each appended bilaga gets a bookmark ("Bilaga 2: …") beside
the protocol's own. What is not a PDF, or a PDF that cannot be read or is encrypted, is not
appended and is named in the result, so that nothing is left out silently.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field


@dataclass(frozen=True)
class BilagaFile:
    number: int
    label: str  # the bookmark: "Bilaga 2: Digitaliseringsprogrammet"
    name: str  # the file's path in the repository, for messages
    data: bytes


@dataclass
class Appended:
    pdf: bytes
    appended: list[int] = field(default_factory=list)  # bilaga numbers, in the order appended
    skipped: list[tuple[int, str, str]] = field(default_factory=list)  # (number, file, reason key)


def append_bilagor(protocol_pdf: bytes, files: list[BilagaFile]) -> Appended:
    """``protocol_pdf`` followed by every PDF in ``files`` in bilaga number order.

    The protocol's pages, language and tags are kept as they are; the appended pages are the
    bilagor's own (untagged unless the bilaga's file was).
    """
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PdfReadError

    writer = PdfWriter(clone_from=io.BytesIO(protocol_pdf))
    result = Appended(pdf=protocol_pdf)
    for bilaga in sorted(files, key=lambda f: f.number):
        if bilaga.data.lstrip()[:5] != b"%PDF-":
            result.skipped.append((bilaga.number, bilaga.name, "not_pdf"))
            continue
        try:
            reader = PdfReader(io.BytesIO(bilaga.data))
            if reader.is_encrypted:
                result.skipped.append((bilaga.number, bilaga.name, "encrypted"))
                continue
            pages = list(reader.pages)  # read them all first: a broken file adds no page at all
        except (PdfReadError, ValueError, KeyError, TypeError, OSError):
            result.skipped.append((bilaga.number, bilaga.name, "unreadable"))
            continue
        if not pages:
            result.skipped.append((bilaga.number, bilaga.name, "unreadable"))
            continue
        first = len(writer.pages)
        for page in pages:
            writer.add_page(page)
        writer.add_outline_item(title=bilaga.label, page_number=first)
        result.appended.append(bilaga.number)
    if result.appended:
        out = io.BytesIO()
        writer.write(out)
        result.pdf = out.getvalue()
    return result
