"""The only module that talks to GitPython.

We drive the git command line through GitPython's ``Git`` wrapper rather than
its object model: ``git commit`` respects hooks, signing and .gitattributes
(the index API does not), and a bare ``Git`` holds no long-lived
``cat-file`` processes, which ``Repo`` objects leak unless closed.

Every call runs with ``GIT_TERMINAL_PROMPT=0`` so a remote asking for a
password fails at once instead of hanging a UI, and callers put ``--``
before every path so a name from data is never read as an option.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import git as gitpython
from git.exc import GitCommandError, GitCommandNotFound

from .errors import GitError

BASE_ENV = {
    "GIT_TERMINAL_PROMPT": "0",
    "GCM_INTERACTIVE": "never",
    # messages we parse must not be translated
    "LC_ALL": "C",
    "LANGUAGE": "C",
}


class GitFailed(GitError):
    """A git command exited non-zero; ``stderr`` holds git's own words."""

    def __init__(self, args: list[str], status: int, stderr: str) -> None:
        self.args_ = args
        self.status = status
        self.stderr = stderr.strip()
        super().__init__(f"git {' '.join(args[:2])} failed: {self.stderr or f'exit {status}'}")


class Git:
    def __init__(self, root: Path | str, env: Mapping[str, str] | None = None) -> None:
        self.root = Path(root)
        self._git = gitpython.Git(str(self.root))
        self.env = {**BASE_ENV, **(env or {})}

    def run(self, *args: str, stdin: str | None = None, strip: bool = True) -> str:
        """Run ``git ARGS`` in the repository and return its stdout."""
        command = ["git", *args]
        try:
            if stdin is not None:
                # GitPython takes input as a stream; a pipe keeps memory flat
                import subprocess

                try:
                    proc = subprocess.run(
                        command,
                        cwd=self.root,
                        input=stdin.encode("utf-8"),
                        capture_output=True,
                        env={**os.environ, **self.env},
                        check=False,
                    )
                except FileNotFoundError:
                    raise GitCommandNotFound(command, "git not found") from None
                if proc.returncode:
                    raise GitFailed(list(args), proc.returncode, proc.stderr.decode("utf-8", "replace"))
                out = proc.stdout.decode("utf-8", "replace")
                return out.strip() if strip else out
            out = self._git.execute(command, env=self.env, strip_newline_in_stdout=strip)
        except GitCommandError as exc:
            stderr = exc.stderr if isinstance(exc.stderr, str) else str(exc.stderr or "")
            stderr = stderr.strip().removeprefix("stderr:").strip().strip("'")
            raise GitFailed(list(args), int(exc.status or 1), stderr) from None
        except GitCommandNotFound:
            raise GitError("git is not installed or not on PATH", hint="Install git (apt-get install git).") from None
        return out if isinstance(out, str) else out.decode("utf-8", "replace")

    def run_bytes(self, *args: str) -> bytes:
        command = ["git", *args]
        try:
            out = self._git.execute(command, env=self.env, as_process=False, stdout_as_string=False)
        except GitCommandError as exc:
            raise GitFailed(list(args), int(exc.status or 1), str(exc.stderr or "")) from None
        return out if isinstance(out, bytes) else str(out).encode()

    def ok(self, *args: str) -> bool:
        try:
            self.run(*args)
        except GitFailed:
            return False
        return True


def git_version() -> str:
    return Git(Path.cwd()).run("--version")
