"""The command line speaks one language at a time: leaks the catalogue fixed stay fixed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cesam_cli.main import main
from store.services.repository import Repository

MEETING = "cesam/2023-09-05"  # the demo meeting with attachments

# cesam's own Swedish words in English output (and the reverse); the meetings' text is data and stays Swedish
SWEDISH = re.compile(r"Bilaga \d|^Närvarande$|Anmält förhinder|\[öppen\]|^(Arkiv|Gren|Fjärrarkiv):|ocommittat", re.M)
ENGLISH = re.compile(r"Attachment \d|^Present$|Sent apologies|\[open\]|^(Repository|Branch|Remote):|uncommitted", re.M)


def run(repo: Repository, *args: str) -> int:
    return main(["--repo", str(repo.root), *args])


def test_show_in_english_says_attachment_not_bilaga(demo_repo: Repository, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(demo_repo, "--lang", "en", "show", MEETING) == 0
    text = capsys.readouterr().out
    assert "Attachment 1:" in text
    assert not SWEDISH.search(text), SWEDISH.search(text)


def test_show_in_swedish_says_bilaga(demo_repo: Repository, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(demo_repo, "--lang", "sv", "show", MEETING) == 0
    text = capsys.readouterr().out
    assert "Bilaga 1:" in text and "Närvarande" in text
    assert "Attachment" not in text


def test_status_speaks_the_language_asked_for(demo_repo: Repository, capsys: pytest.CaptureFixture[str]) -> None:
    run(demo_repo, "--lang", "en", "status")
    english = capsys.readouterr().out
    assert english.startswith("Repository: ") and "Remote: none set up" in english
    assert not SWEDISH.search(english), SWEDISH.search(english)
    run(demo_repo, "--lang", "sv", "status")
    swedish = capsys.readouterr().out
    assert swedish.startswith("Arkiv: ") and "Fjärrarkiv: inget inställt" in swedish
    assert not ENGLISH.search(swedish), ENGLISH.search(swedish)


def test_discard_edits_hint_is_swedish_in_swedish(
    demo_repo: Repository, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # the hint used to be English whatever the language
    relpath = "meetings/cesam/2023/2023-09-05.toml"
    path = demo_repo.root / relpath
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert run(demo_repo, "--lang", "sv", "discard-edits", relpath) != 0
    swedish = capsys.readouterr().err
    assert "bekräfta med --yes" in swedish and "visar vad som skulle kastas" in swedish
    assert "shows what would" not in swedish
    assert run(demo_repo, "--lang", "en", "discard-edits", relpath) != 0
    english = capsys.readouterr().err
    assert "confirm with --yes" in english and "shows what would be thrown away" in english


def test_init_and_demo_speak_the_language_asked_for(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "init", str(tmp_path / "en")]) == 0
    assert main(["--lang", "en", "demo", str(tmp_path / "demo-en")]) == 0
    english = capsys.readouterr().out
    assert "new repository in" in english and "demo repository in" in english
    assert "samling" not in english and "demoarkiv" not in english and "möten" not in english
    assert main(["init", str(tmp_path / "sv")]) == 0
    assert "ny samling i" in capsys.readouterr().out
