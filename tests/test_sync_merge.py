"""The field-by-field merge of meetings: examples and properties."""

from __future__ import annotations

import copy
import datetime as dt

from conftest import small_meeting
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.core import codec
from store.core.merge import Choice, ConflictKind, Take, merge_meetings
from store.core.model import (
    Attendee,
    FollowUp,
    Item,
    ItemKind,
    Meeting,
    OutcomeKind,
    Statement,
    StatementKind,
    Status,
)


def meeting() -> Meeting:
    m = small_meeting()
    m.place = "Stadshuset"
    m.attendees = [Attendee("anna", "Anna Andersson", "HR-chef"), Attendee("bo", "Bo Berg", party="Vision")]
    m.item("koncern").statements = [
        Statement("vision-1", "Vision", StatementKind.QUESTION, "Hur går det?"),
        Statement("saco-1", "SACO", StatementKind.VIEW, "Bra."),
    ]
    m.items.append(Item("ovrigt", "Övriga frågor", kind=ItemKind.OTHER_BUSINESS))
    return m


def test_different_fields_of_one_record_merge() -> None:
    base = meeting()
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours.item("koncern").title = "Koncernövergripande frågor"
    theirs.item("koncern").body = "Ny text."
    result = merge_meetings(base, ours, theirs)
    assert result.clean
    assert result.meeting.item("koncern").title == "Koncernövergripande frågor"
    assert result.meeting.item("koncern").body == "Ny text."


def test_adjacent_statements_merge() -> None:
    base = meeting()
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours.item("koncern").statement("vision-1").text = "Hur går det egentligen?"
    theirs.item("koncern").statement("saco-1").answer = "Tack."
    result = merge_meetings(base, ours, theirs)
    assert result.clean
    assert result.meeting.item("koncern").statement("vision-1").text == "Hur går det egentligen?"
    assert result.meeting.item("koncern").statement("saco-1").answer == "Tack."


def test_same_field_is_a_conflict_named_in_words() -> None:
    base = meeting()
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours.item("koncern").statement("vision-1").text = "A"
    theirs.item("koncern").statement("vision-1").text = "B"
    theirs.place = "Rådhuset"
    result = merge_meetings(base, ours, theirs)
    assert [c.path for c in result.conflicts] == ["§ 2 Koncernfrågor: Vision – fråga, text"]
    (conflict,) = result.conflicts
    assert (conflict.base, conflict.ours, conflict.theirs) == ("Hur går det?", "A", "B")
    assert conflict.key == "items/koncern/statements/vision-1/text"
    assert result.meeting.place == "Rådhuset"  # the clean part is merged all the same
    english = merge_meetings(base, ours, theirs, lang="en")
    assert english.conflicts[0].path == "§ 2 Koncernfrågor: Vision – question, text"
    for take, expected in ((Take.MINE, "A"), (Take.THEIRS, "B")):
        settled = merge_meetings(base, ours, theirs, choices={conflict.key: Choice(take)})
        assert settled.clean
        assert settled.meeting.item("koncern").statement("vision-1").text == expected
    edited = merge_meetings(base, ours, theirs, choices={conflict.key: Choice(Take.EDIT, "C")})
    assert edited.meeting.item("koncern").statement("vision-1").text == "C"


def test_identical_changes_are_no_conflict() -> None:
    base = meeting()
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    for side in (ours, theirs):
        side.status = Status.HELD
        side.item("val").outcome.kind = OutcomeKind.DECISION
    result = merge_meetings(base, ours, theirs)
    assert result.clean and result.meeting == ours


def test_removed_item_against_edited_item_is_a_conflict() -> None:
    base = meeting()
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours.items = [i for i in ours.items if i.id != "ovrigt"]
    theirs.item("ovrigt").body = "Inga övriga frågor."
    result = merge_meetings(base, ours, theirs)
    (conflict,) = result.conflicts
    assert conflict.kind == ConflictKind.REMOVED
    assert conflict.path == "§ 3 Övriga frågor – borttagen på ena sidan, ändrad på den andra"
    assert conflict.ours is None and conflict.theirs.body == "Inga övriga frågor."
    kept = merge_meetings(base, ours, theirs, choices={conflict.key: Choice(Take.THEIRS)})
    assert kept.clean and kept.meeting.item("ovrigt").body == "Inga övriga frågor."
    removed = merge_meetings(base, ours, theirs, choices={conflict.key: Choice(Take.MINE)})
    assert removed.clean and "ovrigt" not in [i.id for i in removed.meeting.items]


def test_removed_item_untouched_on_the_other_side_is_removed() -> None:
    base = meeting()
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours.items = [i for i in ours.items if i.id not in ("koncern", "digital")]
    theirs.item("val").title = "Val av två justerare"
    result = merge_meetings(base, ours, theirs)
    assert result.clean
    assert [i.id for i in result.meeting.items] == ["val", "ovrigt"]


