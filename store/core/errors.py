"""Errors and problems: the one place that turns failures into user messages.

Every failure a user can cause or meet is a :class:`CesamError` with an exit
code documented in the README. Its message and hint are :class:`Msg` (a
catalogue key and its fields) worded in the reader's language where they are
shown: the CLI's error printer and the TUI's error path call
``error.text(lang)``; ``str(error)`` words them in English, for logs. A plain
string message is someone else's words (git's stderr, a parser's) and is shown
as it is. Nothing here knows about terminals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum, StrEnum

LOG_LANGUAGE = "en"
"""The language of ``str(error)``: logs, crash reports and tests that read an error without a reader."""


@dataclass(frozen=True)
class Msg:
    """A catalogue key and its fields, worded in the reader's language when shown.

    A field may itself be :class:`Msg` (worded in the same language); other fields are data
    (a meeting reference, a path, a date) and are shown as they are."""

    key: str
    fields: tuple[tuple[str, object], ...] = ()

    def text(self, lang: str | None = LOG_LANGUAGE) -> str:
        # imported here: the catalogue's domain table reads the model, which raises these errors
        from store.core.catalogue import t

        return t(self.key, lang, **{k: worded(v, lang) for k, v in self.fields})

    def __str__(self) -> str:
        return self.text()


def words(key: str, /, **fields: object) -> Msg:
    """What an error says, by catalogue key: ``raise UsageError(words("err.x", ref=ref))``."""
    return Msg(key, tuple(fields.items()))


def worded(value: object, lang: str | None = LOG_LANGUAGE) -> object:
    """``value`` in ``lang`` when it is :class:`Msg`; anything else as it is."""
    return value.text(lang) if isinstance(value, Msg) else value


def error_text(exc: BaseException, lang: str | None) -> str:
    """What the reader is shown for ``exc``: a cesam error in their language, anything else as it is."""
    return exc.text(lang) if isinstance(exc, CesamError) else str(exc)


class ExitCode(IntEnum):
    OK = 0
    PROBLEMS = 1  # check/verify found problems
    USAGE = 2  # bad arguments, unknown meeting
    INVALID = 3  # a file does not parse or validate
    REPO_STATE = 4  # merge in progress, unmerged paths, lock held, dirty file
    GIT = 5  # git failed (identity missing, hook refused, ...)
    REMOTE = 6  # remote unreachable, authentication, rejected push
    CONFLICT = 7  # sync stopped on a conflict that needs the user


class ProblemKind(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass
class Problem:
    message: str
    line: int = 0
    col: int = 0
    key_path: tuple[str | int, ...] = ()
    kind: ProblemKind = ProblemKind.ERROR
    file: str = ""

    @classmethod
    def from_toml_error(cls, exc: ValueError) -> Problem:
        # a TOMLDecodeError of tomli or of the stdlib's tomllib (both are ValueErrors)
        line = getattr(exc, "lineno", 0) or 0
        col = getattr(exc, "colno", 0) or 0
        msg = getattr(exc, "msg", None) or str(exc)
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        if match and not line:
            line, col = int(match.group(1)), int(match.group(2))
        msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", msg)
        return cls(message=f"TOML syntax error: {msg}", line=line, col=col)

    def __str__(self) -> str:
        where = self.file or "<text>"
        if self.line:
            where += f":{self.line}:{self.col or 1}"
        prefix = "warning: " if self.kind == ProblemKind.WARNING else ""
        return f"{where}: {prefix}{self.message}"


class CesamError(Exception):
    exit_code: ExitCode = ExitCode.GIT

    def __init__(self, message: str | Msg, *, hint: str | Msg = "") -> None:
        super().__init__(worded(message))
        self.said = message
        self.said_hint = hint

    def details(self) -> list[str]:
        """Lines shown between the message and the hint (a file's problems): data, in no language."""
        return []

    def headline(self, lang: str | None = LOG_LANGUAGE) -> str:
        """The message with its details, without the hint."""
        return "\n".join([str(worded(self.said, lang)), *self.details()])

    def text(self, lang: str | None = LOG_LANGUAGE) -> str:
        """Message, details and hint in ``lang``: what a reader is shown."""
        hint = str(worded(self.said_hint, lang))
        return f"{self.headline(lang)}\n{hint}" if hint else self.headline(lang)

    @property
    def message(self) -> str:
        return self.headline()

    @property
    def hint(self) -> str:
        return str(worded(self.said_hint))

    def __str__(self) -> str:
        return self.text()


class UsageError(CesamError):
    exit_code = ExitCode.USAGE


class InvalidFileError(CesamError):
    exit_code = ExitCode.INVALID

    def __init__(self, message: str | Msg, problems: list[Problem] | None = None, *, hint: str | Msg = "") -> None:
        self.problems = problems or []
        super().__init__(message, hint=hint)

    def details(self) -> list[str]:
        return [str(p) for p in self.problems]


class RepoStateError(CesamError):
    exit_code = ExitCode.REPO_STATE


class FrozenError(RepoStateError):
    """The meeting is justerad; reopen it first."""


class GitError(CesamError):
    exit_code = ExitCode.GIT


class RemoteError(CesamError):
    exit_code = ExitCode.REMOTE


class ConflictError(CesamError):
    exit_code = ExitCode.CONFLICT

    def __init__(self, message: str | Msg, *, hint: str | Msg = "", details: list[str] | None = None) -> None:
        super().__init__(message, hint=hint)
        self.detail_lines = details or []
