"""Approval tags: who must approve, how an approval is named, written and read back.

An approval is an annotated git tag (signed where git is set up to sign tags)
under ``refs/tags/justering/<group>/<date>/<person>/<hash12>-<nonce>``,
pointing at the commit whose meeting content was approved. Its message
carries machine-readable ``Cesam-*`` trailers. See docs/justering.md.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import unicodedata
from dataclasses import dataclass
from typing import Any

from store.core.catalogue import term
from store.core.config import Group
from store.core.content_hash import CURRENT_VERSION, HASH_V1, VERSIONS
from store.core.errors import GitError, UsageError, words
from store.core.model import Meeting
from store.core.text import visible
from store.gitio import gitconfig, refs
from store.gitio.git import GitFailed
from store.services.repository import MeetingRef, Repository

TAG_NAMESPACE = "justering"
TAG_REFS = f"refs/tags/{TAG_NAMESPACE}"
HASH_PREFIX = "sha256:"

# trailer keys, in tag messages and in the justering and reopen commits
K_MEETING = "Cesam-Meeting"
K_APPROVER = "Cesam-Approver"
K_RECORDED_BY = "Cesam-Recorded-By"
K_RECORDED_AS = "Cesam-Recorded-As"  # "secretary": recorded on the approver's behalf, not by them
K_DATE = "Cesam-Date"
K_HASH = "Cesam-Content-Hash"
K_HASH_VERSION = "Cesam-Hash-Version"  # absent: version 1 (before bilaga bytes were hashed)
K_METHOD = "Cesam-Method"
K_SIGNED_AT = "Cesam-Signed-At"
K_ACTION = "Cesam-Action"
K_APPROVAL = "Cesam-Approval"
BY_SECRETARY = "secretary"

_TRAILER = re.compile(r"^(Cesam-[A-Za-z-]+):[ \t]*(.*)$")
_HEX64 = re.compile(r"^[0-9a-f]{64}\Z")


# ---------------------------------------------------------------- people


def normalise_name(name: str) -> str:
    # as written into a tag message: a control character in a name is compared in its visible form
    return visible(" ".join(name.split()), keep="").casefold()


def person_slug(name: str) -> str:
    """An ASCII tag-name part for a person: "Alexandra Eldstål" → "alexandra-eldstal"."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:40].strip("-")
    return slug or "person"


def required_approvers(meeting: Meeting, group: Group | None) -> list[str]:
    """Who must approve: the justerare, and the chair where the group requires it."""
    names = list(meeting.adjusters)
    if meeting.chair and (group is None or group.require_chair_approval):
        names.append(meeting.chair)
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        key = normalise_name(name)
        if key and key not in seen:
            seen.add(key)
            out.append(" ".join(name.split()))
    return out


def group_of(repo: Repository, group_id: str) -> Group | None:
    try:
        return repo.config.group(group_id)
    except KeyError:
        return None


def check_text(value: str, what: str) -> str:
    value = " ".join(value.split())
    if any(unicodedata.category(c).startswith("C") for c in value):
        raise UsageError(words("err.control_characters", what=what))
    return value


# ---------------------------------------------------------------- approvals (tags)


@dataclass(frozen=True)
class Approval:
    tag: str  # refname, "refs/tags/justering/…"
    meeting: str  # "group/YYYY-MM-DD"
    approver: str
    recorded_by: str
    date: dt.date | None
    content_hash: str  # hex, without the "sha256:" prefix
    commit: str  # the commit the tag points at
    tagger: str
    tagged_at: str
    signed: bool
    method: str = ""
    signed_at: str = ""
    hash_version: int = HASH_V1
    by_secretary: bool = False  # recorded on the approver's behalf (`cesam adjust` without --as)

    @property
    def short_tag(self) -> str:
        return self.tag.removeprefix("refs/tags/")

    @property
    def key(self) -> tuple[int, str]:
        """What was approved: the hash, by the definition it was made with."""
        return (self.hash_version, self.content_hash)


