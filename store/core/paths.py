"""Paths named by the data: what a repository-relative file name may be."""

from __future__ import annotations

import re

#: a group's id names its folder, meetings/<id>/, and appears on the command line
GROUP_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}\Z")  # \Z: "$" also matches before a final newline


def repo_path_problem(relpath: str) -> str | None:
    """Why ``relpath`` is not a plain repository-relative path, or None.

    Data names files (bilagor); such a name must stay inside the repository
    and must never read as an option to git or any other program.
    """
    if not relpath:
        return "is empty"
    if "\x00" in relpath or any(ord(c) < 32 for c in relpath):
        return "holds control characters"
    norm = relpath.replace("\\", "/")
    if norm.startswith("/") or re.match(r"^[A-Za-z]:", norm):
        return "is an absolute path; name a file inside the repository"
    if norm.startswith("-"):
        return "starts with '-'; name it as ./" + relpath
    if ".." in norm.split("/"):
        return "leaves its folder with '..'; name a file inside the repository"
    return None
