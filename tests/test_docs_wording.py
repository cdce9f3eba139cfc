"""The wording: how a meeting's facts become the protocol's sentences (pure, no rendering)."""

from __future__ import annotations

import datetime as dt
import re

import docs_sample as sample
import pytest
from docs_readback import md_text

from cesam_docs import Provenance, extract, first_number, first_numbers, notice, protocol, render
from cesam_docs.structure import BulletList, Heading, Markdown, Note, Signatures, Table
from store.core.config import Member, Numbering
from store.core.model import (
    Attendee,
    FollowUp,
    Item,
    ItemKind,
    Meeting,
    Outcome,
    OutcomeKind,
    Statement,
    StatementKind,
    Status,
)

PROV = Provenance(sample.COMMIT, "f" * 64, dirty=False)


def one_item_meeting(item: Item, **kwargs: object) -> Meeting:
    return Meeting(group="cesam", date=dt.date(2024, 3, 5), items=[item], **kwargs)  # type: ignore[arg-type]


def texts(meeting: Meeting, **kwargs: object) -> str:
    """The protocol as text a reader sees (Markdown rendered), one line per block."""
    return md_text(render(protocol(meeting, sample.config(), PROV, **kwargs), "md"))  # type: ignore[arg-type]


def said(statement: Statement, kind: ItemKind = ItemKind.INFORMATION) -> str:
    item = Item(id="x", title="Punkt", kind=kind, statements=[statement])
    doc = protocol(one_item_meeting(item), sample.config(), PROV)
    bullets = [b for b in doc.blocks if isinstance(b, BulletList)]
    notes = [b for b in doc.blocks if isinstance(b, Note)]
    return bullets[0].items[0] if bullets else notes[0].markdown


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        # the text carries its own verb, as the demo data and importer write it
        (
            Statement("a", "Vision", text="anser att målbilden är otydlig.", answer="tar till sig synpunkten."),
            "Vision anser att målbilden är otydlig. Arbetsgivaren tar till sig synpunkten.",
        ),
        # a bare clause gets the verb of its kind
        (
            Statement("a", "Vision", text="målbilden är otydlig.", answer="synpunkten tas med."),
            "Vision anser att målbilden är otydlig. Arbetsgivaren svarade att synpunkten tas med.",
        ),
        (
            Statement("a", "SSR", StatementKind.QUESTION, text="hur samverkan gått med andra kommuner?"),
            "SSR frågade hur samverkan gått med andra kommuner?",
        ),
        (
            Statement("a", "Kommunal", StatementKind.QUESTION, text="Kollektivavtal för låstjänster."),
            "Kommunal frågade: Kollektivavtal för låstjänster.",
        ),
        # a capitalised verb reads on from the name
        (
            Statement("a", "Vision", StatementKind.QUESTION, text="Vill lyfta behovet av ett program"),
            "Vision vill lyfta behovet av ett program",
        ),
        # written in full already: printed as it is
        (
            Statement(
                "a", "Sveriges Lärare", text="Sveriges lärare ställer sig positiva.", answer="Arbetsgivaren noterar."
            ),
            "Sveriges lärare ställer sig positiva. Arbetsgivaren noterar.",
        ),
        (
            Statement("a", "Fackliga parter", StatementKind.MOTION, text="att beslutet skjuts upp."),
            "Fackliga parter yrkade att beslutet skjuts upp.",
        ),
        # an answer that starts with the employer's verb reads on from "Arbetsgivaren", never
        # "Arbetsgivaren svarade att avslog yrkandet"
        (
            Statement("a", "Vision", StatementKind.MOTION, text="att beslutet skjuts upp.", answer="avslog yrkandet."),
            "Vision yrkade att beslutet skjuts upp. Arbetsgivaren avslog yrkandet.",
        ),
        (
            Statement("a", "Vision", text="det är bra.", answer="godkänner förslaget."),
            "Vision anser att det är bra. Arbetsgivaren godkänner förslaget.",
        ),
        (
            Statement("a", "Vision", text="det är bra.", answer="frågan utreds vidare."),
            "Vision anser att det är bra. Arbetsgivaren svarade att frågan utreds vidare.",
        ),
    ],
)
def test_statements_are_phrased_as_the_protocols_phrase_them(statement: Statement, expected: str) -> None:
    assert said(statement) == expected


