"""Text fields merge sentence by sentence: only overlapping changes conflict (store/core/textmerge.py)."""

from __future__ import annotations

from conftest import small_meeting
from hypothesis import given, settings
from hypothesis import strategies as st

from store.core.merge import merge_meetings
from store.core.model import Statement
from store.core.sentences import pieces
from store.core.textmerge import merge3, tokens

BASE = "Arbetsgivaren informerade. Budgeten är lagd, se bilaga 1. Frågan tas upp igen i höst. Inga fler frågor."


def test_changes_of_different_sentences_merge() -> None:
    ours = BASE.replace("informerade", "informerade kort")
    theirs = BASE.replace("i höst", "i november")
    assert merge3(BASE, ours, theirs) == (
        "Arbetsgivaren informerade kort. Budgeten är lagd, se bilaga 1. Frågan tas upp igen i november. Inga fler frågor."
    )


def test_changes_of_neighbouring_sentences_merge() -> None:
    ours = BASE.replace("informerade", "redogjorde")
    theirs = BASE.replace("Budgeten är lagd", "Budgeten är beslutad")
    assert merge3(BASE, ours, theirs) == (
        "Arbetsgivaren redogjorde. Budgeten är beslutad, se bilaga 1. Frågan tas upp igen i höst. Inga fler frågor."
    )


def test_a_sentence_added_at_the_end_and_the_last_one_edited_merge() -> None:
    ours = BASE + " Mötet avslutades."
    theirs = BASE.replace("Inga fler", "Inga övriga")
    assert merge3(BASE, ours, theirs) == BASE.replace("Inga fler", "Inga övriga") + " Mötet avslutades."


def test_the_same_sentence_changed_differently_is_a_conflict() -> None:
    assert merge3(BASE, BASE.replace("i höst", "i oktober"), BASE.replace("igen", "på nytt")) is None


def test_different_sentences_added_at_one_place_are_a_conflict() -> None:
    # their order would be a guess
    assert merge3(BASE, BASE + " Ett.", BASE + " Två.") is None


def test_a_sentence_removed_on_one_side_and_changed_on_the_other_is_a_conflict() -> None:
    removed = BASE.replace(" Frågan tas upp igen i höst.", "")
    assert merge3(BASE, removed, BASE.replace("i höst", "i oktober")) is None
    assert merge3(BASE, removed, BASE.replace("informerade", "berättade")) == removed.replace(
        "informerade", "berättade"
    )


def test_paragraphs_and_lines_merge_by_line_too() -> None:
    base = "Första stycket.\n\n- punkt ett\n- punkt två\n"
    ours = base.replace("punkt ett", "punkt 1")
    theirs = base.replace("punkt två", "punkt 2")
    assert merge3(base, ours, theirs) == "Första stycket.\n\n- punkt 1\n- punkt 2\n"


def test_meetings_merge_a_body_edited_on_both_sides() -> None:
    base = small_meeting()
    base.items[0].body = BASE
    base.items[0].statements.append(Statement("vision-1", "Vision", text=BASE))
    ours, theirs = merge_meetings(base, base, base).meeting, merge_meetings(base, base, base).meeting
    ours.items[0].body = BASE.replace("informerade", "redogjorde")
    theirs.items[0].body = BASE.replace("i höst", "i november")
    ours.items[0].statements[0].text = BASE.replace("Inga fler", "Inga övriga")
    theirs.items[0].statements[0].text = BASE.replace("Inga fler frågor", "Inga fler frågor alls")
    result = merge_meetings(base, ours, theirs)
    assert result.meeting.items[0].body == BASE.replace("informerade", "redogjorde").replace("i höst", "i november")
    assert [c.key for c in result.conflicts] == ["items/" + base.items[0].id + "/statements/vision-1/text"]


# ---------------------------------------------------------------- properties

# distinct sentences: which of two equal sentences a side removed cannot be told from the text
# (the merge then sees a clash and calls it a conflict, which is safe)
SENTENCES = st.lists(
    st.sampled_from(
        [
            "Det regnar.",
            "Vision frågade om t.ex. lönerna.",
            "Kl. 13.00 började mötet.",
            "Hur då?",
            "Ja!",
            "Se bilaga 2.",
        ]
    ),
    min_size=1,
    max_size=6,
    unique=True,
)
TEXT = st.text(alphabet=st.sampled_from(list("ab. ?!\n-*`|§1T")), max_size=40)


@st.composite
def edited(draw: st.DrawFn, base: list[str], tag: str) -> tuple[list[str], set[int]]:
    """``base``'s sentences with some changed, removed or followed by a new one; the indices touched."""
    out: list[str] = []
    touched: set[int] = set()
    for i, sentence in enumerate(base):
        action = draw(st.sampled_from(["keep", "keep", "change", "drop", "add"]))
        if action != "keep":
            touched.add(i)
        if action == "change":
            out.append(sentence.replace(".", f" {tag}{i}.", 1) if "." in sentence else f"{tag}{i} {sentence}")
        elif action == "add":
            out += [sentence, f"Ny {tag}{i}."]
        elif action == "keep":
            out.append(sentence)
    return out, touched


@settings(max_examples=500)
@given(SENTENCES, st.data())
def test_edits_of_different_sentences_are_all_kept(base: list[str], data: st.DataObject) -> None:
    ours, mine = data.draw(edited(base, "O"))
    theirs, other = data.draw(edited(base, "T"))
    merged = merge3(" ".join(base), " ".join(ours), " ".join(theirs))
    if not mine & other:
        # nothing dropped: every sentence either side wrote is there, every one both kept too
        assert merged is not None
        for sentence in ours + theirs:
            if "O" in sentence or "T" in sentence:
                assert sentence in merged
        for i, sentence in enumerate(base):
            if i not in mine | other:
                assert sentence in merged


@given(TEXT, TEXT, TEXT)
def test_merging_is_symmetric(base: str, x: str, y: str) -> None:
    assert merge3(base, x, y) == merge3(base, y, x)


@given(TEXT, TEXT)
def test_a_one_sided_change_always_wins(base: str, x: str) -> None:
    assert merge3(base, base, x) == x
    assert merge3(base, x, base) == x
    assert merge3(base, x, x) == x


@settings(max_examples=300)
@given(st.text(max_size=200))
def test_pieces_and_tokens_give_the_text_back(text: str) -> None:
    assert "".join(pieces(text)) == text
    assert "".join(tokens(text)) == text + " "
    assert all(pieces(text))


def test_sentences_end_where_a_reader_ends_them() -> None:
    assert pieces("Information lämnades, se bilaga 2. En bild har tagits fram. Vad menas? Ingen vet!") == [
        "Information lämnades, se bilaga 2. ",
        "En bild har tagits fram. ",
        "Vad menas? ",
        "Ingen vet!",
    ]
    # abbreviations, times, section numbers, list numbers, initials, code spans and tables stay whole
    for text in (
        "Vision m.fl. Kommunal och t.ex. SSR, bl.a. Saco.",
        "Mötet börjar kl. 13.00 i sal 4.",
        "Enligt MBL § 4. Nästa mening hör ihop här.",
        "1. Första punkten",
        "M. Gyllestad öppnade.",
        "Kör `git pull. Sedan` nu.",
        "| Summa. Ansvar | -8 168. Kr |",
        "Se ca. Tio personer, dvs. Alla.",
    ):
        assert pieces(text) == [text], text
