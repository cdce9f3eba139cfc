"""Justering across clones (tags pushed and fetched with plain git) and signed approvals."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_justering import REF, held_meeting

from store.core.model import Status
from store.gitio.git import Git
from store.services.justering import VerifyState, adjust, list_approvals, verify
from store.services.repository import Repository


def clone(remote: Path, folder: Path, name: str, email: str) -> Repository:
    Git(folder.parent).run("clone", "-q", str(remote), folder.name)
    git = Git(folder)
    git.run("config", "user.name", name)
    git.run("config", "user.email", email)
    return Repository.open(folder)


def push_tags(repo: Repository) -> None:
    # as cesam sync pushes, never forced: an existing tag name with other content would be rejected
    repo.git.run("push", "-q", "--follow-tags", "origin", "main")


def fetch_tags(repo: Repository) -> None:
    repo.git.run("fetch", "-q", "--tags", "origin")


@pytest.fixture
def remote(repo: Repository, tmp_path: Path) -> Path:
    config = repo.config
    config.groups[0].require_chair_approval = False  # the two justerare, one in each clone
    repo.save_config(config, "cesam.toml: ordföranden justerar inte")
    repo.create(held_meeting())
    bare = tmp_path / "remote.git"
    Git(tmp_path).run("clone", "-q", "--bare", str(repo.root), str(bare))
    repo.git.run("remote", "add", "origin", str(bare))
    repo.git.run("fetch", "-q", "origin")
    repo.git.run("branch", "-q", "--set-upstream-to=origin/main", "main")
    return bare


def test_each_justerare_approves_in_their_own_clone(repo: Repository, remote: Path, tmp_path: Path) -> None:
    alexandra = clone(remote, tmp_path / "alexandra", "Alexandra Eldstål", "alexandra@example.se")
    lena = clone(remote, tmp_path / "lena", "Lena Possbeck", "lena@example.se")

    first = adjust(alexandra, REF, ["Alexandra Eldstål"])
    assert first.missing == ["Lena Possbeck"] and first.commit is None
    push_tags(alexandra)

    # Lena approves before she has Alexandra's approval: hers is recorded, the meeting waits
    second = adjust(lena, REF, ["Lena Possbeck"])
    assert second.missing == ["Alexandra Eldstål"] and second.commit is None
    push_tags(lena)  # both names are new on the remote: no force needed
    fetch_tags(lena)
    done = adjust(lena, REF, ["Lena Possbeck"])
    assert done.already == ["Lena Possbeck"] and done.commit
    assert lena.load(REF).meeting.status == Status.ADJUSTED
    lena.git.run("push", "-q", "origin", "main")

    for repository in (alexandra, repo):
        repository.git.run("pull", "-q", "--ff-only")
        fetch_tags(repository)
        (result,) = verify(repository)
        assert result.state == VerifyState.OK, result
        assert [a.approver for a in result.approvals] == ["Alexandra Eldstål", "Lena Possbeck"]
        recorded = {a.approver: a.recorded_by for a in result.approvals}
        assert recorded == {
            "Alexandra Eldstål": "Alexandra Eldstål <alexandra@example.se>",
            "Lena Possbeck": "Lena Possbeck <lena@example.se>",
        }


def test_the_same_approval_recorded_in_two_clones_never_collides(
    repo: Repository, remote: Path, tmp_path: Path
) -> None:
    lena = clone(remote, tmp_path / "lena", "Lena Possbeck", "lena@example.se")
    adjust(lena, REF, ["Lena Possbeck"])
    adjust(repo, REF, ["Lena Possbeck"])  # the secretary records her e-signature too
    push_tags(lena)
    push_tags(repo)
    fetch_tags(lena)
    approvals = list_approvals(lena)[REF]
    assert len({a.tag for a in approvals}) == 2
    assert {a.recorded_by for a in approvals} == {
        "Lena Possbeck <lena@example.se>",
        "Sara Sekreterare <sara@example.se>",
    }


def test_without_the_tags_a_clone_cannot_confirm_the_justering(repo: Repository, remote: Path, tmp_path: Path) -> None:
    adjust(repo, REF)
    repo.git.run("push", "-q", "origin", "main")  # the meeting, but not the tags
    other = clone(remote, tmp_path / "other", "Nils Nilsson", "nils@example.se")
    assert other.git.run("tag", "-l") == ""
    (result,) = verify(other)
    assert result.state == VerifyState.MISSING
    push_tags(repo)
    fetch_tags(other)
    assert verify(other)[0].state == VerifyState.OK


# ---------------------------------------------------------------- signed approvals


@pytest.fixture
def gnupg(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    if shutil.which("gpg") is None or shutil.which("gpgconf") is None:
        pytest.skip("gpg is not installed: signed approvals are not tested")
    # a short path: gpg-agent's socket must fit in a Unix socket name
    home = Path(tempfile.mkdtemp(prefix="cesam-gpg-"))
    home.chmod(0o700)
    monkeypatch.setenv("GNUPGHOME", str(home))
    made = subprocess.run(
        ["gpg", "--batch", "--passphrase", "", "--quick-gen-key", "Lena Possbeck <lena@example.se>", "ed25519", "sign"],
        capture_output=True,
        check=False,
    )
    if made.returncode:
        shutil.rmtree(home, ignore_errors=True)
        pytest.skip(f"gpg cannot make a test key here: {made.stderr.decode(errors='replace').strip()}")
    try:
        yield home
    finally:
        subprocess.run(["gpgconf", "--kill", "gpg-agent"], capture_output=True, check=False)
        shutil.rmtree(home, ignore_errors=True)


def test_signed_approval_verifies_and_fails_without_the_key(
    repo: Repository, gnupg: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.create(held_meeting())
    adjust(repo, REF, ["Alexandra Eldstål", "Magnus Gyllestad"], sign=False)
    repo.git.run("config", "user.signingkey", "lena@example.se")
    result = adjust(repo, REF, ["Lena Possbeck"])  # signs: a signing key is configured
    assert result.commit
    (lena,) = result.created
    assert lena.signed
    assert "BEGIN PGP SIGNATURE" in repo.git.run("cat-file", "tag", lena.tag)
    (checked,) = verify(repo)
    assert checked.state == VerifyState.OK
    assert [a.approver for a in checked.approvals if a.signed] == ["Lena Possbeck"]

    # someone without Lena's public key cannot confirm her signature: verify says so and fails
    empty = Path(tempfile.mkdtemp(prefix="cesam-gpg-"))
    empty.chmod(0o700)
    monkeypatch.setenv("GNUPGHOME", str(empty))
    try:
        (unchecked,) = verify(repo)
        assert unchecked.state == VerifyState.BAD_SIGNATURE and unchecked.failed
        ((approval, problem),) = unchecked.bad_signatures
        assert approval.approver == "Lena Possbeck" and "public key" in problem.lower()
    finally:
        subprocess.run(["gpgconf", "--kill", "gpg-agent"], capture_output=True, check=False)
        shutil.rmtree(empty, ignore_errors=True)
        monkeypatch.setenv("GNUPGHOME", str(gnupg))


def test_tampered_signed_tag_is_a_bad_signature(repo: Repository, gnupg: Path) -> None:
    repo.create(held_meeting())
    repo.git.run("config", "user.signingkey", "lena@example.se")
    adjust(repo, REF, ["Alexandra Eldstål", "Magnus Gyllestad"], sign=False)
    (lena,) = adjust(repo, REF, ["Lena Possbeck"]).created
    # rewrite the tag's message but keep its signature: git verify-tag must refuse it
    raw = repo.git.run("cat-file", "tag", lena.tag, strip=False)
    forged = raw.replace("godkänt av Lena Possbeck", "godkänt av Lena  Possbeck", 1)
    assert forged != raw
    oid = repo.git.run("hash-object", "-t", "tag", "-w", "--stdin", stdin=forged)
    repo.git.run("update-ref", lena.tag, oid)
    (result,) = verify(repo)
    assert result.state == VerifyState.BAD_SIGNATURE
    assert "BAD signature" in result.bad_signatures[0][1]


def test_a_change_that_arrives_through_a_merge_names_its_own_commit(
    repo: Repository, remote: Path, tmp_path: Path
) -> None:
    adjust(repo, REF)
    repo.git.run("push", "-q", "origin", "main")
    push_tags(repo)
    other = clone(remote, tmp_path / "other", "Kalle Klåfinger", "kalle@example.se")
    path = other.root / "meetings/cesam/2023/2023-09-05.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("Koncernfrågor", "Koncernfrågor!"), encoding="utf-8")
    other.git.run("commit", "-q", "-a", "-m", "liten rättelse")
    bad = other.git.run("rev-parse", "HEAD")
    other.git.run("push", "-q", "origin", "main")
    repo.create(held_meeting(dt.date(2023, 10, 3)))  # meanwhile, other work: the pull merges
    repo.git.run("pull", "-q", "--no-rebase", "--no-edit")
    assert len(repo.git.run("log", "-1", "--format=%P").split()) == 2
    (result,) = verify(repo, [REF])
    assert result.state == VerifyState.CHANGED
    assert [(c.commit, c.author) for c in result.changes] == [(bad, "Kalle Klåfinger")]


def test_verify_says_how_to_finish_when_approvals_from_several_clones_are_all_here(
    repo: Repository, remote: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from cesam_cli.main import main as cesam

    alexandra = clone(remote, tmp_path / "alexandra", "Alexandra Eldstål", "alexandra@example.se")
    lena = clone(remote, tmp_path / "lena", "Lena Possbeck", "lena@example.se")
    adjust(alexandra, REF, ["Alexandra Eldstål"])
    push_tags(alexandra)
    adjust(lena, REF, ["Lena Possbeck"])
    push_tags(lena)
    fetch_tags(repo)  # the secretary has both approvals; the meeting is still hållen
    assert repo.load(REF).meeting.status == Status.HELD
    cesam(["--repo", str(repo.root), "--lang", "en", "verify"])
    said = capsys.readouterr().out
    command = f"cesam adjust {REF} --as 'Alexandra Eldstål'"
    assert f"all approvals present: run `{command}` to finish" in said
    assert cesam(["--repo", str(repo.root), "adjust", REF, "--as", "Alexandra Eldstål"]) == 0
    assert repo.load(REF).meeting.status == Status.ADJUSTED
