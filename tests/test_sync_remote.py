"""No hang, no false calm: every remote operation has a time limit; a deleted remote branch is said."""

from __future__ import annotations

import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_sync import World, git, make_world

from cesam_cli.main import main as cesam
from store.core.errors import ExitCode, RemoteError
from store.services.sync import sync, sync_status


@pytest.fixture
def world(tmp_path: Path) -> World:
    return make_world(tmp_path)


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A TCP listener on 127.0.0.1 that accepts every connection and never says a word."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            held.append(conn)  # kept open, never read from or written to

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    server.close()


@pytest.mark.parametrize(
    "scheme",
    [
        "git",
        "http",
        pytest.param("ssh", marks=pytest.mark.skipif(shutil.which("ssh") is None, reason="no ssh client")),
    ],
)
def test_a_remote_that_never_answers_ends_within_the_timeout(
    world: World, silent_port: int, scheme: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CESAM_REMOTE_TIMEOUT", "2")
    repo = world.secretary
    git(repo.root, "remote", "set-url", "origin", f"{scheme}://127.0.0.1:{silent_port}/remote.git")
    repo.apply("2023-09-05", lambda m: setattr(m, "place", "Rådhuset"))
    head = git(repo.root, "rev-parse", "HEAD")
    assert cesam(["--repo", str(repo.root), "sync"]) == ExitCode.REMOTE
    err = capsys.readouterr().err
    assert "svarade inte inom 2 sekunder" in err and f"127.0.0.1:{silent_port}" in err
    assert git(repo.root, "rev-parse", "HEAD") == head and repo.state().clean


def test_a_local_remote_that_hangs_is_stopped_too(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """A path remote runs git-upload-pack on this machine; one that hangs (a stuck disk, say) is killed."""
    monkeypatch.setenv("CESAM_REMOTE_TIMEOUT", "2")
    repo = world.secretary
    git(repo.root, "remote", "set-url", "origin", f"file://{world.remote}")
    git(repo.root, "config", "remote.origin.uploadpack", "sleep 600; git-upload-pack")
    with pytest.raises(RemoteError, match=r"did not answer|svarade inte"):
        sync(repo)


def test_a_deleted_remote_branch_is_reported_not_in_sync(world: World) -> None:
    repo = world.secretary
    git(world.remote, "update-ref", "-d", "refs/heads/main")
    with pytest.raises(RemoteError) as info:
        sync(repo)
    assert "finns inte längre" in str(info.value)
    assert "I fas" not in str(info.value)
    status = sync_status(repo)
    assert not status.remote_branch_exists and not status.in_sync
