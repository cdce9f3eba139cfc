"""What cesam's errors say: refusals of the save path, the repository's states, names and dates.

An error holds one of these keys and its fields (``store.core.errors.words``) and is worded in the
reader's language where it is shown. Commands in backticks are the same in both languages.
"""

from __future__ import annotations

ENTRIES: dict[str, tuple[str, str]] = {
    # the repository's states (repository.py ensure_writable, lock)
    "err.git_in_progress": (
        "en git {op} pågår i {root}",
        "a git {op} is in progress in {root}",
    ),
    "err.git_in_progress.hint": (
        "Gör klart den (`git {op} --continue`) eller avbryt den (`git {op} --abort`) innan du ändrar något.",
        "Finish it (`git {op} --continue`) or abort it (`git {op} --abort`) before editing.",
    ),
    "err.detached": (
        "HEAD är frikopplat{at}: cesam sparar bara på en gren, så att inget sparat lämnas kvar när du byter gren",
        "HEAD is detached{at}: cesam commits only on a branch, so that no saved change is left behind "
        "when you switch branches",
    ),
    "err.detached.at": (" vid {commit}", " at {commit}"),
    "err.detached.hint": (
        "Gå tillbaka till din gren med `git switch GREN` (`git branch` listar dem), "
        "eller fortsätt härifrån på en ny gren med `git switch -c NAMN`.",
        "Go back to your branch with `git switch BRANCH` (`git branch` lists them), "
        "or keep working from here on a new branch with `git switch -c NAME`.",
    ),
    "err.unmerged": (
        "förrådet har filer som inte är sammanslagna: {files}",
        "the repository has unmerged files: {files}",
    ),
    "err.unmerged.hint": (
        "Lös dem med `cesam resolve` (eller git) och försök igen.",
        "Settle them with `cesam resolve` (or git), then try again.",
    ),
    "err.uncommitted": (
        "{relpath} har ändringar som inte är sparade i historiken (en ändring för hand, eller en sparning som avbröts)",
        "{relpath} has changes that are not committed (a hand edit, or a save that was interrupted)",
    ),
    "err.uncommitted.hint": (
        "Se dem med `cesam status`; spara dem med `cesam commit-edits` eller släng dem med "
        "`git checkout -- {relpath}`. cesam skriver inte över dem.",
        "See them with `cesam status`; commit them with `cesam commit-edits` or discard them "
        "with `git checkout -- {relpath}`. cesam does not overwrite them.",
    ),
    "err.busy": (
        "förrådet är upptaget: {holder} skriver i det (väntade {seconds} s)",
        "the repository is busy: {holder} is writing to it (waited {seconds} s)",
    ),
    "err.busy.hint": ("Vänta tills det är klart och försök igen.", "Wait for it to finish and try again."),
    "err.lock_failed": (
        "kan inte ta förrådets lås {path}: {reason}",
        "cannot take the repository's lock {path}: {reason}",
    ),
    "err.lock_failed.hint": (
        "cesam behöver skrivrätt till förrådets .git-mapp för att spara.",
        "cesam needs write access to the repository's .git folder to save.",
    ),
    "err.git_locked.index": ("gits index är låst ({locks})", "git's index is locked ({locks})"),
    "err.git_locked.files": ("gits filer är låsta ({locks})", "git's files are locked ({locks})"),
    "err.git_locked.hint.one": (
        "Ett annat git-kommando kanske körs. Om inget gör det är låset kvar efter en krasch: "
        "ta bort den filen själv och försök igen. cesam tar aldrig bort den själv.",
        "Another git command may be running. If none is, the lock is left over from a crash: "
        "remove that file yourself, then try again. cesam never removes them itself.",
    ),
    "err.git_locked.hint.many": (
        "Ett annat git-kommando kanske körs. Om inget gör det är låsen kvar efter en krasch: "
        "ta bort de filerna själv och försök igen. cesam tar aldrig bort dem själv.",
        "Another git command may be running. If none is, the lock is left over from a crash: "
        "remove those files yourself, then try again. cesam never removes them itself.",
    ),
    # committing (repository.py)
    "err.commit_no_message": ("vägrar spara utan meddelande", "refusing to commit without a message"),
    "err.cannot_commit": ("kan inte spara: {reason}", "cannot commit: {reason}"),
    "err.commit_failed": ("git commit misslyckades: {reason}", "git commit failed: {reason}"),
    "err.commit_failed.hint": (
        "Inget gick förlorat: filen är skriven men inte sparad i historiken; `cesam status` visar den.",
        "Nothing was lost: the file is saved but not committed; `cesam status` shows it.",
    ),
    "err.commit_no_head": ("git commit lämnade inget HEAD", "git commit left no HEAD"),
    "err.lone_surrogate": (
        "{relpath} kan inte sparas: den har ett tecken som ingen UTF-8-fil kan lagra ({char}, ett ensamt "
        "surrogattecken); inget sparades",
        "{relpath} cannot be saved: it holds a character that no UTF-8 file can store ({char}, a lone "
        "surrogate); nothing was saved",
    ),
    "err.cannot_move_meeting": (
        "en ändring kan inte flytta ett möte till en annan grupp eller ett annat datum",
        "a change cannot move a meeting to another group or date",
    ),
    "err.cannot_save": ("{relpath} kan inte sparas", "{relpath} cannot be saved"),
    "err.not_meeting_or_config": (
        "{relpath} är varken en mötesfil eller {config}",
        "{relpath} is not a meeting file or {config}",
    ),
    "err.not_valid": ("{relpath} är inte giltig", "{relpath} is not valid"),
    "err.frozen_edit.hint": (
        'Lägg undan ändringen (`git stash`), öppna mötet igen (`cesam reopen {ref} --reason "…"`), '
        "ta tillbaka ändringen (`git stash pop`) och spara den med `cesam commit-edits`.",
        'Set the edit aside (`git stash`), reopen the meeting (`cesam reopen {ref} --reason "…"`), '
        "bring the edit back (`git stash pop`) and commit it with `cesam commit-edits`.",
    ),
    "err.already_initialised": ("{root} har redan {config}", "{root} already has {config}"),
    # opening and reading (repo_reading.py, repo_paths.py)
    "err.not_a_repository": (
        "{root} är inte ett cesam-förråd (ingen {config})",
        "{root} is not a cesam repository (no {config})",
    ),
    "err.not_a_repository.hint": (
        "Skapa ett med `cesam init MAPP` eller prova demot med `cesam demo MAPP`.",
        "Create one with `cesam init DIR` or try the demo with `cesam demo DIR`.",
    ),
    "err.not_git": (
        "{root} har {config} men är inte ett git-förråd",
        "{root} has {config} but is not a git repository",
    ),
    "err.not_git.hint": ("Kör `git init` där.", "Run `git init` there."),
    "err.file_missing": ("{relpath} finns inte", "{relpath} does not exist"),
    "err.file_unreadable": ("{relpath} kan inte läsas: {reason}", "{relpath} cannot be read: {reason}"),
    "err.file_undecodable": ("{relpath} kan inte läsas", "{relpath} cannot be read"),
    "err.not_a_meeting_name": (
        "{name} är inte ett möte; ange det som GRUPP/ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DD",
        "{name} is not a meeting; name it as GROUP/YYYY-MM-DD or YYYY-MM-DD",
    ),
    "err.bad_date": ("{text} är inte ett giltigt datum", "{text} is not a valid date"),
    "err.unknown_group": ("okänd grupp {group}", "unknown group {group}"),
    "err.unknown_group.known": (
        "okänd grupp {group}; kända grupper: {known}",
        "unknown group {group}; known groups: {known}",
    ),
    "err.no_meeting_on": ("inget möte den {date}", "no meeting on {date}"),
    "err.no_meeting": ("inget möte {ref}", "no meeting {ref}"),
    "err.list_meetings.hint": ("`cesam list` visar mötena.", "`cesam list` shows the meetings."),
    "err.ambiguous_date": ("{date} är tvetydigt: {options}", "{date} is ambiguous: {options}"),
    "err.ambiguous_date.hint": ("Ange mötet som GRUPP/DATUM.", "Name the meeting as GROUP/DATE."),
    "err.invalid_meeting": ("{relpath} är inte ett giltigt möte", "{relpath} is not a valid meeting"),
    "err.not_a_revision": ("{rev} är ingen version", "{rev} is not a revision"),
    "err.path_is_root": (
        "{relpath} är själva förrådet, inte en fil i det",
        "{relpath} is the repository itself, not a file in it",
    ),
    "err.path_symlink": (
        "{relpath} går genom en symbolisk länk ({link})",
        "{relpath} goes through a symbolic link ({link})",
    ),
    "err.path_symlink.hint": (
        "cesam läser och skriver bara vanliga filer i förrådet; ersätt länken med filen själv.",
        "cesam reads and writes only plain files inside the repository; replace the link by the file itself.",
    ),
    "err.path_outside": ("{relpath} pekar utanför förrådet", "{relpath} points outside the repository"),
    # follow-ups (store/core/followups.py, store/services/followups.py)
    "err.followup_ref": ("{text} är ingen uppföljning", "{text} is not a follow-up ref"),
    "err.followup_ref.hint": (
        "En uppföljning anges som GRUPP/DATUM#ID; `cesam followup list` visar dem.",
        "A follow-up is named GROUP/DATE#ID; `cesam followup list` shows them.",
    ),
    "err.no_followup": ("ingen uppföljning {id} i {ref}", "no follow-up {id} in {ref}"),
    "err.no_followup.hint": (
        "`cesam followup list --all` visar dem.",
        "`cesam followup list --all` shows them.",
    ),
    "err.followup_not_after": ("{ref} är inte efter {origin}", "{ref} is not after {origin}"),
    "err.followup_not_after.hint": (
        "En uppföljning stängs i ett senare möte (eller med c i sitt eget).",
        "A follow-up is closed in a later meeting (or with c in its own).",
    ),
    "err.followup_own_meeting": ("{ref} togs upp i {meeting}", "{ref} is raised in {meeting}"),
    "err.followup_own_meeting.hint": ("Stäng den där med c i programmet.", "Close it there with c in the UI."),
    "err.followup_closed": ("{ref} är redan stängd i {meeting}", "{ref} is already closed in {meeting}"),
}

