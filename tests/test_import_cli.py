"""cesam import: one commit per protocol, a report, progress; bad files reported, the rest go on."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import git_log

from cesam_cli.main import main
from store.core.config import loads_config
from store.services.repository import Repository, init_repository

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import"


def _seeds() -> Path:
    for base in (ROOT.parent / "shared" / "seeds", ROOT.parent.parent / "shared" / "seeds"):
        if base.exists():
            return base
    pytest.skip("the seed protocols (shared/seeds) are not beside this checkout")


@pytest.fixture
def haninge(tmp_path: Path) -> Repository:
    config, _ = loads_config((ROOT / "store" / "demo_data" / "cesam.toml").read_text("utf-8"))
    return init_repository(tmp_path / "repo", config)


def test_import_seeds_commits_one_meeting_each(haninge: Repository, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    seeds = _seeds()
    files = []
    for date in ("2021-06-15", "2022-09-20", "2023-09-05"):
        target = tmp_path / f"cesam-{date}.txt"
        shutil.copy(seeds / f"cesam-{date}.txt", target)
        files.append(str(target))
    broken = tmp_path / "trasig.pdf"
    broken.write_bytes(b"%PDF-1.4 nothing here")
    code = main(["--repo", str(haninge.root), "import", files[0], str(broken), *files[1:]])
    out = capsys.readouterr().out
    assert code == 1  # one file failed, the others were imported
    assert "[2/4] trasig.pdf" in out and "kan inte importeras" in out
    assert "Känt igen:" in out and "Inte med i mötet:" in out
    log = git_log(haninge)
    assert log[:3] == [
        "CESAM 2023-09-05: importerat från cesam-2023-09-05.txt",
        "CESAM 2022-09-20: importerat från cesam-2022-09-20.txt",
        "CESAM 2021-06-15: importerat från cesam-2021-06-15.txt",
    ]
    repo = Repository.open(haninge.root)
    assert sorted(str(ref) for ref in repo.list_refs()) == ["cesam/2021-06-15", "cesam/2022-09-20", "cesam/2023-09-05"]
    assert len(repo.load("cesam/2023-09-05").meeting.items) == 14
    # importing again does not overwrite
    assert main(["--repo", str(haninge.root), "import", files[2]]) == 1
    assert "finns redan" in capsys.readouterr().out or len(git_log(haninge)) == len(log)
    assert len(git_log(haninge)) == len(log)


def test_dry_run_shows_toml_and_report_and_commits_nothing(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    config, _ = loads_config((FIXTURES / "cesam.toml").read_text("utf-8"))
    repo = init_repository(tmp_path / "repo", config)
    before = git_log(repo)
    code = main(
        [
            "--repo",
            str(repo.root),
            "import",
            "--dry-run",
            "--group",
            "apt-solrosen",
            str(FIXTURES / "apt-solrosen-2024-03-12.txt"),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert 'group = "apt-solrosen"' in out and "[[attendees]]" in out
    assert "provkörning, inget sparat" in out
    assert git_log(repo) == before


def test_date_option_is_for_one_file(haninge: Repository, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code = main(["--repo", str(haninge.root), "import", "--date", "2024-01-01", "a.txt", "b.txt"])
    assert code == 2
    assert "--date" in capsys.readouterr().err


CORPUS = FIXTURES / "corpus"


@pytest.fixture
def corpus_repo(tmp_path: Path) -> Repository:
    config, _ = loads_config((CORPUS / "cesam.toml").read_text("utf-8"))
    return init_repository(tmp_path / "repo", config)


def test_report_file_and_dry_run_say_where_each_line_went(corpus_repo: Repository, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    report = tmp_path / "rapport.md"
    source = CORPUS / "skyddskommitte-20240215.txt"
    code = main(["--repo", str(corpus_repo.root), "import", "--dry-run", "--report", str(report), str(source)])
    out = capsys.readouterr().out
    assert code == 0
    assert "Rad för rad:" in out and "rad 21: sidnummer (inte med)" in out and "rad 23: punkt 3 (struktur)" in out
    assert "ord: 109 av 123 i mötet, 14 redovisade som utelämnade" in out
    text = report.read_text("utf-8")
    assert text.startswith("# Import: skyddskommitte-20240215.txt")
    assert "- ord: 109 av 123 i mötet, 14 redovisade som utelämnade" in text
    assert "## Rad för rad" in text and "- rad 20: sidhuvud eller sidfot (inte med)" in text
    assert "Skyddskommittén tekniska förvaltningen" in text  # the line itself, to check against the original


def test_notes_import_commits_all_items_and_attendees(corpus_repo: Repository) -> None:
    assert main(["--repo", str(corpus_repo.root), "import", str(CORPUS / "lg-vof-2024-05-06.md")]) == 0
    saved = Repository.open(corpus_repo.root).load("lg-vof/2024-05-06").meeting
    assert len(saved.items) == 4 and len(saved.attendees) == 5
    assert git_log(corpus_repo)[0] == "LG VoO 2024-05-06: importerat från lg-vof-2024-05-06.md"


def test_lost_words_or_an_empty_meeting_is_not_a_success(corpus_repo: Repository, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    # a parser defect is simulated: the accounting is the guard that must catch it
    import cesam_import.parser as parser
    from cesam_import.accounting import Accounting

    before = git_log(corpus_repo)
    lost = Accounting(total=10, kept=7, reported=0, lost=[(12, ["bemanning", "pool", "hösten"])])
    monkeypatch.setattr(parser, "account", lambda *args: lost)
    code = main(["--repo", str(corpus_repo.root), "import", str(CORPUS / "lg-vof-2024-05-06.md")])
    out = capsys.readouterr().out
    assert code == 1
    assert "3 ord ur originalet finns inte i mötet (rad 12" in out and "inget sparades" in out
    assert "rad 12: 3 ord finns inte i mötet: bemanning, pool, hösten" in out
    empty = Accounting(total=10, kept=0, reported=0)
    monkeypatch.setattr(parser, "account", lambda *args: empty)
    assert main(["--repo", str(corpus_repo.root), "import", str(CORPUS / "lg-vof-2024-05-06.md")]) == 1
    assert "mötet blev tomt" in capsys.readouterr().out
    assert git_log(corpus_repo) == before


# Words of the Swedish report's own wording: none may show in an English report. A word that the
# source document itself holds is not checked for that document (its titles and sentences are data).
SWEDISH_REPORT_WORDS = [
    "Känt igen",
    "Lämnat som text",
    "Kontrollera",
    "Inte med i mötet",
    "Rad för rad",
    "rad",
    "punkt",
    "rubrik",
    "utfall",
    "uppföljning",
    "närvarande",
    "frånvarande",
    "arbetsgivare",
    "fackliga",
    "brödtext",
    "stycke",
    "stycken",
    "underskrifter",
    "justerad",
    "justerat",
    "sekreterare",
    "ordförande",
    "justerare",
    "bilagedelen",
    "togs",
    "lades",
    "valdes",
    "ur listan",
    "anmäld fråga",
    "antaget",
    "ordalydelsen",
    "sidnummer",
    "sidhuvud",
    "struktur",
    "inte med",
    "ord",
    "redovisade",
    "provkörning",
    "grupp",
    "datum",
    "nästa möte",
    "avslutning",
    "underpunkter",
    "uttalanden",
]


def _report_part(out: str) -> str:
    """The report after the meeting's TOML, which is the document's own data."""
    return out[out.index("  Recognised:") :]


@pytest.mark.parametrize(
    "source",
    [
        *sorted(p.name for p in CORPUS.iterdir() if p.suffix in (".txt", ".md")),
        "cesam-2021-06-15.txt",
        "cesam-2022-09-20.txt",
        "cesam-2023-09-05.txt",
    ],
)
def test_an_english_report_has_no_swedish_words(source: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    if source.startswith("cesam-"):
        path = _seeds() / source
        config, _ = loads_config((ROOT / "store" / "demo_data" / "cesam.toml").read_text("utf-8"))
    else:
        path = CORPUS / source
        config, _ = loads_config((CORPUS / "cesam.toml").read_text("utf-8"))
    repo = init_repository(tmp_path / "repo", config)
    report = tmp_path / "report.md"
    argv = ["--repo", str(repo.root), "--lang", "en", "import", "--dry-run", "--report", str(report), str(path)]
    assert main(argv) == 0
    shown = _report_part(capsys.readouterr().out)
    # the Markdown report without the source lines it quotes for the secretary to compare
    written = "\n".join(line.split(" — “")[0] for line in report.read_text("utf-8").splitlines())
    source_words = path.read_text("utf-8").casefold()
    checked = [w for w in SWEDISH_REPORT_WORDS if w.casefold() not in source_words]
    assert len(checked) >= 15, checked
    for word in checked:
        pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
        assert not pattern.search(shown), f"{word!r} in the English report:\n{shown}"
        assert not pattern.search(written), f"{word!r} in the English Markdown report:\n{written}"
    assert "Line by line" in shown and "words:" in shown
