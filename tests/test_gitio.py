"""The typed git layer (store/gitio): each promise in docs/architecture.md's table, against real git."""

from __future__ import annotations

import gc
import os
import subprocess
from pathlib import Path

import pytest

from store.gitio import blobs, fileio, gitconfig, refs, repostate, revs, state, worktree
from store.gitio import log as gitlog
from store.gitio.git import Git, GitFailed


def sh(root: Path, *args: str, stdin: str | None = None) -> str:
    return subprocess.run(["git", *args], cwd=root, input=stdin, text=True, check=True, capture_output=True).stdout


def commit(root: Path, name: str, text: str, message: str) -> str:
    (root / name).write_text(text, encoding="utf-8")
    sh(root, "add", "--", name)
    sh(root, "commit", "-q", "-F", "-", stdin=message)
    return sh(root, "rev-parse", "HEAD").strip()


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "r"
    folder.mkdir()
    sh(folder, "init", "-q")
    return folder


# ---------------------------------------------------------------- Git.run: one output contract


def test_run_strips_the_same_with_and_without_stdin(root: Path) -> None:
    git = Git(root)
    padded = "  padded line  \n\n"
    oid = git.run("hash-object", "-w", "--stdin", stdin=padded)
    assert len(oid) == 40 and oid == oid.strip()  # git's one final newline removed
    # with stdin: only that one newline goes, never the content's own whitespace at either end
    batch = git.run("cat-file", "--batch", stdin=oid + "\n")
    assert batch.endswith("\n" + padded)
    assert git.run("cat-file", "--batch", stdin=oid + "\n", strip=False) == batch + "\n"
    # and the same content read without stdin keeps its leading spaces and all but the final newline
    assert git.run("cat-file", "blob", oid) == padded.removesuffix("\n")
    assert git.run_bytes("cat-file", "blob", oid) == padded.encode()  # bytes: untouched


def test_run_keeps_undecodable_bytes_as_surrogates(root: Path) -> None:
    git = Git(root)
    oid = git.run("hash-object", "-w", "--stdin", stdin=b"\xff\xfe")
    assert git.run("cat-file", "blob", oid).encode("utf-8", "surrogateescape") == b"\xff\xfe"


def test_git_failed_carries_gits_words(root: Path) -> None:
    with pytest.raises(GitFailed) as caught:
        Git(root).run("rev-parse", "--verify", "no-such-rev")
    assert caught.value.status != 0 and caught.value.stderr


# ---------------------------------------------------------------- revisions


def test_revs(root: Path) -> None:
    git = Git(root)
    first = commit(root, "a.txt", "1\n", "one")
    second = commit(root, "a.txt", "2\n", "two")
    assert revs.resolve_commit(git, "HEAD") == second
    assert revs.resolve_commit(git, "HEAD~1") == first
    assert revs.resolve_commit(git, "nope") is None
    assert revs.resolve_commit(git, "--all") is None  # an option is never a revision
    assert revs.blob_id(git, "HEAD", "a.txt") == sh(root, "rev-parse", "HEAD:a.txt").strip()
    assert revs.blob_id(git, "HEAD", "missing.txt") is None
    assert revs.is_ancestor(git, first, second) and not revs.is_ancestor(git, second, first)
    assert revs.merge_base(git, first, second) == first
    assert revs.hash_objects(git, ["a.txt"]) == [revs.blob_id(git, "HEAD", "a.txt")]


# ---------------------------------------------------------------- the one log reader


