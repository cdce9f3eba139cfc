"""The repository's state as git keeps it on disk, read without a subprocess where git allows.

One place knows where a linked worktree keeps its shared files
(:func:`common_dir`) and which marker files mean an operation is in
progress; which lock files git left, and which of them stop a save, is
store.gitio.repostate's.
"""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path

from store.gitio.git import Git

#: marker file or folder in the git dir → the operation it means
OPERATION_MARKERS: tuple[tuple[str, str], ...] = (
    ("MERGE_HEAD", "merge"),
    ("rebase-merge", "rebase"),
    ("rebase-apply", "rebase"),
    ("CHERRY_PICK_HEAD", "cherry-pick"),
    ("REVERT_HEAD", "revert"),
)


def git_dir(root: Path) -> Path:
    """The git dir of the work tree at ``root`` (``.git``, or where a worktree's ``.git`` file points)."""
    dot_git = root / ".git"
    if dot_git.is_file():  # a worktree or submodule: "gitdir: PATH"
        target = dot_git.read_text().strip().removeprefix("gitdir:").strip()
        return (root / target).resolve()
    return dot_git


def common_dir(git_dir: Path) -> Path:
    """Where refs, objects, packed-refs and config live: the main ``.git`` of a linked worktree."""
    with suppress(OSError):
        return (git_dir / (git_dir / "commondir").read_text().strip()).resolve()
    return git_dir


def operation(git_dir: Path) -> str | None:
    """The git operation in progress (merge, rebase, cherry-pick, revert), or None."""
    for marker, name in OPERATION_MARKERS:
        if (git_dir / marker).exists():
            return name
    return None


def head_ref(git_dir: Path) -> str | None:
    """The branch HEAD names (``refs/heads/main``); None when detached or unreadable."""
    try:
        head = (git_dir / "HEAD").read_text()
    except OSError:
        return None
    return head[5:].strip() if head.startswith("ref: ") else None


def head_id(git_dir: Path) -> str | None:
    """HEAD's commit id read from the files git keeps, without a subprocess."""
    try:
        head = (git_dir / "HEAD").read_text().strip()
        if not head.startswith("ref: "):
            return head
        ref = head[5:]
        loose = git_dir / ref
        if loose.is_file():
            return loose.read_text().strip()
        base = common_dir(git_dir)
        if (base / ref).is_file():
            return (base / ref).read_text().strip()
        for line in (base / "packed-refs").read_text().splitlines():
            if line.endswith(f" {ref}"):
                return line.split(" ", 1)[0]
    except OSError:
        pass
    return None


def unmerged_paths(git: Git) -> list[str]:
    """Paths with conflict stages in the index (a merge, or a `git stash pop`, left them)."""
    out = git.run("ls-files", "--unmerged", "-z", strip=False)
    # "MODE SHA STAGE\tPATH", one line per stage
    return sorted({entry.split("\t", 1)[1] for entry in out.split("\0") if "\t" in entry})


def commit_graph_files(git_dir: Path) -> list[str]:
    """The commit-graph files present (a linked worktree keeps them in the main ``.git``)."""
    info = common_dir(git_dir) / "objects" / "info"
    return [p for p in ("commit-graph", "commit-graphs/commit-graph-chain") if (info / p).exists()]


def write_commit_graph(git: Git, *, split: bool = True) -> None:
    """Write the commit-graph with changed-path filters; ``split`` adds a layer for new commits only."""
    args = ["commit-graph", "write", "--reachable", "--changed-paths"]
    if split:
        args.append("--split")
    git.run(*args)


def auto_maintenance(git: Git) -> None:
    """What ``git commit`` runs after every commit: ``git maintenance run --auto``, unless ``maintenance.auto`` is off.

    It looks whether git's housekeeping is due (mostly ``gc --auto``: too many
    loose objects or packs) and does it if so. Raises GitFailed (a git older
    than 2.29 has no ``maintenance``; it runs ``gc --auto`` after its commits itself).
    """
    from store.gitio import gitconfig  # only a writer that defers git's housekeeping comes here

    if gitconfig.get(git, "maintenance.auto", as_bool=True) == "false":
        return
    git.run("maintenance", "run", "--auto", "--quiet")


def git_paths(git: Git, *names: str) -> list[Path]:
    """Where git keeps ``names`` in the git dir (``git rev-parse --git-path``), relative to ``git.root``."""
    args = [arg for name in names for arg in ("--git-path", name)]
    return [Path(p) for p in git.run("rev-parse", *args).splitlines()]
