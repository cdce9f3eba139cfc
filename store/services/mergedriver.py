"""The git merge driver for meeting files, and file-level merges built on it.

Git calls ``cesam merge-driver %O %A %B %P`` for every file that
``.gitattributes`` marks ``merge=cesam`` and that both sides changed. The
driver merges the parsed meetings field by field (:mod:`store.core.merge`) and
writes the result to %A. On a conflict it exits 1 and leaves in %A the
merge of everything else with git's usual markers around the fields that
disagree only, so a reviewer with plain git sees exactly what to settle.

If a side is not a readable meeting the driver falls back to git's own
line merge, so a broken file never makes a merge worse than git would.

The driver is found through the repository's git config, which git never
copies with a clone: :mod:`store.services.gitsetup` registers it with this
installation's interpreter by absolute path, and its command line falls
back to ``git merge-file`` (markers, a conflict) when that cannot run.

In a rebase git's %A is the branch being rebased onto and %B the user's own
commit; the markers are labelled from the user's side ("mine" is their
commit), as ``cesam resolve`` names them.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from store.core import codec
from store.core.catalogue import t
from store.core.config import CONFIG_FILE, SubitemStyle, loads_config
from store.core.errors import GitError
from store.core.merge import Choice, Conflict, ConflictKind, MergeResult, Take, merge_meetings
from store.core.mergewall import JUSTERING_KEY, justerad_side, reopened, wall_conflict
from store.core.model import Meeting
from store.services.gitsetup import DRIVER_NAME, ensure_merge_driver

__all__ = [
    "DRIVER_NAME",
    "FILE_KEY",
    "FileMerge",
    "ensure_merge_driver",
    "merge_file",
    "merge_text",
    "repo_settings",
    "run_driver",
]
from store.core.text import visible

#: The key of a conflict about a whole file (not a field of a meeting).
FILE_KEY = "file"
#: marker labels: "mine" is the user's own side; in a rebase git's %A is the branch rebased onto
MERGE_LABELS = ("mine", "base", "theirs")
REBASE_LABELS = ("theirs", "base", "mine")


def merge_text(
    base: str, ours: str, theirs: str, labels: tuple[str, str, str] = ("mine", "base", "theirs")
) -> tuple[str, bool]:
    """Git's line merge of three texts: (result with markers, conflicted?)."""
    # imported here: git runs the driver once per file, and most merges never get this far
    from store.gitio.worktree import merge_file as git_merge_file

    with tempfile.TemporaryDirectory(prefix="cesam-merge-") as folder:
        paths = [Path(folder) / name for name in ("ours", "base", "theirs")]
        for path, text in zip(paths, (ours, base, theirs), strict=True):
            path.write_text(text, encoding="utf-8")
        conflicted = git_merge_file(paths[0], paths[1], paths[2], labels)
        return paths[0].read_text(encoding="utf-8"), conflicted


@dataclass
class FileMerge:
    """The merge of one file: its text (None: deleted) and what is left to settle."""

    relpath: str
    text: str | None
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.conflicts


def _meeting(text: str | None) -> Meeting | None:
    if not text:
        return None
    return codec.loads(text)[0]


