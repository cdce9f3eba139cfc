"""store/ never imports textual or rich: the storage layer stays free of the UI."""

from __future__ import annotations

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