def test_log_reads_records_with_raw_changes_and_odd_messages(root: Path) -> None:
    git = Git(root)
    # a body with blank lines, a line that looks like a raw change, and a trailer
    tricky = "Subject here\n\n:100644 100644 abc def M\tfake\n\nKey: value\n"
    first = commit(root, "a.txt", "1\n", "first")
    second = commit(root, "a.txt", "2\n", tricky)
    records = gitlog.log(git, ["HEAD"], ["a.txt"], raw=True)
    assert [r.hash for r in records] == [second, first]
    top = records[0]
    assert top.subject == "Subject here" and top.parents == (first,)
    assert top.body == ":100644 100644 abc def M\tfake\n\nKey: value"
    assert [c.path for c in top.changes] == ["a.txt"]  # the fake line in the body is not a change
    assert top.change_of("a.txt") is not None and top.change_of("a.txt").old_blob == revs.blob_id(git, first, "a.txt")
    assert records[1].change_of("a.txt").old_blob is None  # added
    assert top.email and top.date.tzinfo is not None
    assert gitlog.show(git, "HEAD~1").hash == first
    assert [r.hash for r in gitlog.log(git, ["HEAD"], reverse=True)] == [first, second]
    assert [r.hash for r in gitlog.log(git, ["HEAD", f"^{first}"])] == [second]
    assert [r.hash for r in gitlog.log(git, ["HEAD"], grep="^Key: value$")] == [second]
    assert [r.hash for r in gitlog.log(git, ["HEAD"], max_count=1)] == [second]
    with pytest.raises(ValueError):
        gitlog.log(git, ["--all"])


def test_newest_changes_are_the_first_records_of_the_raw_log_per_wanted_path(root: Path) -> None:
    git = Git(root)
    (root / "m").mkdir()
    commit(root, "m/a.toml", "1\n", "first")
    commit(root, "m/b.toml", "1\n", "b")
    # a message line that looks like a raw change is never read as one (nor are messages read at all)
    commit(root, "m/a.toml", "2\n", "second\n\n:100644 100644 abc def M\tm/b.toml\n")
    sh(root, "switch", "-q", "-c", "side")
    commit(root, "m/b.toml", "2\n", "side")
    sh(root, "switch", "-q", "-")
    commit(root, "other.txt", "x\n", "outside")
    sh(root, "merge", "-q", "--no-edit", "side")
    records = gitlog.log(git, ["HEAD"], ["m/"], raw=True)
    expected = {}
    for record in records:
        for change in record.changes:
            expected.setdefault(change.path, (record.hash, record.parents, change))
    assert gitlog.newest_changes(git, "HEAD", ["m/"], {"m/a.toml", "m/b.toml", "m/gone.toml"}) == expected
    assert set(gitlog.newest_changes(git, "HEAD", ["m/"], {"m/b.toml"})) == {"m/b.toml"}
    with pytest.raises(GitFailed):
        gitlog.newest_changes(git, "no-such-branch", ["m/"], {"m/a.toml"})
    with pytest.raises(ValueError):
        gitlog.newest_changes(git, "--all", ["m/"], {"m/a.toml"})


def test_log_shows_a_merge_against_its_first_parent(root: Path) -> None:
    git = Git(root)
    commit(root, "a.txt", "1\n", "base")
    sh(root, "switch", "-q", "-c", "side")
    commit(root, "b.txt", "side\n", "side")
    sh(root, "switch", "-q", "-")
    commit(root, "a.txt", "2\n", "main")
    sh(root, "merge", "-q", "--no-edit", "side")
    merge = gitlog.log(git, ["HEAD"], ["b.txt"], raw=True, first_parent_diffs=True)[0]
    assert len(merge.parents) == 2
    assert merge.change_of("b.txt") is not None and merge.change_of("b.txt").old_blob is None


# ---------------------------------------------------------------- blobs


def test_blob_reader_is_one_long_lived_process_that_sees_new_commits(root: Path) -> None:
    git = Git(root)
    commit(root, "a.txt", "one\n", "one")
    reader = blobs.reader(git)
    assert blobs.reader(git) is reader  # one per repository
    assert reader.read(["HEAD:a.txt", "HEAD:missing"]) == {"HEAD:a.txt": b"one\n"}
    process = reader._contents._proc  # type: ignore[union-attr]
    commit(root, "a.txt", "two\n", "two")
    assert reader.read_one("HEAD:a.txt") == b"two\n"  # names are resolved when asked
    assert reader._contents._proc is process  # type: ignore[union-attr]
    info = reader.info(["HEAD^{commit}", "HEAD:a.txt", "HEAD:missing", "--batch"])
    assert info["HEAD^{commit}"] is not None and info["HEAD^{commit}"].type == "commit"
    assert info["HEAD:a.txt"] is not None and info["HEAD:a.txt"].size == 4
    assert info["HEAD:missing"] is None and info["--batch"] is None
    assert reader.read(["HEAD"]) == {}  # a commit is not a blob
    blobs.close_reader(git)
    assert process.poll() is not None  # closed: no process left behind
    assert blobs.reader(git) is not reader  # a new one on the next use