def merge_file(
    relpath: str,
    base: str | None,
    ours: str | None,
    theirs: str | None,
    *,
    choices: dict[str, Choice] | None = None,
    lang: str = "sv",
    style: SubitemStyle = SubitemStyle.LETTER,
    is_meeting: bool = True,
    labels: tuple[str, str, str] = MERGE_LABELS,
) -> FileMerge:
    """Merge three versions of a file (None: absent on that side).

    Meeting files merge field by field; anything else, or a meeting that
    does not parse, merges as a whole file: mine or theirs. ``choices`` are
    keyed by :attr:`Conflict.key`.
    """
    choices = choices or {}
    if ours == theirs:
        return FileMerge(relpath, ours)
    if base == ours:
        return FileMerge(relpath, theirs)
    if base == theirs:
        return FileMerge(relpath, ours)
    if any(_is_binary(t) for t in (base, ours, theirs)):
        # not text: nothing to merge by lines or fields, the choice is the whole file
        return FileMerge(relpath, ours, [_file_conflict(relpath, base, ours, theirs, lang, binary=True)])
    choice = choices.get(FILE_KEY)
    if choice is not None and choice.take in (Take.MINE, Take.THEIRS):
        return FileMerge(relpath, ours if choice.take == Take.MINE else theirs)
    b: Meeting | None = None
    o: Meeting | None = None
    t: Meeting | None = None
    if is_meeting and ours is not None and theirs is not None:
        try:
            b, o, t = _meeting(base), _meeting(ours), _meeting(theirs)
        except codec.DecodeError:
            b = o = t = None
    if ours is not None and theirs is not None and o is not None and t is not None:
        result = merge_meetings(b, o, t, choices=choices, lang=lang, style=style)
        for conflict in result.conflicts:
            conflict.file = relpath
        wall = justerad_side(b, o, t, result.meeting)
        if wall is not None:
            return _behind_the_wall(relpath, wall, (ours, theirs), (o, t), result, choices, lang, labels)
        if result.clean:
            return FileMerge(relpath, codec.dumps(result.meeting))
        # the three drafts differ only where the sides disagree, so git's
        # line merge of them puts markers around exactly those fields
        base_draft, mine_draft, theirs_draft = (
            codec.dumps(merge_meetings(b, o, t, choices=choices, default=take, style=style).meeting)
            for take in (Take.BASE, Take.MINE, Take.THEIRS)
        )
        text, _ = merge_text(base_draft, mine_draft, theirs_draft, labels=labels)
        return FileMerge(relpath, text, result.conflicts)
    merged: str | None
    if ours is not None and theirs is not None:
        try:
            merged, conflicted = merge_text(base or "", ours, theirs, labels)
        except GitError:  # git refuses binary files: the whole file is the choice
            merged, conflicted = ours, True
        if not conflicted:
            return FileMerge(relpath, merged)
    else:
        merged = ours if ours is not None else theirs
    return FileMerge(relpath, merged, [_file_conflict(relpath, base, ours, theirs, lang)])


def _behind_the_wall(
    relpath: str,
    wall: Take,
    texts: tuple[str, str],
    sides: tuple[Meeting, Meeting],
    result: MergeResult,
    choices: dict[str, Choice],
    lang: str,
    labels: tuple[str, str, str],
) -> FileMerge:
    """A justerad meeting the other side changed: keep it whole, or reopen it with the change merged in."""
    choice = choices.get(JUSTERING_KEY)
    if choice is not None and choice.take == wall:
        return FileMerge(relpath, texts[0] if wall == Take.MINE else texts[1])
    changed = codec.dumps(reopened(result.meeting))
    if choice is not None and choice.take in (Take.MINE, Take.THEIRS):
        return FileMerge(relpath, changed, result.conflicts)
    kept = texts[0] if wall == Take.MINE else texts[1]
    mine, theirs = (kept, changed) if wall == Take.MINE else (changed, kept)
    # no common text: the two choices side by side, in markers, for whoever opens the file
    text, _ = merge_text("", mine, theirs, labels)
    return FileMerge(relpath, text, [wall_conflict(relpath, wall, *sides, lang), *result.conflicts])


def _is_binary(text: str | None) -> bool:
    """Bytes that are not UTF-8 text (read with surrogateescape), or hold NUL."""
    if text is None:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return "\x00" in text


def _file_conflict(
    relpath: str, base: str | None, ours: str | None, theirs: str | None, lang: str, *, binary: bool = False
) -> Conflict:
    words = _file_words(relpath, base, ours, theirs, lang, binary)
    if binary:  # the values are for reading; a binary file has nothing to show
        base, ours, theirs = (
            None if t is None else f"({len(t.encode('utf-8', 'surrogateescape'))} bytes)" for t in (base, ours, theirs)
        )
    return Conflict(words, base, ours, theirs, FILE_KEY, ConflictKind.FILE, relpath)


