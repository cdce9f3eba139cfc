"""How cesam runs git: the git command line, one process per call, nothing in between.

We drive the command line rather than an object model: ``git commit``
respects hooks, signing and .gitattributes (an index API does not), and no
long-lived ``cat-file`` processes are left behind. Each call is a plain
``subprocess.run``: a library wrapper would add nothing here, and importing
GitPython cost every start of cesam about a fifth of its time (its import
also ran ``git version`` once).

Every call runs with ``GIT_TERMINAL_PROMPT=0`` so a remote asking for a
password fails at once instead of hanging a UI, with git's messages in
English (we parse some), and callers put ``--`` before every path so a name
from data is never read as an option.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from pathlib import Path

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
        self.env = {**BASE_ENV, **(env or {})}

    def _run(self, args: tuple[str, ...], stdin: bytes | None) -> tuple[bytes, str]:
        """git's stdout, and its stderr without the final newline; GitFailed when it exits non-zero."""
        # a folder we cannot enter (not made yet, say) runs git where we are, as cesam always has
        cwd = self.root if os.access(self.root, os.X_OK) else None
        try:
            proc = subprocess.run(
                ["git", *args],
                cwd=cwd,
                input=stdin,
                stdin=subprocess.DEVNULL if stdin is None else None,
                capture_output=True,
                env={**os.environ, **self.env},
                check=False,
            )
        except FileNotFoundError:
            raise GitError("git is not installed or not on PATH", hint="Install git (apt-get install git).") from None
        stderr = proc.stderr.decode("utf-8", "surrogateescape").removesuffix("\n")
        if proc.returncode:
            raise GitFailed(list(args), proc.returncode, stderr)
        return proc.stdout, stderr

    def run(self, *args: str, stdin: str | None = None, strip: bool = True) -> str:
        """Run ``git ARGS`` in the repository and return its stdout.

        ``strip`` removes the newline git ends its output with; with ``stdin``
        it removes whitespace at both ends (the two forms have always
        differed, and callers rely on each).
        """
        out, _ = self._run(args, None if stdin is None else stdin.encode("utf-8"))
        if stdin is not None:
            text = out.decode("utf-8", "replace")
            return text.strip() if strip else text
        text = out.decode("utf-8", "surrogateescape")
        return text.removesuffix("\n") if strip else text

    def run_bytes(self, *args: str) -> bytes:
        """git's stdout as bytes, less the one final newline (callers that need it add it back)."""
        out, _ = self._run(args, None)
        return out.removesuffix(b"\n")

    def ok(self, *args: str) -> bool:
        try:
            self.run(*args)
        except GitFailed:
            return False
        return True


def git_version() -> str:
    return Git(Path.cwd()).run("--version")
