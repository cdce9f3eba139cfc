"""One file of a merge, as sync and resolve handle it: its three versions from git, merged, written back.

The versions come from git's index (an unmerged file: stages 1-3) or from
commits; in a rebase git's stages are swapped so that "mine" is always the
user's. A merged meeting that does not validate is a conflict here too.
"""

from __future__ import annotations

from collections.abc import Mapping

from store.core import codec
from store.core.merge import Choice, Conflict, Take
from store.gitio import blobs as gitblobs
from store.gitio import merging, revs, worktree
from store.services.mergedriver import FileMerge, merge_file, repo_settings
from store.services.repository import MeetingRef, Repository, atomic_write
from store.services.sync_checks import validation_conflict


def blob(repo: Repository, spec: str) -> str | None:
    data = gitblobs.reader(repo.git).read_one(spec)
    if data is None:
        return None
    try:
        return codec.decode_bytes(data)
    except codec.DecodeError:
        return data.decode("utf-8", "surrogateescape")  # merge_file tells it from text


Texts = tuple[str | None, str | None, str | None]


def merge_one(repo: Repository, relpath: str, texts: Texts, choices: Mapping[str, Choice], lang: str) -> FileMerge:
    _, style = repo_settings(repo.root, texts[1] or texts[2])
    local = {cid.split("#", 1)[1]: c for cid, c in choices.items() if cid.startswith(f"{relpath}#")}
    base, ours, theirs = texts
    return merge_file(
        relpath,
        base,
        ours,
        theirs,
        choices=local,
        lang=lang,
        style=style,
        is_meeting=MeetingRef.from_relpath(relpath) is not None,
    )


def rebasing(repo: Repository) -> bool:
    return (repo.git_dir / "rebase-merge").exists() or (repo.git_dir / "rebase-apply").exists()


def stage_texts(repo: Repository, relpath: str) -> Texts:
    """Base, mine and theirs of an unmerged file, from git's index.

    In a rebase git's "ours" (stage 2) is the branch being rebased onto and
    "theirs" (stage 3) the user's own commit being replayed; they are swapped
    here so that "mine" always means the user's.
    """
    stages = merging.unmerged_stages(repo.git, relpath)
    base, ours, theirs = (blob(repo, stages[s]) if s in stages else None for s in (1, 2, 3))
    return (base, theirs, ours) if rebasing(repo) else (base, ours, theirs)


def commit_texts(repo: Repository, relpath: str, base: str | None, ours: str, theirs: str) -> Texts:
    b, o, t = (blob(repo, f"{rev}:{relpath}") if rev else None for rev in (base, ours, theirs))
    return b, o, t


def changed(repo: Repository, a: str, b: str) -> set[str]:
    return worktree.changed_paths(repo.git, a, b)


def conflicts_between(repo: Repository, ours: str, theirs: str, lang: str) -> tuple[list[str], list[Conflict]]:
    """What a merge of ``theirs`` into ``ours`` would leave to settle, computed without touching files."""
    base = revs.merge_base(repo.git, ours, theirs)
    if base:
        files = sorted(changed(repo, base, ours) & changed(repo, base, theirs))
    else:
        files = sorted(changed(repo, ours, theirs))
    conflicts: list[Conflict] = []
    for relpath in files:
        merged = merge_one(repo, relpath, commit_texts(repo, relpath, base, ours, theirs), {}, lang)
        invalid = validation_conflict(repo, merged, lang)
        conflicts += merged.conflicts if invalid is None else [invalid]
    return files, conflicts


def remove(repo: Repository, relpath: str) -> None:
    """The merge's result is that the file is gone: from the index and the folder."""
    merging.remove_from_index(repo.git, relpath)
    repo.safe_path(relpath).unlink(missing_ok=True)


def take_side(repo: Repository, relpath: str, take: Take, texts: Texts) -> None:
    """A whole file as one side has it, byte for byte from git (an attachment may not be text)."""
    if texts[1 if take == Take.MINE else 2] is None:
        remove(repo, relpath)
        return
    stage_two = (take == Take.MINE) != rebasing(repo)  # see _stage_texts
    merging.take_stage(repo.git, relpath, ours=stage_two)


def write_merged(repo: Repository, merged: FileMerge) -> None:
    if merged.text is None:
        remove(repo, merged.relpath)
        return
    path = repo.safe_path(merged.relpath)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, merged.text)
    worktree.stage(repo.git, [merged.relpath])