ENTRIES |= {
    # justering and approvals (justering.py, approvals.py)
    "err.control_characters": ("{what} innehåller styrtecken", "{what} contains control characters"),
    "err.unknown_author": (
        "git vet inte vem du är, och cesam hittar aldrig på en författare. Ställ in det en gång med:\n"
        '  git config --global user.name "Förnamn Efternamn"\n'
        '  git config --global user.email "namn@example.se"',
        "git does not know who you are, and cesam never makes up an author. Set it once with:\n"
        '  git config --global user.name "Förnamn Efternamn"\n'
        '  git config --global user.email "namn@example.se"',
    ),
    "err.no_identity": (
        "git vet inte vem du är (user.name, user.email)",
        "git does not know who you are (user.name, user.email)",
    ),
    "err.tag_failed": ("git tag misslyckades: {reason}", "git tag failed: {reason}"),
    "err.tag_failed.sign.hint": (
        "Signeringen misslyckades: kontrollera din nyckel (`git config user.signingkey`, gpg-agent), "
        "eller registrera godkännandet osignerat med --no-sign.",
        "Signing failed: check your key (`git config user.signingkey`, gpg-agent), "
        "or record the approval unsigned with --no-sign.",
    ),
    "err.reason_nul": ("skälet innehåller ett NUL-tecken", "the reason contains a NUL character"),
    "err.not_adjusted": ("{ref} är inte justerat", "{ref} is not justerad"),
    "err.not_committed_yet": ("{ref} är inte sparat i historiken än", "{ref} is not committed yet"),
    "err.not_committed_yet.hint": (
        "Bara innehåll som är sparat i historiken kan godkännas.",
        "Only committed content can be approved.",
    ),
    "err.head_differs": ("{ref} i HEAD är inte det som filen innehåller", "{ref} at HEAD is not what the file holds"),
    "err.head_differs.hint": (
        "Spara eller släng ändringen först.",
        "Commit or discard the edit first.",
    ),
    "err.changed_while_approving": (
        "{ref} ändrades medan godkännandena registrerades",
        "{ref} changed while the approvals were recorded",
    ),
    "err.changed_while_approving.hint": (
        "Godkännandena gäller det tidigare innehållet; godkänn det nya innehållet igen.",
        "The approvals are of the earlier content; approve the new content again.",
    ),
    # planning a new meeting (planning.py, cesam new)
    "err.give_date": (
        "ange datumet med --date ÅÅÅÅ-MM-DD (inget tidigare möte anger nästa)",
        "give the date with --date YYYY-MM-DD (no earlier meeting names the next one)",
    ),
    "err.no_groups": ("cesam.toml har inga grupper", "cesam.toml has no groups"),
    "err.no_groups.hint": ("Lägg till en [[groups]]-tabell i cesam.toml.", "Add a [[groups]] table to cesam.toml."),
    "err.editor_missing": ("redigeraren {editor} hittades inte", "editor {editor} not found"),
    "err.editor_missing.hint": ("Sätt $EDITOR, till exempel EDITOR=nano.", "Set $EDITOR, e.g. EDITOR=nano."),
    # restore (restore.py, cesam restore)
    "err.restore_no_version": (
        "{ref} fanns inte (eller kunde inte läsas) i {commit}",
        "{ref} did not exist (or could not be read) in {commit}",
    ),
    "err.restore_no_version.hint": (
        "`cesam log {ref}` listar dess versioner.",
        "`cesam log {ref}` lists its versions.",
    ),
    "err.restore_no_statement": (
        "yttrandet {id} finns inte i {ref} i version {commit}",
        "statement {id} is not in {ref} as of {commit}",
    ),
    "err.restore_no_item": (
        "punkten {id} finns inte i {ref} i version {commit}",
        "item {id} is not in {ref} as of {commit}",
    ),
    "err.restore_item_gone": (
        "punkten som yttrandet stod under ({title}) finns inte längre",
        "the item the statement stood under ({title}) is gone",
    ),
    "err.restore_item_gone.hint": (
        "Återställ punkten först: cesam restore {ref} --rev {commit} --item {item}",
        "Restore the item first: cesam restore {ref} --rev {commit} --item {item}",
    ),
    "err.restore_parent_gone": (
        "punkten {title} stod under finns inte längre",
        "the item {title} stood under is gone",
    ),
    "err.restore_parent_gone.hint": (
        "Återställ dess överordnade punkt först: cesam restore {ref} --rev {commit} --item {item}",
        "Restore its parent first: cesam restore {ref} --rev {commit} --item {item}",
    ),
    "err.restore_no_such_item": ("{ref} har ingen punkt {id}", "{ref} has no item {id}"),
    # sync and conflicts (sync.py, sync_state.py, cesam resolve)
    "err.no_common_history": (
        "{head} och {theirs} har ingen gemensam historik",
        "{head} and {theirs} have no common history",
    ),
    "err.no_conflict": ("ingen konflikt {id}", "no conflict {id}"),
    "err.no_conflict.hint": ("`cesam resolve --list` visar dem.", "`cesam resolve --list` shows them."),
    "err.nothing_to_discard": ("{relpath} har inga osparade ändringar", "{relpath} has no uncommitted changes"),
    "err.no_commit_yet": ("förrådet har ingen commit än", "the repository has no commit yet"),
    "err.resolve_pair": ("{pair}: skriv ID=VÄRDE", "{pair}: write ID=VALUE"),
    "err.resolve_only_sides": (
        "{path}: här kan bara mine eller theirs väljas",
        "{path}: only mine or theirs can be chosen here",
    ),
    "err.resolve_choose": ("{pair}: välj mine eller theirs", "{pair}: choose mine or theirs"),
}