def test_blob_reader_closes_with_its_repository(root: Path) -> None:
    commit(root, "a.txt", "one\n", "one")
    git = Git(root)
    reader = blobs.reader(git)
    reader.read(["HEAD:a.txt"])
    process = reader._contents._proc  # type: ignore[union-attr]
    del git, reader
    gc.collect()
    assert process.wait(timeout=10) == 0


def test_blob_reader_reports_a_folder_that_is_no_repository(tmp_path: Path) -> None:
    outside = tmp_path / "plain"
    outside.mkdir()
    env = {"GIT_CEILING_DIRECTORIES": str(tmp_path)}
    git = Git(outside, env)
    with pytest.raises(GitFailed):
        blobs.reader(git).read(["HEAD:a.txt"])
    with pytest.raises(GitFailed):  # started again, and failing again, on the next call
        blobs.reader(git).info(["HEAD:a.txt"])


# ---------------------------------------------------------------- refs and tags


def test_tags_are_created_listed_and_never_deleted(root: Path) -> None:
    git = Git(root)
    target = commit(root, "a.txt", "1\n", "one")
    refs.create_tag(git, "refs/tags/cesam/x/one", target, "Subject\n\nKey: v\n", sign=False)
    sh(root, "tag", "lightweight")
    found = refs.list_tags(git, "refs/tags/")
    assert [t.name for t in found] == ["refs/tags/cesam/x/one"]  # lightweight tags are not records
    assert found[0].target == target and found[0].body.strip() == "Key: v" and found[0].signature == ""
    assert "Sara" in found[0].tagger
    with pytest.raises(GitFailed):  # a name that exists is never overwritten
        refs.create_tag(git, "refs/tags/cesam/x/one", target, "again\n", sign=False)
    with pytest.raises(GitFailed):
        refs.create_tag(git, "refs/tags/bad..name", target, "x\n", sign=False)
    assert not refs.valid_ref_name(git, "-n")
    with pytest.raises(ValueError):
        refs.delete_ref(git, "refs/tags/cesam/x/one")
    assert not [name for name in vars(refs) if "tag" in name and ("delete" in name or "remove" in name)]
    assert [t.name for t in refs.list_tags(git, "refs/tags/")] == ["refs/tags/cesam/x/one"]


# ---------------------------------------------------------------- state


def test_common_dir_of_a_linked_worktree_is_the_main_git_dir(root: Path, tmp_path: Path) -> None:
    commit(root, "a.txt", "1\n", "one")
    sh(root, "worktree", "add", "-q", str(tmp_path / "linked"), "-b", "linked")
    linked = state.git_dir(tmp_path / "linked")
    assert linked != root / ".git"
    assert state.common_dir(linked) == (root / ".git").resolve()
    assert state.common_dir(root / ".git") == root / ".git"
    head = state.head_id(linked)
    assert head == sh(root, "rev-parse", "linked").strip()
    assert state.head_ref(linked) == "refs/heads/linked"
    # a lock on the branch sits in the common dir, and is found from the worktree
    lock = root / ".git" / "refs" / "heads" / "linked.lock"
    lock.write_text("")
    assert lock in repostate.git_lock_files(linked)


