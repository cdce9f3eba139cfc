"""What the services write: commit and tag messages, the items they add, their errors."""

from __future__ import annotations

ENTRIES: dict[str, tuple[str, str]] = {
    # refusals of the save path and the bilaga copy (repository.py, attachments.py)
    "refuse.meeting_exists": ("{ref} finns redan", "{ref} already exists"),
    "refuse.meeting_exists.hint": (
        "Öppna det i listan, eller med cesam show {ref}.",
        "Open it from the list, or with `cesam show {ref}`.",
    ),
    "refuse.meeting_removed": (
        "{ref} togs bort medan du ändrade i det; inget sparades",
        "{ref} was removed while you edited it; nothing was saved",
    ),
    "refuse.not_a_file": ("{source} är ingen fil", "{source} is not a file"),
    "refuse.not_a_file.hint": (
        "Ange en fil att bifoga (en PDF, ett dokument).",
        "Name a file to attach (a PDF, a document).",
    ),
    "refuse.bilaga_exists": ("{relpath} finns redan", "{relpath} already exists"),
    "refuse.bilaga_exists.hint": ("Ge bilagan ett annat nummer.", "Give the bilaga another number."),
    # store/services/planning.py: the item that carries open follow-ups into a new meeting
    "planning.carry_title": ("Uppföljning från tidigare möten", "Follow-ups from earlier meetings"),
    # store/services/repository.py
    "repository.cesam_toml_changed": ("cesam.toml ändrad", "cesam.toml changed"),
    # store/core/basecheck.py
    "basecheck.more": ("  … {rest} till", "  … {rest} more"),
    # store/core/basecheck.py: a write whose changes overlap changes saved meanwhile
    "basecheck.stale": (
        "{meeting} ändrades av någon annan medan du redigerade, i samma fält som du ändrade:",
        "{meeting} was changed by someone else while you edited, in fields you changed too:",
    ),
    "basecheck.stale.kept": (
        "Ingenting sparades och ingenting skrevs över. Din version finns kvar i {kept}; `cesam edit {meeting}` "
        "öppnar den igen, sammanfogad med den nya versionen, med dina värden i fälten ovan: kontrollera dem innan "
        "du sparar.",
        "Nothing was saved and nothing was overwritten. Your version is kept in {kept}; `cesam edit {meeting}` "
        "opens it again, merged with the new version, with your values in the fields above: check them before "
        "you save.",
    ),
    "basecheck.stale.reload": (
        "Ingenting sparades och ingenting skrevs över. Läs in mötet igen och gör ändringen på nytt.",
        "Nothing was saved and nothing was overwritten. Load the meeting again and make the change again.",
    ),
    # store/services/demo.py
    "demo.cesam_demo_repository": ("cesam: demoarkiv", "cesam: demo repository"),
    "demo.minutes_added_demo": ("{label} {date}: protokoll inlagt (demo)", "{label} {date}: minutes added (demo)"),
    # commit messages of changes to cesam.toml
    "groups.added": (
        "Ny samverkansgrupp: {label} – {name} ({n} ledamöter)",
        "New group: {label} – {name} ({n} members)",
    ),
    "groups.name_required": ("Gruppen behöver ett namn", "The group needs a name"),
    "groups.exists": ("Det finns redan en grupp {label} – {name}", "There is a group {label} – {name} already"),
    "groups.no_name": ("Ledamot på rad {line}: namnet saknas", "Member on line {line}: the name is missing"),
    "groups.bad_party": (
        "Ledamot på rad {line}: {party} är varken arbetsgivaren eller ett förbund i cesam.toml",
        "Member on line {line}: {party} is neither the employer nor a union of cesam.toml",
    ),
    "groups.parties": ("Parterna: {known}.", "The parties: {known}."),
    "groups.twice": ("Ledamot på rad {line}: {name} står redan med", "Member on line {line}: {name} is there already"),
    "roster.kept": (
        "{group}: ledamöter sparade från närvaron ({n})",
        "{group}: members kept from the attendance ({n})",
    ),
}
