"""A cesam repository: meetings as TOML files in git, one commit per change.

The write path is the heart of the audit trail, so it is strict:

1. take the repository lock (one writer across processes);
2. refuse while git is mid-merge or mid-rebase, has unmerged paths, or a
   stale ``index.lock`` (reported, never deleted);
3. load the meeting *fresh from disk* and apply the change to it, so two
   writers never overwrite each other's confirmed work;
4. refuse when the file holds uncommitted edits made outside cesam;
5. serialise, parse the new text again and validate it;
6. skip the commit if the bytes are unchanged;
7. write to a temp file in the same folder, fsync, rename, fsync the folder;
8. ``git commit --only -- PATH`` with a message in the domain's words.
"""

from __future__ import annotations

import copy
import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from store.core import codec
from store.core.catalogue import t
from store.core.config import CONFIG_FILE, Config, dumps_config, loads_config
from store.core.errors import (
    CesamError,
    FrozenError,
    GitError,
    InvalidFileError,
    Msg,
    Problem,
    RepoStateError,
    UsageError,
    words,
)
from store.core.model import Meeting, Status, clone
from store.core.semdiff import diff_meetings
from store.core.text import shorten, visible
from store.gitio import gitconfig, locking, revs, worktree
from store.gitio import state as gitstate
from store.gitio.fileio import TMP_MARK
from store.gitio.git import Git, GitFailed
from store.gitio.git import load as _load_git
from store.services.recovery import clear_journal, recover, sweep_temp_files, write_journal
from store.services.repo_paths import MEETINGS_DIR, MeetingRef, atomic_write, file_stamp
from store.services.repo_reading import LoadedMeeting, RepositoryReader, RepoState

# the repository's API as the rest of cesam imports it (the read half and the paths live beside it)
__all__ = [
    "GITATTRIBUTES",
    "MEETINGS_DIR",
    "LoadedMeeting",
    "MeetingRef",
    "RepoState",
    "Repository",
    "SaveResult",
    "atomic_write",
    "commit_text",
    "find_repo_root",
    "init_repository",
    "preload_git",
]

LOCK_TIMEOUT = 15.0  # seconds a writer waits for another; CESAM_LOCK_TIMEOUT overrides

Change = Callable[[Meeting], None]


def preload_git() -> None:
    """Import GitPython now, on this thread: the UI's first screen runs git at once on a worker."""
    _load_git()


@dataclass
class SaveResult:
    ref: MeetingRef | None
    commit: str | None  # None when nothing changed
    message: str = ""
    merged: bool = False  # the file had changed since the writer read it; both versions were merged

    @property
    def changed(self) -> bool:
        return self.commit is not None


def lock_timeout() -> float:
    try:
        return max(0.0, float(os.environ.get("CESAM_LOCK_TIMEOUT", LOCK_TIMEOUT)))
    except ValueError:
        return LOCK_TIMEOUT


