"""The work tree and the index: status, diffs, staging, and files as they are in a tree."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from store.gitio.git import Git, GitFailed


@dataclass(frozen=True)
class TreeEntry:
    path: str
    type: str  # blob, tree, commit (a submodule)
    oid: str


def ls_tree(git: Git, rev: str, path: str) -> list[TreeEntry]:
    """Every file under ``path`` in ``rev``, recursively. Raises GitFailed where ``rev`` names no tree."""
    out = git.run("ls-tree", "-r", "-z", "--end-of-options", rev, "--", path, strip=False)
    entries: list[TreeEntry] = []
    for record in out.split("\0"):
        meta, tab, name = record.partition("\t")
        parts = meta.split()
        if tab and len(parts) == 3:
            entries.append(TreeEntry(name, parts[1], parts[2]))
    return entries


def is_tracked(git: Git, relpath: str) -> bool:
    """Whether ``relpath`` is in the index."""
    return git.run("ls-files", "--", relpath) != ""


def has_changes(git: Git, relpaths: Sequence[str]) -> bool:
    """Whether any of ``relpaths`` differs from HEAD in the index or the work tree, or is untracked."""
    return bool(git.run("status", "--porcelain=v1", "--untracked-files=all", "--", *relpaths).strip())


def diff_text(git: Git, revs: Sequence[str], relpaths: Sequence[str]) -> str:
    """The plain ``git diff REVS -- PATHS`` (no revs: the work tree against the index).

    ``--no-textconv``: the reviewer sees the file's own lines, not cesam's textconv rendering.
    """
    return git.run("diff", "--no-textconv", "--end-of-options", *revs, "--", *relpaths, strip=False)


def commit_patch(git: Git, commit: str, relpaths: Sequence[str]) -> str:
    """What ``commit`` changed in ``relpaths``, as a patch (``git show --format=``)."""
    return git.run("show", "--no-textconv", "--format=", "--end-of-options", commit, "--", *relpaths, strip=False)


def stage(git: Git, relpaths: Sequence[str]) -> None:
    """``git add`` the files."""
    git.run("add", "--", *relpaths)


def unstage(git: Git, relpaths: Sequence[str]) -> None:
    """Make the index match HEAD for the files (``git reset -q``)."""
    git.run("reset", "-q", "--", *relpaths)


def merge_file(ours: Path, base: Path, theirs: Path, labels: tuple[str, str, str]) -> bool:
    """Git's three-way line merge of three files, written into ``ours``; True where it left conflicts."""
    try:
        # merge-file exits with the number of conflicts (capped at 127); a larger status is an error
        Git(ours.parent).run(
            "merge-file", "-L", labels[0], "-L", labels[1], "-L", labels[2], "--", *map(str, (ours, base, theirs))
        )
    except GitFailed as exc:
        if not 0 < exc.status < 128:
            raise
        return True
    return False


def changed_paths(git: Git, a: str, b: str) -> set[str]:
    """The paths that differ between commits ``a`` and ``b`` (no rename detection)."""
    out = git.run("diff", "--name-only", "--no-renames", "-z", "--end-of-options", a, b, "--", strip=False)
    return {p for p in out.split("\0") if p}


def staged_paths(git: Git) -> list[str]:
    """The paths whose index entry differs from HEAD."""
    out = git.run("diff", "--cached", "--name-only", "-z", strip=False)
    return sorted(p for p in out.split("\0") if p)


def file_text(git: Git, rev: str, relpath: str) -> str:
    """``relpath`` as ``rev`` holds it, as git stores it (no textconv). Raises GitFailed where absent."""
    return git.run("show", "--no-textconv", "--end-of-options", f"{rev}:{relpath}", strip=False)


def tree_paths(git: Git, rev: str, path: str) -> list[str]:
    """Every file name under ``path`` in ``rev``. Raises GitFailed where ``rev`` names no tree."""
    out = git.run("ls-tree", "-r", "-z", "--name-only", "--end-of-options", rev, "--", path, strip=False)
    return [p for p in out.split("\0") if p]


def read_tree(git: Git, rev: str | None) -> None:
    """Load ``rev``'s tree (None: an empty one) into the index (a scratch one, through GIT_INDEX_FILE)."""
    if rev is None:
        git.run("read-tree", "--empty")
    else:
        git.run("read-tree", "--end-of-options", rev)


