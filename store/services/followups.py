"""Follow-ups across meetings, from the repository: listed with their refs, closed from a later meeting.

The rules are in store/core/followups.py; here the meetings are read and the closing committed.
"""

from __future__ import annotations

from store.core.catalogue import t
from store.core.errors import CesamError, UsageError, words
from store.core.followups import FollowUpEntry, close_in, entries, parse_ref
from store.core.model import Meeting
from store.services.repository import MeetingRef, Repository, SaveResult


def _meetings(repo: Repository, group: str | None = None) -> list[Meeting]:
    out = []
    for ref in repo.list_refs():
        if group and ref.group != group:
            continue
        try:
            out.append(repo.load(ref).meeting)
        except CesamError:
            continue  # `cesam check` reports broken files; the list goes on without them
    return out


def list_followups(repo: Repository, group: str | None = None, *, include_closed: bool = False) -> list[FollowUpEntry]:
    found = entries(_meetings(repo, group))
    return found if include_closed else [e for e in found if not e.closed]


def close_followup(repo: Repository, ref_text: str, in_meeting: str, note: str = "") -> SaveResult:
    """Close a follow-up from a later meeting: one commit, in that meeting only."""
    origin_name, followup_id = parse_ref(ref_text)
    origin_ref = repo.resolve(origin_name)
    target_ref: MeetingRef = repo.resolve(in_meeting)
    ref = f"{origin_ref}#{followup_id}"
    if target_ref == origin_ref:
        raise UsageError(
            words("err.followup_own_meeting", ref=ref, meeting=in_meeting), hint=words("err.followup_own_meeting.hint")
        )
    done = {e.ref: e for e in entries(_meetings(repo, origin_ref.group))}.get(ref)
    if done is not None and done.closed:
        raise UsageError(words("err.followup_closed", ref=ref, meeting=done.closed_in))
    origin = repo.load(origin_ref).meeting
    title = t("planning.carry_title", repo.lang)

    def change(meeting: Meeting) -> None:
        close_in(meeting, origin, followup_id, note, title)

    return repo.apply(target_ref, change)


__all__ = ["close_followup", "list_followups"]
