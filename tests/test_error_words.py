"""Errors speak the reader's language: a catalogue key and its fields, worded where they are shown.

The CLI's error printer words an error in ``--lang`` (else the repository's language), the TUI in the
app's; ``str(error)`` is English, for logs. A scan counts the raise sites that still word their
message inline in English, and fails when that number grows.
"""

from __future__ import annotations

import ast
import subprocess
from pathlib import Path

import pytest
from code_scan import is_text
from conftest import small_meeting
from tui_helpers import make_app, run_async, settle

from cesam_cli.main import main
from store.core.errors import ExitCode, InvalidFileError, Problem, UsageError, words
from store.services.repository import Repository

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("store", "cesam_cli", "cesam_tui", "cesam_docs", "cesam_import", "cesam_site")

# Raise sites whose message or hint is still words written in the code (English, or the importer's
# Swedish). Lower them as sites move to the catalogue (store/core/catalogue/errors.py); never raise them.
# Errors a user is shown (cesam's error types, argparse's): the repository-path problems of
# store/core/paths.py (repo_paths.py, attachments.py), argparse's date type (parsed before the
# language is known), and the blob reader's "no answer" (git's failure, like its stderr).
INLINE_USER_RAISES = 4
# Python's own exceptions used as signals inside cesam (a cache entry that does not parse, an agenda move
# that cannot be made): caught and turned into catalogue words where a user would see them. One of them,
# store/core/merge.py's "is not ja/nej", still reaches `cesam resolve` as it is.
INLINE_BUILTIN_RAISES = 28
BUILTINS = {"ValueError", "TypeError", "OSError", "KeyError", "RuntimeError"}


