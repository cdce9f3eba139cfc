"""Paths: meeting names, file arguments and bilaga paths never leave the repository.

Anyone who can push can commit a symbolic link; cesam must neither show
what it points to nor write through it.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from conftest import small_meeting

from cesam_cli.main import main
from store.core import codec
from store.core.errors import InvalidFileError, UsageError
from store.core.model import Attachment
from store.services.repository import Repository

SECRET = "hemlig nyckel: 0xDEADBEEF"


def _run(capsys: pytest.CaptureFixture[str], repo: Repository, *argv: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["--repo", str(repo.root), *argv])
    out, err = capsys.readouterr()
    assert "internal error" not in err and "Traceback" not in err, err
    return code, out + err


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "outside" / "secret.toml"
    path.parent.mkdir()
    path.write_text(f'group = "cesam"\ndate = 2024-01-01\nplace = "{SECRET}"\n', encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd",
        "cesam/../../../etc/passwd",
        "/etc/passwd",
        "meetings/cesam/2023/../../../cesam.toml",
        "..",
        "-rf",
        "--help=x",
        "cesam/2023-09-05/../../x",
    ],
)
def test_meeting_names_that_leave_the_repository(
    repo: Repository, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    repo.create(small_meeting())
    for command in (["show", "--", name], ["edit", "--", name]):
        code, out = _run(capsys, repo, *command)
        assert code == 2, out
        assert "är inte ett möte" in out or "är inte ett giltigt datum" in out or "okänd grupp" in out, out
    with pytest.raises(UsageError):
        repo.resolve(name)


@pytest.mark.parametrize(
    "relpath", ["../outside/secret.toml", "/etc/passwd", "meetings/../../outside/secret.toml", "-rf", ".", ""]
)
def test_file_arguments_that_leave_the_repository(
    repo: Repository, capsys: pytest.CaptureFixture[str], secret: Path, relpath: str
) -> None:
    code, out = _run(capsys, repo, "check", "--", relpath)
    assert code == 1, out
    assert SECRET not in out
    code, out = _run(capsys, repo, "commit-edits", "--", relpath)
    assert code != 0 and SECRET not in out
    with pytest.raises(UsageError):
        repo.safe_path(relpath)


def test_symlinked_meeting_file_pointing_outside(
    repo: Repository, capsys: pytest.CaptureFixture[str], secret: Path
) -> None:
    folder = repo.root / "meetings/cesam/2024"
    folder.mkdir(parents=True)
    (folder / "2024-01-01.toml").symlink_to(secret)
    repo.git.run("add", "--", "meetings/cesam/2024/2024-01-01.toml")
    repo.git.run("commit", "-q", "-m", "a link, as anyone with push access could commit")
    before = secret.read_bytes()

    assert repo.list_refs() == [], "list_refs skips links"
    code, out = _run(capsys, repo, "list")
    assert code == 0 and "2024-01-01" not in out
    code, out = _run(capsys, repo, "show", "cesam/2024-01-01")
    assert code == 2 and "symbolisk länk" in out and SECRET not in out
    code, out = _run(capsys, repo, "check")
    assert code == 1 and "2024-01-01.toml: " in out and "symbolic link" in out and SECRET not in out
    with pytest.raises(UsageError, match="symbolic link"):
        repo.apply("cesam/2024-01-01", lambda m: setattr(m, "place", "skrivet genom länken"))
    assert secret.read_bytes() == before, "nothing written through the link"


def test_symlinked_meeting_file_pointing_at_cesam_toml(repo: Repository) -> None:
    folder = repo.root / "meetings/cesam/2024"
    folder.mkdir(parents=True)
    (folder / "2024-01-01.toml").symlink_to("../../../cesam.toml")
    repo.git.run("add", "--", "meetings")
    repo.git.run("commit", "-q", "-m", "a link into the repository")
    config = (repo.root / "cesam.toml").read_bytes()
    with pytest.raises(UsageError, match="symbolic link"):
        repo.apply("cesam/2024-01-01", lambda m: setattr(m, "place", "x"))
    with pytest.raises(UsageError):  # "already exists": the link is taken for a file, and not written
        repo.create(small_meeting(dt.date(2024, 1, 1)))
    assert (repo.root / "cesam.toml").read_bytes() == config


@pytest.mark.parametrize("link", ["meetings", "meetings/cesam", "meetings/cesam/2023"])
def test_symlinked_folders(
    repo: Repository, capsys: pytest.CaptureFixture[str], tmp_path: Path, secret: Path, link: str
) -> None:
    repo.create(small_meeting())
    outside = tmp_path / "elsewhere"
    real = repo.root / link
    real.rename(outside)  # the folder now lives outside; a link takes its place
    real.symlink_to(outside, target_is_directory=True)
    files_outside = sorted(p.relative_to(outside) for p in outside.rglob("*"))

    code, out = _run(capsys, repo, "show", "cesam/2023-09-05")
    assert code == 2 and "symbolisk länk" in out
    code, out = _run(capsys, repo, "check")
    assert code == 1 and "symbolic link" in out
    with pytest.raises(UsageError, match="symbolic link"):
        repo.create(small_meeting(dt.date(2023, 10, 3)))
    assert sorted(p.relative_to(outside) for p in outside.rglob("*")) == files_outside, "nothing written outside"


def test_bilaga_paths(repo: Repository, capsys: pytest.CaptureFixture[str], secret: Path) -> None:
    repo.create(small_meeting())
    (repo.root / "bilagor").mkdir()
    (repo.root / "bilagor/riktig.pdf").write_bytes(b"%PDF-1.4\n")
    (repo.root / "bilagor/lank.pdf").symlink_to(secret)

    for bad in ("../outside/secret.toml", "/etc/passwd", "bilagor/../../x", "-rf", "C:/x.pdf", "a\x00b"):
        with pytest.raises(InvalidFileError, match="bilaga file"):
            repo.apply("2023-09-05", lambda m, b=bad: m.item("digital").attachments.append(Attachment(1, "B", b)))

    def attach(meeting) -> None:  # type: ignore[no-untyped-def]
        meeting.item("digital").attachments = [
            Attachment(1, "Riktig", "bilagor/riktig.pdf"),
            Attachment(2, "Länk", "bilagor/lank.pdf"),
            Attachment(3, "Saknas", "bilagor/saknas.pdf"),
        ]

    repo.apply("2023-09-05", attach)  # links and missing files are the checker's to report
    code, out = _run(capsys, repo, "check")
    assert code == 1
    assert "bilaga 2: 'bilagor/lank.pdf' goes through a symbolic link" in out
    assert "warning: bilaga 3: 'bilagor/saknas.pdf' is not in the repository" in out
    assert "bilaga 1" not in out
    assert SECRET not in out


def test_list_and_check_ignore_what_is_not_a_meeting(repo: Repository, capsys: pytest.CaptureFixture[str]) -> None:
    repo.create(small_meeting())
    folder = repo.root / "meetings/cesam/2023"
    text = (folder / "2023-09-05.toml").read_text(encoding="utf-8")
    (folder / "2023-09-05.toml.cesam-tmp-999999").write_text(text, encoding="utf-8")
    (folder / "2023-09-06.toml~").write_text(text, encoding="utf-8")
    (folder / "anteckningar.txt").write_text("x", encoding="utf-8")
    assert [str(r) for r in repo.list_refs()] == ["cesam/2023-09-05"]
    code, out = _run(capsys, repo, "check")
    assert code == 0, out
    assert "cesam-tmp" not in out
    assert codec.loads(text)


def test_safe_path_refuses_links_even_inside(repo: Repository) -> None:
    (repo.root / "meetings/alias").symlink_to("cesam", target_is_directory=True)
    with pytest.raises(UsageError, match="symbolic link"):
        repo.safe_path("meetings/alias/2023/2023-09-05.toml")
    assert repo.safe_path("meetings/cesam/2023/2023-09-05.toml") == repo.root / "meetings/cesam/2023/2023-09-05.toml"
    assert os.path.isabs(repo.safe_path("cesam.toml"))


def test_a_trailing_newline_never_passes_a_name_or_time_check(repo: Repository) -> None:
    """``$`` in a pattern also matches before a final newline: the checks end at the text's end."""
    from store.core.config import Group
    from store.core.validate import validate, validate_config
    from store.services.repo_paths import MEETING_DATE, MeetingRef

    config = repo.config
    config.groups.append(Group(id="lsg\n", name="LSG"))
    assert any("lsg\\n" in p.message for p in validate_config(config)), "a group id with a newline is refused"
    meeting = small_meeting()
    meeting.start = "13:00\n"
    assert any(p.key_path == ("start",) for p in validate(meeting, repo.config)), "a time with a newline is refused"
    assert not MEETING_DATE.match("2023-09-05\n")
    assert MeetingRef.from_relpath("meetings/cesam\n/2023/2023-09-05.toml") is None