def parse_trailers(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in text.splitlines():
        match = _TRAILER.match(line.strip())
        if match:
            out.setdefault(match.group(1), match.group(2).strip())
    return out


def _hash_version(trailers: dict[str, str]) -> int | None:
    raw = trailers.get(K_HASH_VERSION)
    if raw is None:
        return HASH_V1
    return int(raw) if raw.isdigit() and int(raw) in VERSIONS else None


# what a tag object says as an approval, in the order of Approval's fields after the tag's name, then its time
FIELDS = (
    ("meeting", (str,)),
    ("approver", (str,)),
    ("recorded_by", (str,)),
    ("date", (str, type(None))),
    ("content_hash", (str,)),
    ("commit", (str,)),
    ("tagger", (str,)),
    ("tagged_at", (str,)),
    ("signed", (bool,)),
    ("method", (str,)),
    ("signed_at", (str,)),
    ("hash_version", (int,)),
    ("by_secretary", (bool,)),
    ("timestamp", (int,)),  # the tagger date in seconds: the order of approvals
)


def approval_fields(tag: refs.TagRecord) -> list[Any] | None:
    """What a tag object says as an approval, apart from the ref name (plain JSON, in ``FIELDS`` order); None where it is none.

    A tag object's id names its content, so this is computed once per tag and remembered
    (store/services/tagindex.py); :func:`approval_at` then checks it against the name.
    """
    trailers = parse_trailers(tag.body)
    digest = trailers.get(K_HASH, "").removeprefix(HASH_PREFIX)
    meeting = trailers.get(K_MEETING, "")
    approver = trailers.get(K_APPROVER, "")
    version = _hash_version(trailers)
    if not (_HEX64.match(digest) and meeting and approver and tag.target and version):
        return None  # a tag cesam could not have made, or of a hash version this cesam does not know
    try:
        date: str | None = dt.date.fromisoformat(trailers.get(K_DATE, "")).isoformat()
    except ValueError:
        date = None
    return [
        meeting,
        approver,
        trailers.get(K_RECORDED_BY, ""),
        date,
        digest,
        tag.target,
        tag.tagger.strip(),
        tag.date_iso,
        bool(tag.signature.strip()),
        trailers.get(K_METHOD, ""),
        trailers.get(K_SIGNED_AT, ""),
        version,
        trailers.get(K_RECORDED_AS) == BY_SECRETARY,
        tag.timestamp,
    ]


def approval_at(refname: str, fields: list[Any]) -> Approval | None:
    """The approval a tag named ``refname`` with these fields records; None where name and message disagree."""
    meeting = fields[0]
    # the name says where the tag lives; the signed message says what it is: they must agree
    if not refname.startswith(f"{TAG_REFS}/{meeting}/"):
        return None
    date = dt.date.fromisoformat(fields[3]) if fields[3] is not None else None
    return Approval(refname, meeting, fields[1], fields[2], date, *fields[4:13])


# the types a remembered entry may have, field by field (the date may be missing)
_SHAPES = {
    tuple(types[0] if name != "date" else date_type for name, types in FIELDS) for date_type in (str, type(None))
}


def fields_ok(fields: Any) -> bool:
    """Whether ``fields`` (read back from a cache file) are what :func:`approval_fields` makes."""
    # thousands of tags are checked on every run: one tuple of types compared, the date read only when there is one
    if type(fields) is not list or tuple(map(type, fields)) not in _SHAPES or fields[11] not in VERSIONS:
        return False
    try:
        fields[3] is None or dt.date.fromisoformat(fields[3])
    except ValueError:
        return False
    return True


def list_approvals(repo: Repository, ref: MeetingRef | None = None) -> dict[str, list[Approval]]:
    """Every approval tag, by meeting ("group/date"), oldest first.

    Tags that are not annotated or whose trailers are incomplete are left
    out: they are not approvals cesam could have made.
    """
    prefix = f"{TAG_REFS}/{ref.group}/{ref.date.isoformat()}/" if ref else f"{TAG_REFS}/"
    result: dict[str, list[Approval]] = {}
    for tag in refs.list_tags(repo.git, prefix):
        fields = approval_fields(tag)
        approval = approval_at(tag.name, fields) if fields else None
        if approval:
            result.setdefault(approval.meeting, []).append(approval)
    return result


def should_sign(repo: Repository) -> bool:
    """Sign where git is set up to sign tags (tag.gpgSign, or a signing key)."""
    if gitconfig.get(repo.git, "tag.gpgSign", as_bool=True) == "true":
        return True
    return gitconfig.get(repo.git, "user.signingkey") is not None


def identity(repo: Repository) -> str:
    problem = repo.identity_problem()
    if problem:
        raise GitError(problem)
    name = gitconfig.get(repo.git, "user.name")
    email = gitconfig.get(repo.git, "user.email")
    if name is None or email is None:
        raise GitError(words("err.no_identity"))
    return f"{name} <{email}>"


def tag_name(ref: MeetingRef, approver: str, digest: str) -> str:
    """A name no other clone can make: the approved hash and a random part.

    Two clones recording the same person never pick the same name, so tags
    are only ever added, pushed and fetched without force.
    """
    return f"{TAG_REFS}/{ref.group}/{ref.date.isoformat()}/{person_slug(approver)}/{digest[:12]}-{secrets.token_hex(4)}"


@dataclass(frozen=True)
class TagRequest:
    """One approval to record."""

    approver: str
    recorder: str  # "Name <email>" of the git user who runs the command
    date: dt.date
    digest: str
    method: str = ""
    signed_at: str = ""
    by_secretary: bool = False


def tag_message(repo: Repository, ref: MeetingRef, request: TagRequest) -> str:
    """The tag's message: a readable subject, then the trailers; every value one visible line."""
    label = f"{repo.group_label(ref.group)} {ref.date.isoformat()}"
    recorder_name = request.recorder.split(" <", 1)[0]
    key = "tag_subject_by_secretary" if request.by_secretary else "tag_subject"
    subject = term(f"justering.{key}", repo.lang).format(label=label, approver=request.approver, recorder=recorder_name)
    lines = [
        subject,
        "",
        f"{K_MEETING}: {ref}",
        f"{K_APPROVER}: {request.approver}",
        f"{K_RECORDED_BY}: {request.recorder}",
    ]
    if request.by_secretary:
        lines.append(f"{K_RECORDED_AS}: {BY_SECRETARY}")
    lines += [
        f"{K_DATE}: {request.date.isoformat()}",
        f"{K_HASH}: {HASH_PREFIX}{request.digest}",
        f"{K_HASH_VERSION}: {CURRENT_VERSION}",
    ]
    if request.method:
        lines.append(f"{K_METHOD}: {request.method}")
    if request.signed_at:
        lines.append(f"{K_SIGNED_AT}: {request.signed_at}")
    # names come from the data: a newline would forge a trailer, an ESC would drive `git tag -n`'s terminal
    return "\n".join(visible(line, keep="") for line in lines) + "\n"


def create_tag(repo: Repository, name: str, commit: str, message: str, sign: bool) -> None:
    try:
        refs.create_tag(repo.git, name, commit, message, sign=sign)
    except GitFailed as exc:
        hint = words("err.tag_failed.sign.hint") if sign else ""
        raise GitError(words("err.tag_failed", reason=exc.stderr), hint=hint) from None
