"""Hostile text in every field, through the store and the CLI.

Each hostile value is put in every text field of a meeting and saved. It
must come back from the file exactly, or be refused with a message; and
`cesam show`, `cesam list`, `cesam check` and `git log` must show it as
inert text: markup printed as the characters it is, control characters as
visible escapes, no line of the data passing for a line of the layout.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from conftest import small_meeting

from cesam_cli.main import main
from cesam_cli.terminal import safe
from store.core import codec
from store.core.errors import InvalidFileError
from store.core.model import (
    Attachment,
    Attendee,
    FollowUp,
    Meeting,
    NextMeeting,
    Outcome,
    OutcomeKind,
    Signature,
    Statement,
)
from store.services.repository import Repository

HOSTILE = [
    "[bold]fet[/bold] [red]röd[/red]",
    "[@click=app.quit]klicka här[/]",
    "[link=file:///etc/passwd]länk[/link]",
    "\x1b[2J\x1b[H rensad skärm",
    "\x1b]0;ny fönstertitel\x07",
    "\x1b]52;c;cm0gLXJmIH4K\x07 urklipp",
    "\x1b[6n svar på terminalfråga",
    "\x9b31m C1-CSI",
    "Godkänt\rAvslaget",
    "ljud\x07\x07 och backsteg\x08\x08\x08",
    "\x00 noll",
    "\u202etxt.exe omvänd",
    "\ufeffBOM först",
    "--help",
    "-rf /",
    "--output=/tmp/utdata",
    "$(rm -rf ~) `id` ; ls | cat",
    "{0} {meeting.__class__} %s %(x)s",
    'slut"\nstatus = "justerad"',
    '"""\n[[items]]\nid = "ond"\n"""',
    "<<<<<<< HEAD\nvår text\n=======\nderas text\n>>>>>>> annan\n",
    "Rubrik\n=======\n\ntext",
    "rad\nStatus: justerad\n§ 99 Falsk punkt",
    "tab\tseparerad\tdata",
    "\\ \\\\ \\n \\u0000 bakstreck",
    "\r\nWindows\r\nrader\r\n",
    "\u2028radbrytning\u2029stycke\x85NEL",
    "👩‍👩‍👧 åäö ÅÄÖ ﬁ",
]
MEGABYTE = "En mycket lång synpunkt. " * 41944  # ~1 MB
# printed or stored, none of these may reach a terminal unescaped
ACTIVE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]")
TRIED: Counter[str] = Counter()


def full_meeting() -> Meeting:
    meeting = small_meeting()
    meeting.attendees = [Attendee("a1", "Anna Andersson", "HR-chef"), Attendee("a2", "Bo Berg", party="Vision")]
    item = meeting.item("digital")
    item.statements = [Statement("s1", "Vision", text="Fråga", answer="Svar")]
    item.outcome = Outcome(OutcomeKind.DECISION, text="Beslut")
    item.followups = [FollowUp("f1", "Återkommer", closed_note="")]
    item.attachments = [Attachment(1, "Bilaga")]
    meeting.next_meeting = NextMeeting(date=dt.date(2023, 10, 3), place="Rum", note="Not")
    meeting.signatures = [Signature("Anna Andersson", method="e-legitimation")]
    return meeting


Setter = Callable[[Meeting, str], None]


def text_fields() -> Iterator[tuple[str, Setter]]:
    """(name, setter) for every free-text field of the model, and an unknown key."""

    def attr(getter: Callable[[Meeting], Any], name: str) -> Setter:
        return lambda m, v: setattr(getter(m), name, v)

    for name in ("place", "chair", "secretary", "case_number"):
        yield f"meeting.{name}", attr(lambda m: m, name)
    yield "meeting.adjusters", lambda m, v: setattr(m, "adjusters", [v])
    yield "meeting.distribution", lambda m, v: setattr(m, "distribution", [v])
    for name in ("name", "role", "signs_as"):
        yield f"attendee.{name}", attr(lambda m: m.attendees[0], name)
    for name in ("title", "purpose", "body", "proposal"):
        yield f"item.{name}", attr(lambda m: m.item("digital"), name)
    yield "item.presenters", lambda m, v: setattr(m.item("digital"), "presenters", [v])
    for name in ("text", "answer"):
        yield f"statement.{name}", attr(lambda m: m.item("digital").statements[0], name)
    yield "outcome.text", attr(lambda m: m.item("digital").outcome, "text")
    for name in ("text", "owner", "closed_note"):
        yield f"followup.{name}", attr(lambda m: m.item("digital").followups[0], name)
    yield "attachment.title", attr(lambda m: m.item("digital").attachments[0], "title")
    for name in ("place", "note"):
        yield f"next_meeting.{name}", attr(lambda m: m.next_meeting, name)
    for name in ("name", "method"):
        yield f"signature.{name}", attr(lambda m: m.signatures[0], name)
    yield "unknown key's value", lambda m, v: m.extra.__setitem__("anteckning", v)
    yield "unknown key's name", lambda m, v: m.item("digital").extra.__setitem__(v or "tom", "värde")


FIELDS = list(text_fields())


def _same(a: Meeting, b: Meeting) -> bool:
    return codec.first_difference(codec.meeting_to_dict(a), codec.meeting_to_dict(b)) is None


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _assert_inert(text: str, what: str) -> None:
    found = ACTIVE.search(text)
    assert found is None, f"{what} printed {found.group()!r} raw" if found else ""


@pytest.fixture
def hostile_repo(repo: Repository) -> Repository:
    repo.create(full_meeting())
    return repo


@pytest.mark.parametrize("value", HOSTILE, ids=[f"h{n}" for n in range(len(HOSTILE))])
def test_hostile_text_in_every_field(hostile_repo: Repository, capsys: pytest.CaptureFixture[str], value: str) -> None:
    repo = hostile_repo

    def put_everywhere(meeting: Meeting) -> None:
        for _, setter in FIELDS:
            setter(meeting, value)

    repo.apply("2023-09-05", put_everywhere)
    TRIED["hostile values × fields saved and read back"] += len(FIELDS)
    expected = full_meeting()
    put_everywhere(expected)
    assert _same(repo.load("2023-09-05").meeting, expected), "stored literally, nothing lost or altered"
    assert repo.state().clean

    root = str(repo.root)
    for argv in (["show", "2023-09-05"], ["list"], ["check"], ["status"], ["--lang", "en", "show", "2023-09-05"]):
        code, out, err = _run(capsys, "--repo", root, *argv)
        assert "internal error" not in err and "Traceback" not in err
        _assert_inert(out + err, f"cesam {' '.join(argv)}")
        TRIED["CLI outputs checked"] += 1
    code, out, _ = _run(capsys, "--repo", root, "show", "2023-09-05")
    assert code == 0
    visible = safe(value, oneline=True)
    assert visible in out, "the value is shown, escaped where it has to be"
    assert sum(line.startswith("Status:") for line in out.splitlines()) == 1, "no forged layout line"
    assert out.count("\n§ ") == len(expected.items), "no forged item"
    code, out, _ = _run(capsys, "--repo", root, "list")
    assert all(len(line.split("\t")) == 4 for line in out.splitlines()), "list stays one record per line"
    message = repo.git.run("log", "-1", "--format=%B")
    _assert_inert(message.replace("\n", ""), "git log")


def test_each_field_its_own_hostile_value(hostile_repo: Repository) -> None:
    """Different hostile values in different fields at once: none bleeds into another."""
    values = {name: HOSTILE[n % len(HOSTILE)] + f" ({name})" for n, (name, _) in enumerate(FIELDS)}

    def put(meeting: Meeting) -> None:
        for name, setter in FIELDS:
            setter(meeting, values[name])

    hostile_repo.apply("2023-09-05", put)
    expected = full_meeting()
    put(expected)
    assert _same(hostile_repo.load("2023-09-05").meeting, expected)
    TRIED["hostile values × fields saved and read back"] += len(FIELDS)


def test_a_megabyte_of_text(hostile_repo: Repository, capsys: pytest.CaptureFixture[str]) -> None:
    def put(meeting: Meeting) -> None:
        meeting.item("digital").title = MEGABYTE
        meeting.item("digital").body = MEGABYTE.replace(". ", ".\n")
        meeting.attendees[0].name = MEGABYTE  # lands in the commit message

    result = hostile_repo.apply("2023-09-05", put)
    assert result.commit and len(result.message) < 2000, "the message names the change; the file holds it"
    loaded = hostile_repo.load("2023-09-05").meeting
    assert loaded.item("digital").title == MEGABYTE
    assert loaded.attendees[0].name == MEGABYTE
    code, out, _ = _run(capsys, "--repo", str(hostile_repo.root), "show", "2023-09-05")
    assert code == 0 and MEGABYTE.strip() in out
    TRIED["megabyte values saved and shown"] += 3


@pytest.mark.parametrize(
    ("setter", "expected"),
    [
        (lambda m: m.item("digital").statements[0].__setattr__("party", "[bold]\x1b[2J"), "unknown party"),
        (lambda m: m.__setattr__("start", "--help"), "is not a time"),
        (lambda m: m.item("digital").attachments[0].__setattr__("file", "../../etc/passwd"), "leaves its folder"),
        (lambda m: m.item("digital").attachments[0].__setattr__("file", "/etc/passwd"), "absolute path"),
        (lambda m: m.item("digital").attachments[0].__setattr__("file", "-rf"), "starts with '-'"),
        (lambda m: m.item("digital").attachments[0].__setattr__("file", "C:\\Windows\\win.ini"), "absolute path"),
        (lambda m: m.item("digital").attachments[0].__setattr__("file", "a\x1b[2J.pdf"), "control characters"),
        (lambda m: m.item("digital").__setattr__("body", "halv\ud800surrogat"), "cannot be stored"),
    ],
)
def test_hostile_values_in_checked_fields_are_refused(
    hostile_repo: Repository, capsys: pytest.CaptureFixture[str], setter: Callable[[Meeting], None], expected: str
) -> None:
    path = hostile_repo.root / "meetings/cesam/2023/2023-09-05.toml"
    before = path.read_bytes()
    with pytest.raises(InvalidFileError) as info:
        hostile_repo.apply("2023-09-05", setter)
    assert expected in str(info.value)
    assert re.search(r"2023-09-05\.toml:\d+:\d+: ", str(info.value)), "names file and line"
    assert path.read_bytes() == before and hostile_repo.state().clean, "nothing written"
    TRIED["hostile values refused with a message"] += 1


def test_hostile_file_content_through_the_cli(hostile_repo: Repository, capsys: pytest.CaptureFixture[str]) -> None:
    """Files edited by hand or pulled: BOM, non-UTF-8 bytes, markers inside strings, escapes in names."""
    root = str(hostile_repo.root)
    path = hostile_repo.root / "meetings/cesam/2023/2023-09-05.toml"
    good = path.read_bytes()

    path.write_bytes(b"\xef\xbb\xbf" + good)  # a BOM from a Windows editor: read, not refused
    assert _run(capsys, "--repo", root, "check")[0] == 0
    assert _run(capsys, "--repo", root, "show", "2023-09-05")[0] == 0

    path.write_bytes(good.replace(b'place = "Rum"', b'place = "R\xe4ksm\xf6rg\xe5s"'))  # Latin-1
    code, out, _ = _run(capsys, "--repo", root, "check")
    assert code == 1
    assert re.search(r"2023-09-05\.toml:\d+:\d+: not UTF-8 text \(byte 0xe4\)", out), out
    code, _, err = _run(capsys, "--repo", root, "show", "2023-09-05")
    assert code == 3 and "not UTF-8" in err
    code, out, _ = _run(capsys, "--repo", root, "list")
    assert code == 1 and "FEL" in out

    evil_party = good.replace(b'party = "Vision"', b'party = "\\u001b[2J\\u001b]0;x\\u0007"', 1)
    assert evil_party != good
    path.write_bytes(evil_party)
    code, out, err = _run(capsys, "--repo", root, "check")
    assert code == 1 and "unknown party" in out
    _assert_inert(out + err, "cesam check")
    code, _, err = _run(capsys, "--repo", root, "show", "2023-09-05")
    assert code == 3
    _assert_inert(err, "cesam show (error)")

    # a conflict git left inside a multi-line string is found; a lone ======= line is not
    text = good.decode()
    body = 'body = """\nvår rad\n=======\nmer\n"""\n'
    path.write_text(text.replace('title = "Digitalisering"\n', 'title = "Digitalisering"\n' + body, 1))
    assert _run(capsys, "--repo", root, "check")[0] == 0
    conflicted = 'body = """\n<<<<<<< HEAD\nvår rad\n=======\nderas rad\n>>>>>>> origin/main\n"""\n'
    path.write_text(text.replace('title = "Digitalisering"\n', 'title = "Digitalisering"\n' + conflicted, 1))
    code, out, _ = _run(capsys, "--repo", root, "check")
    assert code == 1 and "merge-conflict marker" in out
    path.write_bytes(good)
    TRIED["hostile files checked"] += 6


def test_every_text_field_is_covered() -> None:
    """A new text field in the model must be added to FIELDS above."""
    covered = {name.split(".")[1] for name, _ in FIELDS if "." in name}
    records = (Meeting, Attendee, Statement, Outcome, FollowUp, Attachment, NextMeeting, Signature)
    from store.core.model import Item

    missing = []
    for cls in (*records, Item):
        for f in dataclasses.fields(cls):
            if f.type in ("str", "list[str]") and f.name not in covered and f.name not in _NOT_FREE_TEXT:
                missing.append(f"{cls.__name__}.{f.name}")
    assert not missing, f"hostile-text test does not cover {missing}"


# fields whose values are checked (ids, party names, times, refs) or not free text
_NOT_FREE_TEXT = {
    "id",
    "group",
    "start",
    "end",
    "party",
    "items",
    "from_item",
    "parent",
    "raised_by",
    "parties",
    "file",
    "carried_from",
    "closed_in",
    "closes",
    "signed_at",
}


def test_zz_report_counts(capsys: pytest.CaptureFixture[str]) -> None:
    with capsys.disabled():
        print(f"\nhostile text ({len(HOSTILE)} values, {len(FIELDS)} fields):")
        for key, value in sorted(TRIED.items()):
            print(f"  {key}: {value}")


def test_the_cli_prints_only_through_the_sanitiser() -> None:
    """Every command prints through cesam_cli.terminal; a bare print() would let data act on the terminal."""
    import ast
    from pathlib import Path

    package = Path(__file__).resolve().parents[1] / "cesam_cli"
    offenders = []
    for path in package.rglob("*.py"):
        if path.name == "terminal.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print":
                offenders.append(f"{path.relative_to(package.parent)}:{node.lineno}")
            if (
                isinstance(node, ast.Attribute)
                and node.attr == "write"
                and isinstance(node.value, ast.Attribute)
                and node.value.attr in ("stdout", "stderr")
                and path.name != "_documents.py"  # writes a document, made safe on a terminal
            ):
                offenders.append(f"{path.relative_to(package.parent)}:{node.lineno}")
    assert not offenders, f"print through cesam_cli.terminal.out/err instead: {offenders}"


def test_json_output_stays_json_and_inert(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from cesam_cli.terminal import out_json

    data = {"text": "a\x1b[2J\u202e\x85\ud800\nb", "namn": "Åsa"}
    out_json(data)
    printed = capsys.readouterr().out
    _assert_inert(printed.replace("\n", ""), "out_json")
    assert json.loads(printed, strict=False)["namn"] == "Åsa"
    assert json.loads(printed)["text"] == data["text"]


# ---------------------------------------------------------------- beyond the CLI: the merge driver, tags, the TUI
# Issue 14: every byte that reaches a terminal or a git message goes through one gate, store.core.text.visible.

DATA_CONTROLS = ["\x1b]0;ny fönstertitel\x07", "\x9b31m", "\u202e", "\x1b[2J", "\u2066", "\x7f"]
HOSTILE_NAME = "Lena \x1b]0;ny fönstertitel\x07\x9b31m\u202eevoP\x7f"


def _assert_no_data_controls(data: str, what: str) -> None:
    for raw in DATA_CONTROLS:
        assert raw not in data, f"{what} let {raw!r} through raw"


def _cesam_on_path(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "cesam"
    script.write_text(
        f'#!/bin/sh\nPYTHONPATH="{root}" exec "{sys.executable}" -m cesam_cli.main "$@"\n', encoding="utf-8"
    )
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")


def test_hostile_titles_through_the_merge_driver_run_by_plain_git_pull(
    repo: Repository, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess

    from store.services.mergedriver import ensure_merge_driver

    _cesam_on_path(tmp_path, monkeypatch)
    meeting = full_meeting()
    meeting.item("digital").title = "Digitalt " + "".join(DATA_CONTROLS)
    repo.create(meeting)
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(remote)], check=True)
    repo.git.run("remote", "add", "origin", str(remote))
    repo.git.run("push", "-q", "origin", "main")
    clone = tmp_path / "granskare"
    subprocess.run(["git", "clone", "-q", str(remote), str(clone)], check=True)
    reviewer = Repository.open(clone)
    ensure_merge_driver(reviewer)

    def set_text(text: str) -> Callable[[Meeting], None]:
        return lambda m: setattr(m.item("digital").statements[0], "text", text)

    repo.apply("2023-09-05", set_text("Sekreterarens version"))
    repo.git.run("push", "-q", "origin", "main")
    reviewer.apply("2023-09-05", set_text("Granskarens version"))
    proc = subprocess.run(
        ["git", "pull", "--no-rebase", "--no-edit"], cwd=clone, capture_output=True, text=True, check=False
    )
    assert proc.returncode != 0, proc.stderr
    assert "Digitalt" in proc.stderr and "fält ändrade olika på båda håll" in proc.stderr  # the driver ran
    _assert_no_data_controls(proc.stderr + proc.stdout, "the merge driver (git pull)")
    assert "\\x1b]0;ny fönstertitel\\x07" in proc.stderr and "\\u202e" in proc.stderr and "\\x9b" in proc.stderr


def test_hostile_adjusters_names_in_tags_and_the_justering_commit(
    repo: Repository, capsys: pytest.CaptureFixture[str]
) -> None:
    meeting = full_meeting()
    meeting.status = meeting.status.HELD
    meeting.chair = "Anna Andersson"
    meeting.adjusters = [HOSTILE_NAME, "Bo \u2066Berg\u2069"]
    repo.create(meeting)
    code, out, err = _run(capsys, "--repo", str(repo.root), "adjust", "2023-09-05")
    assert code == 0, err
    _assert_inert(out + err, "cesam adjust")
    tags = repo.git.run("for-each-ref", "--format=%(refname) %(contents)", "refs/tags/justering/")
    messages = repo.git.run("log", "-1", "--format=%B")
    for what, text in (("tag messages", tags), ("the justering commit", messages)):
        _assert_no_data_controls(text, what)
        assert "\\x1b]0;ny fönstertitel\\x07" in text and "\\u202e" in text and "\\u2066" in text
    code, out, err = _run(capsys, "--repo", str(repo.root), "verify")
    assert code == 0, out  # the escaped names in the tags are still those names: the justering holds
    _assert_inert(out + err, "cesam verify")


def _pty_screen(argv: list[str], until: list[str], *, env: dict[str, str], limit: float = 90.0) -> bytes:
    """Run ``argv`` on a pseudo-terminal of 120×40; every byte it writes, read until ``until`` were all seen."""
    import fcntl
    import os
    import pty
    import select
    import struct
    import termios
    import time

    pid, fd = pty.fork()
    if pid == 0:  # the child: a terminal of a known size, then the real program
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        os.execvpe(argv[0], argv, env)
    captured = bytearray()
    deadline = time.monotonic() + limit  # a bound on waiting, not an assertion on speed
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                captured += chunk
            text = captured.decode("utf-8", "replace")
            if all(u in text for u in until):
                break
        os.write(fd, b"\x11")  # ctrl+q
        end = time.monotonic() + 20
        while time.monotonic() < end:
            ready, _, _ = select.select([fd], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                captured += chunk
    finally:
        with contextlib.suppress(ChildProcessError):
            os.kill(pid, 9)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
        os.close(fd)
    return bytes(captured)


def test_the_tuis_terminal_output_holds_no_control_character_from_the_data(repo: Repository) -> None:
    import os
    import sys
    from pathlib import Path

    meeting = full_meeting()
    meeting.item("digital").title = "Digitalt " + "".join(DATA_CONTROLS)
    meeting.item("koncern").title = "Koncern \u202eevil\u202c \x9b31m"
    repo.create(meeting)
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(root), "TERM": "xterm-256color", "COLORTERM": "truecolor"}
    env.pop("TEXTUAL", None)
    argv = [sys.executable, "-m", "cesam_cli.main", "--repo", str(repo.root), "tui", "2023-09-05"]
    data = _pty_screen(argv, ["Digitalt", "Koncern"], env=env)
    text = data.decode("utf-8", "replace")
    assert "Digitalt" in text and "Koncern" in text, text[-2000:]  # the screen was drawn
    _assert_no_data_controls(text, "the TUI")
    assert "\\u202e" in text  # shown, as a visible escape
