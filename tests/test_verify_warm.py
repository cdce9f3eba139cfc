"""The warm verify (a cache in .git, a tag index by object id) against one change made after it.

Each case verifies twice (the second run verifies nothing again), then changes exactly one
thing behind cesam's back and checks that the warm run reports it as a full verify without
any cache does, and that it looked again only at the meeting the change concerns.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_justering import PATH, held_meeting, plain_git_edit
from test_justering_integrity import ssh_key

from store.gitio import refs
from store.services import verify as verifying
from store.services.justering import VerifyState, adjust
from store.services.repository import Repository
from store.services.verifycache import CACHE_FILE, TAGS, verify_all

A = "cesam/2023-09-05"  # the meeting each case changes
B = "cesam/2023-10-03"  # left alone


def _justerade(repo: Repository) -> None:
    repo.create(held_meeting())
    repo.create(held_meeting(dt.date(2023, 10, 3)))
    adjust(repo, A, on=dt.date(2023, 9, 15))
    adjust(repo, B, on=dt.date(2023, 10, 13))


def _facts(results: list[verifying.Verification]) -> dict[str, tuple[Any, ...]]:
    """Everything a verdict says, per meeting (approvals by tag name)."""
    return {
        str(r.ref): (
            r.state,
            [a.tag for a in r.approvals],
            r.missing,
            [(c.commit, c.what) for c in r.changes],
            sorted((a.tag, why) for a, why in r.ignored),
            [(s.approval.tag, s.signer, s.good, s.matches) for s in r.signatures],
            r.bad_signatures and [a.tag for a, _ in r.bad_signatures],
        )
        for r in results
    }


def _warm(repo: Repository, monkeypatch: pytest.MonkeyPatch, signatures: bool = False) -> tuple[dict[str, Any], list]:  # type: ignore[type-arg]
    """verify_all's verdicts and the meetings it handed to the full verify."""
    calls: list = []  # type: ignore[type-arg]
    real = verifying.verify

    def spy(repo: Repository, refs=None, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(None if refs is None else sorted(str(r) for r in refs))
        return real(repo, refs, **kwargs)

    monkeypatch.setattr(verifying, "verify", spy)
    results = verify_all(repo, check_signatures=signatures)
    monkeypatch.setattr(verifying, "verify", real)
    return _facts(results), calls


def _cold(repo: Repository, signatures: bool = False) -> dict[str, Any]:
    return _facts(verifying.verify(repo, check_signatures=signatures, use_cache=False))


def _tag_of(repo: Repository, meeting: str, person: str) -> str:
    (name,) = repo.git.run("tag", "-l", f"justering/{meeting}/{person}/*").splitlines()
    return name


def _edit_uncommitted(repo: Repository) -> None:
    path = repo.root / PATH
    path.write_text(path.read_text(encoding="utf-8").replace("Koncernfrågor", "Koncernfrågor (ändrad)"), "utf-8")


def _edit_committed(repo: Repository) -> None:
    plain_git_edit(repo, 'title = "Koncernfrågor"', 'title = "Koncernfrågor (ändrad)"')


def _delete_tag(repo: Repository) -> None:
    repo.git.run("tag", "-d", _tag_of(repo, A, "lena-possbeck"))


def _move_tag(repo: Repository) -> None:
    """The same name and message, on the commit before the meeting was approved."""
    name = _tag_of(repo, A, "lena-possbeck")
    message = repo.git.run("cat-file", "tag", name).split("\n\n", 1)[1]
    first = repo.git.run("rev-list", "--max-parents=0", "HEAD")
    repo.git.run("tag", "-f", "-a", "--no-sign", name, "-F", "-", first, stdin=message)


def _forge_approver(repo: Repository) -> None:
    """Lena's approval replaced under the same name by one naming someone who need not approve."""
    name = _tag_of(repo, A, "lena-possbeck")
    target = repo.git.run("rev-parse", f"{name}^{{commit}}")
    message = repo.git.run("cat-file", "tag", name).split("\n\n", 1)[1].replace("Lena Possbeck", "Kalle Klåfinger")
    repo.git.run("tag", "-f", "-a", "--no-sign", name, "-F", "-", target, stdin=message)


def _lightweight(repo: Repository) -> None:
    repo.git.run("tag", "-f", _tag_of(repo, A, "lena-possbeck"), "HEAD")


def _borrowed(repo: Repository) -> None:
    """B's approval object filed under A's name as well: it names B, so it does not count for A."""
    oid = repo.git.run("rev-parse", f"refs/tags/{_tag_of(repo, B, 'lena-possbeck')}")
    repo.git.run("update-ref", f"refs/tags/justering/{A}/lena-possbeck/borrowed-1", oid)


CASES: list[tuple[str, Callable[[Repository], None], VerifyState]] = [
    ("a file edited in the working tree", _edit_uncommitted, VerifyState.CHANGED),
    ("a file changed by a plain git commit", _edit_committed, VerifyState.CHANGED),
    ("a deleted tag", _delete_tag, VerifyState.MISSING),
    ("a moved tag", _move_tag, VerifyState.MISSING),
    ("a forged tag under the same name", _forge_approver, VerifyState.MISSING),
    ("an approval replaced by a lightweight tag", _lightweight, VerifyState.MISSING),
    ("another meeting's approval filed under this one", _borrowed, VerifyState.OK),
]


@pytest.mark.parametrize(("what", "change", "state"), CASES, ids=[c[0] for c in CASES])
def test_one_change_after_a_warm_verify_is_caught(
    repo: Repository,
    monkeypatch: pytest.MonkeyPatch,
    what: str,
    change: Callable[[Repository], None],
    state: VerifyState,
) -> None:
    _justerade(repo)
    first, _ = _warm(repo, monkeypatch)
    again, calls = _warm(repo, monkeypatch)
    assert calls == [] and again == first == _cold(repo)
    assert {facts[0] for facts in first.values()} == {VerifyState.OK}
    change(repo)
    after, calls = _warm(repo, monkeypatch)
    assert calls == [[A]], f"{what}: only the meeting it concerns is verified again"
    assert after[A][0] == state, what
    assert after == _cold(repo), what
    # remembered: the next run says the same (and verifies again only an uncommitted edit)
    remembered, calls = _warm(repo, monkeypatch)
    assert remembered == after and calls in ([], [[A]])


def test_packed_refs_and_a_new_process_verify_nothing_again(repo: Repository, monkeypatch: pytest.MonkeyPatch) -> None:
    """The tags are known by id, not by where git keeps them (loose files or packed-refs)."""
    _justerade(repo)
    first, _ = _warm(repo, monkeypatch)
    repo.git.run("pack-refs", "--all")
    again, calls = _warm(repo, monkeypatch)
    assert calls == [] and again == first


@pytest.mark.parametrize(
    "damage",
    [
        lambda tags: tags.update({oid: fields[:-1] for oid, fields in tags.items() if fields}),
        lambda tags: tags.update({oid: [*fields[:11], "2", *fields[12:]] for oid, fields in tags.items() if fields}),
        lambda tags: tags.update({oid: {"meeting": fields[0]} for oid, fields in tags.items() if fields}),
        lambda tags: tags.update(
            {oid: [*fields[:3], "2023-02-30", *fields[4:]] for oid, fields in tags.items() if fields}
        ),
    ],
)
def test_a_damaged_tag_index_is_read_again(
    repo: Repository, monkeypatch: pytest.MonkeyPatch, damage: Callable[[dict[str, Any]], None]
) -> None:
    _justerade(repo)
    good, _ = _warm(repo, monkeypatch)
    path = repo.git_dir / CACHE_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    damage(data["entries"][TAGS])
    path.write_text(json.dumps(data), encoding="utf-8")
    results, _ = _warm(repo, monkeypatch)
    assert results == good == _cold(repo)
    # what was read again is saved: the next run reads no tag message
    read: list[tuple[str, ...]] = []
    real = refs.read_tags
    monkeypatch.setattr(refs, "read_tags", lambda git, *names: read.append(names) or real(git, *names))
    again, _ = _warm(repo, monkeypatch)
    assert again == good and read == []


@pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="ssh-keygen not installed")
def test_a_signature_that_no_longer_verifies_is_caught(
    repo: Repository, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Signed approvals are checked on every run: the keyring changes without any commit or tag."""
    repo.create(held_meeting())
    repo.create(held_meeting(dt.date(2023, 10, 3)))
    keys = tmp_path / "keys"
    keys.mkdir()
    lena, lena_pub = ssh_key(keys, "lena")
    allowed = keys / "allowed_signers"
    allowed.write_text(f"lena.possbeck@example.se {' '.join(lena_pub)}\n", encoding="utf-8")
    repo.git.run("config", "gpg.format", "ssh")
    repo.git.run("config", "gpg.ssh.allowedSignersFile", str(allowed))
    repo.git.run("config", "user.signingkey", str(lena))
    adjust(repo, A, ["Lena Possbeck"], sign=True)
    adjust(repo, A, ["Alexandra Eldstål", "Magnus Gyllestad"], sign=False, on=dt.date(2023, 9, 15))
    adjust(repo, B, sign=False, on=dt.date(2023, 10, 13))
    first, _ = _warm(repo, monkeypatch, signatures=True)
    again, calls = _warm(repo, monkeypatch, signatures=True)
    assert first[A][0] == VerifyState.OK and again == first
    assert calls == [[A]], "only the meeting with a signed approval is verified again"
    allowed.write_text("someone.else@example.se ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIN\n", encoding="utf-8")
    after, calls = _warm(repo, monkeypatch, signatures=True)
    assert after[A][0] == VerifyState.BAD_SIGNATURE and calls == [[A]]
    assert after == _cold(repo, signatures=True)
