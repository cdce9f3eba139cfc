"""One catalogue: every user-facing string is keyed in store/core/catalogue, in Swedish and English.

These tests keep it so: each key has both languages, both name the same fields,
no key is defined twice, every key the code asks for exists, and no other module
chooses between Swedish and English by itself.
"""

from __future__ import annotations

import ast
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest
from code_scan import is_text

from store.core import catalogue
from store.core.catalogue import ENTRIES, Catalogue

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("store", "cesam_cli", "cesam_tui", "cesam_docs", "cesam_import", "cesam_site")
CATALOGUE_DIR = ROOT / "store" / "core" / "catalogue"

# Modules that still choose a language inline, each waiting for its owner's branch to land
# (issue 15: the TUI, the documents and sync were being rewritten while the catalogue was built).
# The test below fails when one of them is clean, so the list can only shrink.
PENDING: dict[str, str] = {}

# Data that is not UI text, so it may hold Swedish and English side by side.
NOT_UI_TEXT: dict[str, str] = {
    # None today. The importer's Swedish recognition patterns and the demo meetings are Swedish
    # data (no English side), so the scan does not see them; list a module here, with why, only if
    # it must hold Swedish and English text that a person is never shown.
}


def _sources() -> list[Path]:
    return sorted(p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py") if "__pycache__" not in p.parts)


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


# Keys where one language has, on purpose, no words at all.
EMPTY_ON_PURPOSE = {
    ("doc.clock_prefix", "en"): "English writes a time without a word before it (Swedish: 'kl. 13.00')",
}


def test_every_key_has_both_languages_non_empty() -> None:
    for key, pair in ENTRIES.items():
        assert isinstance(pair, tuple) and len(pair) == 2, key
        for lang, text in zip(("sv", "en"), pair, strict=True):
            assert isinstance(text, str), key
            assert text.strip() or (key, lang) in EMPTY_ON_PURPOSE, f"{key}: {lang} is empty"
    for key, lang in EMPTY_ON_PURPOSE:
        assert not ENTRIES[key][("sv", "en").index(lang)], f"{key} is no longer empty: drop it from the list"


def test_both_languages_name_the_same_fields() -> None:
    for key, (sv, en) in ENTRIES.items():
        assert _fields(sv) == _fields(en), f"{key}: {_fields(sv)} != {_fields(en)}"


def test_no_key_is_defined_twice() -> None:
    # a dict literal with a repeated key silently keeps the last one, so read the source
    seen: dict[str, str] = {}
    for path in sorted(CATALOGUE_DIR.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict):
                for key in node.keys:
                    if isinstance(key, ast.Constant) and isinstance(key.value, str) and "." in key.value:
                        where = f"{path.name}:{key.lineno}"
                        assert key.value not in seen, f"{key.value!r} in {seen.get(key.value)} and {where}"
                        seen[key.value] = where
    assert seen


def _catalogue_calls() -> list[tuple[str, int, str, ast.Call, str]]:
    calls = []
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        rel = _rel(path)
        # the TUI's and the documents' views add their area's prefix to the keys they ask for; the
        # TUI asks its app's words (``self.t``, ``words.t``, ``session.t``) in every module
        prefix = "tui." if rel.startswith("cesam_tui/") else ""
        if rel.startswith(("cesam_docs/", "cesam_site/")) and "cesam_docs.catalogue import" in text:
            prefix = "doc."
        # the importer's report holds keys as `say("import.r.…", **fields)`, worded when shown
        says = "from .said import" in text or path.name == "said.py"
        # an error holds its words as `words("err.…", **fields)` (store.core.errors), worded where shown
        says = says or "words(" in text
        if path.is_relative_to(CATALOGUE_DIR) or not (prefix or says or "store.core.catalogue import" in text):
            continue
        for node in ast.walk(ast.parse(text)):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, (ast.Name, ast.Attribute))
                and (node.func.id if isinstance(node.func, ast.Name) else node.func.attr) in ("t", "n", "say", "words")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
                and (prefix or "." in node.args[0].value)
            ):
                name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr
                # the TUI's `self.t(...)` is its view; `Catalogue(lang).t(...)` there asks the catalogue itself
                asks_catalogue = isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Call)
                own = prefix if prefix == "doc." or not asks_catalogue else ""
                own = "" if name == "words" else own  # an error's words are the catalogue's own keys
                calls.append((rel, node.lineno, name, node, own))
    return calls


def test_every_key_the_code_asks_for_exists_with_its_fields() -> None:
    calls = _catalogue_calls()
    assert len(calls) > 50  # the scan finds the CLI's calls
    assert sum(1 for c in calls if c[2] == "say") > 50  # and the importer's report entries
    for where, line, name, call, prefix in calls:
        key = prefix + call.args[0].value  # type: ignore[attr-defined]
        keys = [f"{key}.one", f"{key}.many"] if name == "n" else [key]
        for k in keys:
            assert k in ENTRIES, f"{where}:{line}: no key {k!r} in the catalogue"
            if any(kw.arg is None for kw in call.keywords):
                continue  # **fields: cannot be checked here
            given = {kw.arg for kw in call.keywords} | ({"n"} if name == "n" else set())
            assert _fields(ENTRIES[k][0]) == given, f"{where}:{line}: {k!r} wants {_fields(ENTRIES[k][0])}"


