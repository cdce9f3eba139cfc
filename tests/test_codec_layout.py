"""The file layout for line merges: one sentence per line, values unchanged, plain git merges more."""

from __future__ import annotations

import difflib
import tomllib
from pathlib import Path

from conftest import small_meeting
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from store.core import codec
from store.core.model import Meeting, Statement
from store.core.sentences import pieces
from store.services.demo import demo_files
from store.services.mergedriver import merge_text
from store.services.repository import Repository

BODY = (
    "Information lämnades om programmet, se bilaga 2. En nulägesbild har skapats. "
    "Vision frågade bl.a. om tiden, t.ex. kl. 13.00 enligt § 4. En bild har tagits fram. Målbilden är tydlig."
)


def meeting_with(body: str, text: str = "frågade om tiden.", answer: str = "") -> Meeting:
    m = small_meeting()
    m.items[0].body = body
    m.items[0].statements.append(Statement("vision-1", "Vision", text=text, answer=answer))
    return m


def render(text: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(text)


def test_long_text_is_stored_one_sentence_per_line_and_reads_back_exactly() -> None:
    text = codec.dumps(meeting_with(BODY))
    assert (
        'body = """\n'
        "Information lämnades om programmet, se bilaga 2. \\\n"
        "En nulägesbild har skapats. \\\n"
        "Vision frågade bl.a. om tiden, t.ex. kl. 13.00 enligt § 4. En bild har tagits fram. \\\n"
        "Målbilden är tydlig.\\\n"
        '"""\n'
    ) in text
    assert tomllib.loads(text)["items"][0]["body"] == BODY
    assert codec.dumps(codec.loads(text)[0]) == text


MARKDOWN = st.lists(
    st.sampled_from(
        [
            "Det regnar. Vision frågade.",
            "Se t.ex. bilaga 2. Mötet börjar kl. 13.00. Enligt § 4. Nästa.",
            "Kod `a. B` här. Slut!",
            "| a. B | c. D |\n|---|---|\n| 1. X | 2. Y |",
            "1. Första. Andra.\n2. Tredje.\n   Fortsättning. Här.",
            "- punkt. Mer\n  indragen. Rad.",
            "Hård radbrytning.  \nNästa rad. Och\\\nen till.",
            '"Citat." Sedan ”citat”. (Parentes.) Klart?',
            "<<<<<<< HEAD. Inte en konflikt.\n=======\n>>>>>>> x. Inte heller.",
            "\ttab. Tab\t. Sista",
            "",
            "\n",
            "   ",
        ]
    ),
    max_size=5,
).map(lambda parts: " ".join(parts))


@settings(max_examples=150)
@given(st.one_of(MARKDOWN, st.text(max_size=120)))
def test_any_text_reads_back_exactly_and_renders_the_same(body: str) -> None:
    text = codec.dumps(meeting_with(body, text=body, answer=body))
    stored = tomllib.loads(text)["items"][0]
    assert stored.get("body", "") == body
    assert stored["statements"][0].get("text", "") == body
    assert render(stored.get("body", "")) == render(body)
    again, _ = codec.loads(text)
    assert codec.dumps(again) == text  # deterministic, byte-identical on round trip
    assert codec.find_conflict_markers(text) == []


def test_demo_text_is_laid_out_by_sentence() -> None:
    for relpath, text in demo_files().items():
        if not relpath.startswith("meetings/"):
            continue
        meeting, _ = codec.loads(text)
        assert codec.dumps(meeting) == text, relpath
        for item in meeting.items:
            for value in (item.body, item.proposal, *(s.text for s in item.statements)):
                if len(pieces(value)) > 1:
                    # every sentence of it starts a line of the file
                    lines = text.split("\n")
                    for piece in pieces(value):
                        head = piece.split("\n")[0][:30]
                        if head.strip():
                            assert any(line.startswith(head) for line in lines), (relpath, head)


def _changed_lines(a: str, b: str) -> list[str]:
    return [line for line in difflib.unified_diff(a.split("\n"), b.split("\n"), lineterm="", n=0) if line[:1] in "+-"]


def test_a_changed_sentence_changes_one_line_of_the_file() -> None:
    before = codec.dumps(meeting_with(BODY))
    after = codec.dumps(meeting_with(BODY.replace("har skapats", "har tagits fram")))
    assert _changed_lines(before, after) == [
        "--- ",
        "+++ ",
        "-En nulägesbild har skapats. \\",
        "+En nulägesbild har tagits fram. \\",
    ]


def _line_merge(base: Meeting, ours: Meeting, theirs: Meeting) -> tuple[str, bool]:
    """What plain git without cesam's driver does with the three files."""
    return merge_text(codec.dumps(base), codec.dumps(ours), codec.dumps(theirs))


def test_plain_git_merges_edits_of_different_sentences_of_one_body() -> None:
    base = meeting_with(BODY)
    ours = meeting_with(BODY.replace("se bilaga 2", "se bilaga 3"))
    theirs = meeting_with(BODY.replace("har tagits fram", "har ritats"))
    merged, conflicted = _line_merge(base, ours, theirs)
    assert not conflicted
    expected = BODY.replace("se bilaga 2", "se bilaga 3").replace("har tagits fram", "har ritats")
    assert codec.loads(merged)[0].items[0].body == expected


def test_plain_git_merges_the_last_sentence_and_the_next_field() -> None:
    text = "frågade om tiden. Och om lönen."
    base = meeting_with(BODY, text=text, answer="svarade.")
    ours = meeting_with(BODY, text=text.replace("lönen", "lönerna"), answer="svarade.")
    theirs = meeting_with(BODY, text=text, answer="svarade utförligt.")
    merged, conflicted = _line_merge(base, ours, theirs)
    assert not conflicted
    statement = codec.loads(merged)[0].items[0].statements[0]
    assert (statement.text, statement.answer) == (text.replace("lönen", "lönerna"), "svarade utförligt.")


def test_a_file_in_the_old_layout_is_not_rewritten_until_a_save(repo: Repository) -> None:
    repo.create(meeting_with(BODY))
    relpath = "meetings/cesam/2023/2023-09-05.toml"
    path = repo.root / relpath
    # the layout cesam wrote before: long text on one line
    old = path.read_text(encoding="utf-8")
    old = (
        old[: old.index('body = """')]
        + f'body = "{BODY}"'
        + old[old.index('"""\n', old.index('body = """') + 10) + 3 :]
    )
    path.write_text(old, encoding="utf-8")
    repo.commit_working_file(relpath, message="gammal layout")
    head = repo.git.run("rev-parse", "HEAD")
    loaded = Repository.open(repo.root).load("2023-09-05")
    assert loaded.meeting.items[0].body == BODY
    assert Repository.open(repo.root).check_file(relpath) == []
    assert path.read_text(encoding="utf-8") == old
    assert repo.git.run("rev-parse", "HEAD") == head and repo.state().clean
    repo.apply("2023-09-05", lambda m: setattr(m, "place", "KS-salen"))
    assert path.read_text(encoding="utf-8") == codec.dumps(repo.load("2023-09-05").meeting)
    assert "Information lämnades om programmet, se bilaga 2. \\\n" in path.read_text(encoding="utf-8")


def test_the_demo_files_are_what_the_codec_writes() -> None:
    root = Path(__file__).resolve().parents[1] / "store" / "demo_data" / "meetings"
    for path in root.rglob("*.toml"):
        text = path.read_text(encoding="utf-8")
        assert codec.dumps(codec.loads(text)[0]) == text, path


def test_a_key_ending_in_a_newline_is_quoted_and_reads_back() -> None:
    # the bare-key test matched "0\n" (a regex "$" matches before a final newline): the header
    # "[0\n]" was written, and the save refused with a TOML syntax error instead of being stored
    meeting = small_meeting()
    meeting.extra = {"0\n": {}, "a\n": "x"}
    text = codec.dumps(meeting)
    assert codec.loads(text)[0].extra == {"0\n": {}, "a\n": "x"}