def _file_words(relpath: str, base: str | None, ours: str | None, theirs: str | None, lang: str, binary: bool) -> str:
    if binary and ours is not None and theirs is not None:
        return f"{relpath}: " + (t("mergedriver.changed_on_both_sides", lang))
    if ours is None:
        return f"{relpath}: " + (t("mergedriver.removed_here_changed_on", lang))
    if theirs is None:
        return f"{relpath}: " + (t("mergedriver.changed_here_removed_on", lang))
    if base is None:
        return f"{relpath}: " + (t("mergedriver.created_on_both_sides", lang))
    return f"{relpath}: " + (t("mergedriver.changed_on_both_sides_2", lang))


def repo_settings(root: Path, meeting_text: str | None) -> tuple[str, SubitemStyle]:
    """Language and sub-item style from cesam.toml, with defaults when it cannot be read."""
    try:
        config, _ = loads_config((root / CONFIG_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, codec.DecodeError):
        return "sv", SubitemStyle.LETTER
    style = SubitemStyle.LETTER
    try:
        meeting = _meeting(meeting_text)
        if meeting is not None:
            style = config.group(meeting.group).subitem_style
    except (codec.DecodeError, KeyError):
        pass
    return config.settings.language, style


def _in_rebase(root: Path) -> bool:
    """Whether git runs the driver inside a rebase (its %A is then the other side)."""
    from store.gitio.git import Git
    from store.gitio.state import git_paths

    try:
        paths = git_paths(Git(root), "rebase-merge", "rebase-apply")
    except GitError:  # GitFailed too
        return False
    return any((root / p).is_dir() for p in paths)


def _read(path: str) -> str:
    return codec.decode_bytes(Path(path).read_bytes())


def run_driver(base_path: str, ours_path: str, theirs_path: str, relpath: str, *, root: Path | None = None) -> int:
    """What ``cesam merge-driver %O %A %B %P`` does; returns the exit status for git."""
    root = root or Path.cwd()
    try:
        base, ours, theirs = _read(base_path), _read(ours_path), _read(theirs_path)
    except (OSError, codec.DecodeError) as exc:
        _say(f"cesam merge-driver: {relpath}: {exc}")
        return 1  # git keeps our version and reports the file as conflicted
    lang, style = repo_settings(root, ours)
    rebasing = _in_rebase(root)
    # an empty %O means both sides added the file
    labels = REBASE_LABELS if rebasing else MERGE_LABELS
    merged = merge_file(relpath, base or None, ours, theirs, lang=lang, style=style, labels=labels)
    if merged.text is not None:
        Path(ours_path).write_text(merged.text, encoding="utf-8")
    if merged.clean:
        return 0
    lines = [f"cesam: {relpath}: " + (t("mergedriver.fields_changed_differently_on", lang, n=len(merged.conflicts)))]
    lines += [f"  - {c.path}" for c in merged.conflicts]
    if rebasing:
        lines.append(t("mergedriver.git_rebase_mine_in", lang))
    lines.append(t("mergedriver.settle_them_with_cesam", lang))
    _say("\n".join(lines))
    return 1


def _say(text: str) -> None:
    """The driver's words on git's stderr, which `git pull` shows on the terminal as they are:
    titles and paths come from the data, so control characters go through the output gate."""
    print(visible(text), file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """``python -m store.services.mergedriver %O %A %B %P``: the driver without the cesam command."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 4:
        _say("usage: python -m store.services.mergedriver BASE OURS THEIRS PATH")
        return 2
    try:
        return run_driver(*args)
    except Exception as exc:  # never a traceback inside git's output; git keeps the file conflicted
        _say(f"cesam merge-driver: {args[3]}: {type(exc).__name__}: {exc}")
        return 1


if __name__ == "__main__":
    sys.exit(main())