def test_a_reservation_names_its_union() -> None:
    item = Item(
        id="x",
        title="Omorganisation",
        kind=ItemKind.NEGOTIATION,
        statements=[Statement("r", "Kommunal", StatementKind.RESERVATION, text="mot beslutet.")],
        outcome=Outcome(OutcomeKind.DISAGREEMENT, parties=["Kommunal"]),
    )
    note = next(b for b in protocol(one_item_meeting(item), sample.config(), PROV).blocks if isinstance(b, Note))
    assert note.title == "Reservation från Kommunal"
    assert note.markdown == "Kommunal reserverade sig mot beslutet."


def test_a_statement_the_text_already_records_is_not_printed_twice() -> None:
    body = "Kommunal lyfte:\n\n- Kollektivavtal för låstjänster. Arbetsgivaren svarar att det ingår i kontrollen."
    item = Item(
        id="x",
        title="Upphandling",
        body=body,
        statements=[
            Statement(
                "k",
                "Kommunal",
                StatementKind.QUESTION,
                text="Kollektivavtal för låstjänster.",
                answer="svarar att det ingår i kontrollen.",
            )
        ],
    )
    text = texts(one_item_meeting(item))
    assert text.count("Kollektivavtal för låstjänster") == 1
    assert "Kommunal frågade" not in text


def test_proposal_and_statements_are_blocks_of_their_own() -> None:
    item = Item(
        id="x",
        title="Arbetstid",
        kind=ItemKind.NEGOTIATION,
        proposal="Arbetsgivaren föreslår ny arbetstid.",
        statements=[Statement("v", "Vision", text="anser att det är bra.")],
    )
    blocks = protocol(one_item_meeting(item), sample.config(), PROV).blocks
    proposal = next(b for b in blocks if isinstance(b, Markdown) and b.style == "proposal")
    statements = next(b for b in blocks if isinstance(b, BulletList) and b.style == "statements")
    assert "föreslår ny arbetstid" in proposal.markdown
    assert statements.items == ("Vision anser att det är bra.",)
    assert blocks.index(proposal) < blocks.index(statements)


def test_protocol_note_is_set_apart_under_its_own_title() -> None:
    item = Item(
        id="x",
        title="Omorganisation",
        kind=ItemKind.NEGOTIATION,
        statements=[
            Statement("v", "Vision", text="anser att det är bra."),
            Statement("n", "Kommunal", StatementKind.PROTOCOL_NOTE, text="Kommunal vill ha heltid som norm."),
            Statement("r", "SACO", StatementKind.RESERVATION, text="Vi reserverar oss mot beslutet."),
        ],
        outcome=Outcome(OutcomeKind.DISAGREEMENT, parties=["Kommunal"]),
    )
    blocks = protocol(one_item_meeting(item), sample.config(), PROV).blocks
    notes = [b for b in blocks if isinstance(b, Note)]
    assert [n.title for n in notes] == ["Protokollsanteckning från Kommunal", "Reservation från SACO"]
    assert notes[0].markdown == "Kommunal vill ha heltid som norm."
    bullets = [b for b in blocks if isinstance(b, BulletList)]
    assert bullets[0].items == ("Vision anser att det är bra.",)  # notes are not among the statements
    outcome = next(b for b in blocks if isinstance(b, Markdown) and b.style == "outcome")
    assert outcome.markdown == "Kommunal ställde sig oeniga gentemot arbetsgivarens förslag till beslut."
    # the notes come after the outcome, apart from the body
    assert blocks.index(notes[0]) > blocks.index(outcome)


@pytest.mark.parametrize(
    ("outcome", "kind", "expected"),
    [
        (Outcome(OutcomeKind.DISAGREEMENT), ItemKind.NEGOTIATION, "Fackliga parter ställde sig oeniga gentemot"),
        (
            Outcome(OutcomeKind.DISAGREEMENT, parties=["Kommunal", "Vision"]),
            ItemKind.NEGOTIATION,
            "Kommunal och Vision ställde sig oeniga gentemot arbetsgivarens förslag till beslut.",
        ),
        (Outcome(OutcomeKind.AGREEMENT), ItemKind.NEGOTIATION, "Fackliga parter biföll arbetsgivarens förslag"),
        (
            Outcome(OutcomeKind.POSTPONED, postponed_to=dt.date(2024, 4, 2)),
            ItemKind.INFORMATION,
            "Punkten bordlades till sammanträdet den 2 april 2024.",
        ),
        (Outcome(OutcomeKind.INFORMATION_RECEIVED), ItemKind.PREVIOUS_MINUTES, "Protokollet lades till handlingarna."),
        (Outcome(OutcomeKind.AGREEMENT, text="Punkten samverkades i enighet."), ItemKind.NEGOTIATION, "i enighet."),
    ],
)
def test_outcome_phrases(outcome: Outcome, kind: ItemKind, expected: str) -> None:
    item = Item(id="x", title="Punkt", kind=kind, outcome=outcome)
    assert expected in texts(one_item_meeting(item))


