"""The TUI's view of the one catalogue: its words live in store/core/catalogue/tui.py.

The UI asks by short keys (``t("saved")`` reads ``tui.saved``); domain words
(statuses, kinds, field names) come from the same catalogue's ``term``, so the UI
and the commit messages say the same thing. ``set_language`` is called once at
start-up; ``t`` then answers in that language. (Issue 15 wants the language held
by the App rather than here: not done yet.)
"""

from __future__ import annotations

from store.core.catalogue import ENTRIES, LANGUAGES, term
from store.core.catalogue import language as catalogue_language

_LANG = ["sv"]


def set_language(lang: str | None) -> None:
    _LANG[0] = catalogue_language(lang)


def language() -> str:
    return _LANG[0]


def t(key: str, **values: object) -> str:
    pair = ENTRIES.get(f"tui.{key}")
    if pair is None:
        return key
    text = pair[LANGUAGES.index(_LANG[0])]
    return text.format(**values) if values else text


def d(key: str) -> str:
    """A domain word in the UI's language."""
    return term(key, _LANG[0])


def textual_word(text: str) -> str:
    """Textual's own English for a key, in the UI's language."""
    pair = ENTRIES.get(f"textual.{text}")
    return pair[LANGUAGES.index(_LANG[0])] if pair else text
