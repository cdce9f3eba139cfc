"""Sync: what fetch, merge, push and the checks around them say."""

from __future__ import annotations

ENTRIES: dict[str, tuple[str, str]] = {
    # store/services/sync_checks.py
    "sync.checks.attr.head": (
        "Möten sammanfogas inte av cesam här: git-attributet merge för {path} är {value}",
        "Meetings would not be merged by cesam here: git's merge attribute for {path} is {value}",
    ),
    "sync.checks.attr.line": (" (från {file} rad {line}: `{text}`{rev})", " (from {file} line {line}: `{text}`{rev})"),
    "sync.checks.attr.rev": (" i {rev}", " in {rev}"),
    "sync.checks.attr.why": (
        "Med den sammanfogar git själv mötesfilerna (union klistrar ihop båda versionerna av ett fält, binary "
        "behåller en sida) och ändringar kan gå förlorade utan att någon ser det. Ingenting har skrivits eller "
        "skickats.",
        "With it git merges meeting files itself (union glues both versions of a field together, binary keeps "
        "one side) and changes can be lost without anyone seeing it. Nothing was written or pushed.",
    ),
    "sync.checks.attr.hint": (
        "Ta bort raden eller ändra den till `meetings/**/*.toml merge=cesam`, committa det och kör `cesam sync` "
        "igen. Kommer raden från fjärrarkivet: be den som lade till den att ta bort den, eller gör det själv i en "
        "commit här.",
        "Remove the line or change it to `meetings/**/*.toml merge=cesam`, commit that and run `cesam sync` "
        "again. If the line came from the remote: ask whoever added it to remove it, or do so in a commit here.",
    ),
    "sync.checks.invalid.path": (
        "{file}: sammanfogningen blir ett ogiltigt möte: {problems}",
        "{file}: the merge is not a valid meeting: {problems}",
    ),
    "sync.checks.invalid.side": ("hela filen som {who} har den", "the whole file as {who} has it"),
    "sync.checks.invalid.mine": ("du", "you"),
    "sync.checks.invalid.theirs": ("de", "they"),
    "sync.checks.unreadable": (
        "sammanfogningen är inte ett läsbart möte (git sammanfogade raderna, t.ex. med merge=union)",
        "the merge is not a readable meeting (git merged the lines, e.g. with merge=union)",
    ),
    # store/services/sync_dropped.py
    "sync.dropped.stop": (
        "Synken stannade: sammanfogningen {merge} tog bort ändringar som en av dess sidor gjorde, utan att någon "
        "valde det:",
        "Sync stopped: the merge {merge} undid changes one of its sides made, without anyone choosing to:",
    ),
    "sync.dropped.line": ("  - {file}: {change} (från {side})", "  - {file}: {change} (from {side})"),
    "sync.dropped.kept": (
        "Ingenting har ändrats här{branch}.",
        "Nothing was changed here{branch}.",
    ),
    "sync.dropped.branch": (": ditt arbete finns också på grenen {name}", ": your work is also on the branch {name}"),
    "sync.dropped.hint": (
        "Lägg tillbaka ändringarna med `cesam sync --restore-dropped` (en commit efter sammanfogningen), eller ta "
        "in historiken som den är med `cesam sync --accept-dropped`.",
        "Put the changes back with `cesam sync --restore-dropped` (one commit after the merge), or take the "
        "history in as it is with `cesam sync --accept-dropped`.",
    ),
    "sync.dropped.restore.subject": (
        "Synk: återställde ändringar som sammanfogningen {merge} tappade",
        "Sync: restored changes the merge {merge} dropped",
    ),
    "sync.dropped.restore.conflict": (
        "{file}: ändringen som {merge} tappade går inte att lägga tillbaka automatiskt, den har ändrats sedan: {what}",
        "{file}: the change {merge} dropped cannot be put back by itself, it changed since: {what}",
    ),
    "sync.dropped.restore.hint": (
        "Lägg in den för hand med `cesam edit`, och kör `cesam sync --accept-dropped`.",
        "Put it in by hand with `cesam edit`, then run `cesam sync --accept-dropped`.",
    ),
    # store/services/remote.py
    "sync.remote.the_remote_could_not": (
        "Fjärrarkivet {name} ({url}) gick inte att nå vid {action}: {detail}",
        "The remote {name} ({url}) could not be reached to {action}: {detail}",
    ),
    "sync.remote.the_remote_did_not": (
        "Fjärrarkivet {name} ({url}) svarade inte inom {seconds} sekunder vid {action}; cesam avbröt.",
        "The remote {name} ({url}) did not answer within {seconds} seconds to {action}; cesam stopped it.",
    ),
    "sync.remote.ssh_does_not_know": ("ssh känner inte igen värden för {url}.", "ssh does not know the host of {url}."),
    "sync.remote.the_remote_refused_the": (
        "Fjärrarkivet {name} ({url}) nekade inloggningen: {detail}",
        "The remote {name} ({url}) refused the login: {detail}",
    ),
    "sync.remote.check_the_network_and": (
        "Kontrollera nätverket och adressen (`git remote -v`). Allt ditt arbete finns kvar här; kör `cesam sync` igen när förbindelsen är tillbaka.",
        "Check the network and the address (`git remote -v`). All your work is kept here; run `cesam sync` again when the connection is back.",
    ),
    "sync.remote.all_your_work_is": (
        "Allt ditt arbete finns kvar här. Kontrollera nätverket och adressen (`git remote -v`) och kör `cesam sync` igen; en långsam förbindelse får mer tid med miljövariabeln CESAM_REMOTE_TIMEOUT (sekunder).",
        "All your work is kept here. Check the network and the address (`git remote -v`) and run `cesam sync` again; a slow connection gets more time with the environment variable CESAM_REMOTE_TIMEOUT (seconds).",
    ),
    "sync.remote.connect_once_with_ssh": (
        "Anslut en gång med ssh i en terminal och godkänn värdnyckeln; cesam frågar aldrig själv. Ditt arbete finns kvar här.",
        "Connect once with ssh in a terminal and accept the host key; cesam never asks itself. Your work is kept here.",
    ),
    "sync.remote.cesam_never_asks_for": (
        "cesam frågar aldrig efter lösenord. Lägg din ssh-nyckel i ssh-agenten (`ssh-add`), eller låt git:s credential helper minnas inloggningen (t.ex. Git Credential Manager) och logga in en gång med `git fetch` i en terminal. Ditt arbete finns kvar här.",
        "cesam never asks for a password. Add your ssh key to the ssh agent (`ssh-add`), or let git's credential helper remember the login (e.g. Git Credential Manager) and log in once with `git fetch` in a terminal. Your work is kept here.",
    ),
    "sync.remote.fetch": ("hämtning", "fetch"),
    "sync.remote.push": ("sändning", "push"),
    "sync.remote.the_tag_differs_on": (
        "taggen {tag} finns med annat innehåll i {remote}; din behålls här",
        "the tag {tag} differs on {remote}; yours is kept here",
    ),
    "sync.remote.the_tag_was_not": (
        "taggen {tag} skickades inte: den finns redan med annat innehåll i {remote}",
        "the tag {tag} was not pushed: it exists with other content on {remote}",
    ),
    "sync.remote.did_not_accept_the": (
        "{remote} tog inte emot ändringarna: {said}",
        "{remote} did not accept the changes: {said}",
    ),
    "sync.remote.the_remote_refused_a": (
        "Fjärrarkivet vägrade (en krok eller ett grenskydd). Allt finns kvar här; fråga den som sköter fjärrarkivet.",
        "The remote refused (a hook or branch protection). Everything is kept here; ask whoever runs the remote.",
    ),
    # store/services/sync.py
    "sync.an_earlier_sync_stopped": (
        "En tidigare synk stannade på en konflikt med {upstream} som inte är löst.",
        "An earlier sync stopped on a conflict with {upstream} that is not settled.",
    ),
    "sync.sync_stopped_the_same": (
        "Synken stannade: samma fält har ändrats både här och i {label} ({meetings}):",
        "Sync stopped: the same fields were changed here and on {label} ({meetings}):",
    ),
    "sync.nothing_was_lost_your": (
        "Ingenting gick förlorat: din version finns kvar här och på grenen {branch}, deras i {label}.",
        "Nothing was lost: your version is here and on the branch {branch}, theirs on {label}.",
    ),
    "sync.and_on_the_branch": (" och på grenen {kept}", " and on the branch {kept}"),
    "sync.the_branch_no_longer": (
        "Grenen {label} finns inte längre i fjärrarkivet",
        "The branch {label} no longer exists on the remote",
    ),
    "sync.the_history_of_was": (
        "Historiken i {label} har skrivits om (force push)",
        "The history of {label} was rewritten (force push)",
    ),
    "sync.changed_times_while_we": (
        "{label} ändrades {max_attempts} gånger medan vi försökte skicka.",
        "{label} changed {max_attempts} times while we tried to push.",
    ),
    "sync.in_sync_with": ("I fas med {upstream}.", "In sync with {upstream}."),
    "sync.settle_it_with_cesam": (
        "Lös den med `cesam resolve` (din version finns också på grenen {branch}).",
        "Settle it with `cesam resolve` (your version is also on the branch {branch}).",
    ),
    "sync.choose_field_by_field": (
        "Välj fält för fält med `cesam resolve` (eller `cesam resolve --take mine|theirs`), kör sedan `cesam sync`.",
        "Choose field by field with `cesam resolve` (or `cesam resolve --take mine|theirs`), then run `cesam sync`.",
    ),
    "sync.commits_that_were_there": (
        ": commits som fanns där vid förra synken ({synced}) saknas nu. Ingenting har ändrats här; allt finns kvar lokalt{where}.",
        ": commits that were there at the last sync ({synced}) are missing now. Nothing was changed here; everything is kept locally{where}.",
    ),
    "sync.ask_whoever_rewrote_the": (
        "Fråga den som skrev om historiken varför. Vill du lägga ihop din historik med den nya och skicka den (det som togs bort där kommer då tillbaka), kör `cesam sync --accept-rewritten`.",
        "Ask whoever rewrote the history why. To merge your history with the new one and push it (what was removed there then comes back), run `cesam sync --accept-rewritten`.",
    ),
    "sync.head_is_not_on": (
        "HEAD pekar inte på någon gren (frikopplat HEAD).",
        "HEAD is not on a branch (detached HEAD).",
    ),
    "sync.no_remote_is_set": (
        "Inget fjärrarkiv är inställt för det här arkivet.",
        "No remote is set up for this repository.",
    ),
    "sync.fetching_from": ("Hämtar från {remote} …", "Fetching from {remote} …"),
    "sync.everything_is_merged_and": (
        "Allt är sammanfogat och sparat här; kör `cesam sync` igen om en stund.",
        "Everything is merged and saved here; run `cesam sync` again in a while.",
    ),
    "sync.there_is_no_conflict": ("Det finns ingen konflikt att lösa.", "There is no conflict to settle."),
    "sync.merged_field_by_field": ("sammanfogade fält för fält", "merged field by field"),
    "sync.no_branch": ("(ingen gren)", "(no branch)"),
    "sync.no_remote": ("inget fjärrarkiv", "no remote"),
    "sync.uncommitted": ("{n} ocommittade", "{n} uncommitted"),
    "sync.conflict_cesam_resolve": ("konflikt: cesam resolve", "conflict: cesam resolve"),
    "sync.there_are_changes_that": (
        "Det finns ändringar som inte är committade: ",
        "There are changes that are not committed: ",
    ),
    "sync.cesam_never_syncs_or": (
        "cesam synkar och sammanfogar aldrig över dem och tar aldrig med dem i en annan commit. Se dem med `cesam status --diff`; committa dem med `cesam commit-edits`, eller kasta dem med `cesam discard-edits FIL`. Kör sedan `cesam sync` igen.",
        "cesam never syncs or merges over them, nor sweeps them into another commit. See them with `cesam status --diff`; commit them with `cesam commit-edits`, or discard them with `cesam discard-edits FILE`. Then run `cesam sync` again.",
    ),
    "sync.git_could_not_start": (
        "git kunde inte börja sammanfoga: {stderr}",
        "git could not start the merge: {stderr}",
    ),
    "sync.the_merge_dropped_changes": ("Sammanfogningen tappade ändringar: ", "The merge dropped changes: "),
    "sync.nothing_was_changed_report": (
        "Ingenting ändrades; rapportera det som ett fel i cesam.",
        "Nothing was changed; report it as a bug in cesam.",
    ),
    "sync.yours": ("din:", "yours:"),
    "sync.theirs": ("deras:", "theirs:"),
    "sync.switch_to_your_branch": (
        "Byt till din gren, t.ex. `git switch main`.",
        "Switch to your branch, e.g. `git switch main`.",
    ),
    "sync.add_one_with_git": (
        "Lägg till ett med `git remote add origin ADRESS` (en adress från Gitea, GitLab eller GitHub, eller en mapp) och kör `cesam sync` igen. Allt ditt arbete finns här.",
        "Add one with `git remote add origin ADDRESS` (from Gitea, GitLab or GitHub, or a folder) and run `cesam sync` again. All your work is here.",
    ),
    "sync.pushing_to": ("Skickar till {remote} …", "Pushing to {remote} …"),
    "sync.checking_tags": ("Kontrollerar taggar …", "Checking tags …"),
    "sync.choose_mine_or_theirs": ("{path}: välj min eller deras version", "{path}: choose mine or theirs"),
    "sync.conflicts_have_no_choice": ("{n} konflikter saknar val:", "{n} conflicts have no choice:"),
    "sync.choose_for_each_or": (
        "Välj för var och en, eller för alla med `--take mine|theirs`.",
        "Choose for each, or for all with `--take mine|theirs`.",
    ),
    "sync.unknown_conflicts": ("okända konflikter: ", "unknown conflicts: "),
    "sync.the_conflict_changed_while": (
        "Konflikten ändrades medan du valde (någon sparade eller synkade); ingenting sparades.",
        "The conflict changed while you chose (someone saved or synced); nothing was saved.",
    ),
    "sync.unmerged_files_left": ("olösta filer kvar: ", "unmerged files left: "),
    "sync.change_fetched": ("1 ändring hämtad", "1 change fetched"),
    "sync.changes_fetched": ("{pulled} ändringar hämtade", "{pulled} changes fetched"),
    "sync.commit_pushed": ("1 commit skickad", "1 commit pushed"),
    "sync.commits_pushed": ("{pushed} commits skickade", "{pushed} commits pushed"),
    "sync.dropped_change_cesam_sync": (
        "tappad ändring: cesam sync --restore-dropped",
        "dropped change: cesam sync --restore-dropped",
    ),
    "sync.nothing_was_changed_cesam": (
        "Ingenting ändrades. `cesam status` visar läget.",
        "Nothing was changed. `cesam status` shows the state.",
    ),
    "sync.moved_meanwhile_trying_again": (
        "{remote} ändrades under tiden; försöker igen …",
        "{remote} moved meanwhile; trying again …",
    ),
    "sync.run_cesam_resolve_again": ("Kör `cesam resolve` igen.", "Run `cesam resolve` again."),
    "sync.settled_continue_with_git": (
        "Lösta; fortsätt med `git rebase --continue`.",
        "Settled; continue with `git rebase --continue`.",
    ),
    "sync.conflicts_left": ("{relpath}: konflikter kvar: ", "{relpath}: conflicts left: "),
    "sync.has_problems_after_the": (
        "{relpath} har fel efter sammanfogningen (se `cesam check`): ",
        "{relpath} has problems after the merge (see `cesam check`): ",
    ),
    "sync.fast_forwarding": ("Hämtar in ändringarna …", "Fast-forwarding …"),
    "sync.merging_field_by_field": ("Sammanfogar fält för fält …", "Merging field by field …"),
    # store/services/sync.py
    "sync.sync_merged": ("Synk: sammanfogat med {label}", "Sync: merged {label}"),
    "sync.from_the_remote": ("Från fjärrarkivet:", "From the remote:"),
    "sync.more": ("till", "more"),
    "sync.conflict_settled_on_sync": (
        "Konflikt löst vid synk med {theirs_label}: {what}",
        "Conflict settled on sync with {theirs_label}: {what}",
    ),
    "sync.mine": ("min version", "mine"),
    "sync.theirs_2": ("deras version", "theirs"),
    "sync.edited": ("ändrad för hand", "edited"),
    # store/core/mergewall.py
    "sync.wall.keep_the_justerad_version": (
        "behåll den justerade versionen ({on})",
        "keep the justerad version ({on})",
    ),
    "sync.wall.reopen_and_take_the": (
        "häv justeringen och ta ändringen (mötet blir hållet och ska justeras igen)",
        "reopen and take the change (the meeting is held again and needs a new justering)",
    ),
    "sync.wall.justerad_on_one_side": (
        "{relpath}: justerat på ena sidan, ändrat på den andra",
        "{relpath}: justerad on one side, changed on the other",
    ),
    # store/core/conflict_words.py
    "sync.conflict.removed": ("(borttagen)", "(removed)"),
    "sync.conflict.lost_if_the_removal": ("går förlorat om borttagningen väljs:", "lost if the removal is chosen:"),
    "sync.conflict.new": ("ny", "new"),
    # store/services/mergedriver.py
    "mergedriver.changed_on_both_sides": ("ändrad på båda håll (inte text)", "changed on both sides (not text)"),
    "mergedriver.removed_here_changed_on": (
        "borttagen här, ändrad i fjärrarkivet",
        "removed here, changed on the remote",
    ),
    "mergedriver.changed_here_removed_on": (
        "ändrad här, borttagen i fjärrarkivet",
        "changed here, removed on the remote",
    ),
    "mergedriver.created_on_both_sides": (
        "skapad på båda håll med olika innehåll",
        "created on both sides, differently",
    ),
    "mergedriver.changed_on_both_sides_2": (
        "ändrad på båda håll, går inte att sammanfoga rad för rad",
        "changed on both sides; the lines cannot be merged",
    ),
    "mergedriver.fields_changed_differently_on": (
        "{n} fält ändrade olika på båda håll:",
        "{n} fields changed differently on both sides:",
    ),
    "mergedriver.git_rebase_mine_in": (
        "(git rebase: »mine« i markeringarna är din egen commit, »theirs« det du lägger den ovanpå.)",
        "(git rebase: »mine« in the markers is your own commit, »theirs« what it is replayed onto.)",
    ),
    "mergedriver.settle_them_with_cesam": (
        "Lös dem med `cesam resolve`, eller rätta markeringarna i filen och kör `git add`.",
        "Settle them with `cesam resolve`, or edit the marked lines in the file and `git add` it.",
    ),
    # store/core/merge.py
    "merge.removed": ("(borttagen)", "(removed)"),
    # store/core/merge.py: the words of a conflict's path
    "merge.word.order": ("ordningen av", "the order of"),
    "merge.word.items": ("punkterna", "the items"),
    "merge.word.statements": ("yttrandena", "the statements"),
    "merge.word.followups": ("uppföljningarna", "the follow-ups"),
    "merge.word.attachments": ("bilagorna", "the attachments"),
    "merge.word.attendees": ("de närvarande", "the attendees"),
    "merge.word.signatures": ("underskrifterna", "the signatures"),
    "merge.word.removed_vs_changed": (
        "borttagen på ena sidan, ändrad på den andra",
        "removed on one side, changed on the other",
    ),
}
