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

from store.core.errors import RemoteError
from store.gitio import gitconfig, network, refs
from store.gitio.git import Git, GitFailed
from store.services.repository import Repository

DEFAULT_TIMEOUT = 120.0


def _t(lang: str, sv: str, en: str) -> str:
    return en if lang == "en" else sv


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
            _t(
                lang,
                f"Fjärrarkivet {name} ({url}) svarade inte inom {seconds} sekunder vid {action}; cesam avbröt.",
                f"The remote {name} ({url}) did not answer within {seconds} seconds to {action}; cesam stopped it.",
            ),
            hint=_t(
                lang,
                "Allt ditt arbete finns kvar här. Kontrollera nätverket och adressen (`git remote -v`) och kör "
                "`cesam sync` igen; en långsam förbindelse får mer tid med miljövariabeln CESAM_REMOTE_TIMEOUT "
                "(sekunder).",
                "All your work is kept here. Check the network and the address (`git remote -v`) and run "
                "`cesam sync` again; a slow connection gets more time with the environment variable "
                "CESAM_REMOTE_TIMEOUT (seconds).",
            ),
        )
    if any(p in low for p in _HOST_KEY):
        return RemoteError(
            _t(lang, f"ssh känner inte igen värden för {url}.", f"ssh does not know the host of {url}."),
            hint=_t(
                lang,
                "Anslut en gång med ssh i en terminal och godkänn värdnyckeln; cesam frågar aldrig själv. "
                "Ditt arbete finns kvar här.",
                "Connect once with ssh in a terminal and accept the host key; cesam never asks itself. "
                "Your work is kept here.",
            ),
        )
    if any(p in low for p in _AUTH):
        return RemoteError(
            _t(
                lang,
                f"Fjärrarkivet {name} ({url}) nekade inloggningen: {detail}",
                f"The remote {name} ({url}) refused the login: {detail}",
            ),
            hint=_t(
                lang,
                "cesam frågar aldrig efter lösenord. Lägg din ssh-nyckel i ssh-agenten (`ssh-add`), eller låt git:s "
                "credential helper minnas inloggningen (t.ex. Git Credential Manager) och logga in en gång med "
                "`git fetch` i en terminal. Ditt arbete finns kvar här.",
                "cesam never asks for a password. Add your ssh key to the ssh agent (`ssh-add`), or let git's "
                "credential helper remember the login (e.g. Git Credential Manager) and log in once with "
                "`git fetch` in a terminal. Your work is kept here.",
            ),
        )
    return RemoteError(
        _t(
            lang,
            f"Fjärrarkivet {name} ({url}) gick inte att nå vid {action}: {detail}",
            f"The remote {name} ({url}) could not be reached to {action}: {detail}",
        ),
        hint=_t(
            lang,
            "Kontrollera nätverket och adressen (`git remote -v`). Allt ditt arbete finns kvar här; "
            "kör `cesam sync` igen när förbindelsen är tillbaka.",
            "Check the network and the address (`git remote -v`). All your work is kept here; "
            "run `cesam sync` again when the connection is back.",
        ),
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
                _t(
                    lang,
                    f"taggen {_ref_name(line)} finns med annat innehåll i {up.remote}; din behålls här",
                    f"the tag {_ref_name(line)} differs on {up.remote}; yours is kept here",
                )
                for line in rejected
            ]
        raise remote_error(exc, repo, up, _t(lang, "hämtning", "fetch"), lang) from None


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
            return [
                _t(
                    lang,
                    f"taggen {_ref_name(line)} skickades inte: den finns redan med annat innehåll i {up.remote}",
                    f"the tag {_ref_name(line)} was not pushed: it exists with other content on {up.remote}",
                )
                for line in rejected
            ]
        if branch_lines:
            said = "; ".join(branch_lines)
            raise RemoteError(
                _t(
                    lang,
                    f"{up.remote} tog inte emot ändringarna: {said}",
                    f"{up.remote} did not accept the changes: {said}",
                ),
                hint=_t(
                    lang,
                    "Fjärrarkivet vägrade (en krok eller ett grenskydd). Allt finns kvar här; fråga den som sköter "
                    "fjärrarkivet.",
                    "The remote refused (a hook or branch protection). Everything is kept here; ask whoever runs "
                    "the remote.",
                ),
            ) from None
        error = remote_error(exc, repo, up, _t(lang, "sändning", "push"), lang)
        if required:
            raise error from None
        return [str(error.message)]


def _is_tag_line(line: str) -> bool:
    name = _ref_name(line)
    return name.startswith("refs/tags/") or "(already exists)" in line or "would clobber" in line
