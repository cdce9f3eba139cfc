"""The restlista: open follow-ups, justering waiting, central-negotiation deadlines (pure functions)."""

from __future__ import annotations

import datetime as dt

import docs_sample as sample
from docs_readback import md_text

from cesam_docs import build_restlista, render, restlista_document
from store.core.model import FollowUp, Item, ItemKind, Meeting, Outcome, OutcomeKind, Status

TODAY = dt.date(2023, 9, 25)


def later_meeting() -> Meeting:
    """A later meeting that takes up one follow-up and closes none."""
    return Meeting(
        group="cesam",
        date=dt.date(2023, 10, 3),
        status=Status.DRAFT,
        items=[Item(id="rest", title="Restlistan", carried_from=["cesam/2023-09-05#f1"])],
    )


def test_open_followups_with_meeting_item_owner_due_and_age() -> None:
    meetings = [sample.meeting(Status.ADJUSTED), later_meeting()]
    rest = build_restlista(meetings, sample.config(), TODAY)
    rows = {f.followup_id: f for f in rest.followups}
    assert set(rows) == {"f1", "f2"}
    f1 = rows["f1"]
    assert (f1.meeting_label, f1.item_number, f1.item_title) == ("CESAM 2023-09-05", "5", "Upphandling")
    assert (f1.owner, f1.due, f1.age_days, f1.overdue) == ("Arbetsgivaren", dt.date(2023, 10, 3), 20, False)
    # the later meeting is not held yet on TODAY, but its agenda already takes f1 up
    assert f1.taken_up_in == ("CESAM 2023-10-03",)
    assert rows["f2"].item_number == "6 a"
    later = build_restlista(meetings, sample.config(), dt.date(2023, 10, 10))
    f1 = next(f for f in later.followups if f.followup_id == "f1")
    assert f1.overdue and f1.age_days == 35
    assert f1.taken_up_in == ("CESAM 2023-10-03",)  # the later meeting links back to it


def test_closed_followups_leave_the_list() -> None:
    meeting = sample.meeting(Status.ADJUSTED)
    meeting.item("upph").followups[0] = FollowUp("f1", "klar", closed=True, closed_in="cesam/2023-10-03")
    rest = build_restlista([meeting], sample.config(), TODAY)
    assert [f.followup_id for f in rest.followups] == ["f2"]


def test_recently_closed_followups_stay_for_a_while() -> None:
    """Closed at a meeting within 90 days: listed after the open ones, with where it was closed."""
    meeting = sample.meeting(Status.ADJUSTED)
    meeting.item("upph").followups[0] = FollowUp(
        "f1", "klar", closed=True, closed_in="cesam/2023-10-03", closed_note="Redovisat vid mötet."
    )
    later = later_meeting()
    rest = build_restlista([meeting, later], sample.config(), dt.date(2023, 10, 10))
    assert [(f.followup_id, f.closed) for f in rest.followups] == [("f2", False), ("f1", True)]
    closed = rest.followups[1]
    assert (closed.closed_in, closed.closed_note, closed.overdue) == ("CESAM 2023-10-03", "Redovisat vid mötet.", False)
    text = md_text(render(restlista_document(rest, sample.config()), "md"))
    assert "avslutad vid CESAM 2023-10-03" in text and "Redovisat vid mötet." in text
    gone = build_restlista([meeting, later], sample.config(), dt.date(2024, 1, 15))
    assert [f.followup_id for f in gone.followups] == ["f2"]


def test_justering_window() -> None:
    held = sample.meeting(Status.HELD)  # 2023-09-05, window 14 days: justeras senast 2023-09-19
    rest = build_restlista([held, later_meeting()], sample.config(), TODAY)
    assert [(j.meeting_ref, j.deadline, j.days_over, j.overdue) for j in rest.justering] == [
        ("cesam/2023-09-05", dt.date(2023, 9, 19), 6, True)
    ]  # the later meeting has not been held yet
    within = build_restlista([held], sample.config(), dt.date(2023, 9, 10))
    assert within.justering[0].overdue is False
    assert build_restlista([sample.meeting(Status.ADJUSTED)], sample.config(), TODAY).justering == ()


def test_last_day_to_ask_for_central_negotiation() -> None:
    meeting = sample.meeting(Status.ADJUSTED)  # § 4 b: oenighet in a § 11 item, 10 days in cesam.toml
    rest = build_restlista([meeting], sample.config(), dt.date(2023, 9, 12))
    assert [(c.item_number, c.last_day, c.days_left, c.parties) for c in rest.central_negotiation] == [
        ("4 b", dt.date(2023, 9, 15), 3, ())
    ]
    assert build_restlista([meeting], sample.config(), dt.date(2023, 9, 16)).central_negotiation == ()
    # oenighet in an information item starts no negotiation period
    meeting.item("eko").outcome = Outcome(OutcomeKind.DISAGREEMENT)
    assert meeting.item("eko").kind == ItemKind.INFORMATION
    assert len(build_restlista([meeting], sample.config(), dt.date(2023, 9, 12)).central_negotiation) == 1


