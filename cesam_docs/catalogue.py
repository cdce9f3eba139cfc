"""Every word the documents print, in Swedish and English.

One table per language so that a translator sees all of it at once and no
renderer carries wording of its own. Templates use ``str.format`` fields.
The Swedish phrases are the ones the CESAM protocols use.
"""

from __future__ import annotations

import datetime as dt

SV: dict[str, str] = {
    # document kinds and page frame
    "protocol": "Protokoll",
    "notice": "Kallelse",
    "extract": "Protokollsutdrag",
    "restlista": "Restlista",
    "meeting_title": "{group} den {date}",
    "page": "sida",
    "footer_signature": "Justerandes signatur",
    "draft": "UTKAST",
    "adjusted_on": "Justerat {date}",
    "adjusted": "Justerat",
    # attendance
    "present": "Närvarande",
    "employer_side": "Arbetsgivaren",
    "union_side": "Fackliga parter",
    "absent": "Anmält förhinder",
    "col_name": "Namn",
    "col_role": "Titel eller organisation",
    "chair": "mötesordförande",
    "secretary": "sekreterare",
    "item_ref": "punkt {numbers}",
    "from_item": "from punkt {number}",
    "and": "och",
    # numbering
    "number_meeting": "{n}.",
    "number_year": "§ {n}",
    # items
    "raised_by": "Anmäld av {party}.",
    "raised_by_text": "Anmäld av {party}: {text}",
    "tracked": "Följs upp på restlistan:",
    "proposal": "Arbetsgivarens förslag till beslut:",
    "see_attachments": "Se bilaga {numbers}.",
    "image_refused": "[bild som inte hämtades: {src}]",
    "carried_from": "Uppföljning från {ref}.",
    "adjusters_chosen": "{names} valdes att justera dagens protokoll.",
    "no_other_business": "Inga övriga frågor anmäldes.",
    "next_meeting": "Nästa möte är den {date}{time}{place}.",
    "next_meeting_time": " kl. {time}",
    "next_meeting_place": ", {place}",
    # statements: *_lower when the text goes on from the party's name,
    # *_upper when it is a sentence of its own
    "view_lower": "{party} anser att {text}",
    "view_upper": "{party} framförde: {text}",
    "question_lower": "{party} frågade {text}",
    "question_upper": "{party} frågade: {text}",
    "motion_lower": "{party} yrkade att {text}",
    "motion_upper": "{party} yrkade: {text}",
    "reservation_lower": "{party} reserverade sig {text}",
    "reservation_upper": "{party} reserverade sig: {text}",
    "answer_lower": "{employer} svarade att {text}",
    "answer_upper": "{employer} svarade: {text}",
    "protocol_note": "Protokollsanteckning från {party}",
    "reservation_title": "Reservation från {party}",
    # outcomes
    "outcome_minutes_filed": "Protokollet lades till handlingarna.",
    "outcome_agreement_all": "Fackliga parter biföll arbetsgivarens förslag till beslut.",
    "outcome_agreement_some": "{parties} biföll arbetsgivarens förslag till beslut.",
    "outcome_disagreement_all": "Fackliga parter ställde sig oeniga gentemot arbetsgivarens förslag till beslut.",
    "outcome_disagreement_some": "{parties} ställde sig oeniga gentemot arbetsgivarens förslag till beslut.",
    "outcome_postponed": "Punkten bordlades.",
    "outcome_postponed_to": "Punkten bordlades till sammanträdet den {date}.",
    "outcome_decision": "Beslut fattades i enlighet med förslaget.",
    # follow-ups
    "followup_due": "{text} (senast {date})",
    # end of protocol
    "adjust_title": "Justeras:",
    "minutes_by": "Vid protokollet",
    "attachments": "Bilagor",
    "attachment_line": "{number}) {title}",
    "signatures": "Underskrifter",
    "signature_line": "Underskriven av {name}",
    "signature_at": "{at}",
    "signature_via": "via {method}",
    "stamp": "Framställt ur cesam från commit {commit}, innehållshash {hash}.",
    "stamp_dirty": (
        "Framställt ur cesam från commit {commit} med ändringar som inte är incheckade, innehållshash {hash}."
    ),
    "stamp_short": "{commit} · {hash}",
    # notice
    "agenda": "Dagordning",
    "time": "Tid",
    "place": "Plats",
    "called": "Kallade",
    "called_everyone": "Ledamöterna i {group}",
    "purpose": "Syfte",
    "purpose_missing": "Syfte ej angivet",
    "basis": "Grund",
    "kind": "Ärendetyp",
    "presenter": "Föredragande",
    "mbl": "MBL § {section}",
    "mbl_11": "förhandling före beslut",
    "mbl_19": "information",
    "mbl_38": "upphandling",
    "kind_information": "Information",
    "kind_negotiation": "Förhandling",
    "kind_procurement": "Upphandling",
    "kind_decision": "Beslut",
    "kind_union_question": "Facklig fråga",
    "kind_adjusters": "Val av justerare",
    "kind_previous_minutes": "Föregående protokoll",
    "kind_other_business": "Övriga frågor",
    "kind_next_meeting": "Nästa möte",
    "kind_other": "Övrigt",
    "notice_footer": "Anmäl förhinder till sekreteraren{secretary}.",
    "notice_secretary": " ({name})",
    # extract
    "extract_of": "Utdrag ur protokoll från {group} den {date}",
    "extract_status_adjusted": "Protokollet justerades {date}.",
    "extract_status_adjusted_undated": "Protokollet är justerat.",
    "extract_status_draft": "Protokollet är inte justerat ({status}). Utdraget kan ändras.",
    "extract_certify": "Rätt utdraget intygar",
    "status_utkast": "utkast",
    "status_kallad": "kallad",
    "status_hållen": "hållen",
    "status_justerad": "justerad",
    # restlista
    "as_of": "Per {date}",
    "open_followups": "Öppna uppföljningar",
    "col_meeting": "Möte",
    "col_item": "Punkt",
    "col_followup": "Uppföljning",
    "col_owner": "Ansvarig",
    "col_due": "Senast",
    "col_age": "Ålder (dagar)",
    "col_taken_up": "Tagen upp",
    "closed_followups": "Stängda uppföljningar de senaste {days} dagarna",
    "col_closed_in": "Stängd vid",
    "col_note": "Anteckning",
    "col_status": "Status",
    "col_deadline": "Justeras senast",
    "col_days_over": "Dagar över",
    "col_parties": "Oeniga",
    "col_last_day": "Sista dag",
    "col_days_left": "Dagar kvar",
    "justering_waiting": "Möten som väntar på justering",
    "central_negotiation": "Sista dag att begära central förhandling",
    "overdue": "försenad",
    "none": "Inga.",
}

