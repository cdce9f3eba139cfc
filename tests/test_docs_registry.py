"""Diarienummer, Expedieras till and Övriga deltagande: in the model, the file, validation, the
editors (cesam edit, the TUI's details tab) and every document format."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import docs_sample as sample
import pytest
from docs_readback import assert_in_order, docx_body, html_text, md_text, pdf_body
from textual.widgets import Input
from tui_helpers import commits, make_app, meeting_text, run_async, settle

from cesam_cli.main import main
from cesam_docs import Provenance, extract, protocol, render
from store.core.codec import dumps, loads
from store.core.config import Member
from store.core.model import Attendee, Meeting, Status
from store.core.roster import is_member, roster_from, starting_attendees
from store.core.validate import validate
from store.services.repository import Repository

PROV = Provenance(sample.COMMIT, "f" * 64, dirty=False)


def registered(meeting: Meeting) -> Meeting:
    meeting.case_number = "KS 2023/218"
    meeting.distribution = ["Kommunstyrelsen", "HR-avdelningen"]
    meeting.attendees.append(Attendee("gast", "Ola Gäst", "Revisor, PwC", guest=True))
    return meeting


def text_of(data: bytes, fmt: str) -> str:
    readers = {"pdf": lambda d: pdf_body(d, marking="UTKAST"), "docx": docx_body, "html": html_text, "md": md_text}
    return readers[fmt](data)


def test_fields_round_trip_through_the_file_and_are_left_out_when_empty() -> None:
    meeting = registered(sample.meeting(Status.HELD))
    text = dumps(meeting)
    assert 'case_number = "KS 2023/218"' in text and "guest = true" in text
    assert loads(text)[0] == meeting
    assert "case_number" not in dumps(sample.meeting(Status.HELD))  # old files stay byte-identical


def test_validation_of_the_registry_fields() -> None:
    meeting = registered(sample.meeting(Status.HELD))
    assert not [
        p for p in validate(meeting, sample.config()) if p.key_path[:1] in (("case_number",), ("distribution",))
    ]
    meeting.case_number = "KS 2023/218\nKS 2023/219"
    meeting.distribution = ["Kommunstyrelsen", " ", "kommunstyrelsen"]
    found = {(p.key_path, p.kind.value) for p in validate(meeting, sample.config())}
    # said, never refused: what was typed is kept (tests/test_reliability_hostile.py saves any text)
    assert (("case_number",), "warning") in found
    assert (("distribution", 1), "warning") in found
    assert (("distribution", 2), "warning") in found
    meeting.attendees[-1].name = meeting.adjusters[0]  # a guest who signs: said, not refused
    messages = [p.message for p in validate(meeting, sample.config())]
    assert any("not a member" in m for m in messages)


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "pdf"])
def test_protocol_prints_registry_and_others_present_apart(fmt: str) -> None:
    meeting = registered(sample.meeting(Status.HELD))
    printed = text_of(render(protocol(meeting, sample.config(), PROV), fmt), fmt)
    assert_in_order(
        printed,
        [
            "Diarienummer",
            "KS 2023/218",
            "Expedieras till",
            "Kommunstyrelsen, HR-avdelningen",
            "Närvarande",
            "Fackliga parter",
            "Övriga deltagande",
            "Ola Gäst",
            "Revisor, PwC",
            "Anmält förhinder",
            "1.",
        ],
        fmt,
    )


def test_english_words_from_the_catalogue() -> None:
    meeting = registered(sample.meeting(Status.HELD))
    printed = md_text(render(protocol(meeting, sample.config(), PROV, lang="en"), "md"))
    assert "Registry number" in printed and "Also present" in printed and "Sent to" in printed


def test_extract_names_the_case_number_and_falls_back_to_the_distribution() -> None:
    meeting = registered(sample.meeting(Status.HELD))
    doc = extract(meeting, sample.config(), "ovr", PROV, extracted=dt.date(2023, 9, 20))
    printed = md_text(render(doc, "md"))
    assert_in_order(printed, ["Diarienummer", "KS 2023/218"])
    # Övriga frågor has no presenter and nobody spoke: the extract goes where the protocol goes
    assert_in_order(printed, ["Expedieras till", "Kommunstyrelsen, HR-avdelningen"])


def test_without_the_fields_nothing_is_printed() -> None:
    printed = md_text(render(protocol(sample.meeting(Status.HELD), sample.config(), PROV), "md"))
    assert "Diarienummer" not in printed and "Övriga deltagande" not in printed and "Expedieras" not in printed


def test_membership_from_the_flag_or_the_groups_roster() -> None:
    config = sample.config()
    group = config.group("cesam")
    member, guest = Attendee("a", "Anna Ek"), Attendee("b", "Ola Gäst", guest=True)
    assert is_member(member, group) and not is_member(guest, group)
    group.members = [Member("Anna Ek")]
    assert is_member(Attendee("x", " anna  ek "), group) and not is_member(Attendee("y", "Per Holm"), group)
    # the roster the app keeps leaves guests out, and a guest last time is a guest again
    assert [m.name for m in roster_from([member, guest])] == ["Anna Ek"]
    previous = Meeting(group="cesam", date=dt.date(2023, 9, 5), attendees=[member, guest])
    again = starting_attendees(group, previous)
    assert [(a.name, a.guest) for a in again] == [("Anna Ek", False), ("Ola Gäst", True)]


def test_a_roster_puts_everyone_else_under_others_present() -> None:
    config = sample.config()
    meeting = sample.meeting(Status.HELD)
    members = [a for a in meeting.attendees if a.party != "Arbetsgivaren" or a.name == meeting.chair]
    config.group("cesam").members = [Member(a.name, a.role, a.party) for a in members]
    doc = md_text(render(protocol(meeting, config, PROV), "md"))
    others = doc[doc.index("Övriga deltagande") : doc.index("Anmält förhinder")]
    assert "Johan Westin" in others and "Margareta Jarnevall" in others
    assert "Magnus Gyllestad" not in others


def test_cesam_edit_sets_the_fields(demo_repo: Repository, tmp_path: Path) -> None:
    editor = tmp_path / "editor.sh"
    editor.write_text(
        "#!/bin/sh\n"
        'sed -i \'s/^status = /case_number = "KS 2023\\/218"\\ndistribution = ["Kommunstyrelsen"]\\nstatus = /\' "$1"\n'
    )
    editor.chmod(editor.stat().st_mode | stat.S_IEXEC)
    os.environ["EDITOR"] = str(editor)
    try:
        assert main(["--repo", str(demo_repo.root), "edit", "cesam/2023-09-05"]) == 0
    finally:
        del os.environ["EDITOR"]
    meeting = demo_repo.load("cesam/2023-09-05").meeting
    assert (meeting.case_number, meeting.distribution) == ("KS 2023/218", ["Kommunstyrelsen"])
    assert commits(demo_repo)[0][0] == "CESAM 2023-09-05: 2 ändringar"


@run_async
async def test_tui_details_tab_edits_the_fields(demo_repo: Repository) -> None:
    app = make_app(demo_repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"2023-09-05", "enter")  # one Enter opens the only meeting the filter leaves
        await settle(pilot)
        before = len(commits(demo_repo))
        await pilot.press("2", "tab", "tab", "tab", "tab")  # tabs → start → end → place → diarienummer
        assert isinstance(app.focused, Input) and app.focused.id == "m-case-number"
        await pilot.press(*"KS 2023/218", "tab")
        await settle(pilot)
        assert isinstance(app.focused, Input) and app.focused.id == "m-distribution"
        await pilot.press(*"Kommunstyrelsen, HR-avdelningen", "tab")
        await settle(pilot)
        log = commits(demo_repo)
        assert len(log) == before + 2
        assert log[1][0] == "CESAM 2023-09-05: diarienummer ändrad"
        text = meeting_text(demo_repo)
        assert 'case_number = "KS 2023/218"' in text
        assert '"Kommunstyrelsen",\n    "HR-avdelningen",' in text


def test_docx_paragraph_numbers_are_typed_text_not_word_numbering() -> None:
    # docs/documents.md: the § numbers are the ones extracts, the restlista and commit messages cite;
    # Word numbering would renumber them silently and a reader of the text would not see them
    import io

    from docx import Document as open_docx

    from store.core.config import Numbering

    doc = protocol(sample.meeting(Status.HELD), sample.config(Numbering.YEAR), PROV, first=45)
    docx = open_docx(io.BytesIO(render(doc, "docx")))
    headings = [p for p in docx.paragraphs if p.style is not None and p.style.name in ("Heading 2", "Heading 3")]
    numbered = [p for p in headings if p.text.startswith("§ ")]
    assert [p.text.split("\t")[0] for p in numbered][:3] == ["§ 45", "§ 46", "§ 47"]
    assert "§ 48 a" in [p.text.split("\t")[0] for p in numbered]
    assert all(p._p.pPr is None or p._p.pPr.numPr is None for p in headings)
    extract_doc = extract(sample.meeting(Status.HELD), sample.config(Numbering.YEAR), "digi", PROV, first=45)
    assert "§ 48 a" in docx_body(render(extract_doc, "docx"))  # the extract cites the protocol's number


def test_the_new_fields_merge_field_by_field() -> None:
    # two people: one files the diarienummer, the other sets the distribution and marks a guest
    import dataclasses

    from store.core.merge import merge_meetings

    base = sample.meeting(Status.HELD)
    ours = dataclasses.replace(base, case_number="KS 2023/218", attendees=list(base.attendees))
    theirs_attendees = [dataclasses.replace(a, guest=a.name == "Johan Westin") for a in base.attendees]
    theirs = dataclasses.replace(base, distribution=["Kommunstyrelsen"], attendees=theirs_attendees)
    merged = merge_meetings(base, ours, theirs)
    assert merged.conflicts == []
    assert (merged.meeting.case_number, merged.meeting.distribution) == ("KS 2023/218", ["Kommunstyrelsen"])
    assert [a.name for a in merged.meeting.attendees if a.guest] == ["Johan Westin"]