def test_information_needs_no_closing_phrase() -> None:
    item = Item(
        id="x", title="Budget", body="Arbetsgivaren informerade.", outcome=Outcome(OutcomeKind.INFORMATION_RECEIVED)
    )
    assert "handlingarna" not in texts(one_item_meeting(item))


def test_followups_as_sentences_or_on_the_tracked_list() -> None:
    item = Item(
        id="x",
        title="Upphandling",
        statements=[
            Statement(
                "q", "Kommunal", StatementKind.QUESTION, text="hur MBL § 38 hanteras?", answer="återkommer om frågan."
            )
        ],
        followups=[
            FollowUp("a", "Arbetsgivaren återkommer om frågan."),  # already said by the answer: not twice
            FollowUp("b", "återkommer med datum.", due=dt.date(2024, 4, 2)),
            FollowUp("c", "Datum för våren 2024.", owner="Fackliga parter"),
            FollowUp("d", "Stängd sak.", closed=True),
        ],
    )
    text = texts(one_item_meeting(item))
    assert text.count("Arbetsgivaren återkommer om frågan.") == 1
    assert "Arbetsgivaren återkommer med datum (senast 2024-04-02)." in text
    assert re.search(r"Följs upp på restlistan:\s+Datum för våren 2024\. – Fackliga parter", text)
    assert "Stängd sak" not in text


def test_union_question_reads_as_raised() -> None:
    item = Item(
        id="q",
        title="Kallelser",
        kind=ItemKind.UNION_QUESTION,
        raised_by="Sveriges Lärare",
        statements=[
            Statement(
                "s",
                "Sveriges Lärare",
                StatementKind.QUESTION,
                text="Hur säkrar vi kallelser?",
                answer="tar med sig frågan.",
            )
        ],
    )
    text = texts(one_item_meeting(item))
    assert re.search(r"Anmäld av Sveriges Lärare: Hur säkrar vi kallelser\?\s+Arbetsgivaren tar med sig frågan\.", text)


def test_attendance_two_sides_per_item_presence_and_apologies() -> None:
    doc = protocol(sample.meeting(), sample.config(), PROV)
    blocks = list(doc.blocks)
    headings = [b.text for b in blocks if isinstance(b, Heading)]
    assert headings[:4] == ["Närvarande", "Arbetsgivaren", "Fackliga parter", "Anmält förhinder"]
    tables = [b for b in blocks if isinstance(b, Table)]
    employer, unions, absent = (dict(t.rows) for t in tables[:3])
    assert employer["Oskar Spanne"] == "Kommunstyrelseförvaltningen, punkt 4 a och 4 b"
    assert employer["Magnus Gyllestad"] == "Kommundirektör, mötesordförande"
    assert unions["Ester Hreinsson"] == "SSR, from punkt 5"
    assert unions["Lena Possbeck"] == "Ordförande Sveriges Lärare"
    assert absent == {"Johanna Andersson": "SACO"}


def test_justeras_block_chair_then_adjusters_with_roles() -> None:
    doc = protocol(sample.meeting(), sample.config(), PROV)
    justeras = next(b for b in doc.blocks if isinstance(b, Signatures) and b.title == "Justeras:")
    assert [(s.name, s.role) for s in justeras.signers] == [
        ("Magnus Gyllestad", "Kommundirektör"),
        ("Alexandra Eldstål", "Kommunal"),
        ("Lena Possbeck", "Sveriges Lärare"),
    ]
    assert doc.frame.footer == "Justerandes signatur" and doc.frame.footer_boxes == 3


