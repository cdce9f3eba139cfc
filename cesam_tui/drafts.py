"""Typed text not yet saved, kept on disk per repository, meeting and field, so a crash loses nothing.

A draft is written as it is typed (one small JSON file per repository in cesam's state folder)
and removed once what it holds is saved or the user discards it. A draft that is *confirmed*
(OK was pressed, its save is under way) is removed when the save started then succeeds; if the
save failed or the app died first, the draft is still there and is offered back the next time
the same dialog or field is opened.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import threading
from pathlib import Path
from typing import Any

import platformdirs

from store.services.localfiles import write_whole


def draft_key(meeting: object, field: str) -> str:
    """The key of a field's draft: the meeting (``GROUP/DATE``) and what is typed there."""
    return f"{meeting}|{field}"


class Drafts:
    """The drafts of one repository. Safe to call from the UI thread and from workers."""

    def __init__(self, repo_root: Path, folder: Path | None = None) -> None:
        base = folder or Path(platformdirs.user_state_dir("cesam")) / "drafts"
        name = hashlib.sha256(str(Path(repo_root).resolve()).encode("utf-8")).hexdigest()[:20]
        self.path = base / f"{name}.json"
        self.repo_root = str(repo_root)
        self._lock = threading.Lock()
        self._cache: dict[str, dict[str, Any]] | None = None
        self._serial = 0

    # ------------------------------------------------------------ reading and writing the file

    def _all(self) -> dict[str, dict[str, Any]]:
        if self._cache is None:
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                drafts = data.get("drafts", {}) if isinstance(data, dict) else {}
            except (OSError, ValueError):
                drafts = {}  # no file yet, or a torn one: nothing to offer
            self._cache = {k: v for k, v in drafts.items() if isinstance(v, dict) and isinstance(v.get("values"), dict)}
        return self._cache

    def _write(self) -> None:
        drafts = self._all()
        try:
            if not drafts:
                self.path.unlink(missing_ok=True)
                return
            text = json.dumps({"repository": self.repo_root, "drafts": drafts}, ensure_ascii=False, indent=1)
            # rewritten on every keystroke: not synced to disk each time (a disk sync per key typed)
            write_whole(self.path, text, durable=False)
        except OSError:
            pass  # a draft is a safety net; a full disk must not stop typing

    # ------------------------------------------------------------ the API

    def get(self, key: str) -> dict[str, str] | None:
        with self._lock:
            entry = self._all().get(key)
            return {str(k): str(v) for k, v in entry["values"].items()} if entry else None

    def offer(self, key: str, busy: set[str] | frozenset[str] = frozenset()) -> tuple[str, dict[str, str], str] | None:
        """The draft to give back to a form opened on ``key``: (its own key, values, when).

        The form's own unconfirmed draft first; else the newest confirmed one whose save is not
        under way (``busy``): its save failed, or the app ended before it was in git.
        """
        with self._lock:
            drafts = self._all()
            candidates = [key] if key in drafts else []
            if not candidates:
                candidates = sorted(
                    (k for k in drafts if k.startswith(f"{key}@") and k not in busy),
                    key=lambda k: str(drafts[k].get("at", "")),
                    reverse=True,
                )
            if not candidates:
                return None
            entry = drafts[candidates[0]]
            values = {str(k): str(v) for k, v in entry["values"].items()}
            return candidates[0], values, str(entry.get("at", ""))

    def put(self, key: str, values: dict[str, str]) -> None:
        with self._lock:
            drafts = self._all()
            old = drafts.get(key)
            if old is not None and old["values"] == values:
                return
            drafts[key] = {"values": dict(values), "at": dt.datetime.now().isoformat(timespec="seconds")}
            self._write()

    def drop(self, *keys: str) -> None:
        with self._lock:
            drafts = self._all()
            if [drafts.pop(key) for key in keys if key in drafts]:
                self._write()

    def confirm(self, key: str) -> str:
        """OK was pressed: the draft moves to a key of its own, to go when the save started now succeeds.

        Its own key, so the next form opened on ``key`` (the next attendee, typed while this one
        is saved) starts empty and cannot overwrite it.
        """
        with self._lock:
            drafts = self._all()
            entry = drafts.pop(key, None)
            if entry is None:
                return ""
            self._serial += 1
            own = f"{key}@{dt.datetime.now().strftime('%Y%m%dT%H%M%S')}.{os.getpid()}.{self._serial}"
            drafts[own] = {**entry, "confirmed": True}
            self._write()
            return own

    def confirmed(self, meeting: object) -> list[str]:
        """The confirmed drafts of ``meeting``: a save started now carries them."""
        prefix = f"{meeting}|"
        with self._lock:
            return [k for k, v in self._all().items() if k.startswith(prefix) and v.get("confirmed")]

    def settle(self, keys: list[str]) -> None:
        """The save that carried ``keys`` succeeded: they are in git now (unless typed into again)."""
        with self._lock:
            drafts = self._all()
            done = [k for k in keys if drafts.get(k, {}).get("confirmed")]
            for key in done:
                del drafts[key]
            if done:
                self._write()

    def keys(self) -> list[str]:
        with self._lock:
            return sorted(self._all())
