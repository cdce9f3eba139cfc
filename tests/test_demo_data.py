"""The demo data: it loads, validates, round-trips byte for byte, and says what the seed protocols say."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from importlib.resources import files
from pathlib import Path

import pytest

from store.core.codec import dumps, loads
from store.core.config import Config, Numbering, dumps_config, loads_config
from store.core.model import ALL_UNIONS, EMPLOYER, Meeting, OutcomeKind, StatementKind, Status
from store.core.numbering import item_numbers
from store.core.validate import validate

DEMO = Path(str(files("store").joinpath("demo_data")))
MEETINGS = {
    "2021-06-15": DEMO / "meetings" / "cesam" / "2021" / "2021-06-15.toml",
    "2022-09-20": DEMO / "meetings" / "cesam" / "2022" / "2022-09-20.toml",
    "2023-09-05": DEMO / "meetings" / "cesam" / "2023" / "2023-09-05.toml",
}
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# What the PDF extraction broke; none of it may come back into the data.
GLITCHES = [
    "Anmäلت",
    "ل",
    "Häminge",
    "Aldernämnden",
    "forskningsnämnden",
    "per.öd",
    "Skilnad",
    "Så skattefinansierad",
    "sjasättas",
    "skydds-ronden",
    "IT –strateger",
    "adpetprogram",
    "mögnad",
    "digitaliseringaprogrammet",
    "Digitaliseringssprogrammet",
    "2 (3)",
    "**Arbetsmiljöfrågor**",
]


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


@pytest.fixture(scope="module")
def config() -> Config:
    cfg, warnings = loads_config(read(DEMO / "cesam.toml"))
    assert warnings == []
    return cfg


def meeting(date: str) -> Meeting:
    loaded, _ = loads(read(MEETINGS[date]))
    return loaded


def numbered(m: Meeting) -> dict[str, str]:
    """Item id -> item by its printed number ("4 a")."""
    return {number: item_id for item_id, number in item_numbers(m).items()}


def by_number(m: Meeting, number: str):
    return m.item(numbered(m)[number])


def statements_per_party(m: Meeting) -> Counter[str]:
    return Counter(s.party for item in m.items for s in item.statements)


def open_followups(m: Meeting) -> list[str]:
    numbers = item_numbers(m)
    return [numbers[item.id] for item, _ in m.open_followups()]


# ---------------------------------------------------------------- every file


def test_config_loads_round_trips_and_has_the_groups(config: Config) -> None:
    text = read(DEMO / "cesam.toml")
    assert dumps_config(config) == text
    assert config.organisation.name == "Haninge kommun"
    cesam = config.group("cesam")
    assert (cesam.name, cesam.short, cesam.numbering) == ("Centrala samverkansgruppen", "CESAM", Numbering.MEETING)
    assert (cesam.justering_days, cesam.central_negotiation_days) == (14, 10)
    assert [s.kind.value for s in cesam.standing_items] == [
        "adjusters",
        "previous_minutes",
        "other_business",
        "next_meeting",
    ]
    assert all(s.purpose for s in cesam.standing_items)
    assert config.group("ubf").numbering == Numbering.YEAR
    assert not (DEMO / "meetings" / "ubf").exists()


def test_config_unions_and_spellings(config: Config) -> None:
    unions = {u.name: u for u in config.unions}
    for name in ("Kommunal", "Vision", "Sveriges Lärare", "SACO", "SSR"):
        assert unions[name].active
    for name in ("Lärarförbundet", "Lärarnas Riksförbund"):
        assert not unions[name].active
    spellings = {
        "Saco": "SACO",
        "Sveriges lärare": "Sveriges Lärare",
        "Lärarnas riksförbund": "Lärarnas Riksförbund",
        "Akademikerförbundet SSR": "SSR",
        "Sveriges skolledarförbund": "Sveriges Skolledarförbund",
        "fackliga parter": ALL_UNIONS,
    }
    for spelling, name in spellings.items():
        assert config.canonical_party(spelling) == name


@pytest.mark.parametrize("date", MEETINGS)
def test_loads_without_warnings_and_round_trips_byte_identical(date: str) -> None:
    text = read(MEETINGS[date])
    loaded, warnings = loads(text)
    assert warnings == []
    assert dumps(loaded) == text
    assert loaded.date == dt.date.fromisoformat(date)
    assert MEETINGS[date].parent.name == str(loaded.date.year)
    assert MEETINGS[date].parent.parent.name == loaded.group


@pytest.mark.parametrize("date", MEETINGS)
def test_validates_against_the_demo_config(date: str, config: Config) -> None:
    assert validate(meeting(date), config) == []


@pytest.mark.parametrize("date", MEETINGS)
def test_references_and_conventions(date: str, config: Config) -> None:
    m = meeting(date)
    names = {a.name for a in m.attendees}
    # 2023-09-05 is left hållen in the demo so that a user can try justering on it
    assert m.status == (Status.HELD if date == "2023-09-05" else Status.ADJUSTED)
    assert {m.chair, m.secretary, *m.adjusters} <= names
    assert {s.name for s in m.signatures} <= names
    if m.signatures and m.status == Status.ADJUSTED:
        latest = max(dt.datetime.strptime(s.signed_at, "%Y-%m-%d %H:%M:%S") for s in m.signatures)
        assert m.adjusted_on == latest.date()
        assert {s.method for s in m.signatures} == {"e-legitimation"}
    for attendee in m.attendees:
        assert SLUG.match(attendee.id)
        assert attendee.party == EMPLOYER or attendee.party in config.union_names()
    for item in m.items:
        assert SLUG.match(item.id)
        assert set(item.presenters) <= names
        assert item.purpose
        for statement in item.statements:
            # convention (docs/demo-data.md): no party name in front of the text, no "Arbetsgivaren" in the
            # answer; except a union's question whose own words name the union ("Vision: Vision ser att …")
            own_words = item.raised_by == statement.party and statement is item.statements[0]
            assert own_words or not statement.text.casefold().startswith(statement.party.casefold())
            assert not statement.answer.startswith(EMPLOYER)
        if item.outcome.kind == OutcomeKind.DISAGREEMENT:
            assert item.kind.mbl_section == 11
    ids = [s.id for item in m.items for s in item.statements] + [f.id for item in m.items for f in item.followups]
    assert len(ids) == len(set(ids))
    assert all(SLUG.match(i) for i in ids)
    text = read(MEETINGS[date])
    for glitch in GLITCHES:
        assert glitch not in text
    assert not re.search(r"[ \t]$", text, re.MULTILINE)


# ---------------------------------------------------------------- 2021-06-15


def test_2021_attendance() -> None:
    m = meeting("2021-06-15")
    assert len(m.present) == 18
    assert [a.name for a in m.absent] == ["Henrik Engebretzen", "Céline Stöldal"]
    assert [a.party for a in m.absent] == ["Sveriges Skolledarförbund", "SSR"]
    assert sum(a.party == EMPLOYER for a in m.present) == 13
    assert Counter(a.party for a in m.present if a.party != EMPLOYER) == Counter(
        {"Vision": 1, "Kommunal": 1, "Lärarförbundet": 1, "Lärarnas Riksförbund": 1, "SACO": 1}
    )
    numbers = item_numbers(m)
    at = {a.name: [numbers[i] for i in a.items] for a in m.attendees}
    assert at["Magnus Lundberg"] == ["3"]
    assert at["Johan Westin"] == ["4"]
    assert at["Mette Bungerfeldt"] == ["6 a"]
    assert at["Pernilla Alpsten"] == at["Magnus Strömbeck"] == ["6 b"]
    assert at["Mikael Blomberg"] == ["7"]
    assert sum(v == ["5 a"] for v in at.values()) == 5
    assert (m.chair, m.secretary, m.adjusters) == (
        "Magnus Gyllestad",
        "Gunilla Ejefors Lublin",
        ["Alexandra Eldstål", "Lena Possbeck"],
    )
    assert m.adjusted_on is None and m.signatures == []


def test_2021_items() -> None:
    m = meeting("2021-06-15")
    assert len(m.items) == 16
    assert [i.title for i in m.top_level()] == [
        "Val av justeringsman",
        "Föregående sammanträdesprotokoll",
        "Genomgång av ”restlistan”",
        "Budgetfrågor",
        "Koncernövergripande frågor",
        "Arbetsmiljö",
        "Upphandling (information samverkan inför beslut kommer vid nästa möte)",
        "Frågor från de fackliga organisationerna",
        "Övriga frågor",
        "Nästa möte",
    ]
    in_order = ["1", "2", "3", "4", "5", "5 a", "5 b", "6", "6 a", "6 b", "7", "7 a", "7 b", "8", "9", "10"]
    assert list(numbered(m)) == in_order
    assert by_number(m, "6 a").outcome.kind == OutcomeKind.AGREEMENT
    assert "Previa" in by_number(m, "6 a").body
    assert "KS 2020/218" in by_number(m, "6 b").proposal
    assert "  - I de fall koncernövergripande uppdrag" in by_number(m, "6 b").proposal
    assert (
        by_number(m, "7 a").outcome.text
        == "De fackliga organisationerna hade inget att erinra om arbetsgivarens förslag."
    )
    budget = by_number(m, "4").body
    assert budget.count("\n| --- | ---: |") == 2
    assert "| S:a skattefinansierad verksamhet | -1 946 243 | -5 208 460 | -5 182 460 | 26 000 |" in budget
    assert "| Äldrenämnden | -7 336 |" in budget
    assert "   - e. Övriga frågor kommer att hanteras under hösten." in by_number(m, "3").body
    assert m.next_meeting.date == dt.date(2021, 8, 24)
    assert (m.next_meeting.start, m.next_meeting.end) == ("13:00", "15:30")


def test_2021_statements_followups_attachments() -> None:
    m = meeting("2021-06-15")
    # "Läraryrket" names no union: the statement is the union side's, in the protocol's words
    assert statements_per_party(m) == Counter({"Kommunal": 2, "Vision": 1, ALL_UNIONS: 1})
    assert by_number(m, "6 b").statement("lararyrket-riskbedomningar").text.startswith("Läraryrket vill gärna")
    samverkanslistan = by_number(m, "7 b")
    kommunal = samverkanslistan.statements
    assert [s.kind for s in kommunal] == [StatementKind.QUESTION, StatementKind.QUESTION]
    assert all(s.answer for s in kommunal)
    # the protocol's order and words: Kommunal's two questions under "kommunal lyft följande frågor:",
    # then a point nobody is named for, then the list of procurements
    body = samverkanslistan.body
    assert body.index("lyft följande frågor:") < body.index("- Administrativa frågor där arbetsgivaren svarar")
    assert body.index("svarar att närhetsprincipen") < body.index("\n\nDet bör finnas en utpekad funktion")
    assert body.index("fastighetsägarna.") < body.index("Parterna gick igenom upphandlingslistan")
    # the Kommundirektör signs as Kommundirektör, though listed under his förvaltning
    assert m.attendee("magnus-gyllestad").signs_as == "Kommundirektör"
    assert by_number(m, "6 b").statement("vision-distansarbete").text.startswith("lyfte att de ser positivt")
    assert Counter(open_followups(m)) == Counter({"3": 7, "7": 1})
    assert by_number(m, "3").followup("fu-riktlinjer-kia").owner == ALL_UNIONS
    assert by_number(m, "7").followups[0].due == dt.date(2021, 8, 24)
    attachments = {(item_numbers(m)[i.id], a.number) for i in m.items for a in i.attachments}
    assert attachments == {("5 a", 1), ("6 b", 2), ("7 b", 3)}


# ---------------------------------------------------------------- 2022-09-20


def test_2022_attendance_and_justering() -> None:
    m = meeting("2022-09-20")
    assert len(m.present) == 11 and m.absent == []
    assert sum(a.party == EMPLOYER for a in m.present) == 5
    ester = m.attendee("ester-hreinsson")
    assert (ester.party, item_numbers(m)[ester.from_item]) == ("SSR", "5")
    assert m.attendee("johanna-andersson").party == "SACO"
    assert m.attendee("johanna-andersson").role == "Ordförande Saco"
    assert [item_numbers(m)[i] for i in m.attendee("karolina-landowska").items] == ["3 a", "3 b"]
    assert m.adjusters == ["Alexandra Eldstål", "Johanna Andersson"]
    assert [s.name for s in m.signatures] == ["Johanna Andersson", "Magnus Gyllestad"]
    assert m.adjusted_on == dt.date(2022, 10, 12)


def test_2022_items_and_outcomes() -> None:
    m = meeting("2022-09-20")
    assert len(m.items) == 18
    assert len(m.top_level()) == 9
    assert sorted(n for n in numbered(m) if " " in n) == ["3 a", "3 b", "4 a", "4 b", "5 a", "5 b", "7 a", "7 b", "7 c"]
    postponed = by_number(m, "5 b").outcome
    assert (postponed.kind, postponed.postponed_to) == (OutcomeKind.POSTPONED, dt.date(2022, 10, 25))
    assert by_number(m, "5 a").outcome.kind == OutcomeKind.AGREEMENT
    assert by_number(m, "4 b").outcome.text.startswith("Parterna enades dock")
    assert "**Vilka åtgärder har vi nu påbörjat**" in by_number(m, "8").body
    assert "adeptprogram" in by_number(m, "7 b").statements[0].text
    nxt = m.next_meeting
    assert (nxt.date, nxt.start, nxt.end) == (dt.date(2022, 10, 25), "14:30", "17:00")
    assert "25 okt september 2022" in nxt.note


def test_2022_statements_followups_attachments() -> None:
    m = meeting("2022-09-20")
    assert statements_per_party(m) == Counter({"Vision": 3})
    assert [i.raised_by for i in m.children(numbered(m)["7"])] == ["Vision"] * 3
    assert by_number(m, "7 a").statements[0].kind == StatementKind.MOTION
    assert all(s.answer for i in m.children(numbered(m)["7"]) for s in i.statements)
    assert Counter(open_followups(m)) == Counter({"4 a": 1, "4 b": 1, "6": 1, "7 a": 1, "7 b": 1, "7 c": 1, "8": 1})
    assert by_number(m, "6").followup("fu-mobelupphandling").due == dt.date(2022, 10, 25)
    attachments = [(item_numbers(m)[i.id], a.number) for i in m.items for a in i.attachments]
    assert attachments == [("3 a", 1), ("3 b", 1), ("4 b", 2), ("5 a", 3)]


# ---------------------------------------------------------------- 2023-09-05


def test_2023_attendance_and_justering() -> None:
    m = meeting("2023-09-05")
    assert len(m.present) == 15 and m.absent == []
    assert sum(a.party == EMPLOYER for a in m.present) == 9
    assert [a.name for a in m.attendees if a.party == "Sveriges Lärare"] == ["Mats Pettersson", "Lena Possbeck"]
    numbers = item_numbers(m)
    assert {a.name: [numbers[i] for i in a.items] for a in m.attendees if a.items} == {
        "Johan Westin": ["3"],
        "Oskar Spanne": ["4 a"],
        "Bo Jensen": ["4 b"],
        "Mikael Birgegård": ["4 c"],
        "Mette Bungerfeldt": ["5"],
        "Jenny Tornmalm": ["5"],
        "Klas Sandberg": ["6"],
    }
    assert (m.chair, m.secretary) == ("Magnus Gyllestad", "Margareta Jarnevall")
    assert m.adjusters == ["Alexandra Eldstål", "Lena Possbeck"]
    assert [s.signed_at for s in m.signatures] == ["2023-09-13 13:06:16", "2023-09-13 13:09:36", "2023-09-15 12:41:42"]
    # the seed was signed 2023-09-13/15; the demo leaves the justering to be made in cesam
    assert m.status == Status.HELD and m.adjusted_on is None


def test_2023_items_and_outcomes() -> None:
    m = meeting("2023-09-05")
    assert len(m.items) == 14
    assert len(m.top_level()) == 9
    assert sorted(n for n in numbered(m) if " " in n) == ["4 a", "4 b", "4 c", "7 a", "7 b"]
    assert by_number(m, "4 a").id == "digitaliseringsprogrammet"
    assert "samverkan sker kontinuerligt genom Cesam" in by_number(m, "4 a").proposal
    oenighet = by_number(m, "4 c").outcome
    assert (oenighet.kind, oenighet.parties) == (OutcomeKind.DISAGREEMENT, [])
    assert oenighet.text == "Fackliga parter ställde sig oeniga gentemot arbetsgivarens förslag till beslut."
    assert "deltidstjänster på 80 %" in by_number(m, "4 c").proposal
    assert by_number(m, "5").outcome.kind == OutcomeKind.AGREEMENT
    assert by_number(m, "6").body.count("\n- ") == 5
    assert by_number(m, "7 a").raised_by == "Sveriges Lärare"
    assert by_number(m, "7 b").raised_by == "Vision"
    assert m.next_meeting.date == dt.date(2023, 10, 3)


def test_2023_statements_followups_attachments() -> None:
    m = meeting("2023-09-05")
    assert statements_per_party(m) == Counter(
        {"Kommunal": 3, "Vision": 3, "Sveriges Lärare": 2, "SSR": 1, ALL_UNIONS: 1}
    )
    vision = by_number(m, "4 a").statement("vision-malbild")
    assert "”digital nyfikenhet”" in vision.text
    assert vision.answer == "tar till sig synpunkten i fortsatt arbete."
    assert [s.party for s in by_number(m, "4 a").statements] == ["Kommunal", "Vision", "Sveriges Lärare"]
    assert [s.party for s in by_number(m, "4 c").statements] == ["Kommunal", ALL_UNIONS]
    assert by_number(m, "6").statement("kommunal-mbl-38").answer == "återkommer om frågan."
    assert sorted(open_followups(m)) == ["6", "7 a", "7 b"]
    assert by_number(m, "6").followups[0].id == "fu-mbl38"
    titles = {a.number: a.title for i in m.items for a in i.attachments}
    assert sorted(titles) == [1, 2, 3, 4, 5, 6]
    assert titles[2] == "CESAM – Digitaliseringsprogrammet"
    assert all(t.startswith("CESAM – ") for t in titles.values())


def test_2022_union_question_keeps_the_seeds_words(config: Config) -> None:
    # The seed (cesam-2022-09-20.txt) writes "a) Vision: Vision ser att …": the name before the colon and again in the
    # union's own words. The data keeps the words whole; the protocol prints the seed's line.
    from cesam_docs import protocol, render

    m = meeting("2022-09-20")
    asked = by_number(m, "7 a").statements[0].text
    assert asked.startswith("Vision ser att el- och energipriserna har ökat kraftigt under året.")
    printed = render(protocol(m, config, None), "md").decode("utf-8")
    seed_line = (
        "Vision: Vision ser att el- och energipriserna har ökat kraftigt under året. Vision befarar att allt "
        "större del av kommunens budget kommer att gå till att täcka de ökade el- och energipriserna."
    )
    assert seed_line in " ".join(printed.split())
