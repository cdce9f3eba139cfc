"""The TUI's view of the one catalogue: its words live in store/core/catalogue/tui.py.

The language is the app's: each :class:`~cesam_tui.session.Session` holds one
:class:`Words`, and every screen and widget asks it through ``self.app``
(:class:`Speaks` gives them ``self.t`` and ``self.d``), so two apps in one
process speak their own languages. Code that runs in a worker thread takes the
app's ``Words`` with it before it starts.

The UI asks by short keys (``t("saved")`` reads ``tui.saved``); domain words
(statuses, kinds, field names) come from the same catalogue's ``term``, so the UI
and the commit messages say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from textual.dom import DOMNode

from store.core.catalogue import ENTRIES, LANGUAGES, term
from store.core.catalogue import language as catalogue_language

if TYPE_CHECKING:
    from cesam_tui.session import Session


@dataclass(frozen=True)
class Words:
    """The UI's words in one language."""

    lang: str

    @classmethod
    def of(cls, lang: str | None) -> Words:
        return cls(catalogue_language(lang))

    def t(self, key: str, **values: object) -> str:
        pair = ENTRIES.get(f"tui.{key}")
        if pair is None:
            return key
        text = pair[LANGUAGES.index(self.lang)]
        return text.format(**values) if values else text

    def d(self, key: str) -> str:
        """A domain word in the UI's language."""
        return term(key, self.lang)

    def textual_word(self, text: str) -> str:
        """Textual's own English for a key, in the UI's language."""
        pair = ENTRIES.get(f"textual.{text}")
        return pair[LANGUAGES.index(self.lang)] if pair else text


class Speaks:
    """Mixin for cesam's screens and widgets: the app's words, through ``self.app``."""

    @property
    def words(self) -> Words:
        return cast("Session", cast(DOMNode, self).app).words

    @property
    def lang(self) -> str:
        return self.words.lang

    def t(self, key: str, **values: object) -> str:
        return self.words.t(key, **values)

    def d(self, key: str) -> str:
        return self.words.d(key)

    def textual_word(self, text: str) -> str:
        return self.words.textual_word(text)
