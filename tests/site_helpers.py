"""A demo meeting with what a public site must leave out, shared by the site tests."""

from __future__ import annotations

from store.core.model import Attachment, Item, Meeting
from store.services.repository import Repository

HELD = "cesam/2023-09-05"
SECRET = "Kvarnbäckens omorganisation XQZSECRET"
INTERNAL_ROLE = "Intern utredare ROLEINTERNAL77"


def add_secrets(repo: Repository) -> None:
    """A confidential item, an internal role and two bilagor (one public) in the held demo meeting."""
    (repo.root / "bilagor").mkdir()
    (repo.root / "bilagor" / "open.txt").write_text("open bilaga\n", encoding="utf-8")
    (repo.root / "bilagor" / "closed.txt").write_text("closed bilaga CLOSEDBILAGA\n", encoding="utf-8")
    repo.git.run("add", "bilagor")
    repo.git.run("commit", "-q", "-m", "bilagor")

    def change(meeting: Meeting) -> None:
        meeting.items.insert(
            3, Item(id="hemligt", title=SECRET, body="Detaljer: XQZSECRET lönelista.", confidential=True)
        )
        meeting.items[1].attachments += [
            Attachment(number=7, title="Öppen bilaga", file="bilagor/open.txt", public=True),
            Attachment(number=8, title="Intern bilaga", file="bilagor/closed.txt"),
        ]
        meeting.attendees[0].role = INTERNAL_ROLE
        meeting.attendees[0].role_internal = True

    repo.apply(HELD, change)
    repo.apply(HELD, lambda m: setattr(m.items[3], "body", "Detaljer: XQZSECRET ändrad."))
