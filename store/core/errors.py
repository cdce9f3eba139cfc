"""Errors and problems: the one place that turns failures into user messages.

Every failure a user can cause or meet is a :class:`CesamError` with an exit
code documented in the README; the CLI prints ``str(error)`` and exits with
``error.exit_code``, the TUI shows it as a notification. Nothing here
knows about terminals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum, StrEnum


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

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n{self.hint}" if self.hint else self.message


class UsageError(CesamError):
    exit_code = ExitCode.USAGE


class InvalidFileError(CesamError):
    exit_code = ExitCode.INVALID

    def __init__(self, message: str, problems: list[Problem] | None = None, *, hint: str = "") -> None:
        self.problems = problems or []
        details = "\n".join(str(p) for p in self.problems)
        super().__init__(f"{message}\n{details}" if details else message, hint=hint)


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

    def __init__(self, message: str, *, hint: str = "", details: list[str] | None = None) -> None:
        super().__init__(message, hint=hint)
        self.details = details or []
