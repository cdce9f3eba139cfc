"""Justering: approvals tied to the exact content, freeze, reopen and verify.

An approval is an annotated git tag (signed where git is set up to sign
tags) under ``refs/tags/justering/<group>/<date>/<person>/<hash12>-<nonce>``
pointing at the commit whose meeting content was approved. Its message
carries machine-readable ``Cesam-*`` trailers; the content hash in it is
:func:`justering_hash`, which leaves out ``status`` and ``adjusted_on`` so
that marking the meeting justerad does not change what was approved.

A meeting is justerad when every required person (its justerare, and the
chair where the group requires it) has an approval of the same hash; the
status change is then one commit. :func:`verify` recomputes the hash and
walks the file's history after the approvals, so a change made with plain
git is named with its commit and author. See docs/justering.md.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import re
import secrets
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from store.core import codec, model
from store.core.config import Group
from store.core.errors import FrozenError, GitError, UsageError
from store.core.model import Meeting, Signature, Status
from store.gitio.git import GitFailed
from store.services.repository import MEETINGS_DIR, MeetingRef, Repository, SaveResult, atomic_write

TAG_NAMESPACE = "justering"
TAG_REFS = f"refs/tags/{TAG_NAMESPACE}"
HASH_PREFIX = "sha256:"

# trailer keys, in tag messages and in the justering and reopen commits
K_MEETING = "Cesam-Meeting"
K_APPROVER = "Cesam-Approver"
K_RECORDED_BY = "Cesam-Recorded-By"
K_DATE = "Cesam-Date"
K_HASH = "Cesam-Content-Hash"
K_METHOD = "Cesam-Method"
K_SIGNED_AT = "Cesam-Signed-At"
K_ACTION = "Cesam-Action"
K_APPROVAL = "Cesam-Approval"

_TRAILER = re.compile(r"^(Cesam-[A-Za-z-]+):[ \t]*(.*)$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_FS, _RS = "\x1f", "\x1e"


# ---------------------------------------------------------------- content and people


def justering_hash(meeting: Meeting) -> str:
    """The hash an approval is of: the content without ``status`` and ``adjusted_on``.

    Those two fields record the justering itself; leaving them out lets the
    status change (and a later reopen) keep the hash the justerare approved,
    while every word of the protocol, the people and the signatures count.
    """
    bare = dataclasses.replace(meeting, status=Status.DRAFT, adjusted_on=None)
    return codec.content_hash(bare)


def normalise_name(name: str) -> str:
    return " ".join(name.split()).casefold()


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


def _group(repo: Repository, group_id: str) -> Group | None:
    try:
        return repo.config.group(group_id)
    except KeyError:
        return None


def _check_text(value: str, what: str) -> str:
    value = " ".join(value.split())
    if any(unicodedata.category(c).startswith("C") for c in value):
        raise UsageError(f"{what} contains control characters")
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

    @property
    def short_tag(self) -> str:
        return self.tag.removeprefix("refs/tags/")


def parse_trailers(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in text.splitlines():
        match = _TRAILER.match(line.strip())
        if match:
            out.setdefault(match.group(1), match.group(2).strip())
    return out


def list_approvals(repo: Repository, ref: MeetingRef | None = None) -> dict[str, list[Approval]]:
    """Every approval tag, by meeting ("group/date"), oldest first.

    Tags that are not annotated or whose trailers are incomplete are left
    out: they are not approvals cesam could have made.
    """
    prefix = f"{TAG_REFS}/{ref.group}/{ref.date.isoformat()}/" if ref else f"{TAG_REFS}/"
    fmt = _FS.join(
        [
            "%(refname)",
            "%(objecttype)",
            "%(*objectname)",
            "%(taggername) %(taggeremail)",
            "%(taggerdate:iso-strict)",
            "%(contents:body)",
            "%(contents:signature)",
        ]
    )
    out = repo.git.run("for-each-ref", "--sort=taggerdate", f"--format={fmt}%1e", prefix, strip=False)
    result: dict[str, list[Approval]] = {}
    for record in out.split(_RS):
        record = record.lstrip("\n")
        if not record:
            continue
        parts = record.split(_FS)
        if len(parts) != 7 or parts[1] != "tag":
            continue
        refname, _, commit, tagger, tagged_at, body, signature = parts
        trailers = parse_trailers(body)
        digest = trailers.get(K_HASH, "").removeprefix(HASH_PREFIX)
        meeting = trailers.get(K_MEETING, "")
        approver = trailers.get(K_APPROVER, "")
        if not (_HEX64.match(digest) and meeting and approver and commit):
            continue
        # the name says where the tag lives; the signed message says what it is: they must agree
        if not refname.startswith(f"{TAG_REFS}/{meeting}/"):
            continue
        try:
            date = dt.date.fromisoformat(trailers.get(K_DATE, ""))
        except ValueError:
            date = None
        result.setdefault(meeting, []).append(
            Approval(
                tag=refname,
                meeting=meeting,
                approver=approver,
                recorded_by=trailers.get(K_RECORDED_BY, ""),
                date=date,
                content_hash=digest,
                commit=commit,
                tagger=tagger.strip(),
                tagged_at=tagged_at,
                signed=bool(signature.strip()),
                method=trailers.get(K_METHOD, ""),
                signed_at=trailers.get(K_SIGNED_AT, ""),
            )
        )
    return result


def should_sign(repo: Repository) -> bool:
    """Sign where git is set up to sign tags (tag.gpgSign, or a signing key)."""
    try:
        if repo.git.run("config", "--type=bool", "--get", "tag.gpgSign") == "true":
            return True
    except GitFailed:
        pass
    return repo.git.ok("config", "--get", "user.signingkey")


def _identity(repo: Repository) -> str:
    problem = repo.identity_problem()
    if problem:
        raise GitError(problem)
    name = repo.git.run("config", "user.name")
    email = repo.git.run("config", "user.email")
    return f"{name} <{email}>"


def tag_name(ref: MeetingRef, approver: str, digest: str) -> str:
    """A name no other clone can make: the approved hash and a random part.

    Two clones recording the same person never pick the same name, so tags
    are only ever added, pushed and fetched without force.
    """
    return f"{TAG_REFS}/{ref.group}/{ref.date.isoformat()}/{person_slug(approver)}/{digest[:12]}-{secrets.token_hex(4)}"


def _tag_message(
    repo: Repository,
    ref: MeetingRef,
    approver: str,
    recorder: str,
    date: dt.date,
    digest: str,
    method: str,
    signed_at: str,
) -> str:
    label = f"{repo.group_label(ref.group)} {ref.date.isoformat()}"
    subject = f"{label}: godkänt av {approver}" if repo.lang == "sv" else f"{label}: approved by {approver}"
    lines = [
        subject,
        "",
        f"{K_MEETING}: {ref}",
        f"{K_APPROVER}: {approver}",
        f"{K_RECORDED_BY}: {recorder}",
        f"{K_DATE}: {date.isoformat()}",
        f"{K_HASH}: {HASH_PREFIX}{digest}",
    ]
    if method:
        lines.append(f"{K_METHOD}: {method}")
    if signed_at:
        lines.append(f"{K_SIGNED_AT}: {signed_at}")
    return "\n".join(lines) + "\n"


def _create_tag(repo: Repository, name: str, commit: str, message: str, sign: bool) -> None:
    repo.git.run("check-ref-format", name)
    args = ["-c", "user.useConfigOnly=true", "tag", "-s" if sign else "-a"]
    if not sign:
        args.append("--no-sign")  # tag.gpgSign would sign an -a tag anyway
    try:
        repo.git.run(*args, "-F", "-", "--cleanup=whitespace", name.removeprefix("refs/tags/"), commit, stdin=message)
    except GitFailed as exc:
        hint = (
            "Signing failed: check your key (`git config user.signingkey`, gpg-agent), "
            "or record the approval unsigned with --no-sign."
            if sign
            else ""
        )
        raise GitError(f"git tag failed: {exc.stderr}", hint=hint) from None


# ---------------------------------------------------------------- adjust


@dataclass
class AdjustResult:
    ref: MeetingRef
    content_hash: str
    required: list[str]
    created: list[Approval] = field(default_factory=list)
    already: list[str] = field(default_factory=list)  # had approved this content before
    missing: list[str] = field(default_factory=list)  # still to approve this content
    commit: str | None = None  # the commit that made the meeting justerad
    message: str = ""

    @property
    def complete(self) -> bool:
        return not self.missing


def _match_person(name: str, required: list[str], ref: MeetingRef) -> str:
    wanted = normalise_name(name)
    for person in required:
        if normalise_name(person) == wanted:
            return person
    who = ", ".join(required) or "–"
    raise UsageError(
        f"{name!r} is not among those who approve {ref} ({who})",
        hint="Only the meeting's justerare, and the chair where the group requires it, approve the minutes.",
    )


def _complete_hashes(approvals: Iterable[Approval], required: list[str]) -> set[str]:
    by_hash: dict[str, set[str]] = {}
    for approval in approvals:
        by_hash.setdefault(approval.content_hash, set()).add(normalise_name(approval.approver))
    need = {normalise_name(p) for p in required}
    return {h for h, who in by_hash.items() if need and need <= who}


def adjust(
    repo: Repository,
    ref: MeetingRef | str,
    names: Sequence[str] | None = None,
    *,
    on: dt.date | None = None,
    method: str = "",
    signed_at: str = "",
    sign: bool | None = None,
) -> AdjustResult:
    """Record approvals of the meeting's content at HEAD; make it justerad when complete.

    ``names`` None records every required person at once (the secretary who
    received their signatures). A meeting already justerad without any
    approvals (imported, or the demo) gets its approvals recorded but no
    new commit.
    """
    if isinstance(ref, str):
        ref = repo.resolve(ref)
    on = on or dt.date.today()
    method = _check_text(method, "the method")
    signed_at = _check_text(signed_at, "the signing time")
    with repo.lock():
        repo.ensure_writable(ref.relpath)
        recorder = _identity(repo)
        meeting = repo.load(ref).meeting
        if repo.git.run("ls-files", "--", ref.relpath) == "":
            raise UsageError(f"{ref} is not committed yet", hint="Only committed content can be approved.")
        head = repo.git.run("rev-parse", "--verify", "HEAD^{commit}")
        required = required_approvers(meeting, _group(repo, ref.group))
        if not meeting.date <= on <= dt.date.today():
            raise UsageError(
                f"an approval of {ref} cannot be dated {on.isoformat()}",
                hint=f"Give a date from the meeting ({meeting.date.isoformat()}) to today.",
            )
        if not meeting.adjusters:
            raise UsageError(
                f"{ref} names no justerare",
                hint='Name them first (the item "Val av justerare"; the field adjusters), then adjust.',
            )
        digest = justering_hash(meeting)
        blobs = _Blobs(repo)
        tags = list_approvals(repo, ref).get(str(ref), [])
        reopened = _reopens(repo, [ref.relpath]).get(str(ref)) if tags else None
        book = _approval_book(repo, blobs, ref, tags, reopened)
        existing = book.current_round
        complete = book.round_complete
        if meeting.status == Status.ADJUSTED:
            if digest in complete:
                raise UsageError(f"{ref} is already justerad", hint=f"`cesam verify {ref}` checks it.")
            if book.all_complete:
                raise FrozenError(
                    f"{ref} is justerad but its content is not what was approved",
                    hint=f"`cesam verify {ref}` names the change. To approve new content, reopen it first: "
                    f'cesam reopen {ref} --reason "…"',
                )
        elif meeting.status != Status.HELD:
            raise UsageError(
                f"{ref} has status {meeting.status.value}; only a held meeting (hållen) can be justerad",
                hint="Set its status to hållen when the meeting has been held.",
            )
        targets = required if names is None else [_match_person(n, required, ref) for n in names]
        done = {normalise_name(a.approver) for a in existing if a.content_hash == digest}
        result = AdjustResult(ref, digest, required)
        sign_tags = should_sign(repo) if sign is None else sign
        for person in dict.fromkeys(targets):
            if normalise_name(person) in done:
                result.already.append(person)
                continue
            name = tag_name(ref, person, digest)
            message = _tag_message(repo, ref, person, recorder, on, digest, method, signed_at)
            _create_tag(repo, name, head, message, sign_tags)
            done.add(normalise_name(person))
        before = {a.tag for a in book.tags}
        result.created = [a for a in list_approvals(repo, ref).get(str(ref), []) if a.tag not in before]
        result.missing = [p for p in required if normalise_name(p) not in done]
    if result.missing or meeting.status == Status.ADJUSTED:
        return result
    approvals = [a for a in [*existing, *result.created] if a.content_hash == digest]
    needed = {normalise_name(p) for p in required}
    dates = [a.date for a in approvals if a.date and normalise_name(a.approver) in needed]
    adjusted_on = max(dates, default=on)
    message = justering_message(repo, ref, required, digest, approvals)

    def mark_adjusted(current: Meeting) -> None:
        if justering_hash(current) != digest:
            raise UsageError(
                f"{ref} changed while the approvals were recorded",
                hint="The approvals are of the earlier content; approve the new content again.",
            )
        current.status = Status.ADJUSTED
        current.adjusted_on = adjusted_on

    saved = repo.apply(ref, mark_adjusted, message=message, allow_frozen=True)
    result.commit, result.message = saved.commit, saved.message
    return result


def justering_message(
    repo: Repository, ref: MeetingRef, people: list[str], digest: str, approvals: list[Approval]
) -> str:
    label = f"{repo.group_label(ref.group)} {ref.date.isoformat()}"
    who = ", ".join(people)
    subject = f"{label}: justerat av {who}" if repo.lang == "sv" else f"{label}: adjusted by {who}"
    lines = [subject, "", f"{K_MEETING}: {ref}", f"{K_ACTION}: justering", f"{K_HASH}: {HASH_PREFIX}{digest}"]
    lines += [f"{K_APPROVAL}: {a.short_tag}" for a in approvals]
    return "\n".join(lines)


# ---------------------------------------------------------------- reopen


@dataclass(frozen=True)
class Reopening:
    commit: str
    author: str
    date: str
    reason: str


def reopen(repo: Repository, ref: MeetingRef | str, reason: str) -> SaveResult:
    """Open a justerad meeting for change again: status hållen, the reason in the commit.

    The approval tags stay; the next justering makes new ones. The reason
    lives in the commit message only (see docs/justering.md).
    """
    if isinstance(ref, str):
        ref = repo.resolve(ref)
    reason = reason.strip()
    if not reason:
        raise UsageError("a reopen needs a reason", hint=f'cesam reopen {ref} --reason "…"')
    if "\x00" in reason:
        raise UsageError("the reason contains a NUL character")
    label = f"{repo.group_label(ref.group)} {ref.date.isoformat()}"
    first = " ".join(reason.split())
    if len(first) > 60:
        first = first[:59] + "…"
    if repo.lang == "sv":
        message = f"{label}: justering hävd, öppnat för ändring – {first}\n\nSkäl: {reason}"
    else:
        message = f"{label}: justering lifted, open for change – {first}\n\nReason: {reason}"
    message += f"\n\n{K_MEETING}: {ref}\n{K_ACTION}: reopen"

    def open_again(meeting: Meeting) -> None:
        if meeting.status != Status.ADJUSTED:
            raise UsageError(f"{ref} is not justerad (status {meeting.status.value}); there is nothing to reopen")
        meeting.status = Status.HELD
        meeting.adjusted_on = None

    return repo.apply(ref, open_again, message=message, allow_frozen=True)


def reopenings(repo: Repository, ref: MeetingRef) -> list[Reopening]:
    """The reopen commits of a meeting, newest first, with their reasons."""
    out = repo.git.run(
        "log", f"--grep=^{K_ACTION}: reopen$", f"--format=%H{_FS}%an <%ae>{_FS}%aI{_FS}%B{_RS}", "--", ref.relpath
    )
    result: list[Reopening] = []
    for record in out.split(_RS):
        parts = record.strip("\n").split(_FS)
        if len(parts) != 4:
            continue
        commit, author, date, body = parts
        if parse_trailers(body).get(K_MEETING) != str(ref):
            continue
        paragraphs = body.strip().split("\n\n")
        reason_lines = [p for p in paragraphs[1:] if not parse_trailers(p)]
        reason = "\n\n".join(reason_lines).removeprefix("Skäl: ").removeprefix("Reason: ")
        result.append(Reopening(commit, author, date, reason))
    return result


# ---------------------------------------------------------------- verify


class VerifyState(StrEnum):
    NOT_HELD = "not_held"  # utkast or kallad: not yet a matter for justering
    WAITING = "waiting"  # hållen, waiting for approvals
    OK = "ok"  # justerad, approved content unchanged
    CHANGED = "changed"  # changed after justering
    BAD_SIGNATURE = "bad_signature"  # an approval's signature does not verify
    MISSING = "missing"  # justerad without approvals of its content by everyone required

    @property
    def failed(self) -> bool:
        return self in (VerifyState.CHANGED, VerifyState.BAD_SIGNATURE, VerifyState.MISSING)

    @property
    def mark(self) -> str:
        """One character for lists (the TUI's mark on a meeting)."""
        return _MARKS[self]

    def label(self, lang: str = "sv") -> str:
        sv, en = _LABELS[self]
        return sv if lang == "sv" else en


_MARKS = {
    VerifyState.NOT_HELD: " ",
    VerifyState.WAITING: "…",
    VerifyState.OK: "✓",
    VerifyState.CHANGED: "!",
    VerifyState.BAD_SIGNATURE: "✗",
    VerifyState.MISSING: "?",
}
_LABELS = {
    VerifyState.NOT_HELD: ("ej hållen", "not held"),
    VerifyState.WAITING: ("väntar på justering", "waiting for justering"),
    VerifyState.OK: ("justerad, oförändrad", "adjusted, unchanged"),
    VerifyState.CHANGED: ("ändrad efter justering", "changed after justering"),
    VerifyState.BAD_SIGNATURE: ("ogiltig signatur", "bad signature"),
    VerifyState.MISSING: ("godkännanden saknas", "approvals missing"),
}


@dataclass(frozen=True)
class ChangeAfter:
    """A commit that changed a justerad meeting; commit "" for an uncommitted edit."""

    commit: str
    author: str
    email: str
    date: str
    subject: str
    what: str  # "content", "adjusted_on", "unapproved" (set to justerad without approvals), "unreadable"


@dataclass
class Verification:
    ref: MeetingRef
    state: VerifyState
    status: Status | None
    content_hash: str = ""
    required: list[str] = field(default_factory=list)
    approvals: list[Approval] = field(default_factory=list)  # of the content at HEAD
    missing: list[str] = field(default_factory=list)  # required people without an approval of it
    changes: list[ChangeAfter] = field(default_factory=list)
    bad_signatures: list[tuple[Approval, str]] = field(default_factory=list)
    ignored: list[tuple[Approval, str]] = field(default_factory=list)  # tags that do not count, and why
    adjusted_on: dt.date | None = None

    @property
    def failed(self) -> bool:
        return self.state.failed

    @property
    def mark(self) -> str:
        return self.state.mark


@dataclass(frozen=True)
class _Snap:
    """What verify needs of one meeting version (one blob)."""

    status: Status
    adjusted_on: dt.date | None
    digest: str
    adjusters: tuple[str, ...]
    chair: str

    def required(self, group: Group | None) -> list[str]:
        return required_approvers(Meeting("", dt.date.min, adjusters=list(self.adjusters), chair=self.chair), group)


# Blob ids name content, so what a blob says never changes: the cache lives as long as the process
# (a TUI verifies again cheaply) and in .git between runs, keyed by the code that computes the hash.
_SNAPS: dict[str, _Snap | None] = {}
_SNAP_LIMIT = 50_000
_SHOW_CHUNK = 400
_CACHE_FILE = "cesam-justering-cache.json"
_CACHE_LOADED: set[Path] = set()


def _code_salt() -> str:
    digest = hashlib.sha256()
    for module in (codec, model, sys.modules[__name__]):
        digest.update(Path(str(module.__file__)).read_bytes())
    return digest.hexdigest()


def _cache_path(repo: Repository) -> Path:
    return repo.git_dir / _CACHE_FILE


def _load_cache(repo: Repository) -> None:
    """Fill the process cache from .git; a missing, stale or broken cache is simply not used."""
    try:
        data = json.loads(_cache_path(repo).read_text(encoding="utf-8"))
        if data.get("salt") != _code_salt():
            return
        for oid, row in data["snaps"].items():
            if oid in _SNAPS:
                continue
            if row is None:
                _SNAPS[oid] = None
            else:
                status, adjusted_on, digest, adjusters, chair = row
                day = dt.date.fromisoformat(adjusted_on) if adjusted_on else None
                _SNAPS[oid] = _Snap(Status(status), day, digest, tuple(adjusters), chair)
    except (OSError, ValueError, KeyError, TypeError):
        return


def _save_cache(repo: Repository) -> None:
    rows = {
        oid: None
        if snap is None
        else [
            snap.status.value,
            snap.adjusted_on.isoformat() if snap.adjusted_on else None,
            snap.digest,
            list(snap.adjusters),
            snap.chair,
        ]
        for oid, snap in _SNAPS.items()
    }
    with contextlib.suppress(OSError):
        atomic_write(_cache_path(repo), json.dumps({"salt": _code_salt(), "snaps": rows}, ensure_ascii=False))


def _snap_of(data: bytes) -> _Snap | None:
    try:
        meeting, _ = codec.loads(codec.decode_bytes(data))
    except codec.DecodeError:
        return None
    return _Snap(meeting.status, meeting.adjusted_on, justering_hash(meeting), tuple(meeting.adjusters), meeting.chair)


class _Blobs:
    """Meeting versions read in batches: one ``cat-file --batch-check`` and one ``show`` per batch."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo
        self._specs: dict[str, tuple[str, int] | None] = {}

    def resolve(self, specs: Iterable[str]) -> None:
        """Find the object behind each ``commit:path``, commit or blob id, with its size."""
        todo = [s for s in dict.fromkeys(specs) if s not in self._specs and s not in _SNAPS]
        if not todo:
            return
        out = self.repo.git.run(
            "cat-file", "--batch-check=%(objectname) %(objecttype) %(objectsize)", stdin="\n".join(todo) + "\n"
        )
        for spec, line in zip(todo, out.splitlines(), strict=False):
            parts = line.split()
            ok = len(parts) == 3 and parts[1] in ("blob", "commit")
            self._specs[spec] = (parts[0], int(parts[2])) if ok else None

    def oid(self, spec: str) -> str | None:
        if spec in _SNAPS:
            return spec
        self.resolve([spec])
        found = self._specs.get(spec)
        return found[0] if found else None

    def load(self, specs: Iterable[str]) -> None:
        """Read and parse every blob behind ``specs`` not read before."""
        specs = list(specs)
        self.resolve(specs)
        wanted = {found for s in specs if (found := self._specs.get(s)) and found[0] not in _SNAPS}
        todo = sorted(wanted)
        if len(_SNAPS) + len(todo) > _SNAP_LIMIT:
            _SNAPS.clear()
        for start in range(0, len(todo), _SHOW_CHUNK):
            chunk = todo[start : start + _SHOW_CHUNK]
            # `git show BLOB…` writes the blobs back to back; their sizes split them
            data = self.repo.git.run_bytes("show", "--no-textconv", *(oid for oid, _ in chunk))
            expected = sum(size for _, size in chunk)
            if len(data) == expected - 1:
                data += b"\n"  # the git wrapper strips one final newline
            if len(data) != expected:
                for oid, _ in chunk:
                    _SNAPS[oid] = _snap_of(self.repo.git.run("cat-file", "blob", oid, strip=False).encode("utf-8"))
                continue
            position = 0
            for oid, size in chunk:
                _SNAPS[oid] = _snap_of(data[position : position + size])
                position += size

    def snap(self, spec: str) -> _Snap | None:
        """The meeting behind ``commit:path`` or a blob id; None where missing or unreadable."""
        if spec in _SNAPS:  # a blob id read before
            return _SNAPS[spec]
        self.load([spec])
        found = self._specs.get(spec)
        return _SNAPS.get(found[0]) if found else None


def _flag(parent: _Snap | None, child: _Snap | None, approved: set[str]) -> str | None:
    """Why a change from ``parent`` to ``child`` breaks a justering, or None."""
    if parent is not None and parent.status == Status.ADJUSTED:
        if child is None:
            return "unreadable"
        if child.status == Status.ADJUSTED:
            if child.digest != parent.digest:
                return "content"
            if child.adjusted_on != parent.adjusted_on:
                return "adjusted_on"
        return None  # a reopen (status back) is allowed; the approvals then stop counting
    if child is not None and child.status == Status.ADJUSTED and child.digest not in approved:
        return "unapproved"
    return None


@dataclass(frozen=True)
class _FileChange:
    commit: str
    parents: tuple[str, ...]
    author: str
    email: str
    date: str
    subject: str
    old: str  # blob before ("0"*40 where the file was added)
    new: str  # blob after


_LOG_FORMAT = _FS.join(["%H", "%P", "%an", "%ae", "%aI", "%s"])


def _history(repo: Repository, paths: Sequence[str]) -> dict[str, list[_FileChange]]:
    """Every change of each meeting file in HEAD's history, newest first, in one ``git log``."""
    out = repo.git.run(
        "log", "--raw", "--no-abbrev", "--no-renames", f"--format={_RS}{_LOG_FORMAT}", "HEAD", "--", *paths
    )
    changes: dict[str, list[_FileChange]] = {}
    for record in out.split(_RS):
        header, _, raw = record.partition("\n")
        fields = header.split(_FS)
        if len(fields) != 6:
            continue
        commit, parents, author, email, date, subject = fields
        for line in raw.splitlines():
            meta, tab, path = line.partition("\t")
            parts = meta.split()
            if not line.startswith(":") or not tab or len(parts) < 5:
                continue
            changes.setdefault(path, []).append(
                _FileChange(commit, tuple(parents.split()), author, email, date, subject, parts[2], parts[3])
            )
    return changes


def _reopens(repo: Repository, paths: Sequence[str]) -> dict[str, str]:
    """The newest cesam reopen commit of each meeting ("group/date" → commit)."""
    out = repo.git.run("log", f"--grep=^{K_ACTION}: reopen$", f"--format=%H{_FS}%B{_RS}", "HEAD", "--", *paths)
    found: dict[str, str] = {}
    for record in out.split(_RS):
        commit, _, body = record.strip("\n").partition(_FS)
        meeting = parse_trailers(body).get(K_MEETING)
        if commit and meeting and parse_trailers(body).get(K_ACTION) == "reopen":
            found.setdefault(meeting, commit)
    return found


def _changes_after(
    repo: Repository, blobs: _Blobs, ref: MeetingRef, since: list[str], approved: set[str]
) -> list[ChangeAfter]:
    """Commits after ``since`` (approval commits) that broke the justering, oldest first."""
    blobs.resolve(f"{c}^{{commit}}" for c in since)
    exclude = [f"^{c}" for c in dict.fromkeys(since) if blobs.oid(f"{c}^{{commit}}")]
    out = repo.git.run("log", "--reverse", f"--format={_LOG_FORMAT}{_RS}", "HEAD", *exclude, "--", ref.relpath)
    rows = [r.strip("\n").split(_FS) for r in out.split(_RS) if r.strip("\n")]
    rows = [r for r in rows if len(r) == 6]
    blobs.load(f"{c}:{ref.relpath}" for row in rows for c in [row[0], *row[1].split()])
    changes: list[ChangeAfter] = []
    for commit, parents, author, email, date, subject in rows:
        child = blobs.snap(f"{commit}:{ref.relpath}")
        reasons = [_flag(blobs.snap(f"{p}:{ref.relpath}"), child, approved) for p in parents.split()] or [
            _flag(None, child, approved)
        ]
        # a merge breaks the justering only when it differs from every side it joins
        if all(reasons):
            changes.append(ChangeAfter(commit, author, email, date, subject, str(reasons[0])))
    return changes


def _signature_problem(repo: Repository, approval: Approval) -> str | None:
    try:
        repo.git.run("verify-tag", approval.tag)
    except GitFailed as exc:
        lines = [line for line in exc.stderr.splitlines() if line.strip()]
        return lines[-1].removeprefix("gpg: ").strip() if lines else "git verify-tag failed"
    return None


def head_refs(repo: Repository) -> list[MeetingRef]:
    """Every committed meeting file at HEAD, newest first."""
    try:
        out = repo.git.run("ls-tree", "-r", "--name-only", "-z", "HEAD", "--", f"{MEETINGS_DIR}/", strip=False)
    except GitFailed:
        return []  # no commit yet
    refs = {r for r in (MeetingRef.from_relpath(p) for p in out.split("\0") if p) if r}
    return sorted(refs, key=lambda r: (r.date, r.group), reverse=True)


@dataclass
class _Book:
    """A meeting's approval tags, sorted into what counts."""

    tags: list[Approval]
    sound: list[Approval]  # the tagged commit holds the content the tag names
    ignored: list[tuple[Approval, str]]
    reopened: str | None  # the latest cesam reopen of the meeting
    current_round: list[Approval]  # sound and not made before that reopen
    all_complete: set[str]  # hashes everyone required approved, ever
    round_complete: set[str]  # hashes everyone required approved since the reopen


def _approval_book(
    repo: Repository, blobs: _Blobs, ref: MeetingRef, tags: list[Approval], reopened: str | None
) -> _Book:
    group = _group(repo, ref.group)
    blobs.load(f"{a.commit}:{ref.relpath}" for a in tags)
    sound: list[Approval] = []
    ignored: list[tuple[Approval, str]] = []
    required_of: dict[str, list[str]] = {}
    for approval in tags:
        snap = blobs.snap(f"{approval.commit}:{ref.relpath}")
        if snap is None or snap.digest != approval.content_hash:
            ignored.append((approval, "the tagged commit does not hold the content the tag names"))
            continue
        sound.append(approval)
        required_of.setdefault(approval.content_hash, snap.required(group))
    current = sound
    if reopened and sound:
        older: dict[str, bool] = {}
        for approval in sound:
            if approval.commit not in older:
                older[approval.commit] = approval.commit != reopened and repo.git.ok(
                    "merge-base", "--is-ancestor", approval.commit, reopened
                )
        current = [a for a in sound if not older[a.commit]]

    def complete(approvals: list[Approval]) -> set[str]:
        return {
            h
            for h, people in required_of.items()
            if h in _complete_hashes((a for a in approvals if a.content_hash == h), people)
        }

    return _Book(tags, sound, ignored, reopened, current, complete(sound), complete(current))


def verify(
    repo: Repository,
    refs: Sequence[MeetingRef | str] | None = None,
    *,
    check_signatures: bool = True,
    use_cache: bool = True,
) -> list[Verification]:
    """Per meeting: is what was approved still what is there, and is each approval sound?

    Reads in batches (tags, HEAD's blobs, the history of all meeting files)
    so that a repository of many years is checked with a handful of git calls;
    only a meeting whose history looks changed gets a ``git log`` of its own.
    """
    targets = [repo.resolve(r) if isinstance(r, str) else r for r in refs] if refs else head_refs(repo)
    if not targets:
        return []
    paths = [r.relpath for r in targets] if refs else [f"{MEETINGS_DIR}/"]
    if not use_cache:
        _SNAPS.clear()
    elif repo.git_dir not in _CACHE_LOADED:
        _CACHE_LOADED.add(repo.git_dir)
        _load_cache(repo)
    known = len(_SNAPS)
    tags = list_approvals(repo)
    dirty = set(repo.state().modified)
    blobs = _Blobs(repo)
    blobs.load(
        [f"HEAD:{r.relpath}" for r in targets]
        + [f"{a.commit}:{r.relpath}" for r in targets for a in tags.get(str(r), [])]
    )
    reopened = _reopens(repo, paths) if any(str(r) in tags for r in targets) else {}
    adjusted = [r for r in targets if (s := blobs.snap(f"HEAD:{r.relpath}")) is None or s.status == Status.ADJUSTED]
    history = _history(repo, paths) if adjusted else {}
    blobs.load(oid for r in adjusted for oid in _last_blobs(history.get(r.relpath, [])))
    results = [
        _verify_one(
            repo,
            blobs,
            ref,
            _approval_book(repo, blobs, ref, tags.get(str(ref), []), reopened.get(str(ref))),
            history.get(ref.relpath, []),
            ref.relpath in dirty,
            check_signatures,
        )
        for ref in targets
    ]
    if use_cache and (len(_SNAPS) != known or not _cache_path(repo).exists()):
        _save_cache(repo)
    return results


def _last_blobs(history: list[_FileChange]) -> tuple[str, ...]:
    return (history[0].old, history[0].new) if history else ()


def _unchanged_since(
    repo: Repository, blobs: _Blobs, ref: MeetingRef, since: list[str], history: list[_FileChange], approved: set[str]
) -> bool:
    """The usual case, decided without a walk: the last change of the file is the justering itself."""
    if not history or not since:
        return False
    last = history[0]
    head = blobs.oid(f"HEAD:{ref.relpath}")
    if len(last.parents) != 1 or last.new != head:
        return False  # the last change came through a merge: walk
    tagged = {blobs.oid(f"{c}:{ref.relpath}") for c in since}
    if last.old in tagged:  # approved, then made justerad by the last change
        return _flag(blobs.snap(last.old), blobs.snap(last.new), approved) is None
    if head in tagged:  # approved as it is now (recorded after the fact): nothing may follow the tag
        return any(repo.git.ok("merge-base", "--is-ancestor", last.commit, c) for c in since)
    return False


def _verify_one(
    repo: Repository,
    blobs: _Blobs,
    ref: MeetingRef,
    book: _Book,
    history: list[_FileChange],
    dirty: bool,
    check_signatures: bool,
) -> Verification:
    group = _group(repo, ref.group)
    head = blobs.snap(f"HEAD:{ref.relpath}")
    if head is None:
        # unreadable at HEAD: a problem only where it had been justerad
        if not book.all_complete:
            return Verification(ref, VerifyState.NOT_HELD, None, ignored=book.ignored)
        since = [a.commit for a in book.sound if a.content_hash in book.all_complete]
        changes = _changes_after(repo, blobs, ref, since, book.all_complete)
        return Verification(ref, VerifyState.CHANGED, None, changes=changes, ignored=book.ignored)

    required = head.required(group)
    order = {normalise_name(p): i for i, p in enumerate(required)}
    current = [a for a in book.current_round if a.content_hash == head.digest]
    current.sort(key=lambda a: order.get(normalise_name(a.approver), len(order)))
    have = {normalise_name(a.approver) for a in current}
    result = Verification(
        ref,
        VerifyState.WAITING,
        head.status,
        content_hash=head.digest,
        required=required,
        approvals=current,
        missing=[p for p in required if normalise_name(p) not in have],
        ignored=book.ignored,
        adjusted_on=head.adjusted_on,
    )
    if head.status != Status.ADJUSTED:
        result.state = VerifyState.WAITING if head.status == Status.HELD else VerifyState.NOT_HELD
        return result

    # walk from the approvals this justering rests on (or the reopen before it) to HEAD
    basis = {head.digest} if head.digest in book.round_complete else book.round_complete
    since = [a.commit for a in book.current_round if a.content_hash in basis]
    if not (
        head.digest in book.round_complete and _unchanged_since(repo, blobs, ref, since, history, book.all_complete)
    ):
        if book.reopened:
            since.append(book.reopened)
        result.changes = _changes_after(repo, blobs, ref, since, book.all_complete)
    if dirty:
        result.changes.append(ChangeAfter("", "", "", "", ref.relpath, "uncommitted"))
    if check_signatures:
        for approval in current:
            if approval.signed:
                problem = _signature_problem(repo, approval)
                if problem:
                    result.bad_signatures.append((approval, problem))
    if any(c.what != "unapproved" for c in result.changes):
        result.state = VerifyState.CHANGED
    elif result.bad_signatures:
        result.state = VerifyState.BAD_SIGNATURE
    elif head.digest not in book.round_complete:
        result.state = VerifyState.MISSING
    elif result.changes:
        result.state = VerifyState.CHANGED
    else:
        result.state = VerifyState.OK
    return result


# ---------------------------------------------------------------- the justering window


@dataclass(frozen=True)
class WindowEntry:
    ref: MeetingRef
    due: dt.date  # the last day of the justering window
    days_left: int  # negative when past the window
    approved_by: list[str]
    missing: list[str]

    @property
    def overdue(self) -> bool:
        return self.days_left < 0


def justering_window(
    repo: Repository, today: dt.date | None = None, results: Sequence[Verification] | None = None
) -> list[WindowEntry]:
    """Held meetings waiting for justering, oldest first, with their deadline.

    The window is ``group.justering_days`` after the meeting (cesam.toml).
    """
    today = today or dt.date.today()
    results = results if results is not None else verify(repo, check_signatures=False)
    entries: list[WindowEntry] = []
    for result in results:
        if result.state != VerifyState.WAITING:
            continue
        group = _group(repo, result.ref.group)
        days = group.justering_days if group else Group("", "").justering_days
        due = result.ref.date + dt.timedelta(days=days)
        entries.append(
            WindowEntry(
                result.ref,
                due,
                (due - today).days,
                [a.approver for a in result.approvals],
                result.missing,
            )
        )
    return sorted(entries, key=lambda e: (e.due, str(e.ref)))


# ---------------------------------------------------------------- existing justeringar


def _signature_for(person: str, signatures: list[Signature]) -> Signature | None:
    slug = person_slug(person)
    for signature in signatures:
        name = signature.name.split("@", 1)[0].replace(".", " ")
        if normalise_name(signature.name) == normalise_name(person) or person_slug(name) == slug:
            return signature
    return None


def record_existing_approvals(repo: Repository, ref: MeetingRef, *, sign: bool | None = None) -> list[Approval]:
    """Approval tags for a meeting that is justerad in its data (demo, import).

    The current git user records each approval; the date comes from the
    person's signature in the meeting where there is one, else from its
    justeringsdag.
    """
    meeting = repo.load(ref).meeting
    if meeting.status != Status.ADJUSTED:
        raise UsageError(f"{ref} is not justerad")
    created: list[Approval] = []
    for person in required_approvers(meeting, _group(repo, ref.group)):
        signature = _signature_for(person, meeting.signatures)
        on = meeting.adjusted_on or meeting.date
        if signature and signature.signed_at:
            with contextlib.suppress(ValueError):
                on = dt.date.fromisoformat(signature.signed_at[:10])
        on = min(max(on, meeting.date), dt.date.today())
        result = adjust(
            repo,
            ref,
            [person],
            on=on,
            method=signature.method if signature else "",
            signed_at=signature.signed_at if signature else "",
            sign=sign,
        )
        created += result.created
    return created


__all__ = [
    "AdjustResult",
    "Approval",
    "ChangeAfter",
    "Reopening",
    "Verification",
    "VerifyState",
    "WindowEntry",
    "adjust",
    "head_refs",
    "justering_hash",
    "justering_window",
    "list_approvals",
    "person_slug",
    "record_existing_approvals",
    "reopen",
    "reopenings",
    "required_approvers",
    "verify",
]
