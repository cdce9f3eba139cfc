"""Documents of unusual meetings: empty, Markdown of every kind, long statements."""

from __future__ import annotations

import datetime as dt
import io

import docs_sample as sample
import pytest
from docs_readback import assert_in_order, docx_body, html_text, md_text, pdf_body
from docx import Document as open_docx

from cesam_docs import FORMATS, Provenance, extract, notice, protocol, render
from store.core.model import Item, ItemKind, Meeting, Statement

PROV = Provenance(sample.COMMIT, "a" * 64, dirty=True)

RICH = """# Bakgrund

Första stycket med **fet**, *kursiv*, `kod` och en [länk](https://example.se).
Rad ett\\
rad två efter hård radbrytning.

3. tredje
4. fjärde
   - under fjärde

> Citat ur utredningen.

```
rad 1
rad 2
```
"""


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_empty_meeting_renders(fmt: str) -> None:
    meeting = Meeting(group="cesam", date=dt.date(2024, 1, 9))
    for document in (protocol(meeting, sample.config(), PROV), notice(meeting, sample.config(), PROV)):
        data = render(document, fmt)
        assert data
    text = render(protocol(meeting, sample.config(), PROV), "md").decode()
    assert "med ändringar som inte är incheckade" in text  # a dirty file says so in the stamp


def test_rich_markdown_in_every_format() -> None:
    item = Item(id="x", title="Utredning", body=RICH)
    meeting = Meeting(group="cesam", date=dt.date(2024, 1, 9), items=[item])
    document = protocol(meeting, sample.config(), PROV)

    html = render(document, "html").decode()
    assert "<h4>Bakgrund</h4>" in html  # the text's own heading sits below the item's
    assert '<ol start="3">' in html and "<blockquote>" in html and "<pre><code>rad 1" in html
    assert '<a href="https://example.se">länk</a>' in html and "<br />" in html

    md = render(document, "md").decode()
    assert "#### Bakgrund" in md and "3. tredje" in md

    data = render(document, "docx")
    doc = open_docx(io.BytesIO(data))
    by_text = {p.text: p for p in doc.paragraphs}
    assert by_text["Bakgrund"].style.name == "Heading 4"
    third = by_text["tredje"]
    assert third.style.name == "List Number"
    num_id = third._p.pPr.numPr.numId.val
    numbering = doc.part.numbering_part.element
    num = numbering.num_having_numId(num_id)
    assert num.xpath("./w:lvlOverride/w:startOverride/@w:val") == ["3"]  # the list starts where the text says
    assert by_text["under fjärde"].style.name == "List Bullet 2"
    assert "länk (https://example.se)" in docx_body(data)
    assert "rad 1" in docx_body(data) and "Citat ur utredningen." in docx_body(data)

    pdf = pdf_body(render(document, "pdf"), marking="UTKAST")
    facts = [
        "Bakgrund",
        "Första stycket med",
        "fet",
        "kursiv",
        "kod",
        "tredje",
        "under fjärde",
        "Citat ur utredningen.",
    ]
    assert_in_order(pdf, facts, "pdf")


def test_statement_of_several_paragraphs_keeps_them() -> None:
    item = Item(
        id="x",
        title="Punkt",
        statements=[
            Statement(
                "s", "Vision", text="anser att första stycket gäller.\n\nAndra stycket utvecklar.", answer="noterar."
            )
        ],
    )
    meeting = Meeting(group="cesam", date=dt.date(2024, 1, 9), items=[item])
    text = md_text(render(protocol(meeting, sample.config(), PROV), "md"))
    assert "Vision anser att första stycket gäller.\nAndra stycket utvecklar.\nArbetsgivaren noterar." in text


def test_extract_of_a_standing_item_in_english_html() -> None:
    meeting = sample.meeting()
    document = extract(meeting, sample.config(), "nasta", PROV, lang="en")
    text = html_text(render(document, "html"))
    assert "Extract from the minutes of Centrala samverkansgruppen, 5 September 2023" in text
    assert "The next meeting is on 3 October 2023 at 13:00–15:30." in text
    assert "The minutes are not approved yet." in text


def test_notice_for_a_meeting_without_attendees() -> None:
    meeting = Meeting(
        group="cesam",
        date=dt.date(2024, 1, 9),
        items=[Item(id="a", title="Val av justerare", kind=ItemKind.ADJUSTERS), Item(id="b", title="Budget")],
    )
    text = md_text(render(notice(meeting, sample.config()), "md"))
    assert "Ledamöterna i Centrala samverkansgruppen" in text
    assert "Datum: 9 januari 2024" in text and "Tid: kl. 13.00–15.30" in text  # the group's usual time and place
    assert "Deltagare ej angivna" in text  # and what the secretary still has to add
    assert "Plats: Kommunhuset, sal A" in text
