"""Sync against real remotes: a bare repository, the secretary's clone in cesam, a reviewer with plain git."""

from __future__ import annotations

import datetime as dt
import os
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from conftest import ROOT, git_log, small_config, small_meeting

from cesam_cli.main import main as cesam
from store.core import codec
from store.core.errors import ConflictError, ExitCode, RemoteError, RepoStateError
from store.core.merge import Choice, ConflictKind, Take
from store.core.model import Attendee, Meeting, Statement, StatementKind
from store.services.repository import Repository, init_repository
from store.services.sync import (
    LOCAL_BRANCH,
    SyncAction,
    SyncConflict,
    find_conflicts,
    resolve,
    sync,
    sync_status,
)

MEETING = "meetings/cesam/2023/2023-09-05.toml"


def git(cwd: Path, *args: str, check: bool = True) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_DIR")}
    proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env, check=False)
    if check and proc.returncode:
        raise AssertionError(f"git {' '.join(args)} failed: {proc.stderr}")
    return proc.stdout.strip()


def meeting() -> Meeting:
    m = small_meeting()
    m.place = "Stadshuset"
    m.attendees = [Attendee("anna", "Anna Andersson", "HR-chef"), Attendee("bo", "Bo Berg", party="Vision")]
    m.item("koncern").statements = [
        Statement("vision-1", "Vision", StatementKind.QUESTION, "Hur går det?", answer="Bra."),
        Statement("saco-1", "SACO", StatementKind.VIEW, "Bra."),
    ]
    return m


@dataclass
class World:
    tmp: Path
    remote: Path
    secretary: Repository
    reviewer: Path

    def edit(self, old: str, new: str, *, where: Path | None = None, relpath: str = MEETING) -> None:
        """A reviewer's edit in a text editor: replace text in the file."""
        path = (where or self.reviewer) / relpath
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relpath}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def reviewer_commit(self, message: str = "Granskning", *, push: bool = True) -> None:
        git(self.reviewer, "commit", "-qam", message)
        if push:
            git(self.reviewer, "push", "-q")

    def remote_text(self, relpath: str = MEETING) -> str:
        return git(self.remote, "show", f"main:{relpath}")

    def remote_meeting(self, relpath: str = MEETING) -> Meeting:
        return codec.loads(self.remote_text(relpath) + "\n")[0]

    def assert_clean_stop(self) -> None:
        state = self.secretary.state()
        assert state.clean, state
        assert not (self.secretary.git_dir / "MERGE_HEAD").exists()
        text = (self.secretary.root / MEETING).read_text(encoding="utf-8")
        assert "<<<<<<<" not in text and ">>>>>>>" not in text


@pytest.fixture
def world(tmp_path: Path) -> World:
    return make_world(tmp_path)


def make_world(tmp_path: Path) -> World:
    """A bare remote, the secretary's cesam repository pushed to it, and a reviewer's plain clone."""
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    repo = init_repository(tmp_path / "sekreterare", small_config())
    repo.create(meeting())
    git(repo.root, "remote", "add", "origin", str(remote))
    assert sync(repo).action == SyncAction.PUSHED
    reviewer = tmp_path / "granskare"
    git(tmp_path, "clone", "-q", str(remote), str(reviewer))
    git(reviewer, "config", "user.name", "Rita Granskare")
    git(reviewer, "config", "user.email", "rita@example.se")
    return World(tmp_path, remote, repo, reviewer)


def set_text(m: Meeting, text: str) -> None:
    m.item("koncern").statement("vision-1").text = text


# ------------------------------------------------------------------ the plain cases


def test_first_sync_pushes_and_sets_upstream(world: World) -> None:
    repo = world.secretary
    assert git(repo.root, "rev-parse", "--abbrev-ref", "main@{u}") == "origin/main"
    assert world.remote_text() == (repo.root / MEETING).read_text(encoding="utf-8").rstrip("\n")
    assert sync(repo).action == SyncAction.UP_TO_DATE


