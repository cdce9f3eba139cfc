"""A short stamp of everything ``verify`` and a meeting's history rest on, read without walking history.

Two reads with the same stamp see the same committed meetings, the same
history and the same justering results: the stamp names HEAD, every approval
tag (its name, what it points at, its tagger, date and message; whether it is signed), the files edited and
not committed (verify reports those as changes), cesam.toml, and the cesam
version. A caller that saved what it built from one stamp (the site's
manifest) can skip reading anything else when the stamp is the same.

A signed approval can stop verifying without any commit (a key removed from
the keyring), so where any approval is signed there is no stamp (None): the
caller reads everything, as without one.
"""

from __future__ import annotations

import hashlib
import json

from store.core.config import CONFIG_FILE
from store.gitio import refs
from store.services.approvals import TAG_REFS
from store.services.blobcache import cesam_version
from store.services.repository import Repository


def archive_stamp(repo: Repository) -> str | None:
    """The stamp (a hex digest), or None where it cannot stand for the approvals (a signed tag)."""
    tags = refs.list_tags(repo.git, f"{TAG_REFS}/")
    if any(tag.signature for tag in tags):
        return None
    state = repo.state()
    try:
        config = (repo.root / CONFIG_FILE).read_bytes()
    except OSError:
        config = b""
    parts = [
        cesam_version(),
        repo.head_id() or "",
        [(t.name, t.target, t.tagger, t.date_iso, hashlib.sha256(t.body.encode()).hexdigest()) for t in tags],
        sorted(state.modified),
        sorted(state.unmerged),
        state.operation or "",
        hashlib.sha256(config).hexdigest(),
    ]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()
