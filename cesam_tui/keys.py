"""Bindings are declared with catalogue keys as descriptions and shown in the app's language.

Textual reads a class's ``BINDINGS`` once, when the class is created, before any
language is known. So each cesam screen, dialog and widget is built as a subclass
for its app's language, made once per (class, language) from the public
``BINDINGS`` of the class and its bases with the descriptions translated. The
subclass keeps the class's name, module and CSS type, so queries, ``isinstance``
and the stylesheet see no difference.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual import getters
from textual.app import App
from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode

from cesam_tui.strings import Words

#: Textual's public getter of the app whose handler is running (a node being built has no app yet)
_RUNNING_APP: getters.app[App[Any]] = getters.app(App)

_LOCALIZED: dict[tuple[type, str], type] = {}
#: each class made here, and its language
_LANGUAGE_OF: dict[type, str] = {}


def running_app() -> App[Any] | None:
    try:
        return _RUNNING_APP.__get__(None, type(None))  # type: ignore[arg-type]
    except Exception:  # NoActiveAppError: built outside a running app
        return None


def merged_bindings(cls: type) -> list[Binding]:
    """Every binding ``cls`` has, its own over its bases' for the same key (as Textual merges them)."""
    keys: dict[str, list[Binding]] = {}
    for base in reversed(cls.__mro__):
        if issubclass(base, DOMNode):
            keys.update(BindingsMap(base.__dict__.get("BINDINGS", [])).key_to_bindings)
    return [binding for group in keys.values() for binding in group]


def localized(cls: type, words: Words) -> type:
    """``cls`` with its key-described bindings in ``words``' language (one subclass per class and language)."""
    if cls in _LANGUAGE_OF:
        if _LANGUAGE_OF[cls] == words.lang:
            return cls
        cls = cls.__bases__[0]
    made = _LOCALIZED.get((cls, words.lang))
    if made is None:
        bindings = [
            replace(b, description=words.t(b.description)) if b.description.startswith("key.") else b
            for b in merged_bindings(cls)
        ]
        namespace = {"BINDINGS": bindings, "__module__": cls.__module__, "__qualname__": cls.__qualname__}
        made = _LOCALIZED[(cls, words.lang)] = type(cls.__name__, (cls,), namespace)
        _LANGUAGE_OF[made] = words.lang
    return made


class LocalizedBindings:
    """Mixin: an instance is made from its class localized to the running app's language."""

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        from cesam_tui.session import Session

        app = running_app()
        # outside a cesam app (none running yet) the descriptions stay catalogue keys
        target = localized(cls, app.words) if isinstance(app, Session) else cls
        return super().__new__(target)