def test_only_remote_moved_fast_forwards(world: World) -> None:
    world.edit('title = "Digitalisering"', 'title = "Digitalisering och AI"')
    world.reviewer_commit("§ 2 a: ny rubrik")
    result = sync(world.secretary)
    assert result.action == SyncAction.PULLED
    assert [c.subject for c in result.pulled] == ["§ 2 a: ny rubrik"]
    assert world.secretary.load("2023-09-05").meeting.item("digital").title == "Digitalisering och AI"
    # a fast-forward: no merge commit
    assert git(world.secretary.root, "rev-parse", "HEAD") == git(world.remote, "rev-parse", "main")


def test_only_we_moved_pushes(world: World) -> None:
    world.secretary.apply("2023-09-05", lambda m: setattr(m, "place", "Rådhuset"))
    result = sync(world.secretary)
    assert result.action == SyncAction.PUSHED
    assert [c.subject for c in result.pushed] == ["CESAM 2023-09-05: plats ändrad"]
    assert world.remote_meeting().place == "Rådhuset"
    status = sync_status(world.secretary)
    assert (status.ahead, status.behind, status.in_sync) == (0, 0, True)


def test_status_counts_ahead_and_behind(world: World) -> None:
    world.edit('title = "Digitalisering"', 'title = "Digitalisering och AI"')
    world.reviewer_commit("ny rubrik")
    world.secretary.apply("2023-09-05", lambda m: setattr(m, "place", "Rådhuset"))
    status = sync_status(world.secretary)
    assert (status.ahead, status.behind) == (1, 0)  # nothing fetched yet: no network in status
    git(world.secretary.root, "fetch", "-q")
    status = sync_status(world.secretary)
    assert (status.ahead, status.behind) == (1, 1)
    assert [c.subject for c in status.unsynced] == ["CESAM 2023-09-05: plats ändrad"]
    assert [c.author for c in status.incoming] == ["Rita Granskare"]
    assert status.line() == "main · ↑1 ↓1"


# ------------------------------------------------------------------ both moved


def test_far_edits_in_the_same_meeting_are_both_kept(world: World) -> None:
    world.secretary.apply("2023-09-05", lambda m: setattr(m, "place", "Rådhuset"))
    world.edit('title = "Digitalisering"', 'title = "Digitalisering och AI"')
    world.reviewer_commit()
    result = sync(world.secretary)
    assert result.action == SyncAction.MERGED
    merged = world.remote_meeting()
    assert (merged.place, merged.item("digital").title) == ("Rådhuset", "Digitalisering och AI")
    parents = git(world.secretary.root, "log", "-1", "--format=%P").split()
    assert len(parents) == 2
    assert git_log(world.secretary, "-1")[0] == "Synk: sammanfogat med origin/main"
    assert world.secretary.state().clean


def test_adjacent_edits_of_one_statement_are_both_kept(world: World) -> None:
    # text and answer are neighbouring lines: git alone would conflict here
    world.secretary.apply("2023-09-05", lambda m: set_text(m, "Hur går det med budgeten?"))
    world.edit('answer = "Bra."', 'answer = "Enligt plan."')
    world.reviewer_commit()
    sync(world.secretary)
    statement = world.remote_meeting().item("koncern").statement("vision-1")
    assert (statement.text, statement.answer) == ("Hur går det med budgeten?", "Enligt plan.")
    # the reviewer gets it back with a plain pull (a fast-forward)
    git(world.reviewer, "pull", "-q")
    assert "Hur går det med budgeten?" in (world.reviewer / MEETING).read_text(encoding="utf-8")


def test_a_new_meeting_on_each_side(world: World) -> None:
    world.secretary.create(small_meeting(dt.date(2023, 10, 3)))
    other = "meetings/cesam/2023/2023-11-07.toml"
    (world.reviewer / other).write_text(codec.dumps(small_meeting(dt.date(2023, 11, 7))), encoding="utf-8")
    git(world.reviewer, "add", other)
    world.reviewer_commit("Nytt möte 7 november")
    assert sync(world.secretary).action == SyncAction.MERGED
    names = git(world.remote, "ls-tree", "-r", "--name-only", "main").splitlines()
    assert {"meetings/cesam/2023/2023-10-03.toml", other} <= set(names)
    assert len(world.secretary.list_refs()) == 3


