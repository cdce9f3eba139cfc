"""A new group from the navigator (G): name, short name and its regular members, one commit.

The form is a FormDialog, so typed text is asked about before esc drops it and kept as a
draft; the group is written by store/services/groups.py.
"""

from __future__ import annotations

from collections.abc import Callable

from cesam_tui.drafts import draft_key
from cesam_tui.screens.dialogs import FormDialog, FormField
from cesam_tui.session import Session
from store.services.groups import add_group

#: the drafts of this form belong to the repository's cesam.toml, not to a meeting
DRAFT_OWNER = "cesam.toml"


def ask_new_group(session: Session, template: str, then: Callable[[str], None]) -> None:
    """Ask for the group; once it is committed, ``then(group_id)``."""
    parties = ", ".join(session.repo.config.union_names())
    dialog = FormDialog(
        session.t("group.title"),
        [
            FormField("name", session.t("group.name"), required=True, hint=session.t("group.name_hint")),
            FormField("short", session.t("group.short"), hint=session.t("group.short_hint")),
            FormField("members", session.t("group.members"), "text"),
        ],
        hint=session.t("group.members_hint", unions=parties),
        draft=draft_key(DRAFT_OWNER, "new-group"),
    )
    repo = session.repo

    def done(values: dict[str, str] | None) -> None:
        if not values:
            return
        added: list[str] = []
        carried = session.drafts.confirmed(DRAFT_OWNER)  # OK made the typed text a confirmed draft

        def work() -> str:
            result = add_group(repo, values["name"], values["short"], values["members"], template=template)
            added.append(result.group_id)
            return session.t("saved", message=result.message)

        def after() -> None:
            session.drafts.settle(carried)  # in git now; a refused group keeps its draft, offered back
            then(added[0])

        session.run_commit(work, after=after)

    session.push_screen(dialog, done)
