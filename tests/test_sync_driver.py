"""The merge driver as git calls it: files in, merged file out, exit status."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from conftest import small_meeting

from cesam_cli.main import main as cesam
from store.core import codec
from store.core.model import Meeting, Statement
from store.services.gitsetup import driver_command, ensure_merge_driver
from store.services.mergedriver import merge_file
from store.services.repository import Repository


def versions() -> tuple[Meeting, Meeting, Meeting]:
    base = small_meeting()
    base.item("koncern").statements = [Statement("vision-1", "Vision", text="Fråga", answer="Svar")]
    return base, copy.deepcopy(base), copy.deepcopy(base)


def write(tmp_path: Path, base: Meeting | str, ours: Meeting | str, theirs: Meeting | str) -> list[str]:
    paths = []
    for name, value in (("O", base), ("A", ours), ("B", theirs)):
        path = tmp_path / name
        path.write_text(value if isinstance(value, str) else codec.dumps(value), encoding="utf-8")
        paths.append(str(path))
    return paths


def test_clean_merge_writes_the_result_and_exits_0(tmp_path: Path) -> None:
    base, ours, theirs = versions()
    ours.item("koncern").statement("vision-1").text = "Ny fråga"
    theirs.item("koncern").statement("vision-1").answer = "Nytt svar"
    o, a, b = write(tmp_path, base, ours, theirs)
    assert cesam(["merge-driver", o, a, b, "meetings/cesam/2023/2023-09-05.toml"]) == 0
    merged = codec.loads(Path(a).read_text(encoding="utf-8"))[0].item("koncern").statement("vision-1")
    assert (merged.text, merged.answer) == ("Ny fråga", "Nytt svar")


def test_conflict_exits_1_with_markers_around_that_field_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base, ours, theirs = versions()
    ours.item("koncern").statement("vision-1").text = "Vår"
    theirs.item("koncern").statement("vision-1").text = "Deras"
    theirs.place = "Rådhuset"
    o, a, b = write(tmp_path, base, ours, theirs)
    assert cesam(["merge-driver", o, a, b, "meetings/cesam/2023/2023-09-05.toml"]) == 1
    text = Path(a).read_text(encoding="utf-8")
    assert text.count("<<<<<<< mine") == 1 and text.count(">>>>>>> theirs") == 1
    block = text[text.index("<<<<<<<") : text.index(">>>>>>>")]
    assert block.count("\n") == 4  # marker, our line, separator, their line
    assert 'place = "Rådhuset"' in text
    err = capsys.readouterr().err
    assert "§ 2 Koncernfrågor: Vision – synpunkt, text" in err and "cesam resolve" in err


def test_both_added_the_file(tmp_path: Path) -> None:
    _, ours, theirs = versions()
    theirs.place = "Rådhuset"
    o, a, b = write(tmp_path, "", ours, theirs)
    assert cesam(["merge-driver", o, a, b, "meetings/cesam/2023/2023-09-05.toml"]) == 0
    assert codec.loads(Path(a).read_text(encoding="utf-8"))[0].place == "Rådhuset"


def test_a_side_that_is_not_toml_falls_back_to_lines(tmp_path: Path) -> None:
    base, ours, theirs = versions()
    broken = codec.dumps(theirs).replace('title = "Koncernfrågor"', 'title = "Koncernfrågor')
    o, a, b = write(tmp_path, base, ours, broken)
    assert cesam(["merge-driver", o, a, b, "meetings/cesam/2023/2023-09-05.toml"]) == 0
    assert Path(a).read_text(encoding="utf-8") == broken  # only theirs changed: git's answer too
    # far from the broken line, git's line merge is clean; on the same line it is a file conflict
    far = merge_file("x.toml", codec.dumps(base), codec.dumps(ours).replace("Fråga", "Q"), broken)
    assert far.clean and far.text is not None and 'text = "Q"' in far.text
    ours.item("koncern").title = "Koncern"
    near = merge_file("x.toml", codec.dumps(base), codec.dumps(ours), broken)
    assert [c.kind for c in near.conflicts] == ["file"]


def test_init_registers_the_driver_and_keeps_a_custom_one(repo: Repository, tmp_path: Path) -> None:
    assert repo.git.run("config", "merge.cesam.driver") == driver_command()
    assert (repo.root / ".gitattributes").read_text(encoding="utf-8").count("merge=cesam") == 1
    custom = tmp_path / "opt-cesam"
    custom.write_text("#!/bin/sh\n", encoding="utf-8")  # another installation that exists
    repo.git.run("config", "merge.cesam.driver", f"{custom} merge-driver %O %A %B %P")
    assert ensure_merge_driver(repo) is False
    assert repo.git.run("config", "merge.cesam.driver").startswith(str(custom))
    repo.git.run("config", "merge.cesam.driver", "/opt/gone/bin/cesam merge-driver %O %A %B %P")
    assert ensure_merge_driver(repo) is True  # that installation moved: repaired
    assert repo.git.run("config", "merge.cesam.driver") == driver_command()
