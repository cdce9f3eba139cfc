"""Single rules of the importer, each on a small protocol written for it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cesam_import import EntryKind, parse_protocol
from cesam_import.dates import date_from_name
from store.core.config import Config, loads_config
from store.core.model import OutcomeKind

CONFIG: Config = loads_config((Path(__file__).parent / "fixtures" / "import" / "corpus" / "cesam.toml").read_text())[0]


@pytest.mark.parametrize(
    ("name", "date"),
    [
        ("protokoll_2014-11-20.docx", dt.date(2014, 11, 20)),
        ("20141120.pdf", dt.date(2014, 11, 20)),
        ("fsg_141120.txt", dt.date(2014, 11, 20)),
        ("lsg-2014.11.20.txt", dt.date(2014, 11, 20)),
        ("protokoll 2014.txt", None),
        ("20149931.txt", None),
    ],
)
def test_dates_in_file_names(name: str, date: dt.date | None) -> None:
    assert date_from_name(name) == date


def test_document_date_first_then_the_file_name() -> None:
    text = "LSG Hemtjänst\n\nNärvarande: Anna Berg, Kommunal\n\nINLEDNING\nMötet öppnades.\n"
    from_name = parse_protocol(text, CONFIG, source="lsg_2014-11-20.txt")
    assert from_name.meeting.date == dt.date(2014, 11, 20)
    assert any("filnamnet" in e.text() for e in from_name.report.of(EntryKind.CHECK, "date"))
    dated = parse_protocol("LSG Hemtjänst 2015-02-03\n\n" + text, CONFIG, source="lsg_2014-11-20.txt")
    assert dated.meeting.date == dt.date(2015, 2, 3)


def test_decision_on_the_line_after_beslut() -> None:
    text = (
        "LSG Hemtjänst 2024-01-09\n\nNärvarande: Anna Berg, Kommunal\n\n1. Semesterplanering\n"
        "Förslaget gicks igenom.\nBeslut:\nsemesterlistan fastställs den 1 mars.\n"
    )
    item = parse_protocol(text, CONFIG).meeting.items[0]
    assert item.outcome.kind == OutcomeKind.DECISION
    assert "semesterlistan fastställs" in item.outcome.text


def test_unclear_decision_stays_text_and_is_reported() -> None:
    text = "LSG Hemtjänst 2024-01-09\n\nNärvarande: Anna Berg, Kommunal\n\n1. Lokaler\nBeslutsunderlaget saknas än.\n"
    result = parse_protocol(text, CONFIG)
    item = result.meeting.items[0]
    assert item.outcome.kind == OutcomeKind.NONE and "Beslutsunderlaget saknas" in item.body
    assert result.report.of(EntryKind.CHECK, "outcome")


def test_group_name_the_meeting_has_no_field_for_stays_as_text() -> None:
    text = "Protokoll sektionens styrelse LSG Hemtjänst 2024-01-09\n\nNärvarande: Anna Berg, Kommunal\n\n1. Ekonomi\nGenomgång.\n"
    result = parse_protocol(text, CONFIG)
    assert "sektionens styrelse" in result.meeting.items[0].body
    assert result.accounting.adds_up and not result.accounting.lost


def test_substitutes_section_and_dash_page_numbers() -> None:
    text = (
        "LSG Hemtjänst 2024-01-09\n\nNärvarande\nAnna Berg, Kommunal\n\nErsättare\nOla Holm, Vision\n\n"
        "1. Ekonomi\nGenomgång av läget.\n- 1 -\n\n2. Övrigt\nInget.\n- 2 -\n"
    )
    result = parse_protocol(text, CONFIG)
    assert [a.name for a in result.meeting.present] == ["Anna Berg", "Ola Holm"]
    dropped = sorted(no for no, p in result.placed.items() if p.where.text() == "sidnummer")
    assert dropped == [11, 15]
    assert result.accounting.adds_up


def test_unnumbered_headings_deeper_markdown_is_a_sub_item() -> None:
    text = (
        "# Minnesanteckningar LG VoO 2024-01-09\n\nNärvarande: Anna Berg, Karl Holm\n\n"
        "## Ekonomi\nLäget gicks igenom.\n\n### Prognos\nUnderskott väntas.\n\n## Personal\nTvå nya chefer.\n"
    )
    items = parse_protocol(text, CONFIG).meeting.items
    assert [(i.title, bool(i.parent)) for i in items] == [("Ekonomi", False), ("Prognos", True), ("Personal", False)]


def test_short_lines_over_paragraphs_and_bold_lines_are_headings() -> None:
    short = (
        "LG VoO 2024-01-09\n\nNärvarande: Anna Berg, Karl Holm\n\n"
        "Ekonomi\nLäget gicks igenom och prognosen visar ett litet underskott.\n\n"
        "Personal\nTvå nya enhetschefer börjar i februari enligt planen.\n"
    )
    assert [i.title for i in parse_protocol(short, CONFIG).meeting.items] == ["Ekonomi", "Personal"]
    bold = short.replace("Ekonomi\n", "**Ekonomi**\n").replace("Personal\n", "**Personal**\n")
    assert [i.title for i in parse_protocol(bold, CONFIG).meeting.items] == ["Ekonomi", "Personal"]
