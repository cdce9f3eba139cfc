"""The UI's one error path: an unexpected exception becomes a notification and a line in cesam's log.

Textual ends the whole app on an exception in a handler, and stops the message loop of the
widget it came from, so catching it afterwards is too late. Every handler the UI defines is
wrapped instead: ``action_*`` and ``on_*`` methods of cesam's screens, dialogs, widgets and
app (by :class:`Guarded`), ``@on`` handlers (by this module's :func:`on`, used instead of
Textual's), and the callbacks of pushed screens (by ``Session.push_screen``). Workers already
end in ``Session.on_worker_state_changed``. All of them call :func:`report`.
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import os
import traceback
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import platformdirs
import textual
from textual.actions import SkipAction
from textual.app import App
from textual.message_pump import MessagePump

F = TypeVar("F", bound=Callable[..., Any])

#: cesam's log, the one the command line writes too (cesam_cli/main.py): one entry per unexpected error
LOG_NAME = "crash.log"


def log_file() -> Path:
    return Path(platformdirs.user_log_dir("cesam")) / LOG_NAME


def write_log(exc: BaseException) -> Path | None:
    """Append the error to cesam's log; a log that cannot be written never adds a second error."""
    path = log_file()
    stamp = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    head = f"{stamp} pid {os.getpid()} {type(exc).__name__}: {exc}".replace("\n", " ")
    body = "".join(traceback.format_exception(exc)).rstrip()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as f:
            f.write(head + "\n" + "".join(f"    {line}\n" for line in body.splitlines()))
    except OSError:
        return None
    return path


def report(exc: BaseException, app: App[Any] | None) -> None:
    """Tell the user and the log; the app stays up."""
    from cesam_tui.session import Session

    # a CesamError that escaped still says what to do; anything else is an internal error
    if isinstance(app, Session):
        app.notify_error(exc)
    else:  # no cesam app (a widget in a test harness, a node already gone): the log is enough
        write_log(exc)


def _app_of(args: tuple[Any, ...], app: App[Any] | None) -> App[Any] | None:
    """The app a handler runs for: given when guarded, else that of the node the handler is a method of."""
    if app is not None or not args or not isinstance(args[0], MessagePump):
        return app
    try:
        return args[0].app
    except Exception:  # NoActiveAppError: the node is not (or no longer) in an app
        return None


#: handlers already guarded: wrapping twice would report twice
_GUARDED: weakref.WeakSet[Callable[..., Any]] = weakref.WeakSet()


def guarded(func: F, app: App[Any] | None = None) -> F:
    """``func`` with unexpected exceptions reported instead of ending the app."""
    if func in _GUARDED:
        return func
    if inspect.iscoroutinefunction(func):

        @functools.wraps(func)
        async def run_async(*args: Any, **kwargs: Any) -> Any:
            try:
                return await func(*args, **kwargs)
            except SkipAction:
                raise  # Textual's signal to try the next binding, not an error
            except Exception as exc:
                report(exc, _app_of(args, app))
                return None

        wrapper: Any = run_async
    else:

        @functools.wraps(func)
        def run(*args: Any, **kwargs: Any) -> Any:
            try:
                return func(*args, **kwargs)
            except SkipAction:
                raise
            except Exception as exc:
                report(exc, _app_of(args, app))
                return None

        wrapper = run
    _GUARDED.add(wrapper)
    guarded_func: F = wrapper  # functools.wraps keeps the signature, so the wrapper is an F
    return guarded_func


def on(*args: Any, **kwargs: Any) -> Callable[[F], F]:
    """Textual's ``@on``, with the handler guarded."""

    def decorate(func: F) -> F:
        return textual.on(*args, **kwargs)(guarded(func))

    return decorate


class Guarded:
    """Mixin: every ``action_*`` and ``on_*`` method a subclass defines is guarded."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name, value in list(vars(cls).items()):
            if (name.startswith(("action_", "on_"))) and inspect.isfunction(value):
                setattr(cls, name, guarded(value))
