"""A new group with its roster, written to cesam.toml as one commit (store/services/groups.py)."""

from __future__ import annotations

import pytest

from store.core.config import Member
from store.core.errors import UsageError
from store.services.groups import add_group
from store.services.repository import Repository


def test_a_new_group_with_its_roster_is_one_commit(repo: Repository) -> None:
    before = repo.git.run("rev-list", "--count", "HEAD")
    added = add_group(
        repo,
        " Lokal samverkansgrupp  hemtjänst ",
        "LSG Hemtjänst",
        "Anna Andersson; enhetschef\n\nBo Berg; huvudskyddsombud; kommunal\nCecilia Ceder",
        template="cesam",
    )
    assert added.group_id == "lsg-hemtjanst"
    assert int(repo.git.run("rev-list", "--count", "HEAD")) == int(before) + 1
    assert repo.git.run("log", "-1", "--format=%s") == (
        "Ny samverkansgrupp: LSG Hemtjänst – Lokal samverkansgrupp hemtjänst (3 ledamöter)"
    )
    group = Repository(repo.root).config.group("lsg-hemtjanst")
    assert (group.name, group.short) == ("Lokal samverkansgrupp hemtjänst", "LSG Hemtjänst")
    assert group.members == [
        Member("Anna Andersson", "enhetschef"),
        Member("Bo Berg", "huvudskyddsombud", "Kommunal"),  # the union's own spelling
        Member("Cecilia Ceder"),
    ]
    # the routine of the template: its standing items
    assert [s.title for s in group.standing_items] == ["Val av justerare", "Övriga frågor"]
    assert repo.state().clean


def test_a_group_that_exists_or_a_party_unknown_is_refused_naming_it(repo: Repository) -> None:
    text = (repo.root / "cesam.toml").read_bytes()
    with pytest.raises(UsageError, match="finns redan en grupp CESAM"):
        add_group(repo, "Centrala samverkansgruppen", "", "")
    with pytest.raises(UsageError, match="rad 2: Lärarna är varken arbetsgivaren"):
        add_group(repo, "Ny grupp", "NG", "Anna\nBo; ombud; Lärarna")
    with pytest.raises(UsageError, match="rad 2: anna står redan med"):
        add_group(repo, "Ny grupp", "NG", "Anna\n anna ")
    with pytest.raises(UsageError, match="behöver ett namn"):
        add_group(repo, "  ", "NG", "")
    assert (repo.root / "cesam.toml").read_bytes() == text
