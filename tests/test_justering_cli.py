"""The issue's done-when on the demo repository, through the `cesam` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cesam_cli.main import main
from store.core.errors import FrozenError
from store.core.model import Statement, Status
from store.services.justering import VerifyState, list_approvals, verify
from store.services.repository import Repository

PATH = "meetings/cesam/2023/2023-09-05.toml"


def cesam(repo: Path, *args: str) -> int:
    return main(["--repo", str(repo), *args])


def test_demo_has_its_justeringar_as_tags(demo_repo: Repository) -> None:
    approvals = list_approvals(demo_repo)
    assert sorted(approvals) == ["cesam/2021-06-15", "cesam/2022-09-20"]
    by_person = {a.approver: a for a in approvals["cesam/2022-09-20"]}
    assert sorted(by_person) == ["Alexandra Eldstål", "Johanna Andersson", "Magnus Gyllestad"]
    # dated from the e-signatures where the protocol has them, recorded by whoever made the demo
    assert str(by_person["Johanna Andersson"].date) == "2022-09-30"
    assert by_person["Johanna Andersson"].method == "e-legitimation"
    assert by_person["Magnus Gyllestad"].signed_at == "2022-10-12 10:00:25"
    assert {a.recorded_by for a in by_person.values()} == {"Sara Sekreterare <sara@example.se>"}
    states = {str(r.ref): r.state for r in verify(demo_repo)}
    assert states == {
        "cesam/2021-06-15": VerifyState.OK,
        "cesam/2022-09-20": VerifyState.OK,
        "cesam/2023-09-05": VerifyState.WAITING,
    }


def test_done_when(demo_repo: Repository, capsys: pytest.CaptureFixture[str]) -> None:
    root = demo_repo.root
    assert cesam(root, "verify") == 0
    out = capsys.readouterr().out
    assert "Väntar på justering" in out and "CESAM 2023-09-05" in out

    assert cesam(root, "adjust", "2023-09-05") == 0
    out = capsys.readouterr().out
    assert "justerat av Alexandra Eldstål, Lena Possbeck, Magnus Gyllestad" in out
    meeting = demo_repo.load("2023-09-05").meeting
    assert meeting.status == Status.ADJUSTED and meeting.adjusted_on is not None
    assert len(demo_repo.git.run("tag", "-l", "justering/cesam/2023-09-05/*").splitlines()) == 3

    assert cesam(root, "verify") == 0
    out = capsys.readouterr().out
    assert "3 justerade möten kontrollerade: 3 oförändrade, 0 med fel." in out

    # a quiet hand edit, committed with plain git by someone else
    path = root / PATH
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("prognos juli", "prognos augusti", 1), encoding="utf-8")
    demo_repo.git.run("commit", "-q", "-a", "-m", "stavning", "--author=Kalle Klåfinger <kalle@example.se>")
    bad = demo_repo.git.run("rev-parse", "HEAD")
    assert cesam(root, "verify") == 1
    out = capsys.readouterr().out
    assert "! CESAM 2023-09-05: ÄNDRAD EFTER JUSTERING" in out
    assert bad[:10] in out and "Kalle Klåfinger <kalle@example.se>" in out and '"stavning"' in out
    assert "CESAM 2022-09-20: justerad 2022-10-12, oförändrad" in out

    # the store (and so the TUI) refuses edits until the meeting is reopened with a reason
    def add(m) -> None:  # type: ignore[no-untyped-def]
        m.items[1].statements.append(Statement("x", "Vision", text="Tillägg."))

    with pytest.raises(FrozenError):
        demo_repo.apply("2023-09-05", add)
    assert cesam(root, "adjust", "2023-09-05") != 0  # approving the changed content needs a reopen
    assert "reopen" in capsys.readouterr().err
    with pytest.raises(SystemExit):  # --reason is required
        cesam(root, "reopen", "2023-09-05")
    capsys.readouterr()
    assert cesam(root, "reopen", "2023-09-05", "--reason", "Namnet stavades fel i efterhand") == 0
    assert "öppnat för ändring – Namnet stavades fel i efterhand" in capsys.readouterr().out
    assert demo_repo.apply("2023-09-05", add).commit
    assert cesam(root, "adjust", "2023-09-05", "--as", "Lena Possbeck") == 0
    assert "väntar på: Alexandra Eldstål, Magnus Gyllestad" in capsys.readouterr().out
    assert cesam(root, "adjust", "2023-09-05") == 0
    assert cesam(root, "verify", "2023-09-05") == 0
    assert len(demo_repo.git.run("tag", "-l", "justering/cesam/2023-09-05/*").splitlines()) == 6


def test_verify_json_and_english(demo_repo: Repository, capsys: pytest.CaptureFixture[str]) -> None:
    assert cesam(demo_repo.root, "--lang", "en", "verify") == 0
    assert "2 adjusted meetings checked: 2 unchanged, 0 failed." in capsys.readouterr().out
    assert cesam(demo_repo.root, "verify", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert {m["meeting"]: m["state"] for m in data["meetings"]}["cesam/2021-06-15"] == "ok"
    assert [w["meeting"] for w in data["waiting"]] == ["cesam/2023-09-05"]


def test_adjust_as_someone_else_is_refused(demo_repo: Repository, capsys: pytest.CaptureFixture[str]) -> None:
    assert cesam(demo_repo.root, "adjust", "2023-09-05", "--as", "Johan Westin") == 2
    err = capsys.readouterr().err
    assert "Alexandra Eldstål, Lena Possbeck, Magnus Gyllestad" in err and "Traceback" not in err


def test_adjust_records_an_imported_justering_from_its_signatures(
    repo: Repository, capsys: pytest.CaptureFixture[str]
) -> None:
    from test_justering import held_meeting

    from store.core.model import Signature

    imported = held_meeting()
    imported.status = Status.ADJUSTED
    imported.signatures = [
        Signature("alexandra.eldstal@haninge.se", "2023-09-13 13:06:16", "e-legitimation"),
        Signature("Lena Possbeck", "2023-09-13 13:09:36", "e-legitimation"),
    ]
    repo.create(imported)  # import may create a meeting that is justerad already
    assert [r.state for r in verify(repo)] == [VerifyState.MISSING]
    assert cesam(repo.root, "verify") == 1
    capsys.readouterr()
    assert cesam(repo.root, "adjust", "2023-09-05") == 0
    dates = {a.approver: (str(a.date), a.method) for a in list_approvals(repo)["cesam/2023-09-05"]}
    assert dates == {
        "Alexandra Eldstål": ("2023-09-13", "e-legitimation"),
        "Lena Possbeck": ("2023-09-13", "e-legitimation"),
        "Magnus Gyllestad": ("2023-09-05", ""),  # no signature: the meeting's date
    }
    assert cesam(repo.root, "verify") == 0
    assert cesam(repo.root, "adjust", "2023-09-05") == 2  # already justerad