def test_group_filter() -> None:
    other = Meeting(
        group="ubf",
        date=dt.date(2023, 9, 1),
        items=[Item(id="x", title="Lokaler", followups=[FollowUp("u1", "återkommer om lokalerna.")])],
    )
    meetings = [sample.meeting(Status.ADJUSTED), other]
    assert {f.followup_id for f in build_restlista(meetings, sample.config(), TODAY).followups} == {"f1", "f2", "u1"}
    only = build_restlista(meetings, sample.config(), TODAY, group="ubf")
    assert [f.followup_id for f in only.followups] == ["u1"] and only.groups == ("ubf",)


def test_restlista_document() -> None:
    meetings = [sample.meeting(Status.HELD), later_meeting()]
    rest = build_restlista(meetings, sample.config(), dt.date(2023, 9, 12))
    early = md_text(render(restlista_document(rest, sample.config()), "md"))
    # the planned meeting shows only where it takes f1 up ("Tagen upp"), not as a meeting of its own
    assert early.count("CESAM 2023-10-03") == 1 and "Tagen upp" in early
    assert "Sista dag att begära central förhandling" in early
    assert "4 b Omorganisation av fritidsverksamhet" in early and "2023-09-15" in early
    rest = build_restlista(meetings, sample.config(), dt.date(2023, 10, 4))
    text = md_text(render(restlista_document(rest, sample.config()), "md"))
    for part in (
        "Restlista",
        "Per 2023-10-04",
        "Öppna uppföljningar",
        "CESAM 2023-09-05",
        "5 Upphandling",
        "Arbetsgivaren återkommer om frågan.",
        "6 a Kallelser och syfte",
        "Arbetsgivaren tar med sig frågan och återkommer.",  # phrased as in the protocol
        "CESAM 2023-10-03",
        "Möten som väntar på justering",
        "2023-09-19",
        "Sista dag att begära central förhandling",
    ):
        assert part in text, part
    assert "Status" in text and "Kommentar" in text and "försenad" in text
    html = render(restlista_document(rest, sample.config(), lang="en"), "html").decode()
    assert "Open follow-ups" in html and "Last day to request central negotiation" in html


def test_a_follow_up_closed_in_a_later_meeting_leaves_the_open_ones_and_shows_as_closed() -> None:
    """A closing record in a later meeting closes it (the earlier meeting untouched); the record is no row."""
    later = later_meeting()
    later.items[0].followups.append(
        FollowUp(
            "stangd-f1",
            "Arbetsgivaren återkommer",
            closed=True,
            closed_in="cesam/2023-10-03",
            closed_note="Redovisat muntligt.",
            closes="cesam/2023-09-05#f1",
        )
    )
    meetings = [sample.meeting(Status.ADJUSTED), later]
    rest = build_restlista(meetings, sample.config(), dt.date(2023, 10, 10))
    assert [(f.ref, f.closed) for f in rest.followups] == [
        ("cesam/2023-09-05#f2", False),
        ("cesam/2023-09-05#f1", True),
    ]
    closed = rest.followups[1]
    assert (closed.closed_in, closed.closed_note, closed.overdue) == ("CESAM 2023-10-03", "Redovisat muntligt.", False)
    text = md_text(render(restlista_document(rest, sample.config()), "md"))
    assert "avslutad vid CESAM 2023-10-03" in text and "Redovisat muntligt." in text
    # past the period it is no longer listed; a longer period (--closed-days) lists it again
    assert [f.followup_id for f in build_restlista(meetings, sample.config(), dt.date(2024, 3, 1)).followups] == ["f2"]
    longer = build_restlista(meetings, sample.config(), dt.date(2024, 3, 1), closed_days=365)
    assert [(f.followup_id, f.closed) for f in longer.followups] == [("f2", False), ("f1", True)]
    # before the closing meeting is held, the follow-up is still open
    assert {f.followup_id: f.closed for f in build_restlista(meetings, sample.config(), TODAY).followups}["f1"] is False


def test_a_new_meeting_carries_follow_ups_with_their_whole_title(demo_repo) -> None:  # type: ignore[no-untyped-def]
    """`cesam new` names each carried follow-up by its whole first line: the notice never shows one cut."""
    from store.services.planning import new_meeting

    meeting = new_meeting(demo_repo, "cesam", dt.date(2023, 10, 3))
    carried = [item for item in meeting.items if item.carried_from]
    assert carried
    assert max(len(item.title) for item in carried) > 120  # the demo has long ones; they were cut at 120
    texts = {
        f.text.strip().splitlines()[0]
        for m in demo_repo.list_refs()
        for _, f in demo_repo.load(m).meeting.open_followups()
    }
    assert {item.title for item in carried} <= texts