def test_same_field_on_both_sides_stops_cleanly_and_keeps_both(world: World) -> None:
    repo = world.secretary
    repo.apply("2023-09-05", lambda m: set_text(m, "Vår version"))
    ours = git(repo.root, "rev-parse", "HEAD")
    world.edit('text = "Hur går det?"', 'text = "Deras version"')
    world.edit('title = "Digitalisering"', 'title = "Digitalisering och AI"')
    world.reviewer_commit()
    theirs = git(world.remote, "rev-parse", "main")
    with pytest.raises(SyncConflict) as info:
        sync(repo)
    error = info.value
    assert error.exit_code == ExitCode.CONFLICT
    assert [c.path for c in error.conflicts] == ["§ 2 Koncernfrågor: Vision – fråga, text"]
    assert "CESAM 2023-09-05" in error.message and "Vår version" in error.message
    assert "cesam resolve" in str(error)
    # nothing written, nothing lost
    world.assert_clean_stop()
    assert git(repo.root, "rev-parse", "HEAD") == ours
    assert error.branch.startswith(f"{LOCAL_BRANCH}cesam-2023-09-05-")
    assert git(repo.root, "rev-parse", error.branch) == ours
    assert git(world.remote, "rev-parse", "main") == theirs
    assert repo.load("2023-09-05").meeting.item("koncern").statement("vision-1").text == "Vår version"
    # a second sync refuses until it is settled
    with pytest.raises(ConflictError, match="inte är löst"):
        sync(repo)
    status = sync_status(repo)
    assert status.conflict is not None and status.conflict.branch == error.branch
    assert "konflikt" in status.line()


@pytest.mark.parametrize("take", [Take.MINE, Take.THEIRS])
def test_resolve_field_by_field_makes_one_merge_commit(world: World, take: Take) -> None:
    repo = world.secretary
    repo.apply("2023-09-05", lambda m: set_text(m, "Vår version"))
    repo.apply("2023-09-05", lambda m: setattr(m, "place", "Rådhuset"))
    ours = git(repo.root, "rev-parse", "HEAD")
    world.edit('text = "Hur går det?"', 'text = "Deras version"')
    world.edit('title = "Digitalisering"', 'title = "Digitalisering och AI"')
    world.reviewer_commit()
    theirs = git(world.remote, "rev-parse", "main")
    with pytest.raises(SyncConflict):
        sync(repo)
    pending = find_conflicts(repo)
    assert pending is not None
    (conflict,) = pending.conflicts
    assert (conflict.base, conflict.ours, conflict.theirs) == ("Hur går det?", "Vår version", "Deras version")
    result = resolve(repo, {conflict.id: Choice(take)})
    assert result.commit
    parents = git(repo.root, "log", "-1", "--format=%P").split()
    assert parents == [ours, theirs]
    merged = repo.load("2023-09-05").meeting
    expected = "Vår version" if take == Take.MINE else "Deras version"
    assert merged.item("koncern").statement("vision-1").text == expected
    assert (merged.place, merged.item("digital").title) == ("Rådhuset", "Digitalisering och AI")
    assert repo.state().clean
    assert find_conflicts(repo) is None
    assert git(repo.root, "branch", "--list", f"{LOCAL_BRANCH}*") == ""  # merged, so removed
    assert sync(repo).action == SyncAction.PUSHED
    assert world.remote_meeting().item("koncern").statement("vision-1").text == expected


def test_resolve_with_an_edited_value(world: World) -> None:
    repo = world.secretary
    repo.apply("2023-09-05", lambda m: set_text(m, "Vår version"))
    world.edit('text = "Hur går det?"', 'text = "Deras version"')
    world.reviewer_commit()
    with pytest.raises(SyncConflict):
        sync(repo)
    pending = find_conflicts(repo)
    assert pending is not None
    resolve(repo, {pending.conflicts[0].id: Choice(Take.EDIT, "Vår och deras version")})
    assert repo.load("2023-09-05").meeting.item("koncern").statement("vision-1").text == "Vår och deras version"


def test_deleted_item_against_edited_item(world: World) -> None:
    repo = world.secretary
    repo.apply("2023-09-05", lambda m: setattr(m, "items", [i for i in m.items if i.id != "digital"]))
    world.edit('title = "Digitalisering"', 'title = "Digitalisering och AI"')
    world.reviewer_commit()
    with pytest.raises(SyncConflict) as info:
        sync(repo)
    (conflict,) = info.value.conflicts
    assert conflict.kind == ConflictKind.REMOVED
    assert conflict.path.startswith("§ 2 a Digitalisering och AI – borttagen på ena sidan")
    world.assert_clean_stop()
    resolve(repo, {}, default=Take.THEIRS)
    assert repo.load("2023-09-05").meeting.item("digital").title == "Digitalisering och AI"