def test_sub_item_added_under_removed_item_is_a_conflict() -> None:
    base = meeting()
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours.items = [i for i in ours.items if i.id not in ("koncern", "digital")]
    theirs.items.insert(3, Item("lokaler", "Lokaler", parent="koncern"))
    result = merge_meetings(base, ours, theirs)
    assert [c.key for c in result.conflicts] == ["items/koncern"]
    kept = merge_meetings(base, ours, theirs, choices={"items/koncern": Choice(Take.THEIRS)})
    assert [i.id for i in kept.meeting.items] == ["val", "koncern", "digital", "lokaler", "ovrigt"]
    removed = merge_meetings(base, ours, theirs, choices={"items/koncern": Choice(Take.MINE)})
    assert [i.id for i in removed.meeting.items] == ["val", "ovrigt"]


def test_reorder_on_one_side_and_edit_on_the_other_both_survive() -> None:
    base = meeting()
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours.items = [ours.item("ovrigt"), ours.item("val"), ours.item("koncern"), ours.item("digital")]
    theirs.item("digital").title = "Digitalisering och AI"
    theirs.items.append(Item("nasta", "Nästa möte", kind=ItemKind.NEXT_MEETING))
    result = merge_meetings(base, ours, theirs)
    assert result.clean
    assert [i.id for i in result.meeting.items] == ["ovrigt", "nasta", "val", "koncern", "digital"]
    assert result.meeting.item("digital").title == "Digitalisering och AI"


def test_two_different_reorders_conflict() -> None:
    base = meeting()
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours.items = [ours.items[3], *ours.items[:3]]
    theirs.items = [theirs.items[1], theirs.items[2], theirs.items[0], theirs.items[3]]
    result = merge_meetings(base, ours, theirs)
    assert [(c.kind, c.path) for c in result.conflicts] == [(ConflictKind.ORDER, "ordningen av punkterna")]
    settled = merge_meetings(base, ours, theirs, choices={"items/@order": Choice(Take.THEIRS)})
    assert [i.id for i in settled.meeting.items] == [i.id for i in theirs.items]


def test_both_added_at_the_end_keep_both_in_a_stable_order() -> None:
    base = meeting()
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours.item("koncern").statements.append(Statement("kommunal-1", "Kommunal", text="Ja"))
    theirs.item("koncern").statements.append(Statement("vision-2", "Vision", text="Nej"))
    one = merge_meetings(base, ours, theirs).meeting
    other = merge_meetings(base, theirs, ours).meeting
    assert [s.id for s in one.item("koncern").statements] == ["vision-1", "saco-1", "kommunal-1", "vision-2"]
    assert one == other


def test_both_created_the_same_meeting() -> None:
    ours, theirs = meeting(), meeting()
    theirs.place = "Rådhuset"
    theirs.item("val").body = "Anna och Bo."
    result = merge_meetings(None, ours, theirs)
    assert [c.key for c in result.conflicts] == ["place"]
    assert result.meeting.item("val").body == "Anna och Bo."


def test_unknown_keys_merge_per_key() -> None:
    base = meeting()
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours.item("val").extra["granskad"] = True
    theirs.item("val").extra["kommentar"] = "ok"
    result = merge_meetings(base, ours, theirs)
    assert result.clean and result.meeting.item("val").extra == {"granskad": True, "kommentar": "ok"}


# ------------------------------------------------------------------ properties

WORDS = st.sampled_from(["", "a", "b", "Ny rubrik", "rad ett\nrad två", "Övrigt"])
PARTIES = st.sampled_from(["Vision", "Kommunal", "SACO"])


@st.composite
def meetings(draw: st.DrawFn) -> Meeting:
    m = Meeting(group="cesam", date=dt.date(2023, 9, 5))
    m.place = draw(WORDS)
    for n in range(draw(st.integers(0, 3))):
        m.attendees.append(Attendee(f"a{n}", draw(WORDS) or f"Namn {n}", draw(WORDS)))
    last_top = ""
    for n in range(draw(st.integers(0, 5))):
        parent = last_top if last_top and draw(st.booleans()) else ""
        item = Item(f"i{n}", draw(WORDS) or f"Punkt {n}", parent=parent, body=draw(WORDS))
        for s in range(draw(st.integers(0, 3))):
            item.statements.append(Statement(f"s{n}{s}", draw(PARTIES), text=draw(WORDS)))
        if draw(st.booleans()):
            item.followups.append(FollowUp(f"f{n}", draw(WORDS) or "Återkommer"))
        m.items.append(item)
        if not parent:
            last_top = item.id
    return m


