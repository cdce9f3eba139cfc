"""Every string the UI shows, in Swedish and English.

Domain words (statuses, kinds, field names) come from :mod:`store.core.i18n`, so
the UI and the commit messages say the same thing. ``set_language`` is called
once at start-up; ``t`` then answers in that language.
"""

from __future__ import annotations

from store.core.i18n import term

_LANG = ["sv"]

_STRINGS: dict[str, tuple[str, str]] = {
    # --- sync ---
    "key.sync": ("Synka", "Sync"),
    "key.resolve": ("Lös konflikt", "Settle conflict"),
    "key.take_mine": ("Min version", "Mine"),
    "key.take_theirs": ("Deras version", "Theirs"),
    "key.edit_value": ("Redigera värdet", "Edit the value"),
    "key.resolve_confirm": ("Klar: gör merge-commit", "Done: make the merge commit"),
    "sync.title": ("Synk", "Sync"),
    "sync.failed": ("Synken misslyckades", "Sync failed"),
    "sync.busy": ("En synk pågår redan.", "A sync is already running."),
    "sync.starting": ("Synkar …", "Syncing …"),
    "sync.conflict": ("Synken stannade vid en konflikt", "Sync stopped at a conflict"),
    "sync.no_conflict": ("Det finns ingen konflikt att lösa.", "There is no conflict to settle."),
    "status.ahead_behind": ("↑{ahead} ↓{behind} mot {upstream}", "↑{ahead} ↓{behind} against {upstream}"),
    "status.in_sync": ("✓ i fas med {upstream}", "✓ in sync with {upstream}"),
    "status.uncommitted": ("{n} ocommittade", "{n} uncommitted"),
    "status.sync_conflict": ("KONFLIKT vid synk – R löser", "SYNC CONFLICT – R settles it"),
    "status.step": ("⟳ {step}", "⟳ {step}"),
    "resolve.title": ("Lös konflikt med {theirs}", "Settle the conflict with {theirs}"),
    "resolve.hint": (
        "Samma fält ändrades här och i {theirs}. Välj för varje rad: m min version, d/t deras, "
        "e redigera. ctrl+s gör en merge-commit. Ingenting är förlorat: din version finns också på {branch}.",
        "The same field changed here and in {theirs}. For each row choose: m mine, t theirs, e edit. "
        "ctrl+s makes one merge commit. Nothing is lost: your version is also on {branch}.",
    ),
    "resolve.col.n": ("Nr", "No."),
    "resolve.col.path": ("Var", "Where"),
    "resolve.col.base": ("Gemensam", "Common"),
    "resolve.col.mine": ("Min", "Mine"),
    "resolve.col.theirs": ("Deras", "Theirs"),
    "resolve.col.choice": ("Val", "Choice"),
    "resolve.mine": ("min", "mine"),
    "resolve.theirs": ("deras", "theirs"),
    "resolve.edited": ("ändrad: {value}", "edited: {value}"),
    "resolve.open": ("–", "–"),
    "resolve.detail": (
        "{path}\n\nGemensam:\n{base}\n\nMin:\n{mine}\n\nDeras:\n{theirs}",
        "{path}\n\nCommon:\n{base}\n\nMine:\n{mine}\n\nTheirs:\n{theirs}",
    ),
    "resolve.edit_title": ("Nytt värde: {path}", "New value: {path}"),
    "resolve.value": ("Värde", "Value"),
    "resolve.not_editable": (
        "Det här kan bara vara min eller deras version.",
        "This can only be mine or theirs.",
    ),
    "resolve.bad_value": ("Värdet går inte att använda: {error}", "The value cannot be used: {error}"),
    "resolve.missing": ("{n} konflikter saknar val.", "{n} conflicts have no choice."),
    "resolve.done": (
        "{message}\nTryck S (eller ctrl+y) för att skicka resultatet.",
        "{message}\nPress S (or ctrl+y) to push the result.",
    ),
    "screen.resolve": ("konfliktlösningen", "the conflict resolution"),
    # app
    "app.title": ("cesam", "cesam"),
    "saved": ("Sparat: {message}", "Saved: {message}"),
    "unchanged": ("Ingen ändring – inget att spara", "No change – nothing to save"),
    "error.title": ("Kunde inte spara", "Could not save"),
    "error.load": ("Kunde inte läsa", "Could not read"),
    "quit.unsaved": (
        "Det du skrivit är inte sparat. Tryck ctrl+q igen för att avsluta ändå.",
        "What you typed is not saved. Press ctrl+q again to quit anyway.",
    ),
    "error.internal": ("Internt fel: {error}", "Internal error: {error}"),
    "frozen": ("Justerat – skrivskyddat", "Adjusted – read only"),
    "frozen.notice": (
        "Mötet är justerat och kan inte ändras (öppna det igen med `cesam reopen`).",
        "The meeting is adjusted and cannot be changed (reopen it with `cesam reopen`).",
    ),
    "external.changed": ("Ändrat utanför cesam, inläst på nytt: {files}", "Changed outside cesam, reloaded: {files}"),
    "external.broken": ("{file} går inte att läsa: {problem}", "{file} cannot be read: {problem}"),
    "save.changed_meanwhile": (
        "Ändrat av någon annan medan du skrev: {fields}. Inget sparades och ditt utkast är kvar; "
        "när den nya versionen visas kan du spara igen.",
        "Changed by someone else while you typed: {fields}. Nothing was saved and your draft is kept; "
        "once the new version shows, you can save again.",
    ),
    "external.draft_kept": (
        "Ditt osparade utkast i {field} är kvar; spara det eller tryck Esc för att ångra.",
        "Your unsaved draft in {field} is kept; save it or press Esc to undo.",
    ),
    # status line
    "status.repo": ("arkiv", "repository"),
    "status.branch": ("gren", "branch"),
    "status.no_branch": ("ingen gren", "no branch"),
    "status.no_remote": ("ingen fjärr", "no remote"),
    "status.dirty": ("ändrade filer utanför cesam: {n}", "files changed outside cesam: {n}"),
    "status.conflict": ("KONFLIKT: {what}", "CONFLICT: {what}"),
    "status.clean": ("rent", "clean"),
    # navigator
    "nav.title": ("Möten", "Meetings"),
    "nav.filter": ("Skriv för att filtrera: datum, status, grupp …", "Type to filter: date, status, group …"),
    "nav.items": ("{n} punkter", "{n} items"),
    "nav.open_followups": ("{n} öppna", "{n} open"),
    "nav.none": ("Inga möten ännu – tryck n för ett nytt.", "No meetings yet – press n for a new one."),
    "nav.no_match": ("Inga möten matchar filtret.", "No meetings match the filter."),
    "nav.broken": ("FEL", "ERROR"),
    # bindings
    "key.quit": ("Avsluta", "Quit"),
    "key.help": ("Hjälp", "Help"),
    "key.palette": ("Kommandon", "Commands"),
    "key.back": ("Tillbaka", "Back"),
    "key.down": ("Ned", "Down"),
    "key.up": ("Upp", "Up"),
    "key.open": ("Öppna", "Open"),
    "key.filter": ("Filtrera", "Filter"),
    "key.clear_filter": ("Rensa filter", "Clear filter"),
    "key.new_meeting": ("Nytt möte", "New meeting"),
    "key.refresh": ("Läs om", "Reload"),
    "key.save": ("Spara", "Save"),
    "key.revert": ("Ångra osparat", "Undo unsaved"),
    "key.editor": ("Öppna i $EDITOR", "Open in $EDITOR"),
    "key.add_item": ("Ny punkt", "New item"),
    "key.add_subitem": ("Ny underpunkt", "New sub-item"),
    "key.delete": ("Ta bort", "Delete"),
    "key.move_up": ("Flytta upp", "Move up"),
    "key.move_down": ("Flytta ned", "Move down"),
    "key.indent": ("Gör till underpunkt", "Make sub-item"),
    "key.outdent": ("Gör till punkt", "Make top-level item"),
    "key.edit_item": ("Redigera punkt", "Edit item"),
    "key.statements": ("Yttranden", "Statements"),
    "key.tab_agenda": ("Dagordning", "Agenda"),
    "key.tab_details": ("Uppgifter", "Details"),
    "key.tab_attendance": ("Närvaro", "Attendance"),
    "key.add": ("Lägg till", "Add"),
    "key.edit": ("Redigera", "Edit"),
    "key.toggle_absent": ("Anmält förhinder av/på", "Sent apologies on/off"),
    "key.toggle_adjuster": ("Justerare av/på", "Adjuster on/off"),
    "key.presence": ("Närvaro per punkt", "Presence per item"),
    "key.add_followup": ("Ny uppföljning", "New follow-up"),
    "key.close_followup": ("Stäng/öppna uppföljning", "Close/reopen follow-up"),
    "key.add_attachment": ("Ny bilaga", "New attachment"),
    "key.ok": ("OK", "OK"),
    "key.cancel": ("Avbryt", "Cancel"),
    # meeting screen
    "meeting.title": ("{group} {date}", "{group} {date}"),
    "meeting.agenda": ("Dagordning", "Agenda"),
    "meeting.details": ("Uppgifter", "Details"),
    "meeting.attendance": ("Närvaro", "Attendance"),
    "meeting.no_item": ("Ingen punkt vald.", "No item selected."),
    "meeting.statements_n": ("{n} yttranden", "{n} statements"),
    "meeting.followups_n": ("{n} uppföljningar ({open} öppna)", "{n} follow-ups ({open} open)"),
    "meeting.attachments_n": ("{n} bilagor", "{n} attachments"),
    "meeting.next": ("Nästa möte", "Next meeting"),
    "meeting.next_date": ("Nästa mötes datum (ÅÅÅÅ-MM-DD)", "Next meeting's date (YYYY-MM-DD)"),
    "meeting.next_place": ("Nästa mötes plats", "Next meeting's place"),
    "meeting.list_hint": ("Flera namn skiljs med komma.", "Separate several names with commas."),
    "meeting.employer": ("Arbetsgivaren", "Employer"),
    "meeting.unions": ("Fackliga parter", "Unions"),
    "meeting.absent": ("anmält förhinder", "sent apologies"),
    "meeting.present": ("närvarande", "present"),
    "meeting.adjuster": ("justerare", "adjuster"),
    "meeting.col.name": ("Namn", "Name"),
    "meeting.col.role": ("Roll", "Role"),
    "meeting.col.party": ("Part", "Party"),
    "meeting.col.presence": ("Närvaro", "Presence"),
    "meeting.items_only": ("punkt {items}", "item {items}"),
    "meeting.from_item": ("från punkt {item}", "from item {item}"),
    "meeting.confirm_delete_item": ("Ta bort § {number} {title}?", "Delete § {number} {title}?"),
    "meeting.confirm_delete_children": (
        "Underpunkterna tas också bort.",
        "Its sub-items are deleted too.",
    ),
    "meeting.confirm_delete_attendee": ("Ta bort {name} från närvarolistan?", "Remove {name} from attendance?"),
    "meeting.new_item": ("Ny punkt", "New item"),
    "meeting.new_subitem": ("Ny underpunkt till § {number}", "New sub-item of § {number}"),
    "meeting.cannot_indent": (
        "Kan inte bli underpunkt: den första punkten, eller en punkt som har egna underpunkter.",
        "Cannot become a sub-item: the first item, or an item with sub-items of its own.",
    ),
    "meeting.cannot_move": ("Kan inte flyttas längre åt det hållet.", "Cannot move further that way."),
    "meeting.broken": ("Filen går inte att läsa", "The file cannot be read"),
    # item editor
    "item.title": ("§ {number} {title}", "§ {number} {title}"),
    "item.outcome": ("Utfall", "Outcome"),
    "item.disagreeing": (
        "Oeniga parter (inga valda = alla fackliga parter)",
        "Disagreeing parties (none chosen = all unions)",
    ),
    "item.postponed_to": ("Bordlagd till (ÅÅÅÅ-MM-DD)", "Postponed to (YYYY-MM-DD)"),
    "item.outcome_text": ("Beslut / protokollfört utfall", "Decision / outcome as recorded"),
    "item.attachments": ("Bilagor", "Attachments"),
    "item.followups": ("Uppföljningar", "Follow-ups"),
    "item.statements": ("Yttranden", "Statements"),
    "item.open": ("öppen", "open"),
    "item.closed": ("stängd", "closed"),
    "item.bad_date": ("{value!r} är inget datum; skriv ÅÅÅÅ-MM-DD", "{value!r} is not a date; write YYYY-MM-DD"),
    "item.no_editor": ("Ingen $EDITOR är satt.", "No $EDITOR is set."),
    "item.editor_failed": ("$EDITOR misslyckades: {error}", "$EDITOR failed: {error}"),
    "item.focus_text": ("Ställ markören i ett textfält först.", "Put the cursor in a text field first."),
    "item.confirm_delete_attachment": ("Ta bort bilaga {number}?", "Delete attachment {number}?"),
    "item.col.text": ("Text", "Text"),
    "item.col.owner": ("Ansvarig", "Owner"),
    "item.col.due": ("Klar senast", "Due"),
    "item.col.state": ("Läge", "State"),
    "item.col.number": ("Nr", "No."),
    "item.col.title": ("Rubrik", "Title"),
    "item.col.file": ("Fil", "File"),
    "item.list_hint": ("Flera namn skiljs med komma.", "Separate several names with commas."),
    # statements
    "st.title": ("Yttranden – § {number} {title}", "Statements – § {number} {title}"),
    "st.none": ("Inga yttranden. Tryck a för att lägga till.", "No statements. Press a to add one."),
    "st.col.party": ("Part", "Party"),
    "st.col.kind": ("Typ", "Kind"),
    "st.col.text": ("Text", "Text"),
    "st.col.answer": ("Svar", "Answer"),
    "st.new": ("Nytt yttrande", "New statement"),
    "st.edit": ("Yttrande", "Statement"),
    "st.confirm_delete": ("Ta bort yttrandet från {party}?", "Delete the statement by {party}?"),
    "st.text": ("Text", "Text"),
    "st.answer": ("Arbetsgivarens svar", "The employer's answer"),
    # dialogs
    "dlg.yes": ("Ja", "Yes"),
    "dlg.no": ("Nej", "No"),
    "dlg.ok": ("OK", "OK"),
    "dlg.cancel": ("Avbryt", "Cancel"),
    "dlg.title_required": ("Rubriken får inte vara tom.", "The title cannot be empty."),
    "dlg.text_required": ("Texten får inte vara tom.", "The text cannot be empty."),
    "dlg.followup": ("Ny uppföljning", "New follow-up"),
    "dlg.attachment": ("Ny bilaga", "New attachment"),
    "dlg.attendee": ("Ny närvarande", "New attendee"),
    "dlg.presence": ("Närvaro per punkt för {name}", "Presence per item for {name}"),
    "dlg.presence_items": (
        "Bara dessa punkter (t.ex. 3, 4 a; tomt = alla)",
        "Only these items (e.g. 3, 4 a; empty = all)",
    ),
    "dlg.presence_from": ("Från punkt (tomt = från början)", "From item (empty = from the start)"),
    "dlg.unknown_item": ("Ingen punkt {number} i mötet.", "No item {number} in the meeting."),
    "dlg.new_meeting": ("Nytt möte", "New meeting"),
    "dlg.due": ("Klar senast (ÅÅÅÅ-MM-DD)", "Due (YYYY-MM-DD)"),
    "dlg.bad_number": ("{value!r} är inget nummer", "{value!r} is not a number"),
    "keymap.bad": (
        "Tangentbordsinställningen i cesam.toml kunde inte användas: {error}",
        "The keymap in cesam.toml could not be used: {error}",
    ),
    "dlg.group": ("Grupp", "Group"),
    "dlg.date": ("Datum (ÅÅÅÅ-MM-DD)", "Date (YYYY-MM-DD)"),
    "dlg.new_meeting_hint": (
        "Stående punkter och öppna uppföljningar från tidigare möten tas med.",
        "Standing items and open follow-ups from earlier meetings are included.",
    ),
    # help
    "help.title": ("Hjälp – tangenter i {screen}", "Help – keys in {screen}"),
    "help.key": ("Tangent", "Key"),
    "help.action": ("Gör", "Does"),
    "help.id": ("Id (för keymap i cesam.toml)", "Id (for keymap in cesam.toml)"),
    "help.footer": (
        'Ändra tangenter i cesam.toml under [settings.keymap], t.ex. "nav.open" = "o". Esc stänger.',
        'Change keys in cesam.toml under [settings.keymap], e.g. "nav.open" = "o". Esc closes.',
    ),
    "screen.navigator": ("mötesöversikten", "the navigator"),
    "screen.meeting": ("mötet", "the meeting"),
    "screen.item": ("punktredigeraren", "the item editor"),
    "screen.statements": ("yttrandena", "the statements"),
    # --- history, search, justering, export ---
    "screen.history": ("historiken", "the history"),
    "screen.search": ("sökningen", "the search"),
    "key.history": ("Historik", "History"),
    "key.item_history": ("Punktens historik", "Item history"),
    "key.raw_diff": ("git diff / ändringar", "git diff / changes"),
    "key.restore": ("Återställ", "Restore"),
    "key.search": ("Sök", "Search"),
    "key.search_text": ("Söktext", "Search text"),
    "key.export": ("Exportera", "Export"),
    "history.title": ("Historik:", "History:"),
    "history.col.when": ("När", "When"),
    "history.col.who": ("Vem", "Who"),
    "history.col.what": ("Meddelande", "Message"),
    "history.loading": ("Läser historiken …", "Reading the history …"),
    "history.none": ("Ingen historik.", "No history."),
    "history.unreadable": (
        "En version går inte att läsa som möte; tryck g för git diff.",
        "A version cannot be read as a meeting; press g for the git diff.",
    ),
    "history.no_changes": ("Inga ändringar av innehållet.", "No change to the content."),
    "history.the_meeting": ("mötet", "the meeting"),
    "history.confirm_restore": (
        "Återställa {what} till versionen {commit}?",
        "Restore {what} to version {commit}?",
    ),
    "history.confirm_restore_detail": (
        "Versionen efter ”{subject}”. Återställningen blir en ny commit; historiken skrivs inte om.",
        "The version after “{subject}”. The restore is a new commit; history is not rewritten.",
    ),
    "history.restore_deleted": (
        "I den versionen var det borttaget; välj en tidigare version.",
        "It was deleted in that version; choose an earlier one.",
    ),
    "history.already": ("Redan som i den versionen – ingen ändring.", "Already as in that version – no change."),
    "search.title": ("Sök i alla möten", "Search every meeting"),
    "search.placeholder": (
        'Sökord (alla måste finnas, "fras" inom citattecken) – Enter söker',
        'Words (all must occur, "a phrase" in quotes) – Enter searches',
    ),
    "search.union": ("Part", "Union"),
    "search.kind": ("Yttrande", "Statement"),
    "search.outcome": ("Utfall", "Outcome"),
    "search.year": ("År, t.ex. 2021-2023", "Year, e.g. 2021-2023"),
    "search.hint": ("Skriv sökord eller välj ett filter.", "Type words or choose a filter."),
    "search.none": ("Inga träffar.", "No hits."),
    "search.count": (
        "{n} träffar i {meetings} möten – Enter öppnar punkten",
        "{n} hits in {meetings} meetings – Enter opens the item",
    ),
    "frozen.why": (
        "Justerat protokoll: ändringar kräver att mötet öppnas igen, med skäl som sparas i historiken: "
        'cesam reopen {meeting} --reason "…"',
        "Adjusted minutes: to change them, reopen the meeting with a reason recorded in the history: "
        'cesam reopen {meeting} --reason "…"',
    ),
    "export.title": ("Exportera", "Export"),
    "export.which": ("Dokument", "Document"),
    "export.protocol": ("Protokoll", "Minutes"),
    "export.notice": ("Kallelse", "Notice"),
    "export.format": ("Format", "Format"),
    "export.folder": ("Mapp", "Folder"),
    "export.working": ("Skapar {format} …", "Making the {format} …"),
    "export.done": ("Skrev {path}", "Wrote {path}"),
    "export.failed": ("Kunde inte exportera", "Could not export"),
}


def set_language(lang: str | None) -> None:
    _LANG[0] = "en" if lang == "en" else "sv"


def language() -> str:
    return _LANG[0]


def t(key: str, **values: object) -> str:
    pair = _STRINGS.get(key)
    if pair is None:
        return key
    text = pair[1] if _LANG[0] == "en" else pair[0]
    return text.format(**values) if values else text


def d(key: str) -> str:
    """A domain word from store.core.i18n in the UI's language."""
    return term(key, _LANG[0])