class Repository(RepositoryReader):
    """A cesam repository: :class:`RepositoryReader` and the write path this module's docstring describes."""

    def ensure_writable(self, relpath: str | None = None) -> None:
        if relpath and self._fast_state_check() and self._known_clean(relpath):
            return
        state = self.state([relpath] if relpath else None)
        if relpath and not state.unmerged:
            # status was asked about one path; a conflict elsewhere (a `git stash pop`
            # leaves one without MERGE_HEAD) must stop the save all the same
            state.unmerged = self._unmerged_paths()
        if state.operation:
            raise RepoStateError(
                words("err.git_in_progress", op=state.operation, root=self.root),
                hint=words("err.git_in_progress.hint", op=state.operation),
            )
        if state.branch is None:
            head = self.head_id()
            raise RepoStateError(
                words("err.detached", at=words("err.detached.at", commit=head[:8]) if head else ""),
                hint=words("err.detached.hint"),
            )
        if state.unmerged:
            raise RepoStateError(
                words("err.unmerged", files=", ".join(state.unmerged)), hint=words("err.unmerged.hint")
            )
        if state.index_lock or state.locks:
            self._report_locks(state.locks or [str(self.git_dir / "index.lock")])
        if relpath and (relpath in state.modified or relpath in state.untracked):
            raise RepoStateError(
                words("err.uncommitted", relpath=relpath), hint=words("err.uncommitted.hint", relpath=relpath)
            )

    # ------------------------------------------------------------ locking

    @contextmanager
    def lock(self, timeout: float | None = None) -> Iterator[None]:
        """One writer at a time across processes; the holder finishes what a killed writer left.

        Re-entrant for this object: a caller holding the lock may call apply();
        a second lock file descriptor in the same process would wait for itself.
        """
        if self._lock_depth:
            self._lock_depth += 1
            try:
                yield
            finally:
                self._lock_depth -= 1
            return
        if timeout is None:
            timeout = lock_timeout()
        # imported here: only writers lock, and filelock's imports cost a reading command a tenth of its start
        import filelock

        path = self.git_dir / "cesam.lock"
        info = self.git_dir / "cesam.lock.info"
        lock = filelock.FileLock(str(path))
        try:
            locking.acquire(lock, self.git_dir / "cesam.lock.waiting", timeout)
        except filelock.Timeout:
            raise RepoStateError(
                words("err.busy", holder=self._lock_holder(), seconds=f"{timeout:g}"), hint=words("err.busy.hint")
            ) from None
        except OSError as exc:
            raise RepoStateError(
                words("err.lock_failed", path=path, reason=exc.strerror), hint=words("err.lock_failed.hint")
            ) from None
        try:
            with suppress(OSError):
                import socket

                info.write_text(f"pid {os.getpid()} on {socket.gethostname()} since {time.strftime('%H:%M:%S')}")
            self._lock_depth = 1
            self._recover_locked()
            yield
        finally:
            self._lock_depth = 0
            with suppress(OSError):
                info.unlink()
            lock.release()

    def _lock_holder(self) -> str:
        try:
            return (self.git_dir / "cesam.lock.info").read_text(errors="replace").strip() or "another cesam"
        except OSError:
            return "another cesam"

    @contextmanager
    def settled(self, timeout: float | None = None) -> Iterator[str]:
        """Hold the lock briefly so a reader sees no save in flight; yields "" or who kept it busy.

        A save writes its file before it commits it: read without the lock, that
        moment looks like an uncommitted hand edit. This waits for the writer and
        holds writers off while the caller reads. It recovers nothing (a reading
        command reports what a killed writer left). When the lock cannot be had
        in time the caller reads anyway and says who was writing; a .git the
        user cannot write to has no writer to wait for.
        """
        if self._lock_depth:
            yield ""
            return
        import filelock

        lock = filelock.FileLock(str(self.git_dir / "cesam.lock"))
        try:
            locking.acquire(lock, self.git_dir / "cesam.lock.waiting", lock_timeout() if timeout is None else timeout)
        except filelock.Timeout:
            yield self._lock_holder()
            return
        except OSError:
            yield ""
            return
        try:
            yield ""
        finally:
            lock.release()

    def _recover_locked(self) -> None:
        if not self._swept:
            self._swept = True
            removed = sweep_temp_files(self)
            if removed:
                self.notes.append("removed temp files left by an interrupted save: " + ", ".join(removed))
        self.notes.extend(recover(self))

    def recover(self) -> list[str]:
        """Finish or report what a killed cesam left (an interrupted save, temp files); returns notes.

        Raises RepoStateError naming git's lock files left by a kill inside git.
        """
        before = len(self.notes)
        with self.lock():
            locks = self.git_locks()
            if locks:
                self._report_locks([str(path) for path in locks])
        return self.notes[before:]

    def _report_locks(self, locks: list[str]) -> None:
        what = "index" if [Path(p).name for p in locks] == ["index.lock"] else "files"
        raise RepoStateError(
            words(f"err.git_locked.{what}", locks=", ".join(locks)),
            hint=words("err.git_locked.hint.one" if len(locks) == 1 else "err.git_locked.hint.many"),
        )

    # ------------------------------------------------------------ writing

    def _unmerged_paths(self) -> list[str]:
        return gitstate.unmerged_paths(self.git)

    def identity_problem(self) -> Msg | None:
        # what git commit itself will use: config, or GIT_AUTHOR_*/GIT_COMMITTER_* in the environment
        if gitconfig.identity_known(self.git):
            return None
        return words("err.unknown_author")

    def _commit(self, paths: list[str], message: str, *, allow_empty: bool = False, git: Git | None = None) -> str:
        """Commit ``paths`` (none: the index) with ``message``; ``git`` may carry another index (store/services/staging.py)."""
        git = git or self.git
        message = commit_text(message)
        if not message.strip():
            raise GitError(words("err.commit_no_message"))
        # the message goes on stdin: as an argument, a long name in it hit the
        # kernel's limit for one argument (E2BIG) after the file was written
        try:
            # git's housekeeping check (a second git process after every commit) runs from note_commit below
            worktree.commit(git, message, paths, only=bool(paths), allow_empty=allow_empty, housekeeping=False)
        except GitFailed as exc:
            if (
                "user.useConfigOnly" in exc.stderr
                or "tell me who you are" in exc.stderr.lower()
                or "no name was given" in exc.stderr.lower()
                or "no email was given" in exc.stderr.lower()
            ):
                raise GitError(words("err.cannot_commit", reason=self.identity_problem() or exc.stderr)) from None
            raise GitError(
                words("err.commit_failed", reason=exc.stderr), hint=words("err.commit_failed.hint")
            ) from None
        from store.services.history import note_commit  # late: store.services.history imports this module

        note_commit(self)  # keeps the commit-graph with changed-path filters fresh, and git's housekeeping, cheaply
        head = self.head_id() or revs.resolve_commit(self.git, "HEAD")
        if head is None:
            raise GitError(words("err.commit_no_head"))
        return head

    def write_and_commit(self, relpath: str, text: str, message: str, also: Sequence[str] = ()) -> str | None:
        """Write ``text`` to ``relpath`` and commit it; None when the bytes are already there.

        The caller holds the lock and has validated ``text``.
        """
        path = self.safe_path(relpath)
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise InvalidFileError(
                words("err.lone_surrogate", relpath=relpath, char=repr(exc.object[exc.start]))
            ) from None
        old = path.read_bytes() if path.exists() else None
        if old == data:
            return None
        if not self._identity_checked:
            # before the file is touched: a save refused for want of an author leaves nothing behind
            problem = self.identity_problem()
            if problem:
                raise GitError(problem)
            self._identity_checked = True
        path.parent.mkdir(parents=True, exist_ok=True)
        # from here to the commit a kill leaves a journal for the next writer (store/services/recovery.py)
        write_journal(self, relpath, old, data, message)
        atomic_write(path, text)
        try:
            # callers ran ensure_writable, so an existing file is tracked and clean
            if old is None:
                worktree.stage(self.git, [relpath])
            if also:
                worktree.stage(self.git, list(also))
            commit = self._commit([relpath, *also], message)
        except CesamError:
            clear_journal(self)  # reported to the user now: the file is saved, not committed
            raise
        clear_journal(self)
        self._clean_marks[relpath] = (self._index_stamp(), data)
        return commit

    def _frozen_guard(self, meeting: Meeting, allow_frozen: bool, new: Meeting | None = None) -> None:
        """Refuse to change a justerad meeting, or to make one justerad without approvals.

        ``allow_frozen`` is for the justering itself (store/services/justering.py).
        """
        if allow_frozen:
            return
        if meeting.status == Status.ADJUSTED:
            raise FrozenError(
                t("refuse.frozen", self.lang, ref=meeting.ref),
                hint=t("refuse.frozen.hint", self.lang, ref=meeting.ref),
            )
        if new is not None and new.status == Status.ADJUSTED:
            raise FrozenError(
                t("refuse.only_approvals", self.lang, ref=meeting.ref),
                hint=t("refuse.only_approvals.hint", self.lang, ref=meeting.ref),
            )

    def apply(
        self,
        ref: MeetingRef | str,
        change: Change,
        *,
        message: str | None = None,
        allow_frozen: bool = False,
        also: Sequence[str] = (),
    ) -> SaveResult:
        """Apply ``change`` to the meeting as it is on disk now, and commit it.

        ``also``: files the caller placed in the repository (a bilaga's copy) that belong to
        the same change, committed with the meeting in its one commit.
        """
        if isinstance(ref, str):
            ref = self.resolve(ref)
        with self.lock():
            self.ensure_writable(ref.relpath)
            loaded = self._load_shared(ref)
            self._frozen_guard(loaded.meeting, allow_frozen)
            meeting = clone(loaded.meeting)
            change(meeting)
            self._frozen_guard(loaded.meeting, allow_frozen, meeting)
            return self._save(ref, loaded.meeting, meeting, message, also)

    def _save(
        self, ref: MeetingRef, old: Meeting | None, meeting: Meeting, message: str | None, also: Sequence[str] = ()
    ) -> SaveResult:
        if (meeting.group, meeting.date) != (ref.group, ref.date):
            raise UsageError(words("err.cannot_move_meeting"))
        confirmed = codec.meeting_to_dict(meeting)
        text = codec.dumps_table(confirmed)  # codec.dumps, keeping the encoded form for the check below
        # the new text must read back as a valid meeting, and as this very meeting:
        # a save that changed what the user confirmed would be a silent alteration
        reread, warnings = self.parse(ref.relpath, text)
        if reread != meeting:  # equal models encode alike: only a difference needs the field-by-field look
            self._same_as_confirmed(ref.relpath, text, confirmed, reread)
        changes = diff_meetings(old, meeting, self.config.group(meeting.group).subitem_style)
        if old is not None and not changes and (self.root / ref.relpath).read_text("utf-8") == text:
            return SaveResult(ref, None)
        if not message:
            from store.core.messages import commit_message  # only a save words a message

            message = commit_message(meeting, self.group_label(meeting.group), changes, self.lang)
        message = commit_text(message)  # what the result reports is what git stores
        commit = self.write_and_commit(ref.relpath, text, message, also)
        self._parsed[ref.relpath] = (file_stamp(self.root / ref.relpath), LoadedMeeting(reread, ref, text, warnings))
        return SaveResult(ref, commit, message if commit else "")

    def _same_as_confirmed(self, relpath: str, text: str, confirmed: dict[str, Any], stored: Meeting) -> None:
        """``confirmed``: the meeting as the user confirmed it, encoded (codec.meeting_to_dict)."""
        written = codec.meeting_to_dict(stored)
        path = codec.first_difference(confirmed, written)
        if path is None:
            return
        problem = Problem(
            f"{codec.dotted(path)} would not be stored exactly as given; nothing was saved "
            "(please report this as a bug in cesam, with the text)",
            key_path=path,
        )
        raise InvalidFileError(words("err.cannot_save", relpath=relpath), self._placed(relpath, text, [problem]))

    def create(self, meeting: Meeting, *, message: str | None = None) -> SaveResult:
        ref = MeetingRef(meeting.group, meeting.date)
        if meeting.group not in self.group_ids():
            raise UsageError(
                words("err.unknown_group.known", group=repr(meeting.group), known=", ".join(self.group_ids()))
            )
        with self.lock():
            self.ensure_writable(ref.relpath)
            if self.exists(ref):
                raise UsageError(
                    t("refuse.meeting_exists", self.lang, ref=ref),
                    hint=t("refuse.meeting_exists.hint", self.lang, ref=ref),
                )
            return self._save(ref, None, meeting, message)

    def replace_text(
        self,
        ref: MeetingRef,
        text: str,
        *,
        base: str | None = None,
        message: str | None = None,
        allow_frozen: bool = False,
    ) -> SaveResult:
        """Commit new text for a meeting (an edit in $EDITOR, a restore, a merge result).

        ``base`` is the file's text the new text was made from. Checked under
        the lock: when the file is no longer that text, the two versions are
        merged field by field (store/core/basecheck.py), or, where both changed the
        same field, nothing is saved (StaleBaseError names the fields).
        """
        with self.lock():
            self.ensure_writable(ref.relpath)
            new, _ = self.parse(ref.relpath, text)
            current = self.load(ref) if self.exists(ref) else None
            old = current.meeting if current else None
            merged = False
            if base is not None and (current is None or current.text != base):
                new = self._onto_current(ref, base, new, current)
                merged = True
            if old is not None:
                self._frozen_guard(old, allow_frozen, new)
            result = self._save(ref, old, new, message)
            result.merged = merged
            return result

    def _onto_current(self, ref: MeetingRef, base: str, mine: Meeting, current: LoadedMeeting | None) -> Meeting:
        from store.core.basecheck import merge_onto_current, stale_error  # only a stale write merges

        if current is None:
            raise UsageError(t("refuse.meeting_removed", self.lang, ref=ref))
        base_meeting, _ = self.parse(ref.relpath, base)
        merged, conflicts = merge_onto_current(
            base_meeting, mine, current.meeting, style=self.config.group(ref.group).subitem_style, lang=self.lang
        )
        if conflicts:
            raise stale_error(str(ref), conflicts, self.lang)
        return merged

    def commit_working_file(self, relpath: str, *, message: str | None = None) -> SaveResult:
        """Validate and commit a file changed by hand in the working tree."""
        ref = MeetingRef.from_relpath(relpath)
        with self.lock():
            state = self.state([relpath])
            if state.operation or state.unmerged:
                self.ensure_writable()
            if state.index_lock or state.locks:
                # before anything is staged: a commit that fails on git's lock leaves nothing behind
                self._report_locks(state.locks or [str(self.git_dir / "index.lock")])
            data, text = self._read_file(relpath)
            if ref is None:
                if relpath != CONFIG_FILE:
                    raise UsageError(words("err.not_meeting_or_config", relpath=relpath, config=CONFIG_FILE))
                try:
                    loads_config(text)
                except codec.DecodeError as exc:
                    raise InvalidFileError(
                        words("err.not_valid", relpath=relpath), self._placed(relpath, text, exc.problems)
                    ) from None
                msg = message or (t("repository.cesam_toml_changed", self.lang))
            else:
                new, _ = self.parse(relpath, text)
                old = self.load_at("HEAD", ref)
                if old is not None and relpath in state.modified:
                    try:
                        self._frozen_guard(old, False, new)
                    except FrozenError as exc:
                        if old.status != Status.ADJUSTED:
                            raise
                        raise FrozenError(exc.said, hint=words("err.frozen_edit.hint", ref=old.ref)) from None
                from store.core.messages import commit_message

                changes = diff_meetings(old, new, self.config.group(new.group).subitem_style)
                msg = message or commit_message(new, self.group_label(new.group), changes, self.lang)
            if relpath not in state.modified and relpath not in state.untracked:
                return SaveResult(ref, None)
            from store.services.staging import commit_exact  # only a hand edit is committed from bytes read here

            msg = commit_text(msg)
            # exactly the bytes validated above: the file may change again before git would read it
            return SaveResult(ref, commit_exact(self, relpath, data, msg), msg)

    # ------------------------------------------------------------ config

    def update_config(self, change: Callable[[Config], str]) -> str | None:
        """Change cesam.toml as it is under the lock; ``change`` edits a copy and returns the message.

        The configuration is read again under the lock, so a change another process committed
        since this one last read it is kept, never overwritten by a stale copy.
        """
        with self.lock():
            config = copy.deepcopy(self.config)
            return self.save_config(config, change(config))

    def save_config(self, config: Config, message: str) -> str | None:
        with self.lock():
            self.ensure_writable(CONFIG_FILE)
            text = dumps_config(config)
            loads_config(text)
            self._config = None
            return self.write_and_commit(CONFIG_FILE, text, message)


