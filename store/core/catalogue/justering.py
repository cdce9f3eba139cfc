"""Justering: tag subjects, commit messages, and what verify says of each approval."""

from __future__ import annotations

ENTRIES: dict[str, tuple[str, str]] = {
    # justering: tag subjects and what verify says of each approval
    "justering.tag_subject": ("{label}: godkänt av {approver}", "{label}: approved by {approver}"),
    "justering.tag_subject_by_secretary": (
        "{label}: godkännande från {approver}, registrerat av sekreteraren {recorder}",
        "{label}: approval from {approver}, recorded by the secretary {recorder}",
    ),
    "justering.recorded": ("godkännande registrerat", "approval recorded"),
    "justering.by_secretary": ("registrerat av sekreteraren {recorder}", "recorded by the secretary {recorder}"),
    "justering.by_self": ("registrerat av {recorder}", "recorded by {recorder}"),
    "justering.signed_by": ("signerat av {signer}", "signed by {signer}"),
    "justering.unsigned": ("osignerat", "unsigned"),
    "justering.signer_not_approver": (
        "signerat av {signer}, inte av {approver}",
        "signed by {signer}, not by {approver}",
    ),
    "justering.signer_not_recorder": (
        "signerat av {signer}, inte av den som registrerade ({recorder})",
        "signed by {signer}, not by whoever recorded it ({recorder})",
    ),
    "justering.signer_unknown": (
        "signaturen är giltig men nämner ingen signerare att jämföra med {approver}",
        "the signature is good but names no signer to compare with {approver}",
    ),
    "justering.bilaga_changed": ("bilaga ändrad: {files}", "attachment changed: {files}"),
    # store/services/justering.py
    "justering.msg.adjusted_by": ("{label}: justerat av {who}", "{label}: adjusted by {who}"),
    # store/services/verify.py: VerifyState.label
    "verify.state.not_held": ("ej hållen", "not held"),
    "verify.state.waiting": ("väntar på justering", "waiting for justering"),
    "verify.state.ok": ("justerad, oförändrad", "adjusted, unchanged"),
    "verify.state.changed": ("ändrad efter justering", "changed after justering"),
    "verify.state.bad_signature": ("ogiltig signatur", "bad signature"),
    "verify.state.missing": ("godkännanden saknas", "approvals missing"),
    # store/services/justering.py: the commit message of a reopen
    "justering.reopen_message": (
        "{label}: justering hävd, öppnat för ändring – {first}\n\nSkäl: {reason}",
        "{label}: justering lifted, open for change – {first}\n\nReason: {reason}",
    ),
}
