"""The meeting model: plain dataclasses, no I/O.

The shapes follow the CESAM protocols (see docs/model.md). Every record that
can be edited independently (item, statement, follow-up, attendee) carries a
stable ``id`` so that reordering, three-way merges, history and justering can
refer to it whatever its number or text becomes.

Every record also carries ``extra``: keys found in a file that this version of
the model does not know. They are written back unchanged, so a newer file or a
reviewer's addition is never dropped by a save.
"""

from __future__ import annotations

import datetime as dt
import pickle
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

T = TypeVar("T")

SCHEMA_VERSION = 1

#: The collective name for all unions, as protocols write it.
ALL_UNIONS = "Fackliga parter"
#: The employer's side, as protocols write it.
EMPLOYER = "Arbetsgivaren"


def clone(record: T) -> T:
    """A deep copy of a model record.

    Pickle is several times faster than copy.deepcopy on these plain
    dataclasses, and a save clones the meeting it changes.
    """
    copied: T = pickle.loads(pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))
    return copied


class Status(StrEnum):
    DRAFT = "utkast"
    CALLED = "kallad"
    HELD = "hållen"
    ADJUSTED = "justerad"


class Side(StrEnum):
    EMPLOYER = "employer"
    UNION = "union"


class ItemKind(StrEnum):
    INFORMATION = "information"  # MBL § 19
    NEGOTIATION = "negotiation"  # MBL § 11, samverkan before a decision
    PROCUREMENT = "procurement"  # MBL § 38
    DECISION = "decision"
    UNION_QUESTION = "union_question"
    ADJUSTERS = "adjusters"  # val av justerare
    PREVIOUS_MINUTES = "previous_minutes"  # föregående protokoll
    OTHER_BUSINESS = "other_business"  # övriga frågor
    NEXT_MEETING = "next_meeting"  # nästa möte
    OTHER = "other"

    @property
    def mbl_section(self) -> int | None:
        return _MBL.get(self)


_MBL = {ItemKind.INFORMATION: 19, ItemKind.NEGOTIATION: 11, ItemKind.PROCUREMENT: 38}


class StatementKind(StrEnum):
    QUESTION = "question"
    VIEW = "view"
    PROTOCOL_NOTE = "protocol_note"  # protokollsanteckning
    RESERVATION = "reservation"
    MOTION = "motion"  # yrkande


class OutcomeKind(StrEnum):
    NONE = ""
    INFORMATION_RECEIVED = "information_received"  # information mottagen / lades till handlingarna
    AGREEMENT = "agreement"  # enighet
    DISAGREEMENT = "disagreement"  # oenighet
    POSTPONED = "postponed"  # bordlagd
    DECISION = "decision"  # beslut


@dataclass
class Attendee:
    id: str
    name: str
    role: str = ""  # title or role as the protocol writes it
    signs_as: str = ""  # under the signature line when it differs from role ("Kommundirektör")
    party: str = EMPLOYER  # EMPLOYER or a union's name from cesam.toml
    items: list[str] = field(default_factory=list)  # item ids; empty means all
    from_item: str = ""  # "from punkt 5": present from this item id on
    absent: bool = False  # anmält förhinder
    #: övrig deltagare: takes part without being a member of the group (a presenter, a guest);
    #: printed under "Övriga deltagande", apart from the members (store/core/roster.is_member)
    guest: bool = False
    role_internal: bool = False  # the role is for the intranet only: a public site leaves it out
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def side(self) -> Side:
        return Side.EMPLOYER if self.party == EMPLOYER else Side.UNION


@dataclass
class Attachment:
    number: int
    title: str
    file: str = ""  # path inside the repository, optional
    public: bool = False  # may be published on a public site (`cesam site --public`)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Statement:
    id: str
    party: str  # a union's name, or ALL_UNIONS
    kind: StatementKind = StatementKind.VIEW
    text: str = ""
    answer: str = ""  # the employer's answer
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Outcome:
    kind: OutcomeKind = OutcomeKind.NONE
    parties: list[str] = field(default_factory=list)  # who disagreed; empty = all unions
    postponed_to: dt.date | None = None
    text: str = ""  # the decision or the phrase as recorded
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return (
            self.kind == OutcomeKind.NONE
            and not self.parties
            and self.postponed_to is None
            and not self.text
            and not self.extra
        )