def test_operation_locks_and_unmerged_paths(root: Path) -> None:
    git = Git(root)
    commit(root, "a.txt", "1\n", "base")
    sh(root, "switch", "-q", "-c", "side")
    commit(root, "a.txt", "side\n", "side")
    sh(root, "switch", "-q", "-")
    commit(root, "a.txt", "main\n", "main")
    assert state.operation(root / ".git") is None and state.unmerged_paths(git) == []
    subprocess.run(["git", "merge", "-q", "side"], cwd=root, capture_output=True)
    assert state.operation(root / ".git") == "merge"
    assert state.unmerged_paths(git) == ["a.txt"]
    (root / ".git" / "index.lock").write_text("")
    assert root / ".git" / "index.lock" in repostate.git_lock_files(root / ".git")


# ---------------------------------------------------------------- work tree, config


def test_worktree_and_config(root: Path) -> None:
    git = Git(root)
    commit(root, "a.txt", "1\n", "one")
    assert worktree.is_tracked(git, "a.txt") and not worktree.is_tracked(git, "b.txt")
    assert not worktree.has_changes(git, ["a.txt"])
    (root / "a.txt").write_text("2\n")
    assert worktree.has_changes(git, ["a.txt"])
    assert "+2" in worktree.diff_text(git, [], ["a.txt"])
    worktree.stage(git, ["a.txt"])
    assert worktree.diff_text(git, [], ["a.txt"]) == ""
    worktree.unstage(git, ["a.txt"])
    assert "+2" in worktree.diff_text(git, [], ["a.txt"])
    entries = worktree.ls_tree(git, "HEAD", ".")
    assert [(e.path, e.type) for e in entries] == [("a.txt", "blob")]
    assert gitconfig.get(git, "cesam.test", local=True) is None
    gitconfig.set_local(git, "cesam.test", "yes")
    assert gitconfig.get(git, "cesam.test", local=True) == "yes"
    assert gitconfig.get(git, "cesam.test", as_bool=True) == "true"


def test_merge_file_reports_conflicts(tmp_path: Path) -> None:
    ours, base, theirs = (tmp_path / n for n in ("ours", "base", "theirs"))
    base.write_text("a\nb\nc\nd\ne\n")
    ours.write_text("a\nB\nc\nd\ne\n")
    theirs.write_text("a\nb\nc\nd\nE\n")
    assert worktree.merge_file(ours, base, theirs, ("mine", "base", "theirs")) is False
    assert ours.read_text() == "a\nB\nc\nd\nE\n"
    theirs.write_text("a\nX\nc\n")
    base.write_text("a\nb\nc\n")
    ours.write_text("a\nY\nc\n")
    assert worktree.merge_file(ours, base, theirs, ("mine", "base", "theirs")) is True
    assert "<<<<<<< mine" in ours.read_text()


# ---------------------------------------------------------------- the one atomic write


def test_atomic_write_replaces_whole_and_leaves_nothing_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "file.toml"
    fileio.atomic_write(target, "hej\n", make_parents=True)
    assert target.read_text(encoding="utf-8") == "hej\n"
    fileio.atomic_write(target, b"bytes", durable=False)
    assert target.read_bytes() == b"bytes"
    folder = tmp_path / "a-folder"
    folder.mkdir()
    (folder / "x").write_text("keep")
    with pytest.raises(OSError):  # a folder cannot be replaced by a file
        fileio.atomic_write(folder, "text")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-folder", "deep"]  # no temporary file left
    assert not [p for p in target.parent.iterdir() if fileio.TMP_MARK in p.name]


def test_atomic_write_never_follows_a_planted_temporary_symlink(tmp_path: Path) -> None:
    target = tmp_path / "file.toml"
    victim = tmp_path / "victim"
    victim.write_text("untouched")
    os.symlink(victim, tmp_path / f"file.toml{fileio.TMP_MARK}{os.getpid()}")
    with pytest.raises(OSError):
        fileio.atomic_write(target, "x")
    assert victim.read_text() == "untouched"


