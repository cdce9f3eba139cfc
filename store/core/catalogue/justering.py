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
    # store/services/repository.py and justering.py: refusals, in the language of the repository's user
    "refuse.frozen": ("{ref} är justerat och kan inte ändras", "{ref} is justerad and cannot be changed"),
    "refuse.frozen.hint": (
        'Öppna det igen med ett skäl: v och o i mötet, eller cesam reopen {ref} --reason "…"',
        'Reopen it with a reason: v and o in the meeting, or cesam reopen {ref} --reason "…"',
    ),
    "refuse.only_approvals": (
        "{ref} blir justerat först när justerarna har godkänt det",
        "{ref} becomes justerad only when its justerare approve it",
    ),
    "refuse.only_approvals.hint": (
        "Registrera godkännandena: v i mötet, eller cesam adjust {ref}.",
        "Record the approvals: v in the meeting, or cesam adjust {ref}.",
    ),
    "refuse.not_approver": (
        "{name} är inte bland dem som justerar {ref} ({who})",
        "{name!r} is not among those who approve {ref} ({who})",
    ),
    "refuse.not_approver.hint": (
        "Bara mötets justerare, och ordföranden där gruppen kräver det, justerar protokollet.",
        "Only the meeting's justerare, and the chair where the group requires it, approve the minutes.",
    ),
    "refuse.bad_approval_date": (
        "ett godkännande av {ref} kan inte dateras {date}",
        "an approval of {ref} cannot be dated {date}",
    ),
    "refuse.bad_approval_date.hint": (
        "Ange ett datum från mötesdagen ({meeting}) till i dag.",
        "Give a date from the meeting ({meeting}) to today.",
    ),
    "refuse.no_adjusters": ("{ref} har inga justerare", "{ref} names no justerare"),
    "refuse.no_adjusters.hint": (
        "Ange dem först (punkten ”Val av justerare”, fältet justerare) och justera sedan.",
        'Name them first (the item "Val av justerare"; the field adjusters), then adjust.',
    ),
    "refuse.already_adjusted": ("{ref} är redan justerat", "{ref} is already justerad"),
    "refuse.already_adjusted.hint": ("cesam verify {ref} kontrollerar det.", "`cesam verify {ref}` checks it."),
    "refuse.changed_after": (
        "{ref} var justerat och innehållet är inte det som godkändes",
        "{ref} was justerad and its content is not what was approved",
    ),
    "refuse.changed_after.hint": (
        'cesam verify {ref} visar ändringen. För att godkänna nytt innehåll, öppna det igen först: cesam reopen {ref} --reason "…"',
        '`cesam verify {ref}` names the change. To approve new content, reopen it first: cesam reopen {ref} --reason "…"',
    ),
    "refuse.not_held": (
        "{ref} har status {status}; bara ett hållet möte (hållen) kan justeras",
        "{ref} has status {status}; only a held meeting (hållen) can be justerad",
    ),
    "refuse.not_held.hint": (
        "Sätt status till hållen när mötet har hållits.",
        "Set its status to hållen when the meeting has been held.",
    ),
    "refuse.reopen_reason": ("att öppna igen kräver ett skäl", "a reopen needs a reason"),
    "refuse.reopen_reason.hint": ('cesam reopen {ref} --reason "…"', 'cesam reopen {ref} --reason "…"'),
    "refuse.not_adjusted": (
        "{ref} är inte justerat (status {status}); det finns inget att öppna igen",
        "{ref} is not justerad (status {status}); there is nothing to reopen",
    ),
    # store/services/justering.py: the commit message of a reopen
    "justering.reopen_message": (
        "{label}: justering hävd, öppnat för ändring – {first}\n\nSkäl: {reason}",
        "{label}: justering lifted, open for change – {first}\n\nReason: {reason}",
    ),
}
