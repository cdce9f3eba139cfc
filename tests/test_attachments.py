"""Bilagor: numbered through the meeting; a file copied into bilagor/GROUP/DATE/ in the meeting's commit."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import git_log, small_meeting

from store.core.attachments import file_name, next_number
from store.core.errors import CesamError
from store.core.model import Attachment
from store.services.attachments import attach_file
from store.services.repository import Repository


def test_numbers_run_through_the_meeting() -> None:
    meeting = small_meeting()
    assert next_number(meeting) == 1
    meeting.items[0].attachments.append(Attachment(1, "Budget"))
    meeting.items[2].attachments.append(Attachment(4, "Plan"))
    assert next_number(meeting) == 5
    assert file_name(3, "/tmp/Årsplan för 2024.PDF") == "3-Arsplan-for-2024.PDF"
    assert file_name(1, "--") == "1-fil"


def test_attach_copies_the_file_and_commits_it_with_the_meeting(repo: Repository, tmp_path: Path) -> None:
    meeting = small_meeting()
    meeting.items[0].attachments.append(Attachment(1, "Tidigare"))
    repo.create(meeting)
    source = tmp_path / "Budget 2024.pdf"
    source.write_bytes(b"%PDF-1.4 budget")
    before = len(git_log(repo))
    result = attach_file(repo, "cesam/2023-09-05", "digital", source, "Budget")
    assert len(git_log(repo)) == before + 1
    (attachment,) = repo.load("cesam/2023-09-05").meeting.item("digital").attachments
    assert (attachment.number, attachment.title, attachment.file) == (
        2,
        "Budget",
        "bilagor/cesam/2023-09-05/2-Budget-2024.pdf",
    )
    assert (repo.root / attachment.file).read_bytes() == b"%PDF-1.4 budget"
    committed = repo.git.run("show", "--name-only", "--format=", result.commit or "HEAD").split()
    assert sorted(committed) == ["bilagor/cesam/2023-09-05/2-Budget-2024.pdf", "meetings/cesam/2023/2023-09-05.toml"]
    assert repo.state().untracked == []


def test_attach_refuses_what_is_not_a_file_and_leaves_nothing(repo: Repository, tmp_path: Path) -> None:
    repo.create(small_meeting())
    with pytest.raises(CesamError, match="är ingen fil"):
        attach_file(repo, "cesam/2023-09-05", "digital", tmp_path / "nope.pdf", "X")
    source = tmp_path / "a.pdf"
    source.write_bytes(b"x")
    with pytest.raises(KeyError):
        attach_file(repo, "cesam/2023-09-05", "no-such-item", source, "X")
    assert not (repo.root / "bilagor").exists() or not any((repo.root / "bilagor").rglob("*.pdf"))