def test_blob_reader_reads_the_index_as_it_is_now(root: Path) -> None:
    git = Git(root)
    commit(root, "a.txt", "one\n", "one")
    reader = blobs.reader(git)
    assert reader.read([":0:a.txt"]) == {":0:a.txt": b"one\n"}
    (root / "a.txt").write_text("staged\n")
    sh(root, "add", "a.txt")
    # a long-lived cat-file would still see the index it read first
    assert reader.read_one(":0:a.txt") == b"staged\n"
    assert reader.info([":0:a.txt"])[":0:a.txt"] is not None
    assert reader.read([":0:missing"]) == {} and reader.info([":0:missing"])[":0:missing"] is None


def test_log_merges_trailers_and_commits_not_on_remotes(root: Path, tmp_path: Path) -> None:
    git = Git(root)
    first = commit(root, "a.txt", "1\n", "base")
    sh(root, "switch", "-q", "-c", "side")
    commit(root, "b.txt", "side\n", "side")
    sh(root, "switch", "-q", "-")
    commit(root, "a.txt", "2\n", "main")
    sh(root, "merge", "-q", "--no-ff", "-m", "Merged\n\nbody\n\nCesam-Merge: yes", "side")
    merges = gitlog.log(git, ["HEAD"], merges_only=True)
    assert len(merges) == 1 and merges[0].trailer("cesam-merge") == ["yes"]
    assert gitlog.log(git, ["HEAD~1"], max_count=1)[0].trailer("Cesam-Merge") == []
    remote = tmp_path / "remote.git"
    sh(root, "clone", "-q", "--bare", str(root), str(remote))
    sh(root, "remote", "add", "origin", str(remote))
    sh(root, "fetch", "-q", "origin")
    assert gitlog.log(git, ["HEAD"], not_on_remotes=True) == []
    newer = commit(root, "a.txt", "3\n", "local only")
    assert [r.hash for r in gitlog.log(git, ["HEAD"], not_on_remotes=True)] == [newer]
    assert first in {r.hash for r in gitlog.log(git, ["HEAD"])}


def test_branches_and_bookkeeping_refs(root: Path) -> None:
    git = Git(root)
    head = commit(root, "a.txt", "1\n", "one")
    assert refs.current_branch(git) == sh(root, "symbolic-ref", "--short", "HEAD").strip()
    refs.create_branch(git, "kept", head)
    assert revs.resolve_commit(git, "kept") == head
    assert refs.delete_merged_branch(git, "kept") and revs.resolve_commit(git, "refs/heads/kept") is None
    refs.set_ref(git, "refs/cesam/theirs", head)
    refs.delete_ref(git, "refs/cesam/theirs")
    assert revs.resolve_commit(git, "refs/cesam/theirs") is None
    refs.delete_ref(git, "refs/cesam/theirs")  # gone already: nothing to do
    with pytest.raises(ValueError):
        refs.delete_ref(git, "refs/tags/anything")
    assert refs.name_of(git, head) is not None
    sh(root, "tag", "light")
    assert ("commit", "light") in refs.tag_kinds(git)
    assert refs.remotes(git) == []


def test_status(root: Path) -> None:
    git = Git(root)
    commit(root, "a.txt", "1\n", "one")
    commit(root, "old.txt", "x\n", "two")
    (root / "a.txt").write_text("2\n")
    (root / "new.txt").write_text("n\n")
    sh(root, "mv", "old.txt", "moved.txt")
    found = worktree.status(git)
    assert found.branch == refs.current_branch(git)
    assert found.modified == ["moved.txt", "a.txt"] or sorted(found.modified) == ["a.txt", "moved.txt"]
    assert found.untracked == ["new.txt"] and found.unmerged == []
    assert worktree.status(git, ["a.txt"]).modified == ["a.txt"]
    sh(root, "checkout", "-q", "--detach")
    assert worktree.status(git).branch is None


def test_there_is_one_atomic_write() -> None:
    # the save path, the caches and sync all use store.gitio.fileio; no module replaces files its own way
    sources = Path(__file__).resolve().parents[1]
    offenders = []
    for path in sorted((sources / "store").rglob("*.py")):
        if path.name == "fileio.py":
            continue
        if "os.replace(" in path.read_text(encoding="utf-8"):
            offenders.append(path.relative_to(sources).as_posix())
    assert offenders == []
