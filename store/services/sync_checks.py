"""Checks sync makes before it writes or pushes: attributes, merges that dropped a change, validity.

- The merge attribute of meeting files must be cesam's (:mod:`store.services.attributes`).
- A merge, made by sync or found in the history (a colleague's plain
  ``git merge`` that was pushed, or one made in this clone), must hold every
  change both of its sides made, unless it settled a conflict; a dropped
  change is reported, never passed on in silence.
- A merged meeting must validate; one that does not is a conflict.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from enum import StrEnum

from store.core import codec
from store.core.errors import InvalidFileError, RepoStateError
from store.core.merge import Conflict, ConflictKind
from store.core.mergewall import dropped_changes
from store.core.messages import explain
from store.core.model import Meeting
from store.gitio import log as gitlog
from store.gitio import revs, worktree
from store.services.attributes import WrongMerge, wrong_merges
from store.services.mergedriver import FILE_KEY, FileMerge, merge_file, repo_settings
from store.services.repository import MeetingRef, Repository, atomic_write

DROPPED_FILE = "cesam/dropped-changes.json"  # under the git dir

_TEXT: dict[str, tuple[str, str]] = {
    "attr.head": (
        "Möten sammanfogas inte av cesam här: git-attributet merge för {path} är {value}",
        "Meetings would not be merged by cesam here: git's merge attribute for {path} is {value}",
    ),
    "attr.line": (" (från {file} rad {line}: `{text}`{rev})", " (from {file} line {line}: `{text}`{rev})"),
    "attr.rev": (" i {rev}", " in {rev}"),
    "attr.why": (
        "Med den sammanfogar git själv mötesfilerna (union klistrar ihop båda versionerna av ett fält, binary "
        "behåller en sida) och ändringar kan gå förlorade utan att någon ser det. Ingenting har skrivits eller "
        "skickats.",
        "With it git merges meeting files itself (union glues both versions of a field together, binary keeps "
        "one side) and changes can be lost without anyone seeing it. Nothing was written or pushed.",
    ),
    "attr.hint": (
        "Ta bort raden eller ändra den till `meetings/**/*.toml merge=cesam`, committa det och kör `cesam sync` "
        "igen. Kommer raden från fjärrarkivet: be den som lade till den att ta bort den, eller gör det själv i en "
        "commit här.",
        "Remove the line or change it to `meetings/**/*.toml merge=cesam`, commit that and run `cesam sync` "
        "again. If the line came from the remote: ask whoever added it to remove it, or do so in a commit here.",
    ),
    "invalid.path": (
        "{file}: sammanfogningen blir ett ogiltigt möte: {problems}",
        "{file}: the merge is not a valid meeting: {problems}",
    ),
    "invalid.side": ("hela filen som {who} har den", "the whole file as {who} has it"),
    "invalid.mine": ("du", "you"),
    "invalid.theirs": ("de", "they"),
    "unreadable": (
        "sammanfogningen är inte ett läsbart möte (git sammanfogade raderna, t.ex. med merge=union)",
        "the merge is not a readable meeting (git merged the lines, e.g. with merge=union)",
    ),
}


def _t(key: str, lang: str, **values: object) -> str:
    sv, en = _TEXT[key]
    return (en if lang == "en" else sv).format(**values)


# ---------------------------------------------------------------- attributes


def _describe(wrong: WrongMerge, lang: str) -> str:
    text = _t("attr.head", lang, path=wrong.path, value=wrong.value)
    if wrong.where is not None:
        rev = _t("attr.rev", lang, rev=wrong.rev[:8]) if wrong.rev else ""
        text += _t("attr.line", lang, file=wrong.where.file, line=wrong.where.line, text=wrong.where.text, rev=rev)
    return text + "."


def check_attributes(repo: Repository, config: list[str], revs: list[str], lang: str, *, here: bool = True) -> None:
    """Raise unless meeting files merge with cesam's driver here (``here``) and in each of ``revs``' trees.

    A rev's tree is only read when it changes an attributes file against HEAD: otherwise it says
    what HEAD says, and a sync of a large repository should not pay for reading it again.
    """
    found = wrong_merges(repo.git, repo.git_dir, None, config) if here else []
    for rev in revs:
        if not found and _changes_attributes(repo, rev):
            found = wrong_merges(repo.git, repo.git_dir, rev, config)
    if found:
        lines = [_describe(w, lang) for w in found[:5]]
        raise RepoStateError("\n".join([*lines, _t("attr.why", lang)]), hint=_t("attr.hint", lang))


def _changes_attributes(repo: Repository, rev: str) -> bool:
    names = worktree.changed_paths(repo.git, "HEAD", rev)
    return any(name.rsplit("/", 1)[-1] == ".gitattributes" for name in names)


# ---------------------------------------------------------------- validity


def validation_conflict(repo: Repository, merged: FileMerge, lang: str) -> Conflict | None:
    """A clean merge of a meeting that does not validate: a whole-file choice, never committed as it is."""
    if merged.text is None or not merged.clean or MeetingRef.from_relpath(merged.relpath) is None:
        return None
    try:
        repo.parse(merged.relpath, merged.text)
    except InvalidFileError as exc:
        problems = "; ".join(p.message for p in exc.problems[:3]) or str(exc)
        return Conflict(
            _t("invalid.path", lang, file=merged.relpath, problems=problems),
            None,
            _t("invalid.side", lang, who=_t("invalid.mine", lang)),
            _t("invalid.side", lang, who=_t("invalid.theirs", lang)),
            FILE_KEY,
            ConflictKind.FILE,
            merged.relpath,
        )
    return None


# ---------------------------------------------------------------- dropped changes


@dataclass
class DroppedChange:
    """A change one parent of ``merge`` made to ``file`` that the merge does not hold."""

    merge: str
    side: str  # the parent commit that made the change
    file: str
    changes: list[str]  # in words
    restore: str = ""  # the merge's file with the change put back (cesam's own merge), for --restore-dropped


Reader = Callable[[str, str], "str | None"]


def _parse(text: str | None) -> Meeting | None:
    if not text:
        return None
    try:
        return codec.loads(text)[0]
    except codec.DecodeError:
        return None


def dropped_in_file(
    repo: Repository,
    relpath: str,
    texts: tuple[str | None, str | None, str | None],
    merged_text: str | None,
    names: tuple[str, str, str],
    lang: str,
) -> list[DroppedChange]:
    """Changes of either side (``texts``: base, one, other) that ``merged_text`` silently lacks."""
    if MeetingRef.from_relpath(relpath) is None or merged_text is None:
        return []
    base, ours, theirs, merged = (_parse(t) for t in (*texts, merged_text))
    if ours is None or theirs is None:
        return []  # a side removed the file or does not parse: not a field merge to check
    if merged is None:
        return _unreadable(relpath, texts, names, lang)
    _, style = repo_settings(repo.root, merged_text)
    changes, restored = dropped_changes(base, ours, theirs, merged, style)
    if not changes:
        return []
    words = [explain(c, lang).text for c in changes]
    return [DroppedChange(names[0], f"{names[1][:8]}+{names[2][:8]}", relpath, words, codec.dumps(restored))]


def _unreadable(
    relpath: str, texts: tuple[str | None, str | None, str | None], names: tuple[str, str, str], lang: str
) -> list[DroppedChange]:
    """Two readable sides merged into a file that is not a meeting (``merge=union`` glues two values of a
    key into a duplicate key): reported like a dropped change; the fix is cesam's own merge, when clean."""
    merged = merge_file(relpath, *texts, lang=lang)
    restore = merged.text if merged.clean and merged.text is not None else ""
    return [DroppedChange(names[0], f"{names[1][:8]}+{names[2][:8]}", relpath, [_t("unreadable", lang)], restore)]


