"""git's configuration: read one value, set one in the repository's own config."""

from __future__ import annotations

from store.gitio.git import Git, GitFailed


def get(git: Git, key: str, *, local: bool = False, as_bool: bool = False) -> str | None:
    """The value of ``key`` (``local``: only the repository's own config), or None where unset.

    ``as_bool`` asks git to normalise it ("true"/"false"), as git itself reads booleans.
    """
    args = ["config", *(["--local"] if local else []), *(["--type=bool"] if as_bool else []), "--get", key]
    try:
        return git.run(*args)
    except GitFailed:
        return None


def local_matching(git: Git, pattern: str) -> dict[str, str]:
    """Every key of the repository's own config matching the regular expression ``pattern``, with its value.

    One git process for several keys (each cesam command checks three of them).
    """
    try:
        out = git.run("config", "--local", "-z", "--get-regexp", pattern)
    except GitFailed:  # exit 1: none matches
        return {}
    found: dict[str, str] = {}
    for entry in out.split("\0"):
        if entry:
            key, _, value = entry.partition("\n")
            found[key] = value  # a key set twice: the last one, as `git config --get` gives
    return found


def set_local(git: Git, key: str, value: str) -> None:
    """Set ``key`` in the repository's own config (``.git/config``)."""
    git.run("config", "--local", key, value)


def identity_known(git: Git) -> bool:
    """Whether git knows who commits (config, or GIT_AUTHOR_*/GIT_COMMITTER_* in the environment)."""
    try:
        for var in ("GIT_AUTHOR_IDENT", "GIT_COMMITTER_IDENT"):
            git.run("-c", "user.useConfigOnly=true", "var", var)
    except GitFailed:
        return False
    return True
