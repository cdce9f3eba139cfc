"""How the TUI is wired: its language is the app's, it touches no private part of Textual, and
screens learn of changes by Textual messages rather than by duck typing."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

from textual.widgets import DataTable
from tui_helpers import make_app, run_async, settle

from cesam_tui.app import CesamApp
from cesam_tui.screens.help import HelpScreen
from cesam_tui.screens.navigator import MeetingTree
from store.services.demo import create_demo

TUI = Path(__file__).resolve().parent.parent / "cesam_tui"


def _sources() -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text(encoding="utf-8"))) for path in sorted(TUI.rglob("*.py"))]


def _rel(path: Path) -> str:
    return str(path.relative_to(TUI.parent))


# ------------------------------------------------------------ one language per app


def _descriptions(app: CesamApp) -> dict[str, str]:
    """The bindings the footer and the palette show, by id."""
    return {b.binding.id or b.binding.action: b.binding.description for b in app.screen.active_bindings.values()}


def _tree_labels(app: CesamApp) -> str:
    tree = app.screen.query_one(MeetingTree)
    labels: list[str] = []
    stack = list(tree.root.children)
    while stack:
        node = stack.pop()
        labels.append(str(node.label))
        stack.extend(node.children)
    return "\n".join(labels)


def _help_headers(app: CesamApp) -> list[str]:
    assert isinstance(app.screen, HelpScreen)
    table: DataTable[Any] = app.screen.query_one(DataTable)
    return [str(column.label) for column in table.columns.values()]


@run_async
async def test_a_swedish_and_an_english_app_run_side_by_side_in_one_process(tmp_path: Path) -> None:
    sv = make_app(create_demo(tmp_path / "sv"), lang="sv")
    en = make_app(create_demo(tmp_path / "en"), lang="en")
    async with sv.run_test(size=(100, 30)) as sv_pilot, en.run_test(size=(100, 30)) as en_pilot:
        await settle(sv_pilot)
        await settle(en_pilot)
        # each app's bindings (the footer's words) and drawn words in its own language, at the same time
        assert _descriptions(sv)["app.help"] == "Hjälp"
        assert _descriptions(en)["app.help"] == "Help"
        assert _descriptions(sv)["app.sync"] != _descriptions(en)["app.sync"]
        assert " punkter" in _tree_labels(sv) and " items" not in _tree_labels(sv)
        assert " items" in _tree_labels(en) and " punkter" not in _tree_labels(en)
        # screens opened later, one app after the other, keep their own app's language
        await sv_pilot.press("f1")
        await en_pilot.press("f1")
        await settle(sv_pilot)
        await settle(en_pilot)
        assert _help_headers(sv)[:2] == ["Tangent", "Gör"]
        assert _help_headers(en)[:2] == ["Key", "Does"]
        assert _descriptions(sv)["help.close"] == "Tillbaka"
        assert _descriptions(en)["help.close"] == "Back"
        # one class per language, under the screen's own name (queries, CSS and isinstance see no difference)
        assert type(sv.screen) is not type(en.screen)
        assert type(sv.screen).__name__ == type(en.screen).__name__ == "HelpScreen"


# ------------------------------------------------------------ no private Textual


def _textual_private_uses(tree: ast.Module, own: set[str]) -> list[tuple[int, str]]:
    """Imports of Textual's private modules or names, and ``._name`` attributes cesam does not define."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "textual":
            parts = node.module.split(".")
            if any(p.startswith("_") for p in parts):
                found.append((node.lineno, f"from {node.module}"))
            found += [(node.lineno, f"import {a.name}") for a in node.names if a.name.startswith("_")]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("textual") and any(p.startswith("_") for p in alias.name.split(".")):
                    found.append((node.lineno, f"import {alias.name}"))
        elif isinstance(node, ast.Attribute):
            name = node.attr
            if name.startswith("_") and not name.startswith("__") and name not in own:
                found.append((node.lineno, f".{name}"))
    return found


def _own_private_names(sources: list[tuple[Path, ast.Module]]) -> set[str]:
    """``_names`` cesam's TUI defines itself: its attributes, methods and module names."""
    own: set[str] = set()
    for _path, tree in sources:
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                own.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                own.add(node.attr)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Attribute):
                own.add(node.target.attr)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                own.add(node.id)
    return own


def test_no_tui_module_touches_a_private_name_of_textual() -> None:
    sources = _sources()
    own = _own_private_names(sources)
    found = [
        f"{_rel(path)}:{line}: {what}" for path, tree in sources for line, what in _textual_private_uses(tree, own)
    ]
    assert not found, "private Textual names used:\n" + "\n".join(found)


def test_the_private_name_scan_finds_what_it_must() -> None:
    bad = ast.parse(
        "from textual._context import active_app\n"
        "from textual.message_pump import _x\n"
        "import textual._on\n"
        "def f(node):\n    return node._bindings, node._keymap\n"
    )
    found = sorted(what for _line, what in _textual_private_uses(bad, set()))
    assert found == sorted(["from textual._context", "import _x", "import textual._on", "._bindings", "._keymap"])


# ------------------------------------------------------------ messages, not duck typing


def test_screens_are_told_by_messages_not_by_duck_typing() -> None:
    """No ``hasattr``, no ``getattr(x, "name")`` in the TUI: a handler or a state that exists is declared."""
    found = []
    for path, tree in _sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                literal_name = len(node.args) >= 2 and isinstance(node.args[1], ast.Constant)
                if node.func.id == "hasattr" or (node.func.id == "getattr" and literal_name):
                    found.append(f"{_rel(path)}:{node.lineno}: {ast.unparse(node)}")
    assert not found, "\n".join(found)
    handlers = {
        node.name
        for _path, tree in _sources()
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and node.name.startswith("on_")
    }
    assert {"on_meeting_changed", "on_summaries_changed", "on_justering_changed"} <= handlers


# ------------------------------------------------------------ the TUI's own files


def test_drafts_are_written_through_the_store_s_one_atomic_write(tmp_path: Path, monkeypatch: Any) -> None:
    import json

    import cesam_tui.drafts as drafts_module
    from store.services.localfiles import write_whole

    written: list[Path] = []

    def recording(path: Path, data: str | bytes, *, durable: bool = True) -> None:
        written.append(path)
        write_whole(path, data, durable=durable)

    monkeypatch.setattr(drafts_module, "write_whole", recording)
    drafts = drafts_module.Drafts(tmp_path / "repo", folder=tmp_path / "state" / "drafts")
    drafts.put("cesam/2023-09-05|meeting.m-place", {"value": "Rådhuset"})
    assert written == [drafts.path]
    assert json.loads(drafts.path.read_text(encoding="utf-8"))["drafts"]["cesam/2023-09-05|meeting.m-place"]
    assert sorted(p.name for p in drafts.path.parent.iterdir()) == [drafts.path.name]  # no temporary file left
    # no module of the TUI writes a file by replacing a temporary one itself
    replacing = [
        f"{_rel(path)}:{node.lineno}"
        for path, tree in _sources()
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and ast.unparse(node.func) in ("os.replace", "os.rename")
    ]
    assert not replacing, replacing
