"""Talking to the remote: fetch and push with no prompt and a time limit, and git's failures in words.

Every remote operation (fetch, push) runs with a timeout (``CESAM_REMOTE_TIMEOUT``
seconds, default 120) for every transport: ``git://`` and local paths have no
timeout of their own in git, ssh and http only for some stages. git and every
helper it started (ssh, git-remote-http) are killed when it runs out, and the
remote is reported as not answering; nothing local has changed by then.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from store.core.catalogue import t
from store.core.errors import RemoteError
from store.gitio import gitconfig, network, refs
from store.gitio.git import Git, GitFailed
from store.services.repository import Repository

DEFAULT_TIMEOUT = 120.0


def remote_timeout() -> float:
    """Seconds a fetch or push may take before it is stopped (``CESAM_REMOTE_TIMEOUT``)."""
    try:
        value = float(os.environ.get("CESAM_REMOTE_TIMEOUT", DEFAULT_TIMEOUT))
    except ValueError:
        return DEFAULT_TIMEOUT
    return value if value > 0 else DEFAULT_TIMEOUT


@dataclass
class Upstream:
    remote: str
    branch: str  # the branch's name on the remote

    @property
    def ref(self) -> str:
        return f"refs/remotes/{self.remote}/{self.branch}"

    @property
    def label(self) -> str:
        return f"{self.remote}/{self.branch}"


def plain_url(url: str) -> str:
    """A remote's address without any user:password in it, for messages."""
    return re.sub(r"(://)[^/@]+@", r"\1", url)


def network_git(repo: Repository) -> Git:
    """git for fetch and push: no prompts, and a dead remote fails instead of hanging."""
    env = dict(repo.git.env)
    if "GIT_SSH_COMMAND" not in os.environ:
        # keep the user's own ssh command (core.sshCommand) and add what stops it from prompting
        ssh = gitconfig.get(repo.git, "core.sshCommand") or "ssh"
        env["GIT_SSH_COMMAND"] = f"{ssh} -o BatchMode=yes -o ConnectTimeout=20 -o ServerAliveInterval=15"
    return Git(repo.root, env=env, timeout=remote_timeout())


NETWORK_OPTIONS = ["-c", "http.lowSpeedLimit=1", "-c", "http.lowSpeedTime=60"]


# ---------------------------------------------------------------- errors


_AUTH = (
    "authentication failed",
    "could not read username",
    "could not read password",
    "terminal prompts disabled",
    "permission denied",
    "access denied",
    "invalid username or password",
    "the requested url returned error: 401",
    "the requested url returned error: 403",
    "http basic: access denied",
)
_HOST_KEY = ("host key verification failed",)


def remote_error(exc: GitFailed, repo: Repository, up: Upstream | None, action: str, lang: str) -> RemoteError:
    """git's failure to reach a remote, as a message that says what to do."""
    name = up.remote if up else "origin"
    try:
        url = plain_url(refs.remote_url(repo.git, name))
    except GitFailed:
        url = name
    said = exc.stderr.strip().splitlines()
    detail = next(
        (line for line in said if line.lower().startswith(("fatal:", "error:", "ssh:"))), said[-1] if said else ""
    )
    detail = plain_url(detail)
    low = exc.stderr.lower()
    if exc.timed_out:
        seconds = f"{remote_timeout():g}"
        return RemoteError(
            t("sync.remote.the_remote_did_not", lang, name=name, url=url, seconds=seconds, action=action),
            hint=t("sync.remote.all_your_work_is", lang),
        )
    if any(p in low for p in _HOST_KEY):
        return RemoteError(
            t("sync.remote.ssh_does_not_know", lang, url=url),
            hint=t("sync.remote.connect_once_with_ssh", lang),
        )
    if any(p in low for p in _AUTH):
        return RemoteError(
            t("sync.remote.the_remote_refused_the", lang, name=name, url=url, detail=detail),
            hint=t("sync.remote.cesam_never_asks_for", lang),
        )
    return RemoteError(
        t("sync.remote.the_remote_could_not", lang, name=name, url=url, action=action, detail=detail),
        hint=t("sync.remote.check_the_network_and", lang),
    )


def _rejected(stderr: str) -> list[str]:
    return [line.strip() for line in stderr.splitlines() if "[rejected]" in line or "[remote rejected]" in line]


def fetch_remote(repo: Repository, up: Upstream, lang: str) -> list[str]:
    """Fetch the remote's branches and tags; warnings for tags that differ from ours (ours are kept)."""
    try:
        # --prune: a branch deleted on the remote must not live on here as if it were still there
        network.fetch(network_git(repo), up.remote, options=NETWORK_OPTIONS)
        return []
    except GitFailed as exc:
        rejected = _rejected(exc.stderr)
        if rejected and all("would clobber existing tag" in line for line in rejected):
            return [
                t("sync.remote.the_tag_differs_on", lang, tag=_ref_name(line), remote=up.remote) for line in rejected
            ]
        raise remote_error(exc, repo, up, t("sync.remote.fetch", lang), lang) from None


def unpublished_tags(repo: Repository) -> bool:
    """Whether we hold an annotated tag the remote did not list at our last fetch."""
    try:
        fetched = (repo.git_dir / "FETCH_HEAD").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return True
    remote_tags = set(re.findall(r"\ttag '(.*)' of ", fetched))
    return any(kind == "tag" and name not in remote_tags for kind, name in refs.tag_kinds(repo.git))


def _ref_name(line: str) -> str:
    match = re.search(r"\]\s+(\S+)", line)
    return match.group(1) if match else line


class PushRaced(Exception):
    """The remote moved between our fetch and our push."""


_RACE = ("fetch first", "non-fast-forward", "cannot lock ref", "failed to update ref", "but expected", "stale info")


def push_remote(
    repo: Repository, up: Upstream, sha: str, *, required: bool, set_upstream: str | None, lang: str
) -> list[str]:
    """Push ``sha`` to the remote branch and annotated tags on it; never forced.

    ``set_upstream``: the local branch to make track the remote branch afterwards.
    """
    try:
        network.push(network_git(repo), up.remote, f"{sha}:refs/heads/{up.branch}", options=NETWORK_OPTIONS)
        if set_upstream:
            # `push -u` cannot set it from a commit id; the two settings it would write
            gitconfig.set_local(repo.git, f"branch.{set_upstream}.remote", up.remote)
            gitconfig.set_local(repo.git, f"branch.{set_upstream}.merge", f"refs/heads/{up.branch}")
        return []
    except GitFailed as exc:
        rejected = _rejected(exc.stderr)
        branch_lines = [line for line in rejected if not _is_tag_line(line)]
        if branch_lines and any(r in line for line in branch_lines for r in _RACE):
            raise PushRaced() from None
        if rejected and not branch_lines:
            return [t("sync.remote.the_tag_was_not", lang, tag=_ref_name(line), remote=up.remote) for line in rejected]
        if branch_lines:
            said = "; ".join(branch_lines)
            raise RemoteError(
                t("sync.remote.did_not_accept_the", lang, remote=up.remote, said=said),
                hint=t("sync.remote.the_remote_refused_a", lang),
            ) from None
        error = remote_error(exc, repo, up, t("sync.remote.push", lang), lang)
        if required:
            raise error from None
        return [str(error.message)]


def _is_tag_line(line: str) -> bool:
    name = _ref_name(line)
    return name.startswith("refs/tags/") or "(already exists)" in line or "would clobber" in line