def _raised_name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def inline_raises(source: str, *, builtin: bool | None = None) -> list[int]:
    """Lines of `raise SomeError("words", hint="words")` whose message or hint is written inline;
    only Python's own exceptions (builtin=True) or only the others (builtin=False) when asked."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            call = node.exc
            if builtin is not None and (_raised_name(call) in BUILTINS) != builtin:
                continue
            said = [*call.args[:1], *(kw.value for kw in call.keywords if kw.arg in ("message", "hint"))]
            if any(is_text(arg) for arg in said):
                found.append(node.lineno)
    return found


def _all_inline_raises(*, builtin: bool | None = None) -> list[str]:
    sites = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            found = inline_raises(path.read_text(encoding="utf-8"), builtin=builtin)
            sites += [f"{rel}:{line}" for line in found]
    return sites


def test_the_scan_finds_inline_messages_and_passes_catalogue_words() -> None:
    assert inline_raises('raise UsageError(f"no meeting {ref}")') == [1]
    assert inline_raises('raise UsageError("x: " + y)') == [1]
    assert inline_raises('raise UsageError(words("err.no_meeting", ref=r), hint="Try again.")') == [1]
    assert inline_raises('raise UsageError(words("err.no_meeting", ref=r), hint=words("err.x"))') == []
    assert inline_raises("raise GitError(exc.stderr)") == []  # git's own words, shown as they are
    assert inline_raises('raise ValueError("not a problem")', builtin=False) == []
    assert inline_raises('raise ValueError("not a problem")', builtin=True) == [1]


def test_inline_error_text_does_not_grow() -> None:
    users = _all_inline_raises(builtin=False)
    assert len(users) <= INLINE_USER_RAISES, "new inline error text; use words(...):\n" + "\n".join(users)
    builtins = _all_inline_raises(builtin=True)
    assert len(builtins) <= INLINE_BUILTIN_RAISES, "new inline exception text:\n" + "\n".join(builtins)


def test_an_error_is_worded_in_the_language_asked_for() -> None:
    exc = UsageError(words("err.no_meeting", ref="cesam/2023-09-05"), hint=words("err.list_meetings.hint"))
    assert exc.text("sv") == "inget möte cesam/2023-09-05\n`cesam list` visar mötena."
    assert exc.text("en") == "no meeting cesam/2023-09-05\n`cesam list` shows the meetings."
    assert str(exc) == exc.text("en") and exc.message == "no meeting cesam/2023-09-05"
    # a field that is itself words is worded in the same language
    nested = UsageError(words("err.detached", at=words("err.detached.at", commit="abc12345")))
    assert "frikopplat vid abc12345" in nested.text("sv") and "detached at abc12345" in nested.text("en")
    # a file's problems are data: the same lines in both languages, between message and hint
    bad = InvalidFileError(words("err.invalid_meeting", relpath="m.toml"), [Problem("x", line=3, file="m.toml")])
    assert bad.text("sv").splitlines() == ["m.toml är inte ett giltigt möte", "m.toml:3:1: x"]
    # someone else's words (git's stderr) are shown as they are
    assert UsageError("fatal: bad object").text("sv") == "fatal: bad object"


def _cli(capsys: pytest.CaptureFixture[str], repo: Repository, *args: str) -> tuple[int, str]:
    code = main(["--repo", str(repo.root), *args])
    return code, capsys.readouterr().err


@pytest.mark.parametrize(
    ("lang", "said"),
    [("sv", "cesam: inget möte den 2031-01-01\n`cesam list` visar mötena."), ("en", "cesam: no meeting on 2031-01-01")],
)
def test_unknown_meeting_in_each_language(
    repo: Repository, capsys: pytest.CaptureFixture[str], lang: str, said: str
) -> None:
    code, err = _cli(capsys, repo, "--lang", lang, "show", "2031-01-01")
    assert code == ExitCode.USAGE
    assert said in err


@pytest.mark.parametrize(
    ("lang", "said"),
    [("sv", "okänd grupp 'nope'; kända grupper: cesam"), ("en", "unknown group 'nope'; known groups: cesam")],
)
def test_unknown_group_in_each_language(
    repo: Repository, capsys: pytest.CaptureFixture[str], lang: str, said: str
) -> None:
    code, err = _cli(capsys, repo, "--lang", lang, "show", "nope/2023-09-05")
    assert code == ExitCode.USAGE
    assert said in err


def test_a_git_operation_in_progress_in_each_language(repo: Repository, capsys: pytest.CaptureFixture[str]) -> None:
    repo.create(small_meeting())
    root = repo.root

    def git(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=False)

    git("switch", "-q", "-c", "other")
    repo.apply("2023-09-05", lambda m: setattr(m, "place", "Rum B"))
    git("switch", "-q", "main")
    repo.apply("2023-09-05", lambda m: setattr(m, "place", "Rum A"))
    assert git("merge", "other").returncode != 0
    code, err = _cli(capsys, repo, "--lang", "sv", "new", "--date", "2023-10-03")
    assert code == ExitCode.REPO_STATE
    assert "en git merge pågår i" in err and "Gör klart den (`git merge --continue`)" in err
    assert "in progress" not in err
    code, err = _cli(capsys, repo, "--lang", "en", "new", "--date", "2023-10-03")
    assert code == ExitCode.REPO_STATE
    assert "a git merge is in progress in" in err and "Finish it (`git merge --continue`)" in err


def test_without_lang_an_error_speaks_the_repository_language(
    repo: Repository, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = _cli(capsys, repo, "show", "2031-01-01")
    assert code == ExitCode.USAGE and "inget möte den 2031-01-01" in err


@pytest.mark.parametrize(("lang", "said"), [("sv", "inget möte den 2031-01-01"), ("en", "no meeting on 2031-01-01")])
@run_async
async def test_the_tui_shows_an_error_in_the_app_language(repo: Repository, lang: str, said: str) -> None:
    repo.create(small_meeting())
    app = make_app(repo, lang=lang)
    async with app.run_test() as pilot:
        await settle(pilot)
        try:
            repo.resolve("2031-01-01")
        except UsageError as exc:
            app.notify_error(exc)
        await settle(pilot)
        shown = [str(n.message) for n in app._notifications if n.severity == "error"]
        assert any(said in text for text in shown), shown
