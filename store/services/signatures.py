"""Who signed an approval tag, and whether that is the person it should be.

``git verify-tag`` says whether a signature is good for a key the checker
trusts (gpg keyring, ssh allowed-signers file). It does not say whether that
key belongs to the justerare the tag names: a secretary's good signature on a
tag "approved by Lena Possbeck" is still the secretary's. So the signer git
reports (gpg: the key's user id; ssh: the principal in allowedSignersFile) is
compared with the person who should have signed: the approver, or, for a tag
that says it was recorded by the secretary, the recorder.

A signer matches a person when the name in its user id is the person's name
(case and spacing ignored), or the part of its e-mail address before the @,
read with dots as spaces ("lena.possbeck@…"), spells the person's name, or its
e-mail is the recorder's. See docs/security.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from store.gitio import refs
from store.gitio.git import GitFailed
from store.services.approvals import Approval, normalise_name, person_slug
from store.services.repository import Repository

_GPG_GOOD = re.compile(r"^\[GNUPG:\] GOODSIG \S+ (.+)$", re.MULTILINE)
_SSH_GOOD = re.compile(r'^Good "git" signature for (.+?) with \S+ key \S+$', re.MULTILINE)


@dataclass(frozen=True)
class SignatureCheck:
    approval: Approval
    signer: str  # "" when unsigned, or when git names no signer
    good: bool  # git verify-tag accepts it (False for an unsigned tag)
    matches: bool  # the signer is the person who should have signed
    problem: str = ""  # why it fails, in the checker's words; "" when it does not


def signer_of(report: str) -> str:
    """The signer git names in ``verify-tag --raw`` output: a gpg user id or an ssh principal."""
    for pattern in (_GPG_GOOD, _SSH_GOOD):
        match = pattern.search(report)
        if match:
            return match.group(1).strip()
    return ""


def _split(identity: str) -> tuple[str, str]:
    """("Name", "email") from "Name <email>", a bare e-mail, or a bare name."""
    match = re.match(r"^(.*?)\s*<([^>]*)>\s*$", identity)
    if match:
        return match.group(1), match.group(2)
    return ("", identity) if "@" in identity else (identity, "")


def signer_is(signer: str, person: str) -> bool:
    """Whether ``signer`` (a user id or principal) is ``person`` (a name, or "Name <email>")."""
    signer_name, signer_email = _split(signer)
    person_name, person_email = _split(person)
    if signer_name and person_name and normalise_name(signer_name) == normalise_name(person_name):
        return True
    if signer_email and person_email and signer_email.casefold() == person_email.casefold():
        return True
    local = signer_email.split("@", 1)[0].replace(".", " ").replace("_", " ")
    return bool(local and person_name) and person_slug(local) == person_slug(person_name)


def check_signature(repo: Repository, approval: Approval) -> SignatureCheck:
    if not approval.signed:
        return SignatureCheck(approval, "", False, False)
    try:
        report = refs.verify_tag(repo.git, approval.tag, raw=True)
    except GitFailed as exc:
        return SignatureCheck(approval, signer_of(exc.stderr), False, False, _failure(repo, approval))
    signer = signer_of(report)
    expected = approval.recorded_by if approval.by_secretary else approval.approver
    if not signer:
        return SignatureCheck(approval, "", True, False, _problem("signer_unknown", signer, approval))
    if signer_is(signer, expected):
        return SignatureCheck(approval, signer, True, True)
    key = "signer_not_recorder" if approval.by_secretary else "signer_not_approver"
    return SignatureCheck(approval, signer, True, False, _problem(key, signer, approval))


def _failure(repo: Repository, approval: Approval) -> str:
    """git's own words for a signature that does not verify (``--raw`` gives gpg's status codes only)."""
    try:
        refs.verify_tag(repo.git, approval.tag)
    except GitFailed as exc:
        lines = [line for line in exc.stderr.splitlines() if line.strip()]
        return lines[-1].removeprefix("gpg: ").strip() if lines else "git verify-tag failed"
    return "git verify-tag failed"


def _problem(key: str, signer: str, approval: Approval) -> str:
    from store.core.i18n import term

    # the reason is data for the CLI and JSON; it is worded in English like git's own problems
    return term(f"justering.{key}", "en").format(
        signer=signer, approver=approval.approver, recorder=approval.recorded_by
    )
