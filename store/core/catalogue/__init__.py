"""Every string cesam shows a person, in Swedish and English: one catalogue.

The tables live beside this file, one module per area (``domain`` for the
vocabulary of meetings, ``cli`` for the command line, ``justering`` for
approvals, ...). Each is a dict ``key: (swedish, english)`` so that a
translator sees both languages side by side. Templates use ``str.format``
fields, and both languages of a key name the same fields (a test checks it).

Code asks for a string by key::

    t = Catalogue(lang)
    t.t("cli.saved", commit=sha, message=subject)
    t.term("field.date")            # a word of the domain
    t.participle("added", "punkt")  # agrees with the Swedish noun

No other module chooses between Swedish and English: tests/test_catalogue.py
scans the code for inline choices and fails on any it finds.
"""

from __future__ import annotations

from functools import cache
from typing import Final

from store.core.catalogue import cli, documents, domain, errors, import_report, justering, services, sync, tui

LANGUAGES: Final = ("sv", "en")

_AREAS = (domain, cli, documents, errors, import_report, justering, services, sync, tui)


def _merge() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for area in _AREAS:
        for key, pair in area.ENTRIES.items():
            if key in merged:
                # Two areas defining one key would make one of them silently win.
                raise ValueError(f"catalogue key {key!r} is defined twice (again in {area.__name__})")
            merged[key] = pair
    return merged


ENTRIES: Final[dict[str, tuple[str, str]]] = _merge()


def language(lang: str | None) -> str:
    """The language to speak: English only when asked for, Swedish otherwise."""
    return "en" if lang == "en" else "sv"


class Catalogue:
    """The strings of one language."""

    __slots__ = ("_index", "lang")

    def __init__(self, lang: str | None = "sv") -> None:
        self.lang = language(lang)
        self._index = LANGUAGES.index(self.lang)

    def t(self, key: str, /, **fields: object) -> str:
        """The string for ``key``, its ``{fields}`` filled in. An unknown key raises KeyError."""
        return ENTRIES[key][self._index].format(**fields)

    def n(self, key: str, count: int, /, **fields: object) -> str:
        """``key.one`` when ``count`` is 1, else ``key.many``; ``{n}`` is the count."""
        return self.t(f"{key}.one" if count == 1 else f"{key}.many", n=count, **fields)

    def term(self, key: str) -> str:
        """A word of the domain; an unknown key (a kind from a newer cesam) reads as its last part."""
        pair = ENTRIES.get(key)
        if pair is None:
            return key.rsplit(".", 1)[-1]
        return pair[self._index]

    def participle(self, action: str, noun: str) -> str:
        """'tillagd' or 'tillagt', agreeing with the Swedish noun it follows."""
        neuter_key = f"action.{action}.n"
        if self.lang == "sv" and noun.split()[-1] in domain.NEUTER and neuter_key in ENTRIES:
            return self.term(neuter_key)
        return self.term(f"action.{action}")


@cache
def catalogue(lang: str | None = "sv") -> Catalogue:
    """The shared catalogue of a language (a catalogue holds no state beyond it)."""
    return Catalogue(lang)


def term(key: str, lang: str = "sv") -> str:
    return catalogue(lang).term(key)


def participle(action: str, noun: str, lang: str = "sv") -> str:
    return catalogue(lang).participle(action, noun)


def t(key: str, lang: str | None = "sv", /, **fields: object) -> str:
    return catalogue(lang).t(key, **fields)
