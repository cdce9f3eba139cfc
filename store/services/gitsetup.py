"""cesam's entries in a repository's git config: the merge driver and the diff textconv.

git never copies config with a clone, so every clone needs them written once
(``cesam setup-git``, ``cesam init``, and any cesam command that opens a
repository). Both commands name this installation's Python interpreter by
its absolute path, so they work for a colleague who runs cesam as
``.venv/bin/cesam`` and never has ``cesam`` on PATH.

The driver command line ends in a shell fallback: when the interpreter is
gone (the installation moved or was removed) or cannot import cesam, git's
own ``merge-file`` writes the usual conflict markers and the file is
reported as conflicted. git never sees a file that silently holds one side.

Entries that point at an installation that no longer exists, or at a bare
``cesam`` word, are repaired on the next run; an entry that points at
another working installation is left alone.
"""

from __future__ import annotations

import shlex
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from store.gitio import gitconfig

if TYPE_CHECKING:
    from store.gitio.git import Git

DRIVER_NAME = "cesam: möten fält för fält (field by field)"
DIFF_NAME = "cesam: möten i ord (meetings in words)"
#: meeting files use cesam's driver and textconv; written to .git/info/attributes by setup-git
#: only for ``diff`` (the merge attribute belongs in the shared .gitattributes, see sync_checks)
INFO_ATTRIBUTES = "meetings/**/*.toml diff=cesam\n"


class _HasGit(Protocol):
    git: Git

    @property
    def git_dir(self) -> Path: ...


def _python() -> str:
    """This installation's interpreter, absolute (a venv's python is a link: keep the link)."""
    return str(Path(sys.executable).absolute())


def driver_command(python: str | None = None) -> str:
    """The ``merge.cesam.driver`` command line: cesam's driver, else git's line merge with markers.

    The driver exits 1 after writing markers around the fields in conflict.
    Any other failure (no interpreter: 126/127; cesam not importable or a
    crash: 1 with no marker written) falls back to ``git merge-file``, and
    the merge still counts as a conflict so a person looks at it.
    """
    py = shlex.quote(python or _python())
    fallback = (
        "echo 'cesam merge-driver could not run; merged by lines, check the file:' %P >&2; "
        'if [ -d "$(git rev-parse --git-path rebase-merge)" ] || [ -d "$(git rev-parse --git-path rebase-apply)" ]; '
        "then git merge-file -L theirs -L base -L mine %A %O %B; "
        "else git merge-file -L mine -L base -L theirs %A %O %B; fi; exit 1"
    )
    return f"{py} -m store.services.mergedriver %O %A %B %P || {{ grep -q '^<<<<<<< ' %A && exit 1; {fallback}; }}"


def textconv_command(python: str | None = None) -> str:
    return f"{shlex.quote(python or _python())} -m cesam_cli.textconv"


def _program(command: str) -> str | None:
    """The first word of a configured command, or None when it is not a plain shell word list."""
    try:
        words = shlex.split(command)
    except ValueError:
        return None
    return words[0] if words else None


def _is_ours(command: str) -> bool:
    return "merge-driver" in command or "mergedriver" in command or "textconv" in command


def _works(command: str) -> bool:
    """Whether a configured cesam command still names an existing program by its path."""
    program = _program(command)
    if not program or "/" not in program:
        return False  # a bare word (``cesam``) depends on PATH: the case that broke plain `git pull`
    return Path(program).exists()


@dataclass
class SetupReport:
    """What :func:`setup_git` changed: config keys written, and why."""

    written: list[str]

    @property
    def changed(self) -> bool:
        return bool(self.written)


# the keys cesam keeps in a clone's config, read with one git process
_OURS = r"^(merge|diff)\.cesam\.(driver|name|textconv)$"
Known = dict[str, str]


def _current(git: Git, key: str, known: Known | None) -> str | None:
    return known.get(key) if known is not None else gitconfig.get(git, key, local=True)


def _ensure(git: Git, key: str, wanted: str, *, keep_custom: bool, known: Known | None = None) -> bool:
    """Write ``key`` unless it already works; True when it was written."""
    current = _current(git, key, known) or ""
    if current == wanted:
        return False
    if current and (_works(current) or (keep_custom and not _is_ours(current))):
        return False
    gitconfig.set_local(git, key, wanted)
    return True


def ensure_merge_driver(repo: _HasGit, known: Known | None = None) -> bool:
    """Register (or repair) the merge driver; True when the config was written.

    ``known``: this clone's cesam keys as :func:`setup_git` read them (else each is asked for).
    """
    written = _ensure(repo.git, "merge.cesam.driver", driver_command(), keep_custom=True, known=known)
    if written or _current(repo.git, "merge.cesam.name", known) is None:
        gitconfig.set_local(repo.git, "merge.cesam.name", DRIVER_NAME)
    return written


def ensure_textconv(repo: _HasGit, known: Known | None = None) -> bool:
    """Register (or repair) the diff textconv and mark meeting files for it locally."""
    written = _ensure(repo.git, "diff.cesam.textconv", textconv_command(), keep_custom=True, known=known)
    if written:
        gitconfig.set_local(repo.git, "diff.cesam.name", DIFF_NAME)
    info = Path(repo.git_dir) / "info" / "attributes"
    try:
        current = info.read_text(encoding="utf-8")
    except OSError:
        current = ""
    if INFO_ATTRIBUTES.strip() not in current.splitlines():
        info.parent.mkdir(parents=True, exist_ok=True)
        info.write_text(current + ("" if not current or current.endswith("\n") else "\n") + INFO_ATTRIBUTES, "utf-8")
        written = True
    return written


def configured(repo: _HasGit) -> tuple[str, str]:
    """The merge driver and the diff textconv this clone's git uses ("" where unset)."""
    driver = gitconfig.get(repo.git, "merge.cesam.driver") or ""
    return driver, gitconfig.get(repo.git, "diff.cesam.textconv") or ""


def setup_git(repo: _HasGit) -> SetupReport:
    """Everything cesam needs in a clone's git config; idempotent and cheap when nothing changed."""
    written = []
    known = gitconfig.local_matching(repo.git, _OURS)
    if ensure_merge_driver(repo, known):
        written.append("merge.cesam.driver")
    if ensure_textconv(repo, known):
        written.append("diff.cesam.textconv")
    return SetupReport(written)