@dataclass
class FollowUp:
    id: str
    text: str
    owner: str = EMPLOYER  # who owes it: "Arbetsgivaren återkommer"
    due: dt.date | None = None
    closed: bool = False
    closed_in: str = ""  # meeting ref "group/YYYY-MM-DD" where it was closed
    closed_note: str = ""
    #: set on the record a later meeting keeps when it closes an earlier follow-up: its ref
    #: "group/YYYY-MM-DD#id". The earlier meeting is not touched (it may be justerad).
    closes: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Item:
    id: str
    title: str
    parent: str = ""  # id of the parent item: a sub-item (4 a) when set
    kind: ItemKind = ItemKind.INFORMATION
    raised_by: str = ""  # the union that raised a union question
    purpose: str = ""  # for the meeting notice
    presenters: list[str] = field(default_factory=list)
    body: str = ""  # Markdown
    proposal: str = ""  # the employer's proposal, Markdown
    attachments: list[Attachment] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    outcome: Outcome = field(default_factory=Outcome)
    followups: list[FollowUp] = field(default_factory=list)
    carried_from: list[str] = field(default_factory=list)  # follow-up refs "group/date#id"
    confidential: bool = False  # left out of a public site, with its sub-items
    extra: dict[str, Any] = field(default_factory=dict)

    def statement(self, statement_id: str) -> Statement:
        for statement in self.statements:
            if statement.id == statement_id:
                return statement
        raise KeyError(statement_id)

    def followup(self, followup_id: str) -> FollowUp:
        for followup in self.followups:
            if followup.id == followup_id:
                return followup
        raise KeyError(followup_id)


@dataclass
class NextMeeting:
    date: dt.date | None = None
    start: str = ""
    end: str = ""
    place: str = ""
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not (self.date or self.start or self.end or self.place or self.note or self.extra)


@dataclass
class Signature:
    name: str
    signed_at: str = ""  # as recorded, e.g. "2023-09-13 13:06:16"
    method: str = ""  # e.g. "e-legitimation"
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Meeting:
    group: str
    date: dt.date
    start: str = ""  # "HH:MM"
    end: str = ""
    place: str = ""
    status: Status = Status.DRAFT
    chair: str = ""  # attendee name
    secretary: str = ""
    adjusters: list[str] = field(default_factory=list)  # justerare, attendee names
    adjusted_on: dt.date | None = None  # justeringsdag
    case_number: str = ""  # diarienummer, as the registrar files the protocol ("KS 2023/218")
    distribution: list[str] = field(default_factory=list)  # Expedieras till: who gets the protocol
    attendees: list[Attendee] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)  # pre-order: a sub-item follows its parent
    next_meeting: NextMeeting = field(default_factory=NextMeeting)
    signatures: list[Signature] = field(default_factory=list)
    schema: int = SCHEMA_VERSION
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ref(self) -> str:
        return f"{self.group}/{self.date.isoformat()}"

    def item(self, item_id: str) -> Item:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def children(self, item_id: str) -> list[Item]:
        return [item for item in self.items if item.parent == item_id]

    def top_level(self) -> list[Item]:
        return [item for item in self.items if not item.parent]

    def attendee(self, attendee_id: str) -> Attendee:
        for attendee in self.attendees:
            if attendee.id == attendee_id:
                return attendee
        raise KeyError(attendee_id)

    @property
    def present(self) -> list[Attendee]:
        return [a for a in self.attendees if not a.absent]

    @property
    def absent(self) -> list[Attendee]:
        return [a for a in self.attendees if a.absent]

    def open_followups(self) -> list[tuple[Item, FollowUp]]:
        return [(item, f) for item in self.items for f in item.followups if not f.closed]
