"""What the `cesam` command prints: reports, prompts, errors and their hints."""

from __future__ import annotations

ENTRIES: dict[str, tuple[str, str]] = {
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
    # reports every command shares (cesam_cli/commands/_common.py, _documents.py)
    "cli.saved": ("sparat {commit}: {message}", "saved {commit}: {message}"),
    "cli.wrote": ("skrev {path}", "wrote {path}"),
    # cesam export --bilagor: a bilaga whose file is not appended, and why
    "cli.bilaga_skipped.not_pdf": (
        "bilaga {number} ({file}) lades inte till: filen är ingen PDF",
        "bilaga {number} ({file}) not appended: the file is not a PDF",
    ),
    "cli.bilaga_skipped.encrypted": (
        "bilaga {number} ({file}) lades inte till: PDF-filen är krypterad",
        "bilaga {number} ({file}) not appended: the PDF is encrypted",
    ),
    "cli.bilaga_skipped.unreadable": (
        "bilaga {number} ({file}) lades inte till: PDF-filen går inte att läsa",
        "bilaga {number} ({file}) not appended: the PDF cannot be read",
    ),
    "cli.bilaga_skipped.missing": (
        "bilaga {number} ({file}) lades inte till: filen finns inte i förrådet",
        "bilaga {number} ({file}) not appended: the file is not in the repository",
    ),
    # cesam show
    "show.present": ("Närvarande", "Present"),
    "show.absent": ("Anmält förhinder", "Sent apologies"),
    "show.open": ("öppen", "open"),
    "show.attachment": ("Bilaga {number}: {title}", "Attachment {number}: {title}"),
    # cesam diff and cesam log
    "diff.worktree": ("arbetskopian (ej committad)", "the working copy (not committed)"),
    "diff.nothing": ("(inget)", "(nothing)"),
    "diff.no_changes": ("inga ändringar", "no changes"),
    "log.unreadable": ("(en version kan inte läsas som möte)", "(a version cannot be read)"),
    "log.merge": (
        "(sammanslagning: varje ändring kom från en av sidorna)",
        "(merge: each change came from one of the sides)",
    ),
    # cesam search and cesam followups
    "search.days": ("dagar", "days"),
    "search.unreadable": (
        "cesam: {path} kan inte läsas och söktes inte (se cesam check)",
        "cesam: {path} cannot be read and was not searched (see cesam check)",
    ),
    "demo.created": ("cesam: demoarkiv i {root} med {n} möten", "cesam: demo repository in {root} with {n} meetings"),
    "init.created": (
        "cesam: ny samling i {path}; redigera cesam.toml för grupper och fackliga parter",
        "cesam: new repository in {path}; edit cesam.toml for groups and unions",
    ),
    "search.overdue": ("försenad", "overdue"),
    "search.carried": ("förd vidare till", "carried to"),
    "search.no_followups": ("inga öppna uppföljningar", "no open follow-ups"),
    "search.hits.one": ("{n} träff i {meetings} möten", "{n} hit in {meetings} meetings"),
    "search.hits.many": ("{n} träffar i {meetings} möten", "{n} hits in {meetings} meetings"),
    "search.latest_shown": (" (de {shown} senaste visas)", " (the latest {shown} shown)"),
    # cesam import
    "import.commit": ("{label}: importerat från {source}", "{label}: imported from {source}"),
    # cesam discard-edits
    "discard.confirm_with_yes": ("{path}: bekräfta med --yes", "{path}: confirm with --yes"),
    "discard.confirm_with_yes.hint": (
        "`cesam status --diff` visar vad som skulle kastas.",
        "`cesam status --diff` shows what would be thrown away.",
    ),
    "discard.ask": ("Kasta ändringarna i {path}? [j/N] ", "Discard the changes to {path}? [y/N] "),
    "discard.done": ("{path}: kastad; en kopia finns i {backup}", "{path}: discarded; a copy is in {backup}"),
    # cesam adjust
    "adjust.already": (
        "{label}: har redan godkänt detta innehåll: {person}",
        "{label}: already approved this content: {person}",
    ),
    "adjust.waiting": ("{label}: väntar på: {people}", "{label}: waiting for: {people}"),
    "adjust.adjusted": ("justerad {commit}: {message}", "adjusted {commit}: {message}"),
    # cesam verify
    "verify.missing": ("saknar godkännande av innehållet: {people}", "no approval of the content from: {people}"),
    "verify.ignored": ("räknas inte: {tag}: {why}", "does not count: {tag}: {why}"),
    "verify.waiting": ("Väntar på justering:", "Waiting for justering:"),
    # cesam status
    "status.repository": ("Arkiv: {root}", "Repository: {root}"),
    "status.branch": ("Gren: {branch}", "Branch: {branch}"),
    "status.detached": ("(frikopplat HEAD)", "(detached HEAD)"),
    "status.shallow": (
        "Grund klon: äldre historik finns inte här (`git fetch --unshallow` hämtar den)",
        "Shallow clone: older history is not here (`git fetch --unshallow` fetches it)",
    ),
    "status.remote_no_branch": (
        "Fjärrarkiv: {where}, grenen finns inte där ännu",
        "Remote: {where}, branch not there yet",
    ),
    "status.remote_ahead_behind": (
        "Fjärrarkiv: {where}: {ahead} commits att skicka, {behind} att hämta in",
        "Remote: {where}: {ahead} to push, {behind} to merge",
    ),
    "status.remote_in_sync": ("Fjärrarkiv: {where}: i fas", "Remote: {where}: in sync"),
    "status.last_fetch": ("Senast hämtat: {when}", "Last fetched: {when}"),
    "status.no_remote": ("Fjärrarkiv: inget inställt", "Remote: none set up"),
    "status.warning": ("varning: {warning}", "warning: {warning}"),
    "status.sync_conflict": (
        "Konflikt från synk med {upstream} ({files}); din version finns också på grenen {branch}. "
        "Lös med `cesam resolve`.",
        "Conflict from sync with {upstream} ({files}); your version is also on the branch {branch}. "
        "Settle with `cesam resolve`.",
    ),
    "status.operation": ("Pågår: git {operation}", "In progress: git {operation}"),
    "status.unmerged": ("konflikt: {path}", "conflict: {path}"),
    "status.modified": ("ändrad, ej committad: {path}", "modified, not committed: {path}"),
    "status.untracked": ("ny, ej committad: {path}", "new, not committed: {path}"),
    "status.journal": (
        "avbruten sparning av {path}; nästa sparning slutför eller rapporterar den: {message}",
        "interrupted save of {path}; the next save completes or reports it: {message}",
    ),
    "status.temp_file": ("kvarlämnad temporär fil: {name}", "temp file left behind: {name}"),
    "status.lock": ("git-lås finns kvar: {lock}", "git lock file present: {lock}"),
    "status.commit_or_discard": (
        "Committa med `cesam commit-edits`, kasta med `cesam discard-edits FIL`.",
        "Commit with `cesam commit-edits`, discard with `cesam discard-edits FILE`.",
    ),
    "status.busy": (
        "Arkivet var upptaget ({holder} skriver): en sparning på väg kan visas som ocommittad nedan",
        "The repository was busy ({holder} is writing): a save in flight may show as uncommitted below",
    ),
    "status.clean": ("Inget ocommittat.", "Nothing uncommitted."),
    # cesam resolve
    "resolve.head.one": ("{n} konflikt med {theirs}", "{n} conflict with {theirs}"),
    "resolve.head.many": ("{n} konflikter med {theirs}", "{n} conflicts with {theirs}"),
    "resolve.kept_on": (
        " (din version finns också på grenen {branch})",
        " (your version is also on the branch {branch})",
    ),
    "resolve.label.base": ("gemensam", "common"),
    "resolve.label.ours": ("din", "yours"),
    "resolve.label.theirs": ("deras", "theirs"),
    "resolve.options": ("[m]in, [d]eras", "[m]ine, [t]heirs"),
    "resolve.option_edit": (", [r]edigera", ", [e]dit"),
    "resolve.option_quit": (", [a]vbryt", ", [q]uit"),
    "resolve.new_value": ("nytt värde: ", "new value: "),
    "resolve.nothing": ("Det finns ingen konflikt att lösa.", "There is no conflict to settle."),
    "resolve.choose_each": ("välj för varje konflikt", "choose for every conflict"),
    "resolve.choose_each.hint": (
        "Med `cesam resolve --take mine|theirs`, `--field NR=mine|theirs` eller `--set NR=VÄRDE`, "
        "eller kör `cesam resolve` i en terminal.",
        "With `cesam resolve --take mine|theirs`, `--field N=mine|theirs` or `--set N=VALUE`, "
        "or run `cesam resolve` in a terminal.",
    ),
    "resolve.stopped": ("Avbrutet; ingenting ändrades.", "Stopped; nothing was changed."),
    "resolve.settled": ("löst {commit}: {message}", "settled {commit}: {message}"),
    "resolve.share": ("Kör `cesam sync` för att dela lösningen.", "Run `cesam sync` to share it."),
    "adjust.tags_travel": (
        "Taggarna följer med vid synk (eller: git push origin 'refs/tags/justering/*').",
        "The tags travel with sync (or: git push origin 'refs/tags/justering/*').",
    ),
    # cesam verify: what changed after justering (ChangeAfter.what), and the report
    "verify.what.content": ("innehållet ändrat", "content changed"),
    "verify.what.bilaga": ("bilaga ändrad", "attachment changed"),
    "verify.what.adjusted_on": ("justeringsdagen ändrad", "date of justering changed"),
    "verify.what.unapproved": ("satt till justerad utan godkännanden", "set to justerad without approvals"),
    "verify.what.unreadable": ("filen går inte att läsa", "the file cannot be read"),
    "verify.what.uncommitted": ("ändrad i arbetskopian, ej committad", "changed in the working tree, not committed"),
    "verify.ok": (
        "{mark} {label}: justerad{when}, oförändrad (godkänd av {by})",
        "{mark} {label}: adjusted{when}, unchanged (approved by {by})",
    ),
    "verify.fetch_tags": (
        "Har taggarna hämtats? git fetch origin 'refs/tags/justering/*:refs/tags/justering/*'",
        "Were the tags fetched? git fetch origin 'refs/tags/justering/*:refs/tags/justering/*'",
    ),
    "verify.late": ("senast {due}, {days} dagar sen", "due {due}, {days} days late"),
    "verify.due": ("senast {due} ({days} dagar kvar)", "due {due} ({days} days left)"),
    "verify.window_entry": (
        "{label}: {late}; godkänt av {approved}; saknas {missing}",
        "{label}: {late}; approved by {approved}; missing {missing}",
    ),
    "verify.summary": (
        "{checked} justerade möten kontrollerade: {ok} oförändrade, {failed} med fel.",
        "{checked} adjusted meetings checked: {ok} unchanged, {failed} failed.",
    ),
    "check.summary": (
        "{checked} filer kontrollerade: {errors} fel, {warnings} varningar",
        "{checked} files checked: {errors} errors, {warnings} warnings",
    ),
    "diff.from": ("från {name}", "from {name}"),
    "diff.to": ("till   {name}", "to   {name}"),
    "list.error": ("FEL: {error}", "ERROR: {error}"),
    "log.no_history": ("ingen historik", "no history"),
    "restore.unchanged": ("redan som då, ingen ändring", "already as it was, no change"),
    "verify.finish_hint": (
        "alla godkännanden finns: kör `{command}` för att slutföra justeringen",
        "all approvals present: run `{command}` to finish",
    ),
    "status.dropped": (
        "tappad ändring i sammanfogningen {merge}: {file}: {change}",
        "dropped by the merge {merge}: {file}: {change}",
    ),
    "status.dropped.hint": (
        "Lägg tillbaka med `cesam sync --restore-dropped`, eller ta in historiken som den är med "
        "`cesam sync --accept-dropped`.",
        "Put them back with `cesam sync --restore-dropped`, or take the history in as it is with "
        "`cesam sync --accept-dropped`.",
    ),
    # cesam_cli/commands/setup_git.py
    "cli.setup_git.wrote": ("Skrev: ", "Wrote: "),
    "cli.setup_git.another_working_cesam_installation": (
        "(en annan cesam-installation är inställd och fungerar; den behålls)",
        "(another working cesam installation is configured; it is kept)",
    ),
    # cesam_cli/commands/sync.py
    "cli.sync.changes_a_merge_dropped": (
        "ändringar som en sammanfogning tappade är återställda",
        "changes a merge dropped are put back",
    ),
    # cesam import (cesam_cli/commands/import_.py) and its report (cesam_import/report.py, accounting.py)
    "import.date_one": (
        "--date gäller ett protokoll; importera filerna en i taget",
        "--date is for one protocol; import the files one at a time",
    ),
    "import.date_one.hint": ("cesam import FIL --date ÅÅÅÅ-MM-DD", "cesam import FILE --date YYYY-MM-DD"),
    "import.cannot": ("kan inte importeras: {error}", "cannot be imported: {error}"),
    "import.cannot_internal": (
        "kan inte importeras: internt fel vid tolkningen ({kind}: {error})",
        "cannot be imported: internal error while reading it ({kind}: {error})",
    ),
    "import.line_by_line": ("Rad för rad:", "Line by line:"),
    "import.problem.error": ("fel: {message}", "error: {message}"),
    "import.problem.warning": ("varning: {message}", "warning: {message}"),
    "import.has_errors": (
        "{label}: importerades inte, mötet har fel (se ovan)",
        "{label}: not imported, the meeting has errors (see above)",
    ),
    "import.not_imported": ("{label}: importerades inte: {why}", "{label}: not imported: {why}"),
    "import.dry_run": ("{label}: provkörning, inget sparat ({summary})", "{label}: dry run, nothing saved ({summary})"),
    "import.failed_files": (
        "{failed} av {total} filer importerades inte: {files}",
        "{failed} of {total} files were not imported: {files}",
    ),
    "import.saved": ("sparat {commit}: {message} ({summary})", "saved {commit}: {message} ({summary})"),
    "import.justering_failed": (
        "{label}: justeringen kunde inte registreras: {error}",
        "{label}: the justering could not be recorded: {error}",
    ),
    "import.justering_recorded": (
        "{label}: {n} justeringar registrerade som git-taggar",
        "{label}: {n} approvals recorded as git tags",
    ),
    "import.empty_meeting": (
        "protokollet har {words} ord men mötet blev tomt; skicka filen till den som underhåller cesam, "
        "importen känner inte igen dess form",
        "the protocol has {words} words but the meeting came out empty; send the file to whoever maintains "
        "cesam, the import does not know its shape",
    ),
    "import.words_lost": (
        "{lost} ord ur originalet finns inte i mötet (rad {lines}; se Kontrollera ovan); inget sparades",
        "{lost} words of the original are not in the meeting (line {lines}; see Check above); nothing was saved",
    ),
    "import.report_unwritable": (
        "kan inte skriva rapporten {path}: {error}",
        "cannot write the report {path}: {error}",
    ),
    "import.report_written": ("rapporten skrevs till {path}", "the report was written to {path}"),
    "import.report.recognised": ("Känt igen", "Recognised"),
    "import.report.text": (
        "Lämnat som text (kontrollera att det hamnat rätt)",
        "Left as text (check that it landed in the right place)",
    ),
    "import.report.check": ("Kontrollera", "Check"),
    "import.report.dropped": ("Inte med i mötet", "Not in the meeting"),
    "import.report.summary": (
        "{recognised} känt igen, {text} som text, {check} att kontrollera, {dropped} inte med",
        "{recognised} recognised, {text} as text, {check} to check, {dropped} left out",
    ),
    "import.line": ("rad {no}", "line {no}"),
    "import.lines": ("rad {first}–{last}", "line {first}–{last}"),
    "import.not_placed": ("inte placerad", "not placed"),
    "import.placed.structure": ("struktur", "structure"),
    "import.placed.text": ("text", "text"),
    "import.placed.dropped": ("inte med", "left out"),
    "import.words": (
        "ord: {kept} av {total} i mötet, {reported} redovisade som utelämnade",
        "words: {kept} of {total} in the meeting, {reported} reported as left out",
    ),
    "list.counts": ("{items} punkter\t{followups} öppna uppföljningar", "{items} items\t{followups} open follow-ups"),
}
