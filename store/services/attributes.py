"""Which merge attribute git applies to meeting files, and which attributes line sets it.

cesam merges meetings itself (field by field). A ``.gitattributes`` line
that gives them another merge (``merge=union`` glues both versions of a
field together, ``binary``/``-merge`` keeps one side, ``merge=text`` merges
lines, another driver does anything) would make git merge them before cesam
sees them, so sync refuses to run under one and names the line.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from store.gitio import gitconfig, worktree
from store.gitio.git import Git, GitFailed

#: the one acceptable value ("unspecified" is filled in by sync's own attributes file)
OURS = ("cesam", "unspecified")
SAMPLE = "meetings/grupp/2000/2000-01-01.toml"


@dataclass(frozen=True)
class AttributeLine:
    file: str  # as a person finds it: ".gitattributes", "meetings/.gitattributes", ".git/info/attributes"
    line: int
    text: str


@dataclass(frozen=True)
class WrongMerge:
    path: str
    value: str  # git's answer: union, set (text), unset (binary, -merge), another driver's name
    where: AttributeLine | None
    rev: str | None  # None: this clone's work tree; else the commit whose .gitattributes says so


def _regex(pattern: str, folder: str) -> re.Pattern[str]:
    """A gitattributes pattern as a regex over repository-relative paths (gitignore rules, no negation)."""
    anchored = "/" in pattern.rstrip("/")
    pattern = pattern.lstrip("/")
    out, i = "", 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out, i = out + "(?:.*/)?", i + 3
        elif pattern.startswith("/**", i) and i + 3 == len(pattern):
            out, i = out + "/.*", i + 3
        elif pattern[i] == "*":
            out, i = out + "[^/]*", i + 1
        elif pattern[i] == "?":
            out, i = out + "[^/]", i + 1
        else:
            out, i = out + re.escape(pattern[i]), i + 1
    prefix = re.escape(folder + "/") if folder else ""
    return re.compile(prefix + out + "$" if anchored else prefix + "(?:.*/)?" + out + "$")


def _sets_merge(attrs: list[str]) -> bool:
    return any(a in ("binary", "merge", "-merge", "!merge") or a.startswith("merge=") for a in attrs)


def _last_line(sources: list[tuple[str, str, str]], path: str) -> AttributeLine | None:
    """The line with the last word on ``path``'s merge attribute; sources lowest precedence first."""
    found = None
    for shown, folder, text in sources:
        for number, raw in enumerate(text.splitlines(), 1):
            words = raw.split()
            if not words or words[0].startswith("#") or not _sets_merge(words[1:]):
                continue
            if _regex(words[0], folder).match(path):
                found = AttributeLine(shown, number, raw.strip())
    return found


def _sources(git: Git, git_dir: Path, path: str, rev: str | None) -> list[tuple[str, str, str]]:
    """Every attributes file that can speak about ``path``, lowest precedence first."""
    out: list[tuple[str, str, str]] = []
    global_file = gitconfig.get(git, "core.attributesFile")
    if global_file:
        with contextlib.suppress(OSError, UnicodeDecodeError):
            out.append((global_file, "", Path(os.path.expanduser(global_file)).read_text(encoding="utf-8")))
    folders = [""] + [str(p) for p in reversed(PurePosixPath(path).parents) if str(p) != "."]
    for folder in dict.fromkeys(folders):
        name = f"{folder}/.gitattributes" if folder else ".gitattributes"
        try:
            text = worktree.file_text(git, rev, name) if rev else (git.root / name).read_text(encoding="utf-8")
        except (GitFailed, OSError, UnicodeDecodeError):
            continue
        out.append((name, folder, text))
    with contextlib.suppress(OSError, UnicodeDecodeError):
        out.append((".git/info/attributes", "", (git_dir / "info" / "attributes").read_text(encoding="utf-8")))
    return out


def meeting_paths(git: Git, rev: str) -> list[str]:
    try:
        listed = worktree.tree_paths(git, rev, "meetings")
    except GitFailed:
        listed = []
    return [p for p in listed if p.endswith(".toml")] or [SAMPLE]


def wrong_merges(git: Git, git_dir: Path, rev: str | None, config: list[str]) -> list[WrongMerge]:
    """Meeting files whose effective merge attribute is not cesam's, in the work tree or in ``rev``'s tree.

    ``config`` is the ``-c`` options sync merges with (its own attributes file).
    """
    paths = meeting_paths(git, rev or "HEAD")
    conf = Git(git.root, env=git.env)
    if rev is None:
        values = _run_check(conf, config, paths, cached=False)
    else:
        with tempfile.TemporaryDirectory(prefix="cesam-attr-") as folder:
            index = str(Path(folder) / "index")
            scratch = Git(git.root, env={**git.env, "GIT_INDEX_FILE": index})
            worktree.read_tree(scratch, rev)
            values = _run_check(scratch, config, paths, cached=True)
    wrong = [(p, v) for p, v in values.items() if v not in OURS]
    seen: dict[str, WrongMerge] = {}
    for path, value in wrong:
        where = _last_line(_sources(git, git_dir, path, rev), path)
        key = f"{where}{value}"
        if key not in seen:
            seen[key] = WrongMerge(path, value, where, rev)
    return list(seen.values())


def _run_check(git: Git, config: list[str], paths: list[str], *, cached: bool) -> dict[str, str]:
    return worktree.attribute(git, "merge", paths, cached=cached, options=config)
