"""The one ``git log`` reader: one format, one parser, one record type.

History, justering and sync all read commits through :func:`log` (or
:func:`show` for one commit). Fields are separated by ASCII control
characters git never writes in names, dates or ids; each record starts with
RS so a message body holding blank lines or lines starting with ``:`` is
never read as a raw change line (those come after the record's last FS).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from store.gitio.git import Git, GitFailed
from store.gitio.revs import NULL_OID, is_safe_rev

RS = "\x1e"
FS = "\x1f"
#: hash, parents, author name, author email, author date (strict ISO), subject, whole message
FORMAT = RS + FS.join(["%H", "%P", "%an", "%ae", "%aI", "%s", "%B"]) + FS


@dataclass(frozen=True)
class RawChange:
    """One line of ``--raw``: a file a commit changed, with the blob ids before and after."""

    path: str
    status: str  # A, M, D, T…
    old_blob: str | None  # None where the commit added the file
    new_blob: str | None  # None where it deleted it


@dataclass(frozen=True)
class LogRecord:
    """One commit as ``git log`` describes it."""

    hash: str
    parents: tuple[str, ...]
    author: str
    email: str
    date_iso: str  # the author date as git wrote it (strict ISO 8601, author's offset)
    subject: str
    message: str  # the whole message, subject included, as committed
    changes: tuple[RawChange, ...] = ()

    @property
    def date(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.date_iso)

    @property
    def body(self) -> str:
        """The message after the subject paragraph, stripped."""
        _, _, rest = self.message.strip("\n").partition("\n\n")
        return rest.strip()

    @property
    def short(self) -> str:
        return self.hash[:7]

    def trailer(self, key: str) -> list[str]:
        """The values of trailer ``key`` (case-insensitive) in the message's last paragraph."""
        paragraphs = self.message.strip().split("\n\n")
        if len(paragraphs) < 2:
            return []
        values = []
        for line in paragraphs[-1].splitlines():
            name, colon, value = line.partition(":")
            if colon and name.strip().casefold() == key.casefold():
                values.append(value.strip())
        return values

    def change_of(self, path: str) -> RawChange | None:
        """The raw change of ``path`` in this commit (the last, where a merge lists it more than once)."""
        found = None
        for change in self.changes:
            if change.path == path:
                found = change
        return found


def _raw_change(line: str) -> RawChange | None:
    # ":100644 100644 OLD NEW M\tPATH"
    meta, tab, path = line.partition("\t")
    parts = meta.split()
    if not line.startswith(":") or not tab or len(parts) < 5:
        return None
    old, new = parts[2], parts[3]
    return RawChange(path, parts[4], None if old == NULL_OID else old, None if new == NULL_OID else new)


def parse(out: str) -> list[LogRecord]:
    """The records in the output of ``git log --format=FORMAT`` (with or without ``--raw``)."""
    records: list[LogRecord] = []
    for chunk in out.split(RS)[1:]:
        fields = chunk.split(FS)
        if len(fields) != 8:
            continue
        commit, parents, author, email, date, subject, message, raw = fields
        changes = tuple(c for c in map(_raw_change, raw.splitlines()) if c)
        records.append(LogRecord(commit, tuple(parents.split()), author, email, date, subject, message, changes))
    return records


def _check_rev(rev: str) -> None:
    """A revision given to git as one: never an option, never a range cesam did not mean."""
    if not is_safe_rev(rev):
        raise ValueError(f"not a revision: {rev!r}")


def log(
    git: Git,
    revs: Sequence[str] = ("HEAD",),
    paths: Sequence[str] = (),
    *,
    raw: bool = False,
    first_parent_diffs: bool = False,
    grep: str | None = None,
    reverse: bool = False,
    max_count: int | None = None,
    merges_only: bool = False,
    not_on_remotes: bool = False,
) -> list[LogRecord]:
    """``git log REVS -- PATHS`` as records, newest first (``reverse``: oldest first).

    ``raw`` adds each commit's changed files with their blob ids (never
    following renames); ``first_parent_diffs`` shows a merge's changes
    against its first parent. ``revs`` may exclude with ``^REV``;
    ``not_on_remotes`` leaves out commits any remote-tracking ref has. Raises
    GitFailed (an unknown revision, say): callers word it for the user.
    """
    for rev in revs:
        _check_rev(rev.removeprefix("^"))
    args = ["log", f"--format={FORMAT}", "--no-renames"]
    if raw:
        args += ["--raw", "--no-abbrev"]
    if first_parent_diffs:
        args.append("--diff-merges=first-parent")
    if grep is not None:
        args.append(f"--grep={grep}")
    if reverse:
        args.append("--reverse")
    if merges_only:
        args.append("--merges")
    if max_count:
        args.append(f"--max-count={max_count}")
    if not_on_remotes:
        # "--not" flips the revisions after it, so it follows them; no --end-of-options is needed
        # there, as every revision was checked above not to start with "-"
        return parse(git.run(*args, *revs, "--not", "--remotes", "--", *paths, strip=False))
    return parse(git.run(*args, "--end-of-options", *revs, "--", *paths, strip=False))


def newest_changes(
    git: Git, rev: str, paths: Sequence[str], wanted: Collection[str]
) -> dict[str, tuple[str, tuple[str, ...], RawChange]]:
    """For each path of ``wanted``: the newest commit (with its parents) that changed it, and its raw change.

    What ``log(git, [rev], paths, raw=True)`` would answer, first record per path, without
    holding the whole history: git's output is read line by line, only hashes, parents and
    raw lines are asked for (no messages), and only the wanted paths are kept. At ten
    years' scale the whole log with its messages was about 150 MB at its peak.
    Returns path → (the commit, its parents, the change).
    """
    _check_rev(rev)
    args = ["log", f"--format={RS}%H %P", "--no-renames", "--raw", "--no-abbrev", "--end-of-options", rev, "--", *paths]
    found: dict[str, tuple[str, tuple[str, ...], RawChange]] = {}
    commit: list[str] = []
    process = git.spawn(*args)
    assert process.stdin is not None and process.stdout is not None
    process.stdin.close()
    try:
        for raw in process.stdout:
            line = raw.decode("utf-8", "surrogateescape").rstrip("\n")
            if line.startswith(RS):
                commit = line[1:].split()
            elif line.startswith(":") and commit:
                path = line.partition("\t")[2]
                if path in wanted and path not in found and (change := _raw_change(line)):
                    found[path] = (commit[0], tuple(commit[1:]), change)
    finally:
        process.stdout.close()
        status = process.wait()
    if status:
        raise GitFailed(args, status, "")
    return found


def show(git: Git, rev: str) -> LogRecord:
    """The one commit ``rev`` names (no diff). Raises GitFailed where there is none."""
    _check_rev(rev)
    records = parse(git.run("show", "-s", f"--format={FORMAT}", "--end-of-options", rev, "--", strip=False))
    if not records:
        raise ValueError(f"git show {rev!r} gave no commit")
    return records[0]