def test_conflict_after_the_remote_moved_keeps_both_then_resolves_with_cli(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = world.secretary
    repo.apply("2023-09-05", lambda m: setattr(m, "place", "Rådhuset"))
    world.edit('place = "Stadshuset"', 'place = "Kommunhuset"')
    world.reviewer_commit()
    assert cesam(["--repo", str(repo.root), "sync"]) == ExitCode.CONFLICT
    err = capsys.readouterr().err
    assert "plats" in err and "din:   Rådhuset" in err and "deras: Kommunhuset" in err
    assert cesam(["--repo", str(repo.root), "resolve", "--list"]) == ExitCode.CONFLICT
    out = capsys.readouterr().out
    assert "1. möte: plats" in out and f"{MEETING}#place" in out
    assert cesam(["--repo", str(repo.root), "resolve", "--field", "1=theirs"]) == 0
    assert cesam(["--repo", str(repo.root), "sync"]) == 0
    assert world.remote_meeting().place == "Kommunhuset"
    assert "Konflikt löst vid synk med origin/main: CESAM 2023-09-05" in git_log(repo)


# ------------------------------------------------------------------ pushes that race


def _hook(path: Path, body: str) -> None:
    path.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


CLEAN_ENV = "env -u GIT_DIR -u GIT_WORK_TREE -u GIT_INDEX_FILE -u GIT_PREFIX -u GIT_QUARANTINE_PATH"


def test_push_rejected_because_the_remote_moved_after_our_fetch_is_retried(world: World) -> None:
    repo = world.secretary
    world.edit('title = "Digitalisering"', 'title = "Digitalisering och AI"')
    world.reviewer_commit("första")
    world.edit('place = "Stadshuset"', 'place = "Kommunhuset"')
    world.reviewer_commit("andra", push=False)
    repo.apply("2023-09-05", lambda m: set_text(m, "Vår version"))
    # as soon as our fetch has updated origin/main, the reviewer pushes again:
    # our push then finds the remote moved ("fetch first") and must fetch again
    mark = world.tmp / "pushed-once"
    _hook(
        repo.git_dir / "hooks" / "reference-transaction",
        f'[ "$1" = committed ] || exit 0\n'
        f"grep -q refs/remotes/origin/main || exit 0\n"
        f'[ -e "{mark}" ] && exit 0\n'
        f'touch "{mark}"\n'
        f'{CLEAN_ENV} git -C "{world.reviewer}" push -q >/dev/null 2>&1\n'
        f"exit 0\n",
    )
    result = sync(repo)
    assert mark.exists()
    assert result.attempts == 2
    merged = world.remote_meeting()
    assert merged.item("digital").title == "Digitalisering och AI"
    assert merged.place == "Kommunhuset"
    assert merged.item("koncern").statement("vision-1").text == "Vår version"
    assert git(repo.root, "rev-parse", "HEAD") == git(world.remote, "rev-parse", "main")


def test_push_racing_another_push_is_retried(world: World) -> None:
    repo = world.secretary
    world.edit('place = "Stadshuset"', 'place = "Kommunhuset"')
    world.reviewer_commit("deras", push=False)
    repo.apply("2023-09-05", lambda m: set_text(m, "Vår version"))
    mark = world.tmp / "raced-once"
    # pre-push runs after git has read the remote's refs: the remote moves under our push
    _hook(
        repo.git_dir / "hooks" / "pre-push",
        f'[ -e "{mark}" ] && exit 0\ntouch "{mark}"\n{CLEAN_ENV} git -C "{world.reviewer}" push -q >/dev/null 2>&1\nexit 0\n',
    )
    result = sync(repo)
    assert result.attempts == 2
    merged = world.remote_meeting()
    assert (merged.place, merged.item("koncern").statement("vision-1").text) == ("Kommunhuset", "Vår version")


def test_push_refused_by_the_remote_is_reported_and_nothing_lost(world: World) -> None:
    _hook(world.remote / "hooks" / "pre-receive", "echo 'grenen är skyddad' >&2\nexit 1\n")
    world.secretary.apply("2023-09-05", lambda m: setattr(m, "place", "Rådhuset"))
    head = git(world.secretary.root, "rev-parse", "HEAD")
    with pytest.raises(RemoteError, match="tog inte emot"):
        sync(world.secretary)
    assert git(world.secretary.root, "rev-parse", "HEAD") == head
    assert sync_status(world.secretary).ahead == 1


# ------------------------------------------------------------------ remotes that fail


def test_no_remote_configured(tmp_path: Path) -> None:
    repo = init_repository(tmp_path / "ensam", small_config())
    with pytest.raises(RemoteError, match="Inget fjärrarkiv") as info:
        sync(repo)
    assert "git remote add origin" in info.value.hint
    assert sync_status(repo).line() == "main · inget fjärrarkiv"


def test_unreachable_remote_leaves_local_work_intact(world: World) -> None:
    repo = world.secretary
    repo.apply("2023-09-05", lambda m: setattr(m, "place", "Rådhuset"))
    head = git(repo.root, "rev-parse", "HEAD")
    git(repo.root, "remote", "set-url", "origin", str(world.tmp / "finns-inte.git"))
    with pytest.raises(RemoteError) as info:
        sync(repo)
    assert info.value.exit_code == ExitCode.REMOTE
    assert "gick inte att nå" in info.value.message and "finns-inte.git" in info.value.message
    assert "finns kvar" in info.value.hint
    assert git(repo.root, "rev-parse", "HEAD") == head and repo.state().clean


def test_unreachable_ssh_remote_fails_without_asking(world: World) -> None:
    git(world.secretary.root, "remote", "set-url", "origin", "ssh://nobody@127.0.0.1:1/arkiv.git")
    with pytest.raises(RemoteError, match="gick inte att nå"):
        sync(world.secretary)


class _AskForPassword(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Basic realm="arkiv"')
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def password_server() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), _AskForPassword)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/arkiv.git"
    server.shutdown()
    server.server_close()