def test_user_text_is_data_not_markup() -> None:
    meeting = sample.meeting()
    meeting.attendees.append(Attendee(id="z", name="*Eva* <b>Ek</b>", role="[länk](http://x)", party="Vision"))
    meeting.items[2].body = "<script>alert(1)</script> och <b>fet</b>"
    html = render(protocol(meeting, sample.config(), PROV), "html").decode()
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert "*Eva* &lt;b&gt;Ek&lt;/b&gt;" in html
    md = md_text(render(protocol(meeting, sample.config(), PROV), "md"))
    assert "*Eva* <b>Ek</b>" in md and "[länk](http://x)" in md


# ---------------------------------------------------------------- § numbers


def test_year_numbering_counts_earlier_meetings_of_the_group_in_the_year() -> None:
    config = sample.config(Numbering.YEAR)
    group = config.group("cesam")
    this = sample.meeting()
    earlier = [
        Meeting(group="cesam", date=dt.date(2023, 2, 1), items=[Item(id=f"a{i}", title="x") for i in range(5)]),
        Meeting(
            group="cesam",
            date=dt.date(2023, 5, 1),
            items=[Item(id="p", title="x"), Item(id="c", title="y", parent="p"), Item(id="q", title="z")],
        ),
        Meeting(group="cesam", date=dt.date(2022, 12, 1), items=[Item(id="o", title="last year")]),
        Meeting(group="ubf", date=dt.date(2023, 3, 1), items=[Item(id="u", title="other group")]),
        Meeting(group="cesam", date=dt.date(2023, 11, 1), items=[Item(id="l", title="later")]),
    ]
    assert first_number(this, group, earlier) == 1 + 5 + 2  # sub-items do not count
    assert first_number(this, sample.config().group("cesam"), earlier) == 1  # numbering per meeting
    doc = protocol(this, config, PROV, first=first_number(this, group, earlier))
    numbers = [b.number for b in doc.blocks if isinstance(b, Heading) and b.number]
    assert numbers[:5] == ["§ 8", "§ 9", "§ 10", "§ 11", "§ 11 a"]
    top = [n for n in numbers if n.count(" ") == 1]  # "§ 15", not "§ 11 a"
    assert f"Paragrafer: §§ 8–{top[-1].removeprefix('§ ')}" in md_text(render(doc, "md"))
    firsts = first_numbers([*earlier, this], config)
    assert firsts[this.ref] == 8 and firsts["cesam/2023-02-01"] == 1 and firsts["cesam/2023-11-01"] == 8 + 8


# ---------------------------------------------------------------- notice and extract


def test_notice_lists_purpose_mbl_basis_presenter_and_bilagor() -> None:
    doc = notice(sample.meeting(Status.CALLED), sample.config(), issued=dt.date(2023, 8, 22))
    text = md_text(render(doc, "md"))
    assert "Kallelse" in text and "Centrala samverkansgruppen den 5 september 2023" in text
    assert "Tid: kl. 13.00–15.30" in text and "Plats: Kommunhuset, sal A" in text
    assert "Utfärdad: 22 augusti 2023" in text
    assert "Avsändare: Margareta Jarnevall, sekreterare, för Centrala samverkansgruppen" in text
    assert "Fackliga frågor: anmäls till sekreteraren senast den 29 augusti 2023" in text
    assert "Kallade" in text and "Johanna Andersson" in text  # called even if she later sent apologies
    economy = text[text.index("Ekonomi och styrfrågor") : text.index("Koncernfrågor")]
    assert "Syfte: Information om uppföljning och prognos" in economy
    assert "Grund: 19 § MBL (information)" in economy
    assert "Föredragande: Johan Westin" in economy
    assert "Bilagor: 1) CESAM – Uppföljning och prognos juli" in economy
    negotiation = text[text.index("Omorganisation av fritidsverksamhet") : text.index("Upphandling")]
    assert "11 § MBL (förhandling före beslut)" in negotiation
    assert "Syfte ej angivet" in negotiation  # the missing purpose is shown, not hidden
    # a § 11 item carries the employer's förslag till beslut, so that the unions can prepare
    assert "Förslag till beslut:" in negotiation and "fritidsverksamhet" in negotiation
    assert "38 § MBL (upphandling)" in text[text.index("Upphandling") :]
    assert "Anmäld av Sveriges Lärare" in text
    assert "UTKAST" not in text  # a notice is not a draft protocol


