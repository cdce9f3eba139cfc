"""The importer's report, line by line: what it recognised, left as text, wants checked or set aside.

``import.r.*`` say what happened, ``import.at.*`` where a source line went;
cesam_import holds each as a key and its fields and words it when shown.
"""

from __future__ import annotations

ENTRIES: dict[str, tuple[str, str]] = {
    # where
    "import.at.item": ("punkt {label}", "item {label}"),
    "import.at.verbatim": ("{text}", "{text}"),
    "import.at.present": ("närvarande", "present"),
    "import.at.absent": ("frånvarande", "absent"),
    "import.at.status": ("status", "status"),
    "import.at.heading": ("rubrik", "heading"),
    "import.at.closing": ("avslutning", "closing"),
    "import.at.justeras_role": ("roll under Justeras", "role under the signatures"),
    "import.at.appendix_kept": ("bilagor (text ur originalet)", "appendices (text from the original)"),
    "import.at.appendix": ("bilagedelen efter underskrifterna", "the appendix after the signatures"),
    "import.at.followups": ("{where}: uppföljningar", "{where}: follow-ups"),
    "import.at.followup": ("{where}: uppföljning", "{where}: follow-up"),
    "import.at.mbl": ("{where}: MBL", "{where}: MBL"),
    "import.at.page_number": ("sidnummer", "page number"),
    "import.at.page_edge": ("sidhuvud eller sidfot", "page header or footer"),
    "import.words_lost_count": (
        "ord: {kept} av {total} i mötet, {reported} redovisade som utelämnade, {lost} saknas",
        "words: {kept} of {total} in the meeting, {reported} reported as left out, {lost} missing",
    ),
    # the head
    "import.r.heading": ("rubrik: {text}", "heading: {text}"),
    "import.r.heading_read_as": ("rubriken '{text}' lästes som '{key}'", "the heading '{text}' was read as '{key}'"),
    "import.r.time": ("tid {times}", "time {times}"),
    "import.r.place": ("plats: {place}", "place: {place}"),
    "import.r.case_number": ("diarienummer: {number}", "registry number: {number}"),
    "import.r.distribution": ("expedieras till: {names}", "distribution: {names}"),
    "import.r.group": ("grupp: {group}", "group: {group}"),
    "import.r.group_given": ("grupp: {group} (angiven)", "group: {group} (given)"),
    "import.r.group_differs": (
        "rubriken nämner {found} men --group {group} användes",
        "the heading names {found} but --group {group} was used",
    ),
    "import.r.group_only": (
        "ingen grupp i rubriken; den enda gruppen i cesam.toml ({group}) användes",
        "no group in the heading; the only group in cesam.toml ({group}) was used",
    ),
    "import.r.date": ("datum: {date} ({text})", "date: {date} ({text})"),
    "import.r.date_given": ("datum: {date} (angivet)", "date: {date} (given)"),
    "import.r.date_differs": (
        "protokollet säger {found} men --date {date} användes",
        "the protocol says {found} but --date {date} was used",
    ),
    "import.r.date_no_year": (
        "datumet '{text}' saknar år; {date} togs från filnamnet",
        "the date '{text}' has no year; {date} was taken from the file name",
    ),
    "import.r.date_from_name": (
        "inget datum i rubriken; {date} togs från filnamnet",
        "no date in the heading; {date} was taken from the file name",
    ),
    # attendance
    "import.r.two_blocks": (
        "namn och roller i två block ({n} rader var) parades ihop",
        "names and roles in two blocks ({n} lines each) were paired",
    ),
    "import.r.not_a_name": (
        "'{text}' ser inte ut som ett namn; kontrollera",
        "'{text}' does not look like a name; check it",
    ),
    "import.r.names_and_roles": (
        "{names} namn men {roles} andra rader i listan; kontrollera att roller hamnat rätt",
        "{names} names but {roles} other lines in the list; check that the roles landed right",
    ),
    "import.r.one_line": ("lista på en rad med {n} personer", "a list on one line with {n} people"),
    "import.r.present": (
        "närvarande: {n} ({employer} arbetsgivare, {unions} fackliga)",
        "present: {n} ({employer} employer, {unions} union)",
    ),
    "import.r.present_absent": (
        "närvarande: {n} ({employer} arbetsgivare, {unions} fackliga), anmält förhinder: {absent}",
        "present: {n} ({employer} employer, {unions} union), sent apologies: {absent}",
    ),
    "import.r.many_unions": (
        "{name}: flera förbund i rollen ({role}); {party} valdes",
        "{name}: several unions in the role ({role}); {party} was chosen",
    ),
    "import.r.employer_union": (
        "{name} står bland arbetsgivarna men rollen nämner {party}",
        "{name} is listed with the employer but the role names {party}",
    ),
    "import.r.unknown_union": (
        "{name} står under '{union}', som inte är ett förbund i cesam.toml; lades som arbetsgivare: "
        "lägg till förbundet i cesam.toml och importera igen",
        "{name} is listed under '{union}', which is not a union in cesam.toml; added as employer: "
        "add the union to cesam.toml and import again",
    ),
    "import.r.union_unknown": (
        "{name} står bland de fackliga men inget känt förbund i rollen '{role}'; lades som "
        "arbetsgivare: rätta partiet eller lägg till förbundet i cesam.toml",
        "{name} is listed with the unions but no known union is in the role '{role}'; added as "
        "employer: correct the party or add the union to cesam.toml",
    ),
    "import.r.no_item_fallback": (
        "{name}: punkt {ref} finns inte; närvaro sattes till punkt {top}",
        "{name}: there is no item {ref}; presence was set to item {top}",
    ),
    "import.r.no_item": (
        "{name}: punkt {ref} finns inte; närvaron står kvar i rollen",
        "{name}: there is no item {ref}; the presence stays in the role",
    ),
    # items
    "import.r.number_jump": ("punktnumret hoppar från {before} till {n}", "the item number jumps from {before} to {n}"),
    "import.r.unnumbered_item": (
        "rubrik utan nummer blev punkt {n}: {title}",
        "a heading without a number became item {n}: {title}",
    ),
    "import.r.unnumbered_sub": (
        "underrubrik utan nummer blev punkt {label}",
        "a subheading without a number became item {label}",
    ),
    "import.r.no_items": (
        "inga numrerade punkter hittades; all text lades i en punkt 'Protokolltext'",
        "no numbered items were found; all text was put in one item 'Protokolltext'",
    ),
    "import.r.before_first": (
        "text före första punkten lades i {where}: {text}",
        "text before the first item was put in {where}: {text}",
    ),
    "import.r.statement": ("{party} ({kind}): {text}", "{party} ({kind}): {text}"),
    "import.r.statement_listed": ("{party} ({kind}, ur listan): {text}", "{party} ({kind}, from the list): {text}"),
    "import.r.statement_raised": (
        "{party} ({kind}, anmäld fråga): {text}",
        "{party} ({kind}, question raised): {text}",
    ),
    "import.r.unknown_speaker": (
        "'{name}' låter som en part men finns inte i cesam.toml; meningen lämnades som text "
        "(lägg till förbundet eller ett alias i cesam.toml och importera igen)",
        "'{name}' sounds like a party but is not in cesam.toml; the sentence was left as text "
        "(add the union or an alias to cesam.toml and import again)",
    ),
    "import.r.decision_unread": (
        "texten talar om ett beslut som inte kunde läsas; utfallet lämnades tomt",
        "the text speaks of a decision that could not be read; the outcome was left empty",
    ),
    "import.r.proposal": ("förslag till beslut: {text}", "proposed decision: {text}"),
    "import.r.rows.one": ("{n} rad", "{n} line"),
    "import.r.rows.many": ("{n} rader", "{n} lines"),
    "import.r.paragraphs.one": ("{n} stycke", "{n} paragraph"),
    "import.r.paragraphs.many": ("{n} stycken", "{n} paragraphs"),
    "import.r.body": ("{lines} brödtext ({blocks})", "{lines} of body text ({blocks})"),
    "import.r.followup": ("uppföljning ({owner}): {text}", "follow-up ({owner}): {text}"),
    "import.r.followup_listed": (
        "uppföljning ({owner}, ur listan): {text}",
        "follow-up ({owner}, from the list): {text}",
    ),
    "import.r.outcome": ("utfall: {outcome}{who}", "outcome: {outcome}{who}"),
    "import.r.outcome_guessed": (
        "utfall: {outcome}{who} (antaget av ordalydelsen)",
        "outcome: {outcome}{who} (assumed from the wording)",
    ),
    "import.r.outcomes_many": (
        "flera utfall i samma punkt ({others} också); {outcome} valdes",
        "several outcomes in one item ({others} too); {outcome} was chosen",
    ),
    # the closing part
    "import.r.chair": ("ordförande: {name}", "chair: {name}"),
    "import.r.chair_guessed": (
        "ordförande antogs vara {name} (under Justeras)",
        "the chair was taken to be {name} (under the signatures)",
    ),
    "import.r.secretary": ("sekreterare: {name}", "secretary: {name}"),
    "import.r.adjusters": ("justerare: {names}", "adjusters: {names}"),
    "import.r.justeras": ("Justeras: {names}", "Signed by: {names}"),
    "import.r.justeras_not_adjuster": (
        "{name} står under Justeras men valdes inte till justerare",
        "{name} signs under Justeras but was not chosen as adjuster",
    ),
    "import.r.signs_as": ("{name} undertecknar som {role}", "{name} signs as {role}"),
    "import.r.justeras_role": (
        "roll under Justeras ({roles}) står inte i mötet",
        "the role under the signatures ({roles}) is not in the meeting",
    ),
    "import.r.bilaga_unmentioned": (
        "bilaga {number} ({title}) nämns inte i texten; lades på '{item}'",
        "appendix {number} ({title}) is not mentioned in the text; attached to '{item}'",
    ),
    "import.r.bilaga_unlisted": (
        "bilaga {number} hänvisas till men finns inte i bilageförteckningen",
        "appendix {number} is referred to but is not in the list of appendices",
    ),
    "import.r.bilagor": ("bilageförteckning: {n} bilagor", "list of appendices: {n} appendices"),
    "import.r.next_meeting": ("nästa möte: {when}", "next meeting: {when}"),
    "import.r.next_meeting_read": (
        "datumet för nästa möte lästes som {when} ur '{text}'",
        "the date of the next meeting was read as {when} from '{text}'",
    ),
    "import.r.signatures": ("underskrifter: {n}; status justerad", "signatures: {n}; status approved"),
    "import.r.signatures_on": (
        "underskrifter: {n}; status justerad, justerat {date}",
        "signatures: {n}; status approved, approved on {date}",
    ),
    "import.r.justeras_names_only": (
        "inga digitala underskrifter men Justeras med namn: status justerad, utan justeringsdag",
        "no digital signatures but names under Justeras: status approved, without a day of approval",
    ),
    "import.r.no_signatures": (
        "inga underskrifter: status hållen; sätt justerad om protokollet är justerat",
        "no signatures: status held; set it to approved if the protocol is approved",
    ),
    "import.r.signer_unknown": (
        "undertecknaren {name} hittades inte bland de närvarande",
        "the signer {name} was not found among those present",
    ),
    "import.r.after_closing": ("text efter avslutningen lades i {where}", "text after the closing was put in {where}"),
    "import.r.appendix_kept": (
        "bilagedelen efter underskrifterna ({n} rader) sparades som sista punkten",
        "the appendix after the signatures ({n} lines) was kept as the last item",
    ),
    "import.r.appendix_dropped": (
        "bilagedelen efter underskrifterna ({n} rader, börjar '{first}') togs inte med; "
        "använd --keep-appendix för att spara den som text",
        "the appendix after the signatures ({n} lines, starting '{first}') was left out; "
        "use --keep-appendix to keep it as text",
    ),
    "import.r.artefact": ("{what} ({n} st.) togs bort", "{what} ({n}) removed"),
    # the whole
    "import.r.not_utf8": (
        "filen var inte UTF-8 och lästes som Windows-1252",
        "the file was not UTF-8 and was read as Windows-1252",
    ),
    "import.r.words_lost": ("{n} ord finns inte i mötet: {words}", "{n} words are not in the meeting: {words}"),
    "import.r.summary": (
        "{items} punkter, {subs} underpunkter, {statements} uttalanden, {outcomes} utfall, {followups} uppföljningar",
        "{items} items, {subs} sub-items, {statements} statements, {outcomes} outcomes, {followups} follow-ups",
    ),
}
