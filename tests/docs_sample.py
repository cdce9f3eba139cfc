"""A small meeting with every part a protocol prints, for the document tests.

Modelled on the CESAM protocol of 2023-09-05 but short; the demo meetings
are tested separately when they are on the branch.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from store.core.codec import loads
from store.core.config import Config, Group, Numbering, Organisation, Union, loads_config
from store.core.model import (
    ALL_UNIONS,
    Attachment,
    Attendee,
    FollowUp,
    Item,
    ItemKind,
    Meeting,
    NextMeeting,
    Outcome,
    OutcomeKind,
    Statement,
    StatementKind,
    Status,
)

COMMIT = "3f1c2e9a7b5d4c8e9f0a1b2c3d4e5f60718293a4"

BUDGET = """Arbetsgivaren redovisade uppföljning och prognos:

| Nämnd | Utfall | Budget |
| --- | ---: | ---: |
| Kommunstyrelsen | -181,1 | -181,7 |
| Socialnämnden | -664,9 | -649,6 |

Upphandlingar hösten 2023:

- Juridiska informationstjänster
- Personal- och lönesystem
  - lönemodul
  - HR-modul
"""


def config(numbering: Numbering = Numbering.MEETING) -> Config:
    return Config(
        organisation=Organisation(name="Haninge kommun"),
        groups=[
            Group(
                id="cesam",
                name="Centrala samverkansgruppen",
                short="CESAM",
                place="Kommunhuset, sal A",
                start="13:00",
                end="15:30",
                justering_days=14,
                central_negotiation_days=10,
                numbering=numbering,
            )
        ],
        unions=[Union(name=n) for n in ("Kommunal", "Vision", "Sveriges Lärare", "SACO", "SSR")],
    )


def meeting(status: Status = Status.HELD) -> Meeting:
    items = [
        Item(id="just", title="Val av justeringsman", kind=ItemKind.ADJUSTERS),
        Item(
            id="prev",
            title="Föregående sammanträdesprotokoll",
            kind=ItemKind.PREVIOUS_MINUTES,
            outcome=Outcome(kind=OutcomeKind.INFORMATION_RECEIVED),
        ),
        Item(
            id="eko",
            title="Ekonomi och styrfrågor",
            body=BUDGET,
            purpose="Information om uppföljning och prognos",
            presenters=["Johan Westin"],
            attachments=[Attachment(1, "CESAM – Uppföljning och prognos juli")],
        ),
        Item(id="koncern", title="Koncernfrågor"),
        Item(
            id="digi",
            parent="koncern",
            title="Digitaliseringsprogrammet",
            body="Information lämnades om digitaliseringsprogrammet, se bilaga 2.",
            attachments=[Attachment(2, "CESAM – Digitaliseringsprogrammet")],
            statements=[
                Statement(
                    id="s1",
                    party="Vision",
                    kind=StatementKind.VIEW,
                    text="målbilden med digitaliseringen är otydlig.",
                    answer="Arbetsgivaren tar till sig synpunkten i fortsatt arbete.",
                ),
                Statement(
                    id="s2",
                    party="Kommunal",
                    kind=StatementKind.QUESTION,
                    text="om huruvida styrkor med nuvarande sätt observeras?",
                    answer="en stor förståelse finns i organisationen.",
                ),
                Statement(id="s3", party="Sveriges Lärare", text="ställer sig positiva till programmet."),
            ],
        ),
        Item(
            id="fritid",
            parent="koncern",
            title="Omorganisation av fritidsverksamhet",
            kind=ItemKind.NEGOTIATION,
            body="En organisationsförändring föreslås, se bilaga 3.",
            proposal="Att öppen fritidsverksamhet bedrivs av UBF från 1 januari 2024.",
            attachments=[Attachment(3, "CESAM – Omorganisation av fritidsverksamhet")],
            statements=[
                Statement(
                    id="s4",
                    party="Kommunal",
                    kind=StatementKind.PROTOCOL_NOTE,
                    text="Kommunal anser att deltidstjänster går emot heltid som norm.",
                )
            ],
            outcome=Outcome(kind=OutcomeKind.DISAGREEMENT),
        ),
        Item(
            id="upph",
            title="Upphandling",
            kind=ItemKind.PROCUREMENT,
            statements=[
                Statement(
                    id="s5",
                    party="Kommunal",
                    kind=StatementKind.QUESTION,
                    text="Kommunal frågar om hur den fackliga påverkansmöjligheten enligt § 38 MBL tas om hand?",
                )
            ],
            followups=[FollowUp(id="f1", text="Arbetsgivaren återkommer om frågan.", due=dt.date(2023, 10, 3))],
        ),
        Item(id="fack", title="Fackliga frågor", kind=ItemKind.UNION_QUESTION),
        Item(
            id="kallelser",
            parent="fack",
            title="Kallelser och syfte",
            kind=ItemKind.UNION_QUESTION,
            raised_by="Sveriges Lärare",
            body="Hur säkrar vi en professionell hantering av kallelser? Syftet bör framgå i kallelsen.",
            followups=[FollowUp(id="f2", text="tar med sig frågan och återkommer.")],
        ),
        Item(id="ovr", title="Övriga frågor", kind=ItemKind.OTHER_BUSINESS),
        Item(id="nasta", title="Nästa möte", kind=ItemKind.NEXT_MEETING),
    ]
    attendees = [
        Attendee(id="mg", name="Magnus Gyllestad", role="Kommundirektör"),
        Attendee(id="mj", name="Margareta Jarnevall", role="Kommunstyrelseförvaltningen"),
        Attendee(id="jw", name="Johan Westin", role="Kommunstyrelseförvaltningen", items=["eko"]),
        Attendee(id="os", name="Oskar Spanne", role="Kommunstyrelseförvaltningen", items=["digi", "fritid"]),
        Attendee(id="ae", name="Alexandra Eldstål", role="Ordförande Kommunal", party="Kommunal"),
        Attendee(id="lp", name="Lena Possbeck", role="Ordförande", party="Sveriges Lärare"),
        Attendee(id="eh", name="Ester Hreinsson", party="SSR", from_item="upph"),
        Attendee(id="xf", name="Xerxes Fallah", role="Ordförande Vision", party="Vision"),
        Attendee(id="ja", name="Johanna Andersson", party="SACO", absent=True),
    ]
    return Meeting(
        group="cesam",
        date=dt.date(2023, 9, 5),
        start="13:00",
        end="15:30",
        place="Kommunhuset, sal A",
        status=status,
        chair="Magnus Gyllestad",
        secretary="Margareta Jarnevall",
        adjusters=["Alexandra Eldstål", "Lena Possbeck"],
        adjusted_on=dt.date(2023, 9, 15) if status == Status.ADJUSTED else None,
        attendees=attendees,
        items=items,
        next_meeting=NextMeeting(date=dt.date(2023, 10, 3), start="13:00", end="15:30"),
    )


__all__ = ["ALL_UNIONS", "COMMIT", "config", "meeting"]

#: the demo repository's data as shipped (store/demo_data), read once per test process
DEMO = Path(__file__).resolve().parents[1] / "store" / "demo_data"


@cache
def demo() -> tuple[Config, dict[str, Meeting]]:
    config, _ = loads_config((DEMO / "cesam.toml").read_text(encoding="utf-8"))
    meetings = {}
    for path in sorted(DEMO.glob("meetings/*/*/*.toml")):
        meeting, _ = loads(path.read_text(encoding="utf-8"))
        meetings[meeting.date.isoformat()] = meeting
    return config, meetings