def attribute(
    git: Git, name: str, relpaths: Sequence[str], *, cached: bool, options: Sequence[str] = ()
) -> dict[str, str]:
    """The value of attribute ``name`` for each path (``cached``: from the index's .gitattributes)."""
    args = ["check-attr", "-z", "--stdin", *(["--cached"] if cached else []), name]
    out = git.run(*options, *args, stdin="\0".join(relpaths) + "\0", strip=False)
    parts = out.split("\0")
    return {parts[i]: parts[i + 2] for i in range(0, len(parts) - 2, 3)}


def index_entry(git: Git, relpath: str) -> str:
    """``relpath``'s index entry as ``git ls-files -s`` writes it ("" where not in the index)."""
    return git.run("ls-files", "-s", "--", relpath)


def write_blob(git: Git, relpath: str, data: bytes) -> str:
    """Store ``data`` as a blob (filters for ``relpath`` applied) and return its id."""
    return git.run("hash-object", "-w", f"--path={relpath}", "--stdin", stdin=data).strip()


def set_index_entry(git: Git, mode: str, oid: str, relpath: str) -> None:
    """Put one entry in the index without touching the work tree."""
    git.run("update-index", "--add", "--cacheinfo", f"{mode},{oid},{relpath}")


def init(git: Git, branch: str) -> None:
    """``git init`` in ``git``'s folder, on ``branch``."""
    git.run("init", "-q", "-b", branch)


def commit(
    git: Git,
    message: str,
    relpaths: Sequence[str] = (),
    *,
    only: bool = False,
    allow_empty: bool = False,
    housekeeping: bool = True,
) -> None:
    """``git commit`` with the message on stdin; with ``only``, of exactly ``relpaths``. Raises GitFailed.

    ``user.useConfigOnly``: git never makes up an author from the host name.
    Without ``housekeeping`` git does not start ``git maintenance run --auto``
    after the commit, for a caller that runs it itself (store.gitio.state.auto_maintenance).
    """
    args = ["-c", "user.useConfigOnly=true"]
    if not housekeeping:
        args += ["-c", "maintenance.auto=false"]
    args += ["commit", "-q", "--file=-"]
    if allow_empty:
        args.append("--allow-empty")
    if only:
        args += ["--only", "--", *relpaths]
    git.run(*args, stdin=message)


#: porcelain status codes of a path with conflict stages
UNMERGED_CODES = frozenset({"DD", "AU", "UD", "UA", "DU", "AA", "UU"})


@dataclass(frozen=True)
class Status:
    """``git status`` of the work tree: the branch, and each path not as HEAD has it."""

    branch: str | None  # None when detached
    entries: tuple[tuple[str, str], ...]  # (two-letter porcelain code, path)

    @property
    def unmerged(self) -> list[str]:
        return [p for code, p in self.entries if code in UNMERGED_CODES]

    @property
    def untracked(self) -> list[str]:
        return [p for code, p in self.entries if code == "??"]

    @property
    def modified(self) -> list[str]:
        return [p for code, p in self.entries if code not in UNMERGED_CODES and code != "??"]


def status(git: Git, relpaths: Sequence[str] = ()) -> Status:
    """``git status --porcelain=v1 -z --branch`` (of ``relpaths`` only, where given), parsed."""
    args = ["status", "--porcelain=v1", "-z", "--untracked-files=all", "--branch"]
    if relpaths:
        args += ["--", *relpaths]
    records = iter(git.run(*args, strip=False).split("\0"))
    branch: str | None = None
    entries: list[tuple[str, str]] = []
    for entry in records:
        if not entry:
            continue
        if entry.startswith("## "):
            head = entry[3:]
            branch = None if head.startswith(("HEAD (no branch)", "No commits yet on HEAD")) else head.split("...")[0]
            if head.startswith("No commits yet on "):
                branch = head.removeprefix("No commits yet on ")
            continue
        code, path = entry[:2], entry[3:]
        if code[0] in "RC":
            next(records, None)  # the rename source follows
        entries.append((code, path))
    return Status(branch, tuple(entries))
