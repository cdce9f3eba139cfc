"""The demo repository: the three CESAM protocols of the seeds, one commit each."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from store.core.catalogue import t
from store.core.config import loads_config
from store.core.model import Status
from store.services.justering import record_existing_approvals
from store.services.repository import MEETINGS_DIR, MeetingRef, Repository, init_repository

_DATA = "demo_data"


def demo_files() -> dict[str, str]:
    """Repository-relative path → text of every shipped demo meeting."""
    root = resources.files("store").joinpath(_DATA)
    out: dict[str, str] = {}

    def walk(node: resources.abc.Traversable, prefix: str) -> None:
        for child in sorted(node.iterdir(), key=lambda c: c.name):
            path = f"{prefix}/{child.name}" if prefix else child.name
            if child.is_dir():
                walk(child, path)
            elif child.name.endswith(".toml"):
                out[path] = child.read_text(encoding="utf-8")

    walk(root, "")
    return out


def create_demo(path: Path, *, lang: str = "sv") -> Repository:
    files = demo_files()
    config, _ = loads_config(files.pop("cesam.toml"))
    repo = init_repository(path, config, message=t("demo.cesam_demo_repository", lang))
    meetings = sorted(
        (p for p in files if p.startswith(f"{MEETINGS_DIR}/")), key=lambda p: MeetingRef.from_relpath(p) or p
    )
    for relpath in meetings:
        ref = MeetingRef.from_relpath(relpath)
        assert ref is not None, relpath
        _meeting, _ = repo.parse(relpath, files[relpath])
        label = repo.group_label(ref.group)
        message = t("demo.minutes_added_demo", lang, label=label, date=ref.date.isoformat())
        with repo.lock():
            repo.write_and_commit(relpath, files[relpath], message)
        if _meeting.status == Status.ADJUSTED:
            # the e-signed approvals, recorded by the secretary as tags; unsigned so a demo never asks for a key
            record_existing_approvals(repo, ref, sign=False)
    return repo