EN: dict[str, str] = {
    "protocol": "Minutes",
    "notice": "Notice of meeting",
    "extract": "Extract from the minutes",
    "restlista": "Open follow-ups",
    "meeting_title": "{group}, {date}",
    "page": "page",
    "footer_signature": "Adjusters' initials",
    "draft": "DRAFT",
    "adjusted_on": "Approved {date}",
    "adjusted": "Approved",
    "present": "Present",
    "employer_side": "Employer",
    "union_side": "Unions",
    "absent": "Apologies",
    "col_name": "Name",
    "col_role": "Title or organisation",
    "chair": "chair",
    "secretary": "secretary",
    "item_ref": "item {numbers}",
    "from_item": "from item {number}",
    "and": "and",
    "number_meeting": "{n}.",
    "number_year": "§ {n}",
    "raised_by": "Raised by {party}.",
    "raised_by_text": "Raised by {party}: {text}",
    "tracked": "Followed up on the restlista:",
    "proposal": "The employer's proposal:",
    "see_attachments": "See attachment {numbers}.",
    "image_refused": "[image not fetched: {src}]",
    "carried_from": "Follow-up from {ref}.",
    "adjusters_chosen": "{names} were chosen to approve the minutes.",
    "no_other_business": "No other business was raised.",
    "next_meeting": "The next meeting is on {date}{time}{place}.",
    "next_meeting_time": " at {time}",
    "next_meeting_place": ", {place}",
    "view_lower": "{party}: {text}",
    "view_upper": "{party} stated: {text}",
    "question_lower": "{party} asked: {text}",
    "question_upper": "{party} asked: {text}",
    "motion_lower": "{party} moved: {text}",
    "motion_upper": "{party} moved: {text}",
    "reservation_lower": "{party} entered a reservation: {text}",
    "reservation_upper": "{party} entered a reservation: {text}",
    "answer_lower": "{employer} answered: {text}",
    "answer_upper": "{employer} answered: {text}",
    "protocol_note": "Note for the minutes from {party}",
    "reservation_title": "Reservation by {party}",
    "outcome_minutes_filed": "The minutes were placed on file.",
    "outcome_agreement_all": "The unions agreed with the employer's proposal.",
    "outcome_agreement_some": "{parties} agreed with the employer's proposal.",
    "outcome_disagreement_all": "The unions disagreed with the employer's proposal.",
    "outcome_disagreement_some": "{parties} disagreed with the employer's proposal.",
    "outcome_postponed": "The item was postponed.",
    "outcome_postponed_to": "The item was postponed to the meeting on {date}.",
    "outcome_decision": "A decision was made as proposed.",
    "followup_due": "{text} (by {date})",
    "adjust_title": "Approved by:",
    "minutes_by": "Minutes taken by",
    "attachments": "Attachments",
    "attachment_line": "{number}) {title}",
    "signatures": "Signatures",
    "signature_line": "Signed by {name}",
    "signature_at": "{at}",
    "signature_via": "via {method}",
    "stamp": "Made by cesam from commit {commit}, content hash {hash}.",
    "stamp_dirty": "Made by cesam from commit {commit} with uncommitted changes, content hash {hash}.",
    "stamp_short": "{commit} · {hash}",
    "agenda": "Agenda",
    "time": "Time",
    "place": "Place",
    "called": "Called",
    "called_everyone": "The members of {group}",
    "purpose": "Purpose",
    "purpose_missing": "Purpose not stated",
    "basis": "Basis",
    "kind": "Kind",
    "presenter": "Presented by",
    "mbl": "MBL § {section}",
    "mbl_11": "negotiation before a decision",
    "mbl_19": "information",
    "mbl_38": "procurement",
    "kind_information": "Information",
    "kind_negotiation": "Negotiation",
    "kind_procurement": "Procurement",
    "kind_decision": "Decision",
    "kind_union_question": "Union question",
    "kind_adjusters": "Choice of adjusters",
    "kind_previous_minutes": "Previous minutes",
    "kind_other_business": "Other business",
    "kind_next_meeting": "Next meeting",
    "kind_other": "Other",
    "notice_footer": "Send apologies to the secretary{secretary}.",
    "notice_secretary": " ({name})",
    "extract_of": "Extract from the minutes of {group}, {date}",
    "extract_status_adjusted": "The minutes were approved on {date}.",
    "extract_status_adjusted_undated": "The minutes are approved.",
    "extract_status_draft": "The minutes are not approved ({status}). This extract may change.",
    "extract_certify": "Certified a true extract",
    "status_utkast": "draft",
    "status_kallad": "called",
    "status_hållen": "held",
    "status_justerad": "approved",
    "as_of": "As of {date}",
    "open_followups": "Open follow-ups",
    "col_meeting": "Meeting",
    "col_item": "Item",
    "col_followup": "Follow-up",
    "col_owner": "Owed by",
    "col_due": "Due",
    "col_age": "Age (days)",
    "col_taken_up": "Taken up",
    "closed_followups": "Follow-ups closed in the last {days} days",
    "col_closed_in": "Closed at",
    "col_note": "Note",
    "col_status": "Status",
    "col_deadline": "Approve by",
    "col_days_over": "Days over",
    "col_parties": "Disagreeing",
    "col_last_day": "Last day",
    "col_days_left": "Days left",
    "justering_waiting": "Meetings waiting for approval",
    "central_negotiation": "Last day to request central negotiation",
    "overdue": "overdue",
    "none": "None.",
}