def test_authentication_refused_never_prompts(world: World, password_server: str) -> None:
    git(world.secretary.root, "remote", "set-url", "origin", password_server)
    with pytest.raises(RemoteError, match="nekade inloggningen") as info:
        sync(world.secretary)
    assert "ssh-agent" in info.value.hint and "credential helper" in info.value.hint


def test_force_pushed_remote_is_detected_and_nothing_is_lost(world: World) -> None:
    repo = world.secretary
    # the reviewer throws away the meeting commit and force-pushes
    git(world.reviewer, "reset", "-q", "--hard", "HEAD~1")
    (world.reviewer / "README.md").write_text("annan historik\n", encoding="utf-8")
    git(world.reviewer, "add", "README.md")
    world.reviewer_commit("Omskriven", push=False)
    git(world.reviewer, "push", "-q", "--force")
    repo.apply("2023-09-05", lambda m: setattr(m, "place", "Rådhuset"))
    head = git(repo.root, "rev-parse", "HEAD")
    with pytest.raises(RemoteError, match="skrivits om") as info:
        sync(repo)
    assert "--accept-rewritten" in info.value.hint
    assert git(repo.root, "rev-parse", "HEAD") == head and repo.state().clean
    # it stays detected: a second sync does not quietly merge
    with pytest.raises(RemoteError, match="skrivits om"):
        sync(repo)
    result = sync(repo, accept_rewritten=True)
    assert result.action == SyncAction.MERGED
    names = git(world.remote, "ls-tree", "-r", "--name-only", "main").splitlines()
    assert MEETING in names and "README.md" in names
    assert world.remote_meeting().place == "Rådhuset"
    assert sync(repo).action == SyncAction.UP_TO_DATE