ENTRIES |= {
    # history and search (history.py, search.py)
    "err.no_commit": ("ingen commit {rev} i det här förrådet", "no commit {rev} in this repository"),
    "err.no_commit.hint": (
        "`cesam log MÖTE` listar versionerna av ett möte.",
        "`cesam log MEETING` lists the versions of a meeting.",
    ),
    "err.no_history_yet": ("{ref} har ingen historik än", "{ref} has no history yet"),
    "err.no_history_yet.hint": (
        "`cesam commit-edits` sparar dess första version.",
        "`cesam commit-edits` saves its first version.",
    ),
    "err.in_neither_version": ("{ref} fanns inte i någon av versionerna", "{ref} did not exist in either version"),
    "err.unreadable_at": ("{relpath}{where} kan inte läsas", "{relpath}{where} cannot be read"),
    "err.nothing_to_search": (
        "inget att söka efter: ange en text eller ett filter (--union, --kind, --outcome, --item-kind)",
        "nothing to search for: give a text or a filter (--union, --kind, --outcome, --item-kind)",
    ),
    "err.unknown_kind": ("okänd sort {value}; välj en av: {known}", "unknown kind {value}; choose one of: {known}"),
    "err.unknown_union": ("okänd organisation {union}; kända: {known}", "unknown union {union}; known unions: {known}"),
    "err.bad_years": (
        "{text} är inte ett år eller ett spann av år som 2021-2023",
        "{text} is not a year or a range of years like 2021-2023",
    ),
    # git itself (store/gitio/git.py)
    "err.no_git": ("git är inte installerat eller finns inte i PATH", "git is not installed or not on PATH"),
    "err.no_git.hint": ("Installera git (apt-get install git).", "Install git (apt-get install git)."),
    # the commands (cesam_cli)
    "err.no_item_in": ("ingen punkt {item} i {ref}", "no item {item} in {ref}"),
    "err.no_item_in.hint": ("Dess punkter är: {listed}.", "Its items are: {listed}."),
    "err.unknown_output_format": ("kan inte avgöra formatet för {output}", "cannot tell the format of {output}"),
    "err.unknown_output_format.hint": ("Lägg till --format pdf|docx|html|md.", "Add --format pdf|docx|html|md."),
    "err.no_pdf": ("kunde inte göra {format}-filen: {reason}", "could not make the {format}: {reason}"),
    "err.no_pdf.hint": (
        "PDF-filen görs av Python-paketet typst: pip install 'typst>=0.15'",
        "the PDF is made by the Python package typst: pip install 'typst>=0.15'",
    ),
    "err.cannot_write": ("kan inte skriva {path}: {reason}", "cannot write {path}: {reason}"),
    "err.diff_two_revs": (
        "ange högst två versioner: cesam diff MÖTE [REV [REV]]",
        "give at most two revisions: cesam diff MEETING [REV [REV]]",
    ),
    "err.diff_commit_or_revs": (
        "ange antingen --commit REV eller versioner att jämföra, inte båda",
        "give either --commit REV or revisions to compare, not both",
    ),
    "err.bilagor_pdf": ("--bilagor fogar ihop PDF-filer", "--bilagor joins PDF files"),
    "err.bilagor_pdf.hint": ("Lägg till --format pdf eller -o FIL.pdf.", "Add --format pdf or -o FILE.pdf."),
    "err.log_unreadable": (
        "{ref} kan inte läsas; `cesam check` säger varför",
        "{ref} cannot be read; `cesam check` says why",
    ),
    "err.log_no_item": ("{ref} har ingen punkt {item}", "{ref} has no item {item}"),
    "err.log_no_item.hint": ("`cesam show {ref}` listar dess punkter.", "`cesam show {ref}` lists its items."),
    "err.log_no_statement": ("{ref} har aldrig haft ett yttrande {id}", "{ref} has never had a statement {id}"),
    "err.log_no_statement.hint": (
        "Ange ett yttrande med dess id (som i filen), eller med --item med dess organisation eller plats.",
        "Name a statement by its id (as in the file), or with --item by its union or position.",
    ),
    "err.since_not_year": ("--since {since} är inte ett år", "--since {since} is not a year"),
    "err.no_terminal": ("terminalgränssnittet behöver en terminal", "the terminal UI needs a terminal"),
    "err.no_terminal.hint": (
        "Kör cesam i en terminal, eller använd de vanliga kommandona (`cesam list`, `cesam show MÖTE`).",
        "Run cesam in a terminal, or use the plain commands (`cesam list`, `cesam show MEETING`).",
    ),
    # the site (cesam_site/build.py) and the TUI's export (cesam_tui/export.py)
    "err.site_outside": (
        "vägrar skriva {relpath}: den ligger utanför {out}",
        "refusing to write {relpath}: it is outside {out}",
    ),
    "err.site_not_folder": ("{out} är inte en mapp", "{out} is not a folder"),
    "err.site_not_folder.hint": ("Ange en mapp för webbplatsen med -o.", "Name a folder for the site with -o."),
    "err.site_not_empty": (
        "{out} är inte tom och har ingen cesam-webbplats",
        "{out} is not empty and holds no cesam site",
    ),
    "err.site_not_empty.hint": (
        "Ange en tom eller ny mapp: webbplatsens filer skulle blandas med andra.",
        "Give an empty or new folder: the site's files would be mixed with others.",
    ),
    "err.unknown_format": ("okänt format {format}", "unknown format {format}"),
}

