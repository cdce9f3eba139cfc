"""Talking to remotes: fetch and push. Never forced.

The ``git`` passed in carries the network settings (no prompts, a time
limit, the ssh options: store.services.remote builds it); ``options`` are
``-c`` settings placed before the command.
"""

from __future__ import annotations

from collections.abc import Sequence

from store.gitio.git import Git


def fetch(git: Git, remote: str, *, options: Sequence[str] = ()) -> None:
    """Fetch ``remote``'s branches and tags, pruning branches it deleted. Raises GitFailed (git's words in stderr)."""
    git.run(*options, "fetch", "--prune", "--tags", remote)


def push(git: Git, remote: str, refspec: str, *, options: Sequence[str] = ()) -> None:
    """Push ``refspec`` and the annotated tags on it, never forced. Raises GitFailed (rejections in stderr)."""
    git.run(*options, "push", "--follow-tags", "--quiet", remote, refspec)