def test_notice_of_a_new_meeting_names_who_is_called_and_what_is_missing() -> None:
    """A meeting made by `cesam new`: no attendees, no place; the group's roster names the people."""
    config = sample.config()
    group = config.group("cesam")
    group.extra["roster"] = [
        {"name": "Magnus Gyllestad", "role": "Kommundirektör"},
        {"name": "Alexandra Eldstål", "role": "Ordförande", "party": "Kommunal"},
    ]
    carried = [
        Item(id="uppf", title="Uppföljning från tidigare möten"),
        *(
            Item(
                id=f"u{n}",
                parent="uppf",
                title=f"Uppföljning nummer {n} med en lång titel som inte kapas",
                carried_from=[f"cesam/2023-09-05#f{n}"],
            )
            for n in range(12)
        ),
        Item(id="forh", title="Ny arbetstidsmodell", kind=ItemKind.NEGOTIATION),
    ]
    meeting = Meeting(group="cesam", date=dt.date(2023, 10, 3), secretary="Margareta Jarnevall", items=carried)
    text = md_text(render(notice(meeting, config, issued=dt.date(2023, 9, 20)), "md"))
    assert "Magnus Gyllestad" in text and "Kommundirektör" in text
    assert "Alexandra Eldstål" in text and "Ordförande Kommunal" in text
    # the group's usual place and time stand in for the meeting's own
    assert "Plats: Kommunhuset, sal A" in text and "Tid: kl. 13.00" in text
    # the carried follow-ups are one item referring to the restlista, not twelve sub-items
    assert "12 uppföljningar från tidigare möten, se bifogad restlista" in text
    assert "1 a" not in text and "Uppföljning nummer" not in text
    assert "Arbetsgivarens förslag till beslut ej angivet" in text[text.index("Ny arbetstidsmodell") :]
    # without attendees or a roster the notice says what to add
    group.extra.pop("roster")
    group.place = group.start = group.end = ""
    bare = md_text(render(notice(meeting, config), "md"))
    assert "Deltagare ej angivna" in bare
    assert "Plats ej angiven" in bare and "Tid ej angiven" in bare
    # the members the app keeps from the attendance ([[groups.members]]) are a roster too
    group.members = [Member("Bo Berg", "HR-chef"), Member("Eva Ek", "", "Vision")]
    kept = md_text(render(notice(meeting, config), "md"))
    assert "Bo Berg" in kept and "Eva Ek" in kept and "Deltagare ej angivna" not in kept


def test_extract_of_one_item_with_status() -> None:
    meeting = sample.meeting(Status.HELD)
    doc = extract(meeting, sample.config(), "koncern", PROV, extracted=dt.date(2023, 9, 8))
    text = md_text(render(doc, "md"))
    assert (
        "Protokollsutdrag" in text
        and "Utdrag ur protokoll från Centrala samverkansgruppen den 5 september 2023" in text
    )
    assert "4. Koncernfrågor" in text and "4 a Digitaliseringsprogrammet" in text and "4 b Omorganisation" in text
    assert "Ekonomi och styrfrågor" not in text
    assert "Utdraget: 8 september 2023" in text and "Justerare: Alexandra Eldstål och Lena Possbeck" in text
    assert "Protokollet är ännu inte justerat. Utdraget kan ändras." in text and "UTKAST" in text
    assert "(hållen)" not in text  # no internal status word
    assert "Rätt utdraget intygar" in text and sample.COMMIT in text
    adjusted = md_text(render(extract(sample.meeting(Status.ADJUSTED), sample.config(), "fritid", PROV), "md"))
    assert "Protokollet justerades 2023-09-15." in adjusted and "Justerat 2023-09-15" in adjusted
    assert "UTKAST" not in adjusted


def test_extract_of_a_sub_item_names_its_parent_and_recipients() -> None:
    meeting = sample.meeting(Status.ADJUSTED)
    text = md_text(render(extract(meeting, sample.config(), "fritid", PROV), "md"))
    # the sub-item under its parent's heading, so that "4 b" is read in its place
    assert text.index("4. Koncernfrågor") < text.index("4 b Omorganisation av fritidsverksamhet")
    fritid = meeting.item("fritid")
    expected = list(dict.fromkeys([*fritid.presenters, *(s.party for s in fritid.statements)]))
    assert f"Expedieras till: {', '.join(expected)}" in text
    given = extract(meeting, sample.config(), "fritid", PROV, recipients=["HR-avdelningen", "Kommunal"])
    assert "Expedieras till: HR-avdelningen, Kommunal" in md_text(render(given, "md"))


