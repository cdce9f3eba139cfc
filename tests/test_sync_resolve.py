"""`cesam resolve` shows what a person needs to choose: values in full, the change a removal loses,
an order as § numbers and titles; `[r]edigera` starts from the current value."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from test_sync import World, make_world, set_text
from test_sync_merge import meeting as merge_meeting

from cesam_cli.commands import resolve as resolve_cmd
from cesam_cli.main import main as cesam
from store.core.errors import ExitCode
from store.core.merge import Choice, ConflictKind, Take, merge_meetings
from store.services.sync import SyncConflict, find_conflicts, sync


@pytest.fixture
def world(tmp_path: Path) -> World:
    return make_world(tmp_path)


LONG = "Förvaltningen redovisar läget för budgeten och personalen inför hösten, med siffror per enhet och "


def test_long_values_that_differ_at_the_end_are_shown_in_full(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    world.secretary.apply("2023-09-05", lambda m: set_text(m, LONG + "SLUT-SEKRETERARE."))
    world.edit('text = "Hur går det?"', f'text = "{LONG}SLUT-GRANSKARE."')
    world.reviewer_commit()
    with pytest.raises(SyncConflict) as info:
        sync(world.secretary)
    assert LONG + "SLUT-SEKRETERARE." in str(info.value) and LONG + "SLUT-GRANSKARE." in str(info.value)
    assert cesam(["--repo", str(world.secretary.root), "resolve", "--list"]) == ExitCode.CONFLICT
    listed = capsys.readouterr().out
    assert LONG + "SLUT-SEKRETERARE." in listed and LONG + "SLUT-GRANSKARE." in listed


def test_edit_starts_from_the_current_value(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    world.secretary.apply("2023-09-05", lambda m: setattr(m, "place", "Rådhuset, sal 2"))
    world.edit('place = "Stadshuset"', 'place = "Kommunhuset"')
    world.reviewer_commit()
    with pytest.raises(SyncConflict):
        sync(world.secretary)
    pending = find_conflicts(world.secretary)
    assert pending is not None
    (conflict,) = pending.conflicts
    prefilled: list[str] = []
    answers = iter(["r"])
    monkeypatch.setattr("builtins.input", lambda _prompt="": next(answers))

    def fake_prefilled(prompt: str, text: str) -> str:
        prefilled.append(text)
        return text.replace("sal 2", "sal 3")

    monkeypatch.setattr(resolve_cmd, "prefilled_input", fake_prefilled)
    choice = resolve_cmd._ask(conflict, "sv")
    assert prefilled == ["Rådhuset, sal 2"]
    assert choice == Choice(Take.EDIT, "Rådhuset, sal 3")


def test_edit_default_of_typed_values_reads_back() -> None:
    base = merge_meeting()
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours.adjusters, theirs.adjusters = ["Anna", "Bo"], ["Cecilia"]
    (conflict,) = merge_meetings(base, ours, theirs).conflicts
    text = resolve_cmd.edit_default(conflict, "sv")
    assert text == "Anna, Bo" and conflict.parse_value(text) == ["Anna", "Bo"]


def test_prefilled_input_without_a_terminal_still_returns_the_typed_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("builtins.input", lambda _prompt="": "nytt")
    assert resolve_cmd.prefilled_input("värde: ", "gammalt") == "nytt"


def test_removed_against_changed_shows_the_change_that_would_be_lost(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    world.secretary.apply("2023-09-05", lambda m: setattr(m, "items", [i for i in m.items if i.id != "digital"]))
    world.edit('title = "Digitalisering"', 'title = "Digitalisering och AI"')
    world.reviewer_commit()
    with pytest.raises(SyncConflict):
        sync(world.secretary)
    assert cesam(["--repo", str(world.secretary.root), "resolve", "--list"]) == ExitCode.CONFLICT
    listed = capsys.readouterr().out
    assert "borttagen på ena sidan, ändrad på den andra" in listed
    assert "går förlorat om borttagningen väljs:" in listed
    assert "rubrik: Digitalisering → Digitalisering och AI" in listed
    assert "din:" in listed and "(borttagen)" in listed


def test_an_order_conflict_shows_numbers_and_titles_per_side() -> None:
    base = merge_meeting()
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours.items = [ours.items[3], *ours.items[:3]]
    theirs.items = [theirs.items[1], theirs.items[2], theirs.items[0], theirs.items[3]]
    (conflict,) = merge_meetings(base, ours, theirs).conflicts
    assert conflict.kind == ConflictKind.ORDER and conflict.shown is not None
    _, mine, _theirs = conflict.shown
    lines = mine.splitlines()
    assert lines[0].startswith("§ 1 ") and ours.items[0].title in lines[0]
    assert all(line.startswith("§ ") for line in lines)
    assert ours.items[0].id not in mine.split()  # titles, not ids
