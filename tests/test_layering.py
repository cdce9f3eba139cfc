"""store/ never imports textual or rich: the storage layer stays free of the UI."""

from __future__ import annotations

import ast
import subprocess
import sys

from conftest import ROOT


def test_store_imports_no_ui() -> None:
    code = (
        "import sys, pkgutil, importlib, store\n"
        "for m in pkgutil.walk_packages(store.__path__, 'store.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_gitpython_is_fenced() -> None:
    offenders = []
    for path in ROOT.rglob("*.py"):
        if path.name == "git.py" and path.parent.name == "gitio":
            continue
        if ".venv" in path.parts or "tests" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if "\nimport git\n" in text or "\nfrom git " in text or "\nfrom git." in text:
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


# ---------------------------------------------------------------- git's command line only in store/gitio

_GIT_METHODS = {"run", "run_bytes", "run_with_stderr", "ok", "spawn", "_run"}


def _git_receivers(tree: ast.AST) -> set[str]:
    """Names in a module that hold a Git object: annotated ``Git``, or assigned ``Git(...)``."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.arg) and node.annotation is not None and "Git" in ast.unparse(node.annotation).split():
            names.add(node.arg)
        if isinstance(node, ast.Assign | ast.AnnAssign) and isinstance(node.value, ast.Call):
            callee = ast.unparse(node.value.func)
            if callee == "Git" or callee.endswith("_git"):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return names


def git_argv_calls(source: str) -> list[str]:
    """``git.run(...)``-style calls: a Git method that takes argv, called on something that is a Git."""
    tree = ast.parse(source)
    held = _git_receivers(tree)
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr not in _GIT_METHODS:
            continue
        receiver = node.func.value
        text = ast.unparse(receiver)
        is_git = (
            (isinstance(receiver, ast.Attribute) and receiver.attr == "git")
            or (isinstance(receiver, ast.Name) and receiver.id in held | {"git"})
            or (isinstance(receiver, ast.Call) and ast.unparse(receiver.func) in {"Git", "network_git"})
        )
        if is_git:
            found.append(f"{node.lineno}: {text}.{node.func.attr}(…)")
    return found


def test_the_argv_scanner_finds_what_it_must() -> None:
    sample = (
        "def f(repo, git: Git, other):\n"
        "    repo.git.run('log')\n"
        "    self.repo.git.ok('x')\n"
        "    git.run_bytes('cat-file')\n"
        "    scratch = Git(root)\n"
        "    scratch.run('read-tree')\n"
        "    Git(folder).run('merge-file')\n"
        "    network_git(repo).run('fetch')\n"
        "    other.run('not git')\n"
        "    subprocess.run(['ls'])\n"
    )
    assert [line.split(":")[0] for line in git_argv_calls(sample)] == ["2", "3", "4", "6", "7", "8"]


def test_only_the_git_layer_builds_git_command_lines() -> None:
    offenders = []
    for top in ("store", "cesam_cli", "cesam_tui", "cesam_docs", "cesam_import"):
        for path in sorted((ROOT / top).rglob("*.py")):
            if path.parent == ROOT / "store" / "gitio":
                continue
            rel = path.relative_to(ROOT).as_posix()
            offenders += [f"{rel}:{call}" for call in git_argv_calls(path.read_text(encoding="utf-8"))]
    assert offenders == []
