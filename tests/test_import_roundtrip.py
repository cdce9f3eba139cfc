"""Round trip: a meeting exported by cesam (Markdown, DOCX, PDF) and imported again is the same meeting.

The strongest test of the importer's generality: it must read every shape
cesam_docs writes, for meetings it has never seen. Meetings are generated
with hypothesis from the parts a protocol has (attendees with sides and roles
and presence per item, items and sub-items, statements with answers, outcomes,
follow-ups, bilagor, justerare, signatures); the demo meetings are checked
too. ``import_roundtrip.facts`` says what "the same" means: everything a
protocol shows, compared without the ids the import makes anew.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from import_roundtrip import differences

from cesam_docs import protocol, render
from cesam_import import parse_protocol, read_document
from store.core import mbl
from store.core.codec import loads
from store.core.config import Config, loads_config
from store.core.model import (
    ALL_UNIONS,
    EMPLOYER,
    Attachment,
    Attendee,
    FollowUp,
    Item,
    ItemKind,
    Meeting,
    Outcome,
    OutcomeKind,
    Signature,
    Statement,
    StatementKind,
    Status,
)

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "store" / "demo_data"
CONFIG: Config = loads_config((DEMO / "cesam.toml").read_text("utf-8"))[0]
DEMO_MEETINGS = sorted((DEMO / "meetings").rglob("*.toml"))


def _round_trip(meeting: Meeting, fmt: str, tmp: Path) -> Meeting:
    path = tmp / f"{meeting.group}-{meeting.date.isoformat()}.{fmt}"
    path.write_bytes(render(protocol(meeting, CONFIG, None), fmt))
    result = parse_protocol(read_document(path).text, CONFIG, source=path.name)
    accounting = result.accounting
    assert accounting.adds_up, f"{fmt}: words lost: {accounting.lost[:5]}"
    assert accounting.reported == 0 or fmt == "pdf", f"{fmt}: words left out of the meeting"
    return result.meeting


@pytest.mark.parametrize("fmt", ["md", "docx"])
@pytest.mark.parametrize("path", DEMO_MEETINGS, ids=lambda p: p.stem)
def test_demo_meetings_round_trip_exactly(path: Path, fmt: str, tmp_path: Path) -> None:
    meeting = loads(path.read_text("utf-8"))[0]
    again = _round_trip(meeting, fmt, tmp_path)
    assert differences(meeting, again) == {}


@pytest.mark.parametrize("path", DEMO_MEETINGS, ids=lambda p: p.stem)
def test_demo_meetings_round_trip_through_pdf(path: Path, tmp_path: Path) -> None:
    # pdfplumber's words: wrapped lines, running headers and footers, the watermark, table columns
    meeting = loads(path.read_text("utf-8"))[0]
    again = _round_trip(meeting, "pdf", tmp_path)
    assert differences(meeting, again) == {}


# ------------------------------------------------------------ generated meetings

FIRST = ["Anna", "Karin", "Omar", "Lisa", "Jonas", "Eva", "Per", "Sara", "Mats", "Leila", "Björn", "Åsa"]
LAST = ["Berg", "Ek", "Said", "Holm", "Lind", "Ström", "Ahl", "Nyström", "Öberg", "Falk", "Sjö", "Karlsson"]
ROLES = ["förvaltningschef", "HR-strateg", "ekonomichef", "enhetschef", "kommunikatör", "controller"]
UNIONS = ["Kommunal", "Vision", "Sveriges Lärare", "SSR"]
TOPICS = [
    "Budgetuppföljning",
    "Arbetsmiljö i förskolan",
    "Ny organisation för elevhälsan",
    "Lönekartläggning",
    "Rekrytering av chefer",
    "Lokalförsörjning",
    "Digitala arbetssätt",
    "Friskvårdsbidrag",
]
SENTENCES = [
    "Arbetsgivaren informerade om läget inför hösten.",
    "Prognosen visar ett underskott för helåret.",
    "Arbetet fortsätter enligt den plan som togs fram i våras.",
    "Frågan har stämts av med skyddsombuden.",
]
SAID = [
    ("anser att bemanningen är för låg.", StatementKind.VIEW),
    ("frågade om tidplanen för införandet.", StatementKind.QUESTION),
    ("Hur påverkas medarbetarna av förändringen?", StatementKind.QUESTION),
    ("yrkar att beslutet skjuts upp.", StatementKind.MOTION),
    ("Det saknas en riskbedömning.", StatementKind.VIEW),
]
# "Arbetsgivaren tar med sig frågan" is read as a follow-up, so an answer that says so has one (see below)
ANSWERS = ["", "svarade att frågan utreds.", "delar inte den bilden.", "Det stämmer inte."]


@st.composite
def generated_meetings(draw: st.DrawFn) -> Meeting:
    names = draw(
        st.lists(st.tuples(st.sampled_from(FIRST), st.sampled_from(LAST)), min_size=3, max_size=7, unique=True)
    )
    attendees: list[Attendee] = []
    for n, (first, last) in enumerate(names):
        union = draw(st.sampled_from([None, *UNIONS]))
        role = draw(st.sampled_from(ROLES)) if union is None else union
        absent = draw(st.booleans()) and n > 1
        attendees.append(
            Attendee(
                id=f"a{n}",
                name=f"{first} {last}",
                role=role,
                party=union or EMPLOYER,
                absent=absent,
                # under "Övriga deltagande": present for the group's work, not a member, never a signer
                # (a guest who sent apologies is listed with the others under Anmält förhinder)
                guest=draw(st.booleans()) and n > 2 and union is None and not absent,
            )
        )
    items: list[Item] = []
    for n, title in enumerate(draw(st.lists(st.sampled_from(TOPICS), min_size=1, max_size=4, unique=True))):
        item = Item(
            id=f"i{n}", title=title, body=" ".join(draw(st.lists(st.sampled_from(SENTENCES), max_size=2, unique=True)))
        )
        for k in range(draw(st.integers(0, 2))):
            text, kind = draw(st.sampled_from(SAID))
            answer = draw(st.sampled_from(ANSWERS))
            item.statements.append(
                Statement(id=f"s{k}", party=draw(st.sampled_from(UNIONS)), kind=kind, text=text, answer=answer)
            )
        item.outcome = draw(
            st.sampled_from(
                [
                    Outcome(),
                    Outcome(OutcomeKind.AGREEMENT),
                    Outcome(OutcomeKind.DISAGREEMENT, parties=["Vision"]),
                    Outcome(OutcomeKind.DECISION, text="Mötet beslutade att anta planen."),
                    Outcome(OutcomeKind.POSTPONED),
                ]
            )
        )
        if item.outcome.kind in (OutcomeKind.AGREEMENT, OutcomeKind.DISAGREEMENT):
            item.kind = ItemKind.NEGOTIATION
        if not item.body and not item.statements and item.outcome.kind == OutcomeKind.NONE:
            item.body = SENTENCES[0]
        if item.kind == ItemKind.INFORMATION and item.outcome.kind == OutcomeKind.NONE:
            item.outcome = Outcome(OutcomeKind.INFORMATION_RECEIVED)
        if draw(st.booleans()):
            item.followups.append(
                FollowUp(
                    id="f1",
                    text=f"Redovisning av {title.lower()}.",
                    owner=draw(st.sampled_from([EMPLOYER, ALL_UNIONS])),
                )
            )
        if draw(st.booleans()):
            number = len([a for i in items for a in i.attachments]) + 1
            item.attachments.append(Attachment(number, f"Underlag {title.lower()}"))
            item.body = f"{item.body} Se bilaga {number}.".strip()
        items.append(item)
    present = [a for a in attendees if not a.absent]
    employer = [a for a in present if a.party == EMPLOYER and not a.guest]
    unionists = [a for a in present if a.party != EMPLOYER]
    meeting = Meeting(
        group="cesam",
        date=draw(st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31))),
        status=Status.HELD,
        case_number=draw(st.sampled_from(["", "KS 2023/218", "UBF 2024/1033"])),
        distribution=draw(st.sampled_from([[], ["Kommunstyrelsen"], ["Kommunstyrelsen", "HR-avdelningen"]])),
    )
    meeting.attendees, meeting.items = attendees, items
    # The chair's and the secretary's roles say so, as protocols write them: a document adds
    # "mötesordförande" to a role that does not, and the import cannot tell that from the role's own words.
    if employer:
        meeting.chair, employer[0].role = employer[0].name, f"{employer[0].role}, ordförande"
    if len(employer) > 1:
        meeting.secretary, employer[1].role = employer[1].name, f"{employer[1].role}, sekreterare"
    meeting.adjusters = [unionists[0].name] if unionists and meeting.chair else []
    if meeting.adjusters and draw(st.booleans()):
        meeting.status = Status.ADJUSTED
        day = meeting.date + dt.timedelta(days=7)
        meeting.signatures = [
            Signature(name, f"{day.isoformat()} 10:0{k}:00", "e-legitimation")
            for k, name in enumerate([meeting.chair, *meeting.adjusters])
        ]
        meeting.adjusted_on = day
    return meeting


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(meeting=generated_meetings(), fmt=st.sampled_from(["md", "docx"]))
def test_generated_meetings_round_trip(meeting: Meeting, fmt: str, tmp_path: Path) -> None:
    again = _round_trip(meeting, fmt, tmp_path)
    assert differences(meeting, again) == {}


@pytest.mark.parametrize("path", DEMO_MEETINGS, ids=lambda p: p.stem)
def test_mbl_lines_give_back_the_kind_and_are_not_text(path: Path, tmp_path: Path) -> None:
    # "Information enligt 19 § MBL" under a heading says what the item is; the import takes the kind
    # from it (a title alone cannot tell 11 § from 19 §) and keeps neither it nor the closing line as text
    meeting = loads(path.read_text("utf-8"))[0]
    again = _round_trip(meeting, "md", tmp_path)

    def kinds(m: Meeting) -> list[tuple[str, str]]:
        return [(i.title, i.kind.value) for i in m.items if mbl.basis(i, grouping=bool(m.children(i.id)))]

    assert kinds(again) == kinds(meeting)
    assert kinds(meeting), "every demo meeting has items under MBL"
    text = " ".join([i.body for i in again.items] + [i.outcome.text for i in again.items])
    assert "enligt 19 § MBL" not in text and "förklaras avslutad" not in text
