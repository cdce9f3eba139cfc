"""The domain's vocabulary in Swedish and English.

One catalogue for the words of the domain (kinds, statuses, field names,
actions) that the commit messages, the semantic diff, the CLI and the TUI
all use. The UI's own strings live in cesam_tui/strings.py and build on it.
"""

from __future__ import annotations

from store.core.model import ItemKind, OutcomeKind, StatementKind, Status

LANGUAGES = ("sv", "en")

_TERMS: dict[str, tuple[str, str]] = {
    # statuses
    f"status.{Status.DRAFT}": ("utkast", "draft"),
    f"status.{Status.CALLED}": ("kallad", "called"),
    f"status.{Status.HELD}": ("hållen", "held"),
    f"status.{Status.ADJUSTED}": ("justerad", "adjusted"),
    # item kinds
    f"kind.{ItemKind.INFORMATION}": ("information (MBL § 19)", "information (MBL § 19)"),
    f"kind.{ItemKind.NEGOTIATION}": ("samverkan inför beslut (MBL § 11)", "negotiation (MBL § 11)"),
    f"kind.{ItemKind.PROCUREMENT}": ("upphandling (MBL § 38)", "procurement (MBL § 38)"),
    f"kind.{ItemKind.DECISION}": ("beslut", "decision"),
    f"kind.{ItemKind.UNION_QUESTION}": ("facklig fråga", "union question"),
    f"kind.{ItemKind.ADJUSTERS}": ("val av justerare", "choice of adjusters"),
    f"kind.{ItemKind.PREVIOUS_MINUTES}": ("föregående protokoll", "previous minutes"),
    f"kind.{ItemKind.OTHER_BUSINESS}": ("övriga frågor", "other business"),
    f"kind.{ItemKind.NEXT_MEETING}": ("nästa möte", "next meeting"),
    f"kind.{ItemKind.OTHER}": ("övrigt", "other"),
    # statement kinds
    f"statement.{StatementKind.QUESTION}": ("fråga", "question"),
    f"statement.{StatementKind.VIEW}": ("synpunkt", "view"),
    f"statement.{StatementKind.PROTOCOL_NOTE}": ("protokollsanteckning", "note to the minutes"),
    f"statement.{StatementKind.RESERVATION}": ("reservation", "reservation"),
    f"statement.{StatementKind.MOTION}": ("yrkande", "motion"),
    # outcomes
    f"outcome.{OutcomeKind.NONE}": ("inget utfall", "no outcome"),
    f"outcome.{OutcomeKind.INFORMATION_RECEIVED}": ("information mottagen", "information received"),
    f"outcome.{OutcomeKind.AGREEMENT}": ("enighet", "agreement"),
    f"outcome.{OutcomeKind.DISAGREEMENT}": ("oenighet", "disagreement"),
    f"outcome.{OutcomeKind.POSTPONED}": ("bordlagd", "postponed"),
    f"outcome.{OutcomeKind.DECISION}": ("beslut", "decision"),
    # fields
    "field.date": ("datum", "date"),
    "field.start": ("starttid", "start time"),
    "field.end": ("sluttid", "end time"),
    "field.place": ("plats", "place"),
    "field.status": ("status", "status"),
    "field.chair": ("ordförande", "chair"),
    "field.secretary": ("sekreterare", "secretary"),
    "field.adjusters": ("justerare", "adjusters"),
    "field.adjusted_on": ("justeringsdag", "date of adjustment"),
    "field.group": ("grupp", "group"),
    "field.title": ("rubrik", "title"),
    "field.kind": ("typ", "kind"),
    "field.raised_by": ("anmäld av", "raised by"),
    "field.purpose": ("syfte", "purpose"),
    "field.presenters": ("föredragande", "presenters"),
    "field.body": ("text", "text"),
    "field.proposal": ("arbetsgivarens förslag", "the employer's proposal"),
    "field.carried_from": ("uppföljning från", "carried from"),
    "field.party": ("part", "party"),
    "field.text": ("text", "text"),
    "field.answer": ("arbetsgivarens svar", "the employer's answer"),
    "field.parties": ("parter", "parties"),
    "field.postponed_to": ("bordlagd till", "postponed to"),
    "field.owner": ("ansvarig", "owner"),
    "field.due": ("klar senast", "due"),
    "field.closed": ("stängd", "closed"),
    "field.closed_in": ("stängd vid", "closed at"),
    "field.closed_note": ("anteckning vid stängning", "closing note"),
    "field.closes": ("stänger", "closes"),
    "field.name": ("namn", "name"),
    "field.role": ("roll", "role"),
    "field.signs_as": ("titel vid underskrift", "title when signing"),
    "field.items": ("punkter", "items"),
    "field.from_item": ("från punkt", "from item"),
    "field.absent": ("anmält förhinder", "sent apologies"),
    "field.number": ("nummer", "number"),
    "field.file": ("fil", "file"),
    "field.note": ("anteckning", "note"),
    "field.extra": ("övriga fält", "other fields"),
    "field.confidential": ("sekretessmarkerad", "confidential"),
    "field.public": ("får publiceras", "may be published"),
    "field.role_internal": ("intern roll", "internal role"),
    # records
    "record.meeting": ("möte", "meeting"),
    "record.attendee": ("närvarande", "attendee"),
    "record.item": ("punkt", "item"),
    "record.subitem": ("underpunkt", "sub-item"),
    "record.statement": ("yttrande", "statement"),
    "record.followup": ("uppföljning", "follow-up"),
    "record.attachment": ("bilaga", "attachment"),
    "record.outcome": ("utfall", "outcome"),
    "record.next_meeting": ("nästa möte", "next meeting"),
    "record.signature": ("underskrift", "signature"),
    # actions (grammatical gender differs in Swedish: -t for ett-words)
    "action.added": ("tillagd", "added"),
    "action.added.n": ("tillagt", "added"),
    "action.removed": ("borttagen", "removed"),
    "action.removed.n": ("borttaget", "removed"),
    "action.changed": ("ändrad", "changed"),
    "action.changed.n": ("ändrat", "changed"),
    "action.changed.pl": ("ändrade", "changed"),
    "action.moved": ("flyttad", "moved"),
    "action.closed": ("stängd", "closed"),
    "action.reopened": ("öppnad igen", "reopened"),
    "action.restored": ("återställd", "restored"),
    "action.restored.n": ("återställt", "restored"),
    "restored_from": ("från", "from"),
    "heading.attendees": ("Närvarande", "Present"),
    "attendance": ("närvaro", "attendance"),
    "changes": ("ändringar", "changes"),
    "present_from": ("från punkt", "from item"),
    "all_items": ("alla punkter", "all items"),
    "item_short": ("punkt", "item"),
    "yes": ("ja", "yes"),
    "no": ("nej", "no"),
    "empty": ("(tomt)", "(empty)"),
    "followup.closed_in": ("stängd i", "closed in"),
    "followup.due": ("senast", "due"),
    # commit messages of changes to cesam.toml
    "roster.kept": (
        "{group}: ledamöter sparade från närvaron ({n})",
        "{group}: members kept from the attendance ({n})",
    ),
    # cesam edit and its kept drafts (cesam_cli/commands/edit.py)
    "edit.no_change": ("ingen ändring, ingen commit", "no change, no commit"),
    "edit.kept": ("cesam: din ändring finns kvar i {path}", "cesam: your edit is kept in {path}"),
    "edit.draft_continued": (
        "cesam: fortsätter den osparade ändringen i {path}",
        "cesam: continuing the unsaved edit kept in {path}",
    ),
    "edit.legacy_draft": (
        "cesam: en äldre cesam sparade en osparad ändring i {path}; den används inte, eftersom den inte säger "
        "vilket arkiv eller vilken version den gäller. Jämför själv och ta bort filen när du är klar.",
        "cesam: an older cesam kept an unsaved edit in {path}; it is not used, as it does not say which "
        "repository or version it belongs to. Compare it yourself and remove the file when done.",
    ),
    "edit.draft_rebased": (
        "cesam: {meeting} har ändrats sedan ändringen påbörjades; den är sammanfogad med den nya versionen",
        "cesam: {meeting} changed since the edit began; it is merged with the new version",
    ),
    "edit.draft_overlaps": (
        "cesam: här har både du och någon annan ändrat; utkastet har dina värden, kontrollera dem:",
        "cesam: both you and someone else changed these; the draft has your values, check them:",
    ),
    "edit.merged": (
        "cesam: {meeting} ändrades av någon annan medan du redigerade; båda ändringarna är sparade",
        "cesam: {meeting} was changed by someone else while you edited; both changes are saved",
    ),
    # cesam site
    "site.built": (
        "webbplatsen i {out}: {meetings} möten, {rendered} sidor gjorda på nytt, {documents} dokument",
        "site in {out}: {meetings} meetings, {rendered} pages made again, {documents} documents",
    ),
    "site.unchanged": (
        "webbplatsen i {out} är aktuell ({meetings} möten)",
        "the site in {out} is up to date ({meetings} meetings)",
    ),
    "site.serving": ("visar {out} på {url} (Ctrl-C avslutar)", "serving {out} at {url} (Ctrl-C stops)"),
    "site.dirty": (
        "obs: ocommittade ändringar publiceras inte; webbplatsen visar det som är committat",
        "note: uncommitted edits are not published; the site shows what is committed",
    ),
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
}

# Swedish nouns of neuter gender (ett-ord) take -t in the participle.
_NEUTER = {"utfall", "syfte", "datum", "yttrande", "möte", "namn", "nummer", "förslag", "svar", "yrkande"}


def term(key: str, lang: str = "sv") -> str:
    pair = _TERMS.get(key)
    if pair is None:
        return key.rsplit(".", 1)[-1]
    return pair[1] if lang == "en" else pair[0]


def participle(action: str, noun: str, lang: str = "sv") -> str:
    """'tillagd' or 'tillagt', agreeing with the Swedish noun it follows."""
    neuter_key = f"action.{action}.n"
    if lang == "sv" and noun.split()[-1] in _NEUTER and neuter_key in _TERMS:
        return term(neuter_key, lang)
    return term(f"action.{action}", lang)