COMMIT_LINE_LIMIT = 300


def commit_text(message: str) -> str:
    """A commit message as git will store it, made safe to read in a terminal.

    Messages quote the data (names, titles); ``git log`` prints them raw, so
    control characters are written as visible escapes (git also refuses NUL),
    and a line is cut at COMMIT_LINE_LIMIT characters: the change itself is
    in the file, the message only names it.
    """
    lines = visible(message, keep="\n").split("\n")
    return "\n".join(shorten(line, COMMIT_LINE_LIMIT) for line in lines)


def init_repository(root: Path, config: Config, *, message: str = "cesam: nytt arkiv") -> Repository:
    """A new git repository with cesam.toml, .gitattributes and a first commit."""
    root.mkdir(parents=True, exist_ok=True)
    if (root / CONFIG_FILE).exists():
        raise UsageError(words("err.already_initialised", root=root, config=CONFIG_FILE))
    git = Git(root)
    if not (root / ".git").exists():
        worktree.init(git, "main")
    (root / CONFIG_FILE).write_text(dumps_config(config), encoding="utf-8")
    (root / ".gitattributes").write_text(GITATTRIBUTES, encoding="utf-8")
    (root / MEETINGS_DIR).mkdir(exist_ok=True)
    repo = Repository(root)
    from store.services.gitsetup import setup_git  # the merge driver and diff textconv in .git/config

    setup_git(repo)
    problem = repo.identity_problem()
    if problem:
        raise GitError(problem)
    worktree.stage(git, [CONFIG_FILE, ".gitattributes"])
    repo._commit([], message)
    return repo


GITATTRIBUTES = """\
# Meetings merge field by field (cesam merge-driver), not line by line.
meetings/**/*.toml merge=cesam
*.toml text eol=lf
"""


def find_repo_root(start: Path) -> Path | None:
    """The enclosing git work tree of ``start`` if it holds cesam.toml."""
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder if (folder / CONFIG_FILE).is_file() else None
    return None


__all__ = [
    "GITATTRIBUTES",
    "MEETINGS_DIR",
    "TMP_MARK",
    "CesamError",
    "LoadedMeeting",
    "MeetingRef",
    "RepoState",
    "Repository",
    "SaveResult",
    "atomic_write",
    "find_repo_root",
    "init_repository",
]
