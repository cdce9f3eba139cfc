"""A meeting's history in words, worked out once per pair of versions and kept in the blob cache.

What one commit changed in a meeting depends only on the file's blob before
and after it (and, for a merge, on what its other parents had), on the
group's sub-item style, the language and the view (the whole meeting, or
what a public reader may see). Those name the entry in the blob cache
(store/services/blobcache.py, kind ``history-words``), so the words of a
commit are worked out once: the next build of the site, in any folder, reads
them, and parses no version of the meeting again.

A pair whose versions cannot both be read is kept as ``None`` ("cannot tell
what changed"), so a broken hand edit is not parsed again on every build.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from contextlib import suppress
from pathlib import Path

from store.core.messages import describe
from store.core.model import Meeting
from store.core.semdiff import Change
from store.services.blobcache import BlobCache
from store.services.history import HistoryEntry, subitem_style, versions, with_changes
from store.services.repository import Repository

KIND = "history-words"
#: bumped when the words of a pair change for the same versions (a new wording of a change)
WORDS_FORMAT = "1"

#: leaves out of one commit's changes what a view must not show; given the versions before and after
Filter = Callable[[list[Change], Meeting | None, Meeting | None], list[Change]]
Words = list[str] | None


def _context() -> str:
    """What the words also depend on beyond store/core's own modules (which the cache's version
    covers): the catalogue the sentences come from."""
    import store.core.catalogue as catalogue

    digest = hashlib.sha256(WORDS_FORMAT.encode())
    for path in sorted(Path(str(catalogue.__file__)).parent.glob("*.py")):
        with suppress(OSError):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def words_cache(path: Path | None = None) -> BlobCache:
    return BlobCache(KIND, _context(), path)


def pair_key(entry: HistoryEntry, style: str, lang: str, view: str) -> str:
    """The cache key of one commit's words: its versions, and for a merge the commit (whose parents
    name what the merge took from the other side)."""
    key = f"{lang}|{view}|{style}|{entry.old_blob or '-'}|{entry.new_blob or '-'}"
    return f"{key}|{entry.commit.hash}" if entry.is_merge else key


def keys_of(repo: Repository, entries: Iterable[HistoryEntry], group: str, lang: str, view: str) -> list[str]:
    style = subitem_style(repo, group).value
    return [pair_key(e, style, lang, view) for e in entries]


def work_out(
    repo: Repository,
    entries: list[HistoryEntry],
    group: str,
    lang: str,
    *,
    view: str = "",
    keep: Filter | None = None,
) -> dict[str, Words]:
    """The words of each entry by its key, worked out from the versions (parsed here, not kept on disk:
    the words are what is kept)."""
    if not entries:
        return {}
    with_changes(repo, entries, group, keep_versions=False)
    parsed = versions(repo, [b for e in entries for b in (e.old_blob, e.new_blob) if b], keep=False) if keep else {}
    style = subitem_style(repo, group).value
    found: dict[str, Words] = {}
    for entry in entries:
        key = pair_key(entry, style, lang, view)
        if entry.changes is None:
            found[key] = None
            continue
        changes = entry.changes
        if keep is not None:
            old = parsed.get(entry.old_blob) if entry.old_blob else None
            new = parsed.get(entry.new_blob) if entry.new_blob else None
            changes = keep(changes, old, new)
        # describe, not explain: a sentence per change, not the word diff explain also works out
        found[key] = [describe(c, lang, values=not c.is_text) for c in changes]
    return found


def known_words(cache: BlobCache, keys: Iterable[str]) -> dict[str, Words]:
    """What ``cache`` holds for ``keys``, where it has the shape this module writes (a hand-edited or
    damaged entry is worked out again, never trusted)."""
    found: dict[str, Words] = {}
    entries = cache.entries
    for key in keys:
        if key not in entries:
            continue
        value = entries[key]
        if value is None or (isinstance(value, list) and all(isinstance(w, str) for w in value)):
            found[key] = value
    return found


def history_words(
    repo: Repository,
    entries: list[HistoryEntry],
    group: str,
    lang: str,
    *,
    view: str = "",
    keep: Filter | None = None,
    known: dict[str, Words] | None = None,
) -> tuple[list[Words], dict[str, Words]]:
    """The words of each entry, in order, taken from ``known`` (see :func:`known_words`) where it has
    them; and the words worked out here, by key, for the caller to add to the cache."""
    known = known or {}
    keys = keys_of(repo, entries, group, lang, view)
    missing = [e for e, k in zip(entries, keys, strict=True) if k not in known]
    new = work_out(repo, missing, group, lang, view=view, keep=keep)
    return [new[k] if k in new else known[k] for k in keys], new
