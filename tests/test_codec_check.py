"""Codec and `cesam check`: deterministic bytes, unknown keys kept, errors with file:line."""

from __future__ import annotations

from conftest import small_meeting

from cesam_cli.main import main
from store.core import codec
from store.core.model import Statement
from store.services.repository import Repository


def test_round_trip_is_byte_identical() -> None:
    m = small_meeting()
    m.item("digital").statements.append(Statement("v", "Vision", text="Första stycket.\n\nAndra stycket."))
    text = codec.dumps(m)
    again, warnings = codec.loads(text)
    assert warnings == []
    assert codec.dumps(again) == text
    assert '"""' in text  # long text stays multi-line for readable diffs


def test_unknown_key_survives_a_save(repo: Repository) -> None:
    repo.create(small_meeting())
    path = repo.root / "meetings/cesam/2023/2023-09-05.toml"
    text = path.read_text().replace("date = 2023-09-05\n", 'date = 2023-09-05\nrum = "KS-salen"\n')
    path.write_text(text)
    repo.commit_working_file("meetings/cesam/2023/2023-09-05.toml")
    repo.apply("2023-09-05", lambda m: setattr(m, "place", "Haninge"))
    assert 'rum = "KS-salen"' in path.read_text()


def _check(repo: Repository, capsys) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    code = main(["--repo", str(repo.root), "check"])
    return code, capsys.readouterr().out


def test_check_reports_toml_error_with_line(repo: Repository, capsys) -> None:  # type: ignore[no-untyped-def]
    repo.create(small_meeting())
    path = repo.root / "meetings/cesam/2023/2023-09-05.toml"
    lines = path.read_text().splitlines()
    lines[6] = 'title = "oavslutad'
    path.write_text("\n".join(lines) + "\n")
    code, out = _check(repo, capsys)
    assert code == 1
    assert "meetings/cesam/2023/2023-09-05.toml:7:" in out
    assert "TOML syntax error" in out


def test_check_names_conflict_markers(repo: Repository, capsys) -> None:  # type: ignore[no-untyped-def]
    repo.create(small_meeting())
    path = repo.root / "meetings/cesam/2023/2023-09-05.toml"
    path.write_text(path.read_text() + '<<<<<<< HEAD\nplace = "A"\n=======\nplace = "B"\n>>>>>>> theirs\n')
    code, out = _check(repo, capsys)
    assert code == 1
    assert "merge-conflict marker" in out


def test_check_unknown_union_lists_known(repo: Repository, capsys) -> None:  # type: ignore[no-untyped-def]
    repo.create(small_meeting())
    path = repo.root / "meetings/cesam/2023/2023-09-05.toml"
    text = path.read_text() + '\n[[items.statements]]\nid = "x"\nparty = "Visionn"\n'
    path.write_text(text)
    code, out = _check(repo, capsys)
    assert code == 1
    line = text.splitlines().index('party = "Visionn"') + 1
    assert f"2023-09-05.toml:{line}:1: unknown party 'Visionn'" in out
    assert "Kommunal, Vision" in out