def test_remote_rewritten_past_what_we_have_keeps_a_branch(world: World) -> None:
    repo = world.secretary
    world.edit('place = "Stadshuset"', 'place = "Kommunhuset"')
    world.reviewer_commit("kommunhuset")
    sync(repo)
    # we hold the reviewer's commit; now make our own history lose it, then the remote too
    git(repo.root, "reset", "-q", "--hard", "HEAD~1")
    git(world.reviewer, "reset", "-q", "--hard", "HEAD~1")
    git(world.reviewer, "commit", "-q", "--allow-empty", "-m", "annan")
    git(world.reviewer, "push", "-q", "--force")
    with pytest.raises(RemoteError) as info:
        sync(repo)
    kept = [b.strip() for b in git(repo.root, "branch", "--list", "cesam/fjarrarkiv-fore-omskrivning-*").splitlines()]
    assert len(kept) == 1 and kept[0] in info.value.message
    assert codec.loads(git(repo.root, "show", f"{kept[0]}:{MEETING}") + "\n")[0].place == "Kommunhuset"


# ------------------------------------------------------------------ hand edits and tags


def test_sync_refuses_over_uncommitted_hand_edits(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    repo = world.secretary
    path = repo.root / MEETING
    path.write_text(path.read_text(encoding="utf-8").replace("Stadshuset", "Handskrivet"), encoding="utf-8")
    world.edit('title = "Digitalisering"', 'title = "Digitalisering och AI"')
    world.reviewer_commit()
    with pytest.raises(RepoStateError, match="inte är committade") as info:
        sync(repo)
    assert "commit-edits" in info.value.hint
    assert "Handskrivet" in path.read_text(encoding="utf-8")
    assert git(repo.root, "log", "-1", "--format=%s") == "CESAM 2023-09-05: möte tillagt"
    assert cesam(["--repo", str(repo.root), "status", "--diff"]) == 1
    out = capsys.readouterr().out
    assert "ändrad, ej committad: " + MEETING in out and '+place = "Handskrivet"' in out
    assert cesam(["--repo", str(repo.root), "discard-edits", "--yes", MEETING]) == 0
    assert "Handskrivet" not in path.read_text(encoding="utf-8")
    kept = list((repo.git_dir / "cesam" / "discarded").iterdir())
    assert len(kept) == 1 and "Handskrivet" in kept[0].read_text(encoding="utf-8")
    assert sync(repo).action == SyncAction.PULLED


def test_tags_travel_and_are_never_overwritten(world: World) -> None:
    repo = world.secretary
    git(repo.root, "tag", "-a", "-m", "Justerat av Anna", "justering/cesam/2023-09-05/anna")
    sync(repo)
    assert git(world.remote, "tag", "--list") == "justering/cesam/2023-09-05/anna"
    # the reviewer's approval arrives with the next sync
    git(world.reviewer, "fetch", "-q", "--tags")
    git(world.reviewer, "tag", "-a", "-m", "Justerat av Bo", "justering/cesam/2023-09-05/bo")
    git(world.reviewer, "push", "-q", "--tags")
    sync(repo)
    assert "justering/cesam/2023-09-05/bo" in git(repo.root, "tag", "--list")
    # the same tag name made differently on both sides: each keeps its own, with a warning
    git(repo.root, "tag", "-a", "-m", "vår", "justering/cesam/2023-09-05/cecilia")
    git(world.reviewer, "tag", "-a", "-m", "deras", "justering/cesam/2023-09-05/cecilia")
    git(world.reviewer, "push", "-q", "--tags")
    ours = git(repo.root, "rev-parse", "justering/cesam/2023-09-05/cecilia")
    theirs = git(world.remote, "rev-parse", "justering/cesam/2023-09-05/cecilia")
    repo.apply("2023-09-05", lambda m: setattr(m, "place", "Rådhuset"))
    result = sync(repo)
    assert result.action == SyncAction.PUSHED
    assert any("cecilia" in w for w in result.warnings)
    assert git(repo.root, "rev-parse", "justering/cesam/2023-09-05/cecilia") == ours
    assert git(world.remote, "rev-parse", "justering/cesam/2023-09-05/cecilia") == theirs


# ------------------------------------------------------------------ a reviewer's own git pull


@pytest.fixture
def cesam_on_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A `cesam` command on PATH, as an installed cesam would provide."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    _hook(bin_dir / "cesam", f'PYTHONPATH="{ROOT}" exec "{sys.executable}" -m cesam_cli.main "$@"\n')
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return bin_dir


def _register_driver(world: World) -> None:
    # what `cesam sync` does on first use; a reviewer can run `cesam init`-free:
    git(world.reviewer, "config", "merge.cesam.driver", "cesam merge-driver %O %A %B %P")


def test_reviewers_git_pull_merges_field_by_field(world: World, cesam_on_path: Path) -> None:
    _register_driver(world)
    world.secretary.apply("2023-09-05", lambda m: set_text(m, "Hur går det med budgeten?"))
    sync(world.secretary)
    world.edit('answer = "Bra."', 'answer = "Enligt plan."')
    world.reviewer_commit("svar", push=False)
    git(world.reviewer, "pull", "-q", "--no-rebase", "--no-edit")
    merged = codec.loads((world.reviewer / MEETING).read_text(encoding="utf-8"))[0]
    statement = merged.item("koncern").statement("vision-1")
    assert (statement.text, statement.answer) == ("Hur går det med budgeten?", "Enligt plan.")
    git(world.reviewer, "push", "-q")
    assert sync(world.secretary).action == SyncAction.PULLED


def test_reviewers_git_pull_conflict_marks_only_the_field(world: World, cesam_on_path: Path) -> None:
    _register_driver(world)
    world.secretary.apply("2023-09-05", lambda m: set_text(m, "Vår version"))
    world.secretary.apply("2023-09-05", lambda m: setattr(m, "place", "Rådhuset"))
    sync(world.secretary)
    world.edit('text = "Hur går det?"', 'text = "Deras version"')
    world.reviewer_commit("text", push=False)
    proc = subprocess.run(
        ["git", "pull", "--no-rebase", "--no-edit"], cwd=world.reviewer, capture_output=True, text=True
    )
    assert proc.returncode != 0
    assert "§ 2 Koncernfrågor: Vision – fråga, text" in proc.stderr
    text = (world.reviewer / MEETING).read_text(encoding="utf-8")
    assert text.count("<<<<<<<") == 1
    conflict_block = text[text.index("<<<<<<<") : text.index(">>>>>>>")]
    assert "Deras version" in conflict_block and "Vår version" in conflict_block
    assert 'place = "Rådhuset"' in text  # merged outside the markers
    # the reviewer settles it with cesam in their clone: one merge commit
    reviewer = Repository.open(world.reviewer)
    pending = find_conflicts(reviewer)
    assert pending is not None and pending.source == "merge"
    result = resolve(reviewer, {}, default=Take.MINE)
    assert result.commit and len(git(world.reviewer, "log", "-1", "--format=%P").split()) == 2
    merged = reviewer.load("2023-09-05").meeting
    assert (merged.place, merged.item("koncern").statement("vision-1").text) == ("Rådhuset", "Deras version")


def test_without_cesam_on_path_git_pull_stops_and_nothing_merges_wrongly(world: World) -> None:
    _register_driver(world)  # configured, but no cesam on PATH
    world.secretary.apply("2023-09-05", lambda m: setattr(m, "place", "Rådhuset"))
    sync(world.secretary)
    world.edit('title = "Digitalisering"', 'title = "Digitalisering och AI"')
    world.reviewer_commit("rubrik", push=False)
    proc = subprocess.run(
        ["git", "pull", "--no-rebase", "--no-edit"], cwd=world.reviewer, capture_output=True, text=True
    )
    assert proc.returncode != 0  # git cannot run the driver: it reports the file as conflicted
    reviewer = Repository.open(world.reviewer)
    assert reviewer.state().unmerged == [MEETING]
    # cesam (run any way) settles it from git's index: here nothing actually conflicts
    pending = find_conflicts(reviewer)
    assert pending is not None and pending.conflicts == []
    resolve(reviewer, {})
    merged = reviewer.load("2023-09-05").meeting
    assert (merged.place, merged.item("digital").title) == ("Rådhuset", "Digitalisering och AI")


# ------------------------------------------------------------------ files that are not meetings


def test_binary_attachment_changed_on_both_sides_is_chosen_whole(world: World) -> None:
    repo = world.secretary
    pdf = "bilagor/2023-09-05/budget.pdf"
    (repo.root / pdf).parent.mkdir(parents=True)
    (repo.root / pdf).write_bytes(b"%PDF-1.4\x00\xffbas")
    repo.git.run("add", pdf)
    repo.git.run("commit", "-qm", "bilaga")
    sync(repo)
    git(world.reviewer, "pull", "-q")
    theirs_bytes = b"%PDF-1.4\x00\xfe\xfftheirs"
    (world.reviewer / pdf).write_bytes(theirs_bytes)
    world.reviewer_commit("deras bilaga")
    (repo.root / pdf).write_bytes(b"%PDF-1.4\x00\xfdours")
    repo.git.run("commit", "-qam", "vår bilaga")
    with pytest.raises(SyncConflict) as info:
        sync(repo)
    assert [c.path for c in info.value.conflicts] == [f"{pdf}: ändrad på båda håll (inte text)"]
    assert repo.state().clean
    resolve(repo, {f"{pdf}#file": Choice(Take.THEIRS)})
    assert (repo.root / pdf).read_bytes() == theirs_bytes
    assert git(repo.root, "rev-parse", f"HEAD:{pdf}") == git(world.remote, "rev-parse", f"main:{pdf}")


def test_config_changed_on_the_same_line_is_a_whole_file_choice(world: World) -> None:
    repo = world.secretary
    config = repo.root / "cesam.toml"
    config.write_text(config.read_text(encoding="utf-8").replace("Testkommun", "Vår kommun"), encoding="utf-8")
    repo.commit_working_file("cesam.toml")
    world.edit("Testkommun", "Deras kommun", relpath="cesam.toml")
    world.reviewer_commit()
    with pytest.raises(SyncConflict) as info:
        sync(repo)
    (conflict,) = info.value.conflicts
    assert conflict.kind == ConflictKind.FILE and conflict.file == "cesam.toml"
    world.assert_clean_stop()
    resolve(repo, {}, default=Take.MINE)
    assert "Vår kommun" in config.read_text(encoding="utf-8")


def test_reviewers_pull_rebase_conflict_settled_with_mine_meaning_theirs_commit(
    world: World, cesam_on_path: Path
) -> None:
    _register_driver(world)
    world.secretary.apply("2023-09-05", lambda m: set_text(m, "Sekreterarens"))
    sync(world.secretary)
    world.edit('text = "Hur går det?"', 'text = "Granskarens"')
    world.edit('title = "Digitalisering"', 'title = "Digitalisering och AI"')
    world.reviewer_commit("granskning", push=False)
    proc = subprocess.run(["git", "pull", "--rebase"], cwd=world.reviewer, capture_output=True, text=True)
    assert proc.returncode != 0
    reviewer = Repository.open(world.reviewer)
    pending = find_conflicts(reviewer)
    assert pending is not None and pending.source == "rebase"
    (conflict,) = pending.conflicts
    assert (conflict.ours, conflict.theirs) == ("Granskarens", "Sekreterarens")  # mine = the reviewer's
    result = resolve(reviewer, {conflict.id: Choice(Take.MINE)})
    assert result.commit is None and "rebase --continue" in result.message
    git(world.reviewer, "-c", "core.editor=true", "rebase", "--continue")
    merged = reviewer.load("2023-09-05").meeting
    assert merged.item("koncern").statement("vision-1").text == "Granskarens"
    assert merged.item("digital").title == "Digitalisering och AI"
    assert len(git(world.reviewer, "log", "-1", "--format=%P").split()) == 1  # rebased, not merged


def test_conflict_settled_with_plain_git_lets_sync_go_on(world: World, cesam_on_path: Path) -> None:
    repo = world.secretary
    repo.apply("2023-09-05", lambda m: setattr(m, "place", "Rådhuset"))
    world.edit('place = "Stadshuset"', 'place = "Kommunhuset"')
    world.reviewer_commit()
    with pytest.raises(SyncConflict):
        sync(repo)
    # the secretary settles it by hand with git instead of cesam resolve
    proc = subprocess.run(["git", "merge", "origin/main"], cwd=repo.root, capture_output=True, text=True)
    assert proc.returncode != 0
    world.edit(
        '<<<<<<< mine\nplace = "Rådhuset"\n=======\nplace = "Kommunhuset"\n>>>>>>> theirs\n',
        'place = "Stadshuset"\n',
        where=repo.root,
    )
    git(repo.root, "commit", "-qam", "Plats: Stadshuset")
    assert sync_status(repo).conflict is None
    assert sync(repo).action == SyncAction.PUSHED
    assert world.remote_meeting().place == "Stadshuset"
    assert not (repo.git_dir / "cesam" / "sync-conflict.json").exists()