ENTRIES |= {
    # the importer: a file it cannot read (cesam_import/readers.py), a protocol without group or date
    "err.import.unreadable_file": ("kan inte läsa {name}: {reason}", "cannot read {name}: {reason}"),
    "err.import.format": ("{name}: formatet {suffix} kan inte läsas", "{name}: the format {suffix} cannot be read"),
    "err.import.format.hint": (
        "Spara protokollet som .docx eller PDF och importera den filen.",
        "Save the protocol as .docx or PDF and import that file.",
    ),
    "err.import.not_text": ("{name}: ser inte ut som text", "{name}: does not look like text"),
    "err.import.not_text.hint": ("Importera .txt, .docx eller .pdf.", "Import .txt, .docx or .pdf."),
    "err.import.missing_package": ("{package} saknas", "{package} is missing"),
    "err.import.missing_package.hint": (
        "Installera cesam med sina beroenden.",
        "Install cesam with its dependencies.",
    ),
    "err.import.bad_pdf": (
        "{name}: PDF-filen kan inte läsas ({reason})",
        "{name}: the PDF file cannot be read ({reason})",
    ),
    "err.import.bad_pdf.hint": (
        "Är filen skadad eller lösenordsskyddad? Spara om den, eller kopiera texten till en .txt-fil.",
        "Is the file damaged or protected by a password? Save it again, or copy the text into a .txt file.",
    ),
    "err.import.pdf_no_text": ("{name}: PDF-filen innehåller ingen text", "{name}: the PDF file holds no text"),
    "err.import.pdf_no_text.hint": (
        "Den är troligen inskannad som bild; kör textigenkänning (OCR) först.",
        "It is probably scanned as an image; run text recognition (OCR) first.",
    ),
    "err.import.bad_docx": (
        "{name}: inte en läsbar DOCX-fil ({reason})",
        "{name}: not a readable DOCX file ({reason})",
    ),
    "err.import.date_no_year": (
        "datumet {text} saknar år; ange --date ÅÅÅÅ-MM-DD",
        "the date {text} has no year; give --date YYYY-MM-DD",
    ),
    "err.import.no_date": (
        "hittar inget mötesdatum i protokollet; ange --date ÅÅÅÅ-MM-DD",
        "finds no meeting date in the protocol; give --date YYYY-MM-DD",
    ),
    "err.import.unknown_group": (
        "okänd grupp {group}; kända grupper: {known}",
        "unknown group {group}; known groups: {known}",
    ),
    "err.import.no_group": (
        "kan inte se vilken grupp protokollet gäller; ange --group (kända grupper: {known})",
        "cannot tell which group the protocol is for; give --group (known groups: {known})",
    ),
}

ENTRIES |= {
    # the git layer's blob reader (store/gitio/blobs.py) and `cesam resolve`'s values
    "err.blob_reader_no_pipes": ("git cat-file har inga rör", "git cat-file has no pipes"),
    "err.blob_reader_closed": ("läsaren av git-objekt är stängd", "the blob reader is closed"),
    "err.resolve_bad_value": ("{path}: {reason}", "{path}: {reason}"),
}