class MergeKind(StrEnum):
    """What a merge commit's ``Cesam-Merge`` trailer says made it."""

    FIELDS = "fields"  # sync's field-by-field merge, checked before it was committed
    RESOLVED = "resolved"  # `cesam resolve`: a person chose for every conflict


#: the trailer on merge commits cesam made; the dropped-change check trusts them
MERGE_TRAILER = "Cesam-Merge"


def _merges(repo: Repository, head: str, remote: str | None) -> list[list[str]]:
    """Merge commits in ``head...remote`` (no remote: not on any remote) that cesam did not make:
    [commit, parent, parent, ...]."""
    if remote:
        records = gitlog.log(repo.git, [f"{head}...{remote}"], merges_only=True)
    else:
        records = gitlog.log(repo.git, [head], merges_only=True, not_on_remotes=True)
    return [[r.hash, *r.parents] for r in records if not any(v.strip() for v in r.trailer(MERGE_TRAILER))]


def dropped_in_history(
    repo: Repository, head: str, remote: str | None, changed: Callable[[str, str], set[str]], blob: Reader, lang: str
) -> list[DroppedChange]:
    """Merges that sync is about to take in or pass on (in ``head...remote``) which dropped a change."""
    found: list[DroppedChange] = []
    for commit, *parents in _merges(repo, head, remote):
        base = revs.merge_base(repo.git, *parents) if len(parents) == 2 else None
        if base is None:
            continue
        both = changed(base, parents[0]) & changed(base, parents[1])
        for relpath in sorted(p for p in both if MeetingRef.from_relpath(p)):
            texts = (blob(base, relpath), blob(parents[0], relpath), blob(parents[1], relpath))
            names = (commit, parents[0], parents[1])
            found += dropped_in_file(repo, relpath, texts, blob(commit, relpath), names, lang)
    return found


def write_dropped(repo: Repository, found: list[DroppedChange]) -> None:
    path = repo.git_dir / DROPPED_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, json.dumps([asdict(d) for d in found], ensure_ascii=False, indent=2) + "\n")


def read_dropped(repo: Repository) -> list[DroppedChange]:
    try:
        data = json.loads((repo.git_dir / DROPPED_FILE).read_text(encoding="utf-8"))
        return [DroppedChange(**d) for d in data]
    except (OSError, ValueError, TypeError):
        return []


def clear_dropped(repo: Repository) -> None:
    (repo.git_dir / DROPPED_FILE).unlink(missing_ok=True)
