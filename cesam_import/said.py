"""The importer's words as a catalogue key and its fields, worded in the reader's language when shown."""

from __future__ import annotations

from dataclasses import dataclass

from store.core.catalogue import t


@dataclass(frozen=True)
class Said:
    """A catalogue key and its fields; a field may itself be a Said (or a tuple of them, shown as a list)
    worded in the same language. Other fields are the source's own words and numbers, shown as they are."""

    key: str
    fields: tuple[tuple[str, object], ...] = ()

    def text(self, lang: str = "sv") -> str:
        return t(self.key, lang, **{k: _worded(v, lang) for k, v in self.fields})


def _worded(value: object, lang: str) -> object:
    if isinstance(value, Said):
        return value.text(lang)
    if isinstance(value, tuple) and all(isinstance(v, Said) for v in value):
        return ", ".join(v.text(lang) for v in value)
    return value


def say(key: str, /, **fields: object) -> Said:
    """What the importer reports, by catalogue key (``import.r.*``, ``import.at.*``)."""
    return Said(key, tuple(fields.items()))


def at_line(no: int) -> Said:
    return say("import.line", no=no)


def verbatim(text: str) -> Said:
    """Words from the source document itself (a heading, a preamble key): shown as they are."""
    return say("import.at.verbatim", text=text)


NOWHERE = say("import.at.verbatim", text="")
