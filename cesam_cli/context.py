"""Which repository a command works on, chosen in one place."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from store.services.repository import Repository, find_repo_root

from .terminal import err


def default_repo_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("cesam")) / "demo"


def _setup_git(repo: Repository) -> None:
    """Register or repair cesam's merge driver and textconv on every run (they name this installation)."""
    from store.core.errors import GitError
    from store.services.gitsetup import setup_git

    try:
        setup_git(repo)
    except (GitError, OSError) as exc:  # a read-only clone still reads; sync checks again and stops
        err(f"cesam: could not register the merge driver in .git/config: {exc}")


@dataclass
class Context:
    repo_arg: str | None = None
    lang: str | None = None
    _repo: Repository | None = field(default=None, repr=False)

    def repo_dir(self) -> tuple[Path, bool]:
        """The repository folder, and whether it is the per-user default."""
        if self.repo_arg:
            return Path(self.repo_arg), False
        env = os.environ.get("CESAM_REPO")
        if env:
            return Path(env), False
        found = find_repo_root(Path.cwd())
        if found:
            return found, False
        return default_repo_dir(), True

    def repo(self) -> Repository:
        if self._repo is None:
            path, is_default = self.repo_dir()
            if is_default and not (path / "cesam.toml").exists():
                from store.services.demo import create_demo

                create_demo(path)
                err(
                    f"cesam: no repository given; created a demo repository in {path} "
                    "(use --repo DIR or `cesam init DIR` for your own)"
                )
            self._repo = Repository.open(path, lang=self.lang)
            _setup_git(self._repo)
        return self._repo

    def error_language(self) -> str | None:
        """The language an error is shown in: --lang, else the open repository's; never opens one
        (an error may be that it cannot be opened), so Swedish when none is open."""
        if self.lang:
            return self.lang
        return self._repo.lang if self._repo is not None else None

    @property
    def language(self) -> str:
        if self.lang:
            return self.lang
        try:
            return self.repo().lang
        except Exception:
            return "sv"
