"""The only module that talks to GitPython: how cesam runs git.

We drive the git command line through GitPython's ``Git`` wrapper rather
than its object model: ``git commit`` respects hooks, signing and
.gitattributes (the index API does not), and a bare ``Git`` holds no
long-lived ``cat-file`` processes, which ``Repo`` objects leak unless closed.

GitPython is imported on the first git call that writes, not when cesam
starts: its import costs a fifth of a start (it also runs ``git version``).
Commands that only read (``READING``) run as a plain subprocess with the
same environment, so the reading commands never import it.

Every call runs with ``GIT_TERMINAL_PROMPT=0`` so a remote asking for a
password fails at once instead of hanging a UI, with git's messages in
English (we parse some), and callers put ``--`` before every path so a name
from data is never read as an option.
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import subprocess

from store.core.errors import GitError, words

BASE_ENV = {
    "GIT_TERMINAL_PROMPT": "0",
    "GCM_INTERACTIVE": "never",
    # messages we parse must not be translated
    "LC_ALL": "C",
    "LANGUAGE": "C",
    # `git status` and `git diff` would take index.lock to refresh the index, and a save
    # committing in another cesam at that moment would fail on it; the writers' own
    # `git add`/`git commit` take the lock they need regardless
    "GIT_OPTIONAL_LOCKS": "0",
}


# Commands that only read: run as a plain subprocess, so that `cesam list`, `log`,
# `show`, `search` and `check` never import GitPython (54 ms of `cesam log`).
# Commands that write (commit, merge, tag, fetch, push…) keep going through
# GitPython's wrapper, as they always have.
READING = frozenset(
    {
        "cat-file",
        "diff",
        "for-each-ref",
        "hash-object",
        "log",
        "ls-files",
        "ls-tree",
        "merge-base",
        "rev-list",
        "rev-parse",
        "show",
        "status",
        "verify-tag",
        "--version",
    }
)


def reads(args: tuple[str, ...]) -> bool:
    """Whether ``git ARGS`` only reads (config --get, symbolic-ref NAME and `remote` listing included)."""
    if not args:
        return False
    command, rest = args[0], args[1:]
    if command in READING:
        return True
    if command == "config":
        action = [a for a in rest if a not in _CONFIG_READ_FLAGS][:1]
        return action in (["--get"], ["--get-all"], ["--get-regexp"])
    operands = [a for a in rest if not a.startswith("-")]
    if command == "symbolic-ref":
        return len(operands) <= 1
    return command == "remote" and (not operands or operands[0] == "get-url")


# options that only say where or how `git config` reads (the action follows them)
_CONFIG_READ_FLAGS = frozenset({"--local", "--global", "--system", "-z", "--null", "--type=bool", "--includes"})


class GitFailed(GitError):
    """A git command exited non-zero; ``stderr`` holds git's own words."""

    def __init__(self, args: list[str], status: int, stderr: str, *, timed_out: bool = False) -> None:
        self.args_ = args
        self.status = status
        self.stderr = stderr.strip()
        self.timed_out = timed_out
        super().__init__(f"git {' '.join(args[:2])} failed: {self.stderr or f'exit {status}'}")


@functools.cache
def _gitpython() -> Any:
    # GitPython runs `git version` when imported; without git on PATH it raises
    os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")
    import git

    return git


def load() -> None:
    """Import GitPython now rather than on the first git call.

    For a program that runs git at once on a worker thread (the UI's first
    screen): imported there, it competes for the GIL with the main thread's
    own start and takes several times as long.
    """
    _gitpython()


def _text(value: str | bytes | None, errors: str = "surrogateescape") -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else value.decode("utf-8", errors)