def _tops(m: Meeting) -> list[list[Item]]:
    blocks: list[list[Item]] = []
    for item in m.items:
        if item.parent:
            blocks[-1].append(item)
        else:
            blocks.append([item])
    return blocks


def mutate(data: st.DataObject, base: Meeting, tag: str) -> Meeting:
    m = copy.deepcopy(base)
    for n in range(data.draw(st.integers(0, 4))):
        op = data.draw(
            st.sampled_from(
                [
                    "place",
                    "title",
                    "body",
                    "add",
                    "remove",
                    "move",
                    "st_add",
                    "st_edit",
                    "st_del",
                    "st_move",
                    "att",
                    "extra",
                ]
            )
        )
        new_id = f"{tag}{n}"
        if op == "place":
            m.place = data.draw(WORDS)
        elif op == "extra":
            m.extra["x"] = data.draw(WORDS)
        elif op == "att":
            if m.attendees and data.draw(st.booleans()):
                m.attendees.pop(data.draw(st.integers(0, len(m.attendees) - 1)))
            else:
                m.attendees.append(Attendee(new_id, f"Ny {tag}"))
        elif op == "add":
            blocks = _tops(m)
            at = data.draw(st.integers(0, len(blocks)))
            if blocks and at and data.draw(st.booleans()):
                parent = blocks[at - 1][0]
                blocks[at - 1].insert(
                    data.draw(st.integers(1, len(blocks[at - 1]))), Item(new_id, "Ny", parent=parent.id)
                )
            else:
                blocks.insert(at, [Item(new_id, "Ny")])
            m.items = [i for b in blocks for i in b]
        elif not m.items:
            continue
        elif op in ("title", "body"):
            item = data.draw(st.sampled_from(m.items))
            setattr(item, op, data.draw(WORDS) or "x")
        elif op == "remove":
            item = data.draw(st.sampled_from(m.items))
            m.items = [i for i in m.items if item.id not in (i.id, i.parent)]
        elif op == "move":
            blocks = _tops(m)
            block = blocks.pop(data.draw(st.integers(0, len(blocks) - 1)))
            blocks.insert(data.draw(st.integers(0, len(blocks))), block)
            m.items = [i for b in blocks for i in b]
        else:
            item = data.draw(st.sampled_from(m.items))
            sts = item.statements
            if op == "st_add":
                sts.insert(data.draw(st.integers(0, len(sts))), Statement(new_id, data.draw(PARTIES), text="ny"))
            elif sts and op == "st_edit":
                data.draw(st.sampled_from(sts)).answer = data.draw(WORDS)
            elif sts and op == "st_del":
                sts.pop(data.draw(st.integers(0, len(sts) - 1)))
            elif sts and op == "st_move":
                sts.append(sts.pop(0))
    return m


PROPS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPS
@given(meetings(), st.data())
def test_merging_the_same_change_gives_that_change(base: Meeting, data: st.DataObject) -> None:
    x = mutate(data, base, "x")
    result = merge_meetings(base, x, copy.deepcopy(x))
    assert result.clean
    assert result.meeting == x


@PROPS
@given(meetings(), st.data())
def test_a_change_on_one_side_only_is_taken_as_it_is(base: Meeting, data: st.DataObject) -> None:
    x = mutate(data, base, "x")
    assert merge_meetings(base, copy.deepcopy(base), x).meeting == x
    assert merge_meetings(base, x, copy.deepcopy(base)).meeting == x
    assert merge_meetings(base, copy.deepcopy(base), x).clean


@PROPS
@given(meetings(), st.data())
def test_clean_merges_commute(base: Meeting, data: st.DataObject) -> None:
    x, y = mutate(data, base, "x"), mutate(data, base, "y")
    one = merge_meetings(base, x, y)
    other = merge_meetings(base, y, x)
    assert sorted(c.key for c in one.conflicts) == sorted(c.key for c in other.conflicts)
    if one.clean:
        assert one.meeting == other.meeting
        # what one side did and the other left alone survives
        assert codec.loads(codec.dumps(one.meeting))[0] == one.meeting


@PROPS
@given(meetings(), st.data())
def test_any_merge_settled_by_choices_is_clean(base: Meeting, data: st.DataObject) -> None:
    x, y = mutate(data, base, "x"), mutate(data, base, "y")
    first = merge_meetings(base, x, y)
    take = data.draw(st.sampled_from([Take.MINE, Take.THEIRS]))
    settled = merge_meetings(base, x, y, choices={c.key: Choice(take) for c in first.conflicts})
    assert settled.clean
    assert settled.meeting == first.meeting if take == Take.MINE else True
    ids = [i.id for i in settled.meeting.items]
    assert len(ids) == len(set(ids))
    for i, item in enumerate(settled.meeting.items):  # sub-items follow their parents
        if item.parent:
            assert item.parent in ids[:i]