def test_wording_imports_no_ui_and_no_renderer() -> None:
    """The wording is pure: no UI, and the slow renderers load only when a format asks for them."""
    import subprocess
    import sys

    from conftest import ROOT

    code = (
        "import sys, cesam_docs, cesam_docs.wording, cesam_docs.restlista\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in ('textual', 'rich', 'weasyprint', 'typst', 'docx'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_a_raised_question_that_repeats_the_name_reads_as_the_protocol_writes_it() -> None:
    item = Item(
        id="x",
        title="Energipriser",
        kind=ItemKind.UNION_QUESTION,
        raised_by="Vision",
        statements=[Statement("v", "Vision", StatementKind.MOTION, text="Vision ser att priserna har ökat.")],
    )
    assert "Vision: Vision ser att priserna har ökat." in texts(one_item_meeting(item))


def test_mbl_wording_per_paragraph_in_swedish_and_english() -> None:
    # what each item is under MBL, under its heading; a negotiation's formal close after its outcome
    meeting = Meeting(
        group="cesam",
        date=dt.date(2024, 3, 5),
        items=[
            Item(id="i", title="Budget", body="Arbetsgivaren informerade."),
            Item(id="n", title="Ny organisation", kind=ItemKind.NEGOTIATION, outcome=Outcome(OutcomeKind.AGREEMENT)),
            Item(id="d", title="Nedläggning", kind=ItemKind.NEGOTIATION, outcome=Outcome(OutcomeKind.DISAGREEMENT)),
            Item(id="p", title="Upphandling", kind=ItemKind.PROCUREMENT, body="Lokalvård."),
            Item(id="q", title="Fackliga frågor", kind=ItemKind.UNION_QUESTION, body="Inga frågor."),
            Item(id="o", title="Övriga frågor", kind=ItemKind.OTHER_BUSINESS),
        ],
    )
    sv = texts(meeting)
    assert re.search(r"Budget\nInformation enligt 19 § MBL\nArbetsgivaren informerade\.", sv)
    assert re.search(r"Ny organisation\nFörhandling enligt 11 § MBL\n", sv)
    assert "Förhandlingen förklaras avslutad i enighet den 5 mars 2024." in sv
    assert "Förhandlingen förklaras avslutad i oenighet den 5 mars 2024." in sv
    assert "Information om upphandling enligt 38 § MBL" in sv
    assert sv.count("MBL") == 4  # union questions and standing items are not MBL items
    en = texts(meeting, lang="en")
    assert "Information under section 19 of MBL" in en and "Negotiation under section 11 of MBL" in en
    assert "The negotiation is declared closed in disagreement on 5 March 2024." in en


def test_negotiation_closed_on_the_day_the_restlista_counts_from() -> None:
    # the date the protocol prints is the one central negotiation is counted from (MBL 14 §)
    from cesam_docs import build_restlista
    from store.core import mbl

    meeting = sample.meeting(Status.HELD)
    group = sample.config().group("cesam")
    rest = build_restlista([meeting], sample.config(), meeting.date)
    (central,) = rest.central_negotiation
    assert central.last_day == mbl.closed_on(meeting) + dt.timedelta(days=group.central_negotiation_days)
    assert f"i oenighet den {meeting.date.day} september 2023." in texts(meeting)


def test_a_negotiation_with_a_procurement_outcome_is_a_negotiation_under_38() -> None:
    item = Item(id="p", title="Lokalvård", kind=ItemKind.PROCUREMENT, outcome=Outcome(OutcomeKind.AGREEMENT))
    printed = texts(one_item_meeting(item))
    assert "Förhandling enligt 38 § MBL" in printed and "avslutad i enighet" in printed


def test_notice_calls_guests_apart_from_the_members() -> None:
    """A presenter invited for one item is called under Övriga deltagande, as the protocol prints them."""
    meeting = sample.meeting(Status.CALLED)
    meeting.attendees.append(Attendee("gast", "Ola Gäst", role="Revisor, PwC", guest=True))
    text = md_text(render(notice(meeting, sample.config(), issued=dt.date(2023, 8, 29)), "md"))
    called = text[text.index("Kallade") : text.index("Övriga deltagande")]
    assert "Magnus Gyllestad" in called and "Ola Gäst" not in called
    others = text[text.index("Övriga deltagande") :]
    assert "Ola Gäst" in others and "Revisor, PwC" in others