class Git:
    def __init__(self, root: Path | str, env: Mapping[str, str] | None = None, timeout: float | None = None) -> None:
        """``timeout``: seconds after which git and every process it started are killed (GitFailed.timed_out)."""
        self.root = Path(root)
        self.env = {**BASE_ENV, **(env or {})}
        self.timeout = timeout

    def _run(self, args: tuple[str, ...], stdin: bytes | None) -> tuple[bytes, str]:
        """git's stdout, and its stderr without the final newline; GitFailed when it exits non-zero."""
        if self.timeout is not None:
            return self._run_timed(args, stdin, self.timeout)
        # a folder we cannot enter (not made yet, say) runs git where we are, as cesam always has
        cwd = str(self.root) if os.access(self.root, os.X_OK) else None
        if reads(args):
            return self._run_plain(args, stdin, cwd)
        gitpython = _gitpython()
        # GitPython takes input as a file; a temporary one has no pipe-size limit
        with contextlib.ExitStack() as stack:
            stream = None
            if stdin is not None:
                import tempfile  # only a call with input needs it (and shutil, lzma… under it)

                stream = stack.enter_context(tempfile.TemporaryFile())
                stream.write(stdin)
                stream.seek(0)
            try:
                status, out, err = gitpython.Git(cwd).execute(
                    ["git", *args],
                    istream=stream,
                    with_extended_output=True,
                    with_exceptions=False,
                    stdout_as_string=False,
                    strip_newline_in_stdout=False,
                    env=self.env,
                )
            except gitpython.exc.GitCommandNotFound:
                raise GitError(words("err.no_git"), hint=words("err.no_git.hint")) from None
        stdout = out if isinstance(out, bytes) else _text(out).encode("utf-8", "surrogateescape")
        stderr = _text(err).removesuffix("\n")
        if status:
            raise GitFailed(list(args), int(status), stderr)
        return stdout, stderr

    def _run_plain(self, args: tuple[str, ...], stdin: bytes | None, cwd: str | None) -> tuple[bytes, str]:
        """A reading command as a plain subprocess, in the environment GitPython would give it."""
        import subprocess

        env = {**os.environ, **self.env}
        try:
            # no input: stdin is closed, never the terminal's (a hook or a prompt must not wait on it)
            given: dict[str, Any] = {"input": stdin} if stdin is not None else {"stdin": subprocess.DEVNULL}
            done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, env=env, check=False, **given)
        except FileNotFoundError:
            raise GitError(words("err.no_git"), hint=words("err.no_git.hint")) from None
        stderr = _text(done.stderr).removesuffix("\n")
        if done.returncode:
            raise GitFailed(list(args), done.returncode, stderr)
        return done.stdout, stderr

    def _run_timed(self, args: tuple[str, ...], stdin: bytes | None, timeout: float) -> tuple[bytes, str]:
        """git under a time limit, in a process group of its own.

        A remote that accepts the connection and never answers leaves git (and
        the ssh or git-remote-http it started, which hold its pipes) waiting
        forever; the whole group is killed when the time is up.
        """
        import signal
        import subprocess

        cwd = str(self.root) if os.access(self.root, os.X_OK) else None
        try:
            proc = subprocess.Popen(
                ["git", *args],
                cwd=cwd,
                env={**os.environ, **self.env},
                stdin=subprocess.DEVNULL if stdin is None else subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=os.name == "posix",
            )
        except FileNotFoundError:
            raise GitError(words("err.no_git"), hint=words("err.no_git.hint")) from None
        try:
            out, err = proc.communicate(stdin, timeout=timeout)
        except subprocess.TimeoutExpired:
            if os.name == "posix":
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
            proc.kill()
            proc.communicate()
            raise GitFailed(list(args), -9, f"no answer within {timeout:g} s", timed_out=True) from None
        stderr = _text(err).removesuffix("\n")
        if proc.returncode:
            raise GitFailed(list(args), proc.returncode, stderr)
        return out, stderr

    def run(self, *args: str, stdin: str | bytes | None = None, strip: bool = True) -> str:
        """Run ``git ARGS`` in the repository and return its stdout as text.

        The one output contract, with or without ``stdin``: bytes decoded as
        UTF-8 (undecodable bytes kept as surrogates, so a path round-trips),
        and ``strip`` removes exactly the one newline git ends its output with.
        """
        out = self.run_bytes(*args, stdin=stdin)
        text = out.decode("utf-8", "surrogateescape")
        return text.removesuffix("\n") if strip else text

    def run_bytes(self, *args: str, stdin: str | bytes | None = None) -> bytes:
        """git's stdout exactly as written (nothing stripped), for output delimited by byte counts."""
        data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
        out, _ = self._run(args, data)
        return out

    def spawn(self, *args: str) -> subprocess.Popen[bytes]:
        """A long-lived ``git ARGS`` with pipes on stdin and stdout (``cat-file --batch``).

        The caller owns the process and must close it (store.gitio.blobs does).
        """
        import subprocess

        cwd = str(self.root) if os.access(self.root, os.X_OK) else None
        try:
            return subprocess.Popen(
                ["git", *args],
                cwd=cwd,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env={**os.environ, **self.env},
            )
        except FileNotFoundError:
            raise GitError(words("err.no_git"), hint=words("err.no_git.hint")) from None

    def run_with_stderr(self, *args: str) -> tuple[str, str]:
        """stdout and stderr of a command that reports on stderr even when it succeeds (verify-tag)."""
        out, err = self._run(args, None)
        return out.decode("utf-8", "replace").removesuffix("\n"), err

    def ok(self, *args: str) -> bool:
        try:
            self.run(*args)
        except GitFailed:
            return False
        return True