_SV_EN_NAMES = {"sv", "en", "swedish", "english"}


def _names_language(test: ast.expr) -> bool:
    """`sv`, `not sv`, `lang == "sv"`, `self.lang != "en"`, ..."""
    if isinstance(test, ast.UnaryOp):
        return _names_language(test.operand)
    if isinstance(test, ast.Name):
        return test.id in _SV_EN_NAMES
    if isinstance(test, ast.Compare) and len(test.comparators) == 1:
        sides = [test.left, test.comparators[0]]
        return any(isinstance(s, ast.Constant) and s.value in ("sv", "en") for s in sides)
    return False


def inline_choices(source: str) -> list[int]:
    """Lines where code picks between a Swedish and an English text itself."""
    found: list[int] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.IfExp) and _names_language(node.test) and (is_text(node.body) or is_text(node.orelse)):
            found.append(node.lineno)
        elif isinstance(node, ast.If) and _names_language(node.test):
            # if sv: out("...") else: out("...")
            texts = [n for n in ast.walk(node) if isinstance(n, (ast.Constant, ast.JoinedStr)) and is_text(n)]
            if texts:
                found.append(node.lineno)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_t":
            found.append(node.lineno)
        elif isinstance(node, ast.Dict):
            keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
            pairs = [
                v
                for v in node.values
                if isinstance(v, ast.Tuple) and len(v.elts) == 2 and all(is_text(e) for e in v.elts)
            ]
            if {"sv", "en"} <= keys or len(pairs) >= 3:
                found.append(node.lineno)
    return sorted(set(found))


def test_the_scan_finds_each_kind_of_inline_choice() -> None:
    assert inline_choices('x = "ja" if sv else "yes"') == [1]
    assert inline_choices('x = f"{n} st" if lang == "sv" else f"{n} pcs"') == [1]
    assert inline_choices('x = "no" if self.lang != "sv" else "nej"') == [1]
    assert inline_choices('x = _t(lang, "ja", "yes")') == [1]
    assert inline_choices('if sv:\n    out("ja")\nelse:\n    out("yes")') == [1]
    assert inline_choices('W = {"a": ("ett", "one"), "b": ("två", "two"), "c": ("tre", "three")}') == [1]
    assert inline_choices('W = {"sv": "ja", "en": "yes"}') == [1]
    assert inline_choices('x = t("cli.saved") if sv else ""') == []  # both from the catalogue: fine
    assert inline_choices('x = Catalogue(lang).t("show.open")') == []


def test_no_module_outside_the_catalogue_chooses_a_language() -> None:
    offenders = {}
    for path in _sources():
        rel = _rel(path)
        if path.is_relative_to(CATALOGUE_DIR) or rel in NOT_UI_TEXT or rel in PENDING:
            continue
        lines = inline_choices(path.read_text(encoding="utf-8"))
        if lines:
            offenders[rel] = lines
    assert not offenders, f"inline sv/en choices (put the strings in store/core/catalogue): {offenders}"


def test_pending_modules_are_still_pending() -> None:
    # once a module is migrated its entry must go, so the exemption cannot outlive its reason
    for rel in PENDING:
        path = ROOT / rel
        if path.exists():
            assert inline_choices(path.read_text(encoding="utf-8")), f"{rel} is clean: remove it from PENDING"


def test_catalogue_speaks_swedish_unless_asked_for_english() -> None:
    assert Catalogue("en").t("status.clean") == "Nothing uncommitted."
    assert Catalogue("sv").t("status.clean") == "Inget ocommittat."
    assert Catalogue(None).lang == "sv"
    assert Catalogue("de").lang == "sv"
    assert Catalogue("sv").n("search.hits", 1, meetings=3) == "1 träff i 3 möten"
    assert Catalogue("en").n("search.hits", 2, meetings=3) == "2 hits in 3 meetings"
    with pytest.raises(KeyError):
        Catalogue("sv").t("no.such.key")


def test_terms_and_participles_agree_with_the_noun() -> None:
    assert catalogue.participle("added", "möte") == "tillagt"
    assert catalogue.participle("added", "punkt") == "tillagd"
    assert catalogue.participle("added", "möte", "en") == "added"
    assert Catalogue("en").term("kind.some_future_kind") == "some_future_kind"


def test_the_catalogue_is_pure_and_loads_no_ui() -> None:
    code = "import sys, store.core.catalogue; print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'git')))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert result.stdout.strip() == "[]"


def test_inline_choice_count_is_reported_by_a_grep() -> None:
    # the figure in the report is reproducible: grep for the two common spellings
    pattern = re.compile(r"if sv else|_t\(lang,")
    hits = sum(len(pattern.findall(p.read_text(encoding="utf-8"))) for p in _sources() if _rel(p) not in PENDING)
    assert hits == 0