MONTHS = {
    "sv": [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}

#: Verbs a statement's text may start with when it was written to follow the
#: party's name ("ställer sig positiva till …"); such text is printed after the
#: name as it is, anything else gets the lead of its kind ("anser att …").
SWEDISH_LEAD_VERBS = frozenset(
    """
    anser ansåg menar menade frågade frågar undrar undrade efterfrågade efterfrågar ställer ställde
    påtalade påtalar påpekade påpekar lyfte lyfter vill ville föreslår föreslog ser såg framförde
    framför önskar önskade yrkar yrkade reserverar reserverade har hade tar tog delar delade instämmer
    instämde betonar betonade poängterar poängterade understryker underströk uppmanar uppmanade
    informerade informerar tackar tackade välkomnar välkomnade är var saknar saknade begär begärde
    kommer återkommer svarade svarar redovisade redovisar biföll bifaller avser avsåg hänvisar hänvisade
    konstaterar konstaterade ger gav bekräftar bekräftade noterar noterade kan kunde ska skall avstår
    avstod anmäler anmälde godtar godtog accepterar accepterade motsätter motsatte förordar förordade
    tillstyrker tillstyrkte avstyrker avstyrkte stödjer stöder stödde efterlyser efterlyste
    """.split()  # noqa: SIM905 - a word list reads better as words
)

LANGUAGES = {"sv": SV, "en": EN}


class Catalogue:
    """The strings of one language; unknown languages fall back to Swedish."""

    def __init__(self, lang: str = "sv") -> None:
        self.lang = lang if lang in LANGUAGES else "sv"
        self._strings = LANGUAGES[self.lang]

    def __call__(self, key: str, **fields: object) -> str:
        return self._strings[key].format(**fields)

    def long_date(self, date: dt.date) -> str:
        month = MONTHS[self.lang][date.month - 1]
        if self.lang == "en":
            return f"{date.day} {month} {date.year}"
        return f"{date.day} {month} {date.year}"

    def join(self, parts: list[str]) -> str:
        """'A', 'A och B', 'A, B och C'."""
        if len(parts) <= 1:
            return "".join(parts)
        return f"{', '.join(parts[:-1])} {self('and')} {parts[-1]}"
