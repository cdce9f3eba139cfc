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

import datetime as dt
import os
import re
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from store.core import codec
from store.core.catalogue import t
from store.core.config import CONFIG_FILE, Config, dumps_config, loads_config
from store.core.errors import (
    CesamError,
    FrozenError,
    GitError,
    InvalidFileError,
    Problem,
    ProblemKind,
    RepoStateError,
    UsageError,
)
from store.core.locate import locate
from store.core.model import Meeting, Status, clone
from store.core.paths import GROUP_ID, repo_path_problem
from store.core.semdiff import diff_meetings
from store.core.text import shorten, visible
from store.core.validate import validate, validate_config
from store.gitio import gitconfig, locking, revs, worktree
from store.gitio import state as gitstate
from store.gitio.fileio import TMP_MARK, atomic_write
from store.gitio.git import Git, GitFailed
from store.services.recovery import clear_journal, recover, sweep_temp_files, write_journal

MEETINGS_DIR = "meetings"
LOCK_TIMEOUT = 15.0  # seconds a writer waits for another; CESAM_LOCK_TIMEOUT overrides

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_GROUP = GROUP_ID

Change = Callable[[Meeting], None]


def attachment_files(meeting: Meeting) -> list[tuple[tuple[str | int, ...], int, str]]:
    """(key path, number, file) of each bilaga with a file inside the repository, to check on disk."""
    return [
        (("items", i, "attachments", j, "file"), att.number, att.file)
        for i, item in enumerate(meeting.items)
        for j, att in enumerate(item.attachments)
        if att.file and not repo_path_problem(att.file)
    ]


@dataclass(frozen=True, order=True)
class MeetingRef:
    group: str
    date: dt.date

    def __str__(self) -> str:
        return f"{self.group}/{self.date.isoformat()}"

    @property
    def relpath(self) -> str:
        return f"{MEETINGS_DIR}/{self.group}/{self.date.year}/{self.date.isoformat()}.toml"

    @classmethod
    def from_relpath(cls, relpath: str) -> MeetingRef | None:
        parts = relpath.replace(os.sep, "/").split("/")
        if len(parts) != 4 or parts[0] != MEETINGS_DIR or not parts[3].endswith(".toml"):
            return None
        group, year, stem = parts[1], parts[2], parts[3][:-5]
        if not _GROUP.match(group) or not _DATE.match(stem) or stem[:4] != year:
            return None
        try:
            return cls(group, dt.date.fromisoformat(stem))
        except ValueError:
            return None


@dataclass
class LoadedMeeting:
    meeting: Meeting
    ref: MeetingRef
    text: str
    warnings: list[Problem] = field(default_factory=list)


@dataclass
class SaveResult:
    ref: MeetingRef | None
    commit: str | None  # None when nothing changed
    message: str = ""
    merged: bool = False  # the file had changed since the writer read it; both versions were merged

    @property
    def changed(self) -> bool:
        return self.commit is not None


@dataclass
class RepoState:
    branch: str | None
    head: str | None
    operation: str | None  # "merge", "rebase", "cherry-pick", ... in progress
    unmerged: list[str]
    modified: list[str]  # tracked files changed and not committed
    untracked: list[str]
    index_lock: bool
    shallow: bool = False  # a shallow clone: older history is not here
    locks: list[str] = field(default_factory=list)  # git's lock files present: index.lock, HEAD.lock, ref locks

    @property
    def clean(self) -> bool:
        return not (self.operation or self.unmerged or self.modified or self.untracked or self.index_lock or self.locks)


def lock_timeout() -> float:
    try:
        return max(0.0, float(os.environ.get("CESAM_LOCK_TIMEOUT", LOCK_TIMEOUT)))
    except ValueError:
        return LOCK_TIMEOUT


def _file_stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


class Repository:
    def __init__(self, root: Path, *, lang: str | None = None) -> None:
        self.root = Path(root).resolve()
        self.git = Git(self.root)
        self._lang = lang
        self._config: tuple[float, Config] | None = None
        # relpath -> (file stamp, loaded meeting) after our own save of it
        self._parsed: dict[str, tuple[tuple[int, int, int] | None, LoadedMeeting]] = {}
        # relpath -> (HEAD/index stamp, bytes) after our own commit of it
        self._clean_marks: dict[str, tuple[tuple[str | None, int, int], bytes]] = {}
        #: what recovery found and did at the first lock (see store/services/recovery.py), for the user
        self.notes: list[str] = []
        self._swept = False
        self._lock_depth = 0
        self._identity_checked = False

    # ------------------------------------------------------------ opening

    @classmethod
    def open(cls, root: Path | str, *, lang: str | None = None) -> Repository:
        root = Path(root)
        if not (root / CONFIG_FILE).is_file():
            raise UsageError(
                f"{root} is not a cesam repository (no {CONFIG_FILE})",
                hint="Create one with `cesam init DIR` or try the demo with `cesam demo DIR`.",
            )
        if not (root / ".git").exists():
            raise UsageError(f"{root} has {CONFIG_FILE} but is not a git repository", hint="Run `git init` there.")
        return cls(root, lang=lang)

    @property
    def git_dir(self) -> Path:
        return gitstate.git_dir(self.root)

    @property
    def lang(self) -> str:
        return self._lang or self.config.settings.language

    @property
    def config(self) -> Config:
        path = self.root / CONFIG_FILE
        mtime = path.stat().st_mtime
        if self._config is None or self._config[0] != mtime:
            text = self._read_text(CONFIG_FILE)
            try:
                config, _ = loads_config(text)
            except codec.DecodeError as exc:
                raise InvalidFileError(
                    f"{CONFIG_FILE} is not valid", self._placed(CONFIG_FILE, text, exc.problems)
                ) from None
            errors = [p for p in validate_config(config) if p.kind == ProblemKind.ERROR]
            if errors:
                raise InvalidFileError(f"{CONFIG_FILE} is not valid", self._placed(CONFIG_FILE, text, errors))
            self._config = (mtime, config)
        return self._config[1]

    # ------------------------------------------------------------ reading

    def _read_text(self, relpath: str) -> str:
        return self._read_file(relpath)[1]

    def _read_file(self, relpath: str) -> tuple[bytes, str]:
        """A file's bytes and its text."""
        path = self.safe_path(relpath)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise UsageError(f"{relpath} does not exist") from None
        except OSError as exc:  # a folder, no permission
            raise UsageError(f"{relpath} cannot be read: {exc.strerror}") from None
        try:
            return data, codec.decode_bytes(data)
        except codec.DecodeError as exc:
            raise InvalidFileError(f"{relpath} cannot be read", self._placed(relpath, "", exc.problems)) from None

    def safe_path(self, relpath: str) -> Path:
        """The file for a repository-relative path; refuses anything that leaves the repository.

        Symbolic links are refused anywhere on the way: anyone who can push
        can commit one, and a meeting file linked to ~/.ssh/id_rsa would be
        shown, or one linked to cesam.toml overwritten by a save.
        """
        problem = repo_path_problem(relpath)
        if problem:
            raise UsageError(f"{relpath!r} {problem}")
        if not PurePosixPath(relpath).parts:
            raise UsageError(f"{relpath!r} is the repository itself, not a file in it")
        path = self.root
        for part in PurePosixPath(relpath).parts:
            path = path / part
            if path.is_symlink():
                raise UsageError(
                    f"{relpath!r} goes through a symbolic link ({path.relative_to(self.root).as_posix()})",
                    hint="cesam reads and writes only plain files inside the repository; "
                    "replace the link by the file itself.",
                )
        path = path.resolve()
        if path != self.root and self.root not in path.parents:
            raise UsageError(f"{relpath!r} points outside the repository")
        return path

    def _placed(self, relpath: str, text: str, problems: list[Problem]) -> list[Problem]:
        for problem in problems:
            problem.file = relpath
            if not problem.line:
                # a key missing from the top-level table (or a whole empty file) is placed
                # where that table starts, so every problem in a file has a line to go to
                problem.line = (locate(text, problem.key_path) if problem.key_path and text else 0) or 1
                problem.col = 1
        return problems

    def group_ids(self) -> list[str]:
        return [g.id for g in self.config.groups]

    def group_label(self, group_id: str) -> str:
        try:
            return self.config.group(group_id).label
        except KeyError:
            return group_id.upper()

    def scan_meeting_files(self) -> Iterator[tuple[str, os.DirEntry[str]]]:
        """(relpath, entry) of every regular .toml file at meetings/GROUP/YEAR/; links are skipped."""
        base = self.root / MEETINGS_DIR
        if not base.is_dir():
            return
        for group_dir in os.scandir(base):
            if not group_dir.is_dir(follow_symlinks=False):
                continue
            for year_dir in os.scandir(group_dir.path):
                if not year_dir.is_dir(follow_symlinks=False):
                    continue
                for entry in os.scandir(year_dir.path):
                    if entry.name.endswith(".toml") and entry.is_file(follow_symlinks=False):
                        yield f"{MEETINGS_DIR}/{group_dir.name}/{year_dir.name}/{entry.name}", entry

    def list_refs(self) -> list[MeetingRef]:
        """Every meeting file, newest first; files that are not meetings are ignored."""
        refs = [ref for relpath, _ in self.scan_meeting_files() if (ref := MeetingRef.from_relpath(relpath))]
        return sorted(refs, key=lambda r: (r.date, r.group), reverse=True)

    def resolve(self, name: str) -> MeetingRef:
        """A meeting named as GROUP/DATE, DATE (when unambiguous) or its file path."""
        name = name.strip()
        ref = MeetingRef.from_relpath(name)
        if ref:
            return ref
        group, _, date_text = name.rpartition("/")
        if not _DATE.match(date_text):
            raise UsageError(f"{name!r} is not a meeting; name it as GROUP/YYYY-MM-DD or YYYY-MM-DD")
        try:
            date = dt.date.fromisoformat(date_text)
        except ValueError:
            raise UsageError(f"{date_text!r} is not a valid date") from None
        if group:
            if group not in self.group_ids():
                raise UsageError(f"unknown group {group!r}; known groups: {', '.join(self.group_ids())}")
            return MeetingRef(group, date)
        matches = [r for r in self.list_refs() if r.date == date]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise UsageError(f"no meeting on {date_text}", hint="`cesam list` shows the meetings.")
        options = ", ".join(str(r) for r in matches)
        raise UsageError(f"{date_text} is ambiguous: {options}", hint="Name the meeting as GROUP/DATE.")

    def exists(self, ref: MeetingRef) -> bool:
        return (self.root / ref.relpath).is_file()

    def parse(self, relpath: str, text: str) -> tuple[Meeting, list[Problem]]:
        """Parse and validate meeting text; InvalidFileError names file and line."""
        try:
            meeting, warnings = codec.loads(text)
        except codec.DecodeError as exc:
            raise InvalidFileError(
                f"{relpath} is not a valid meeting", self._placed(relpath, text, exc.problems)
            ) from None
        problems = validate(meeting, self.config, parsed_from=text)
        ref = MeetingRef.from_relpath(relpath)
        if ref and (ref.group != meeting.group or ref.date != meeting.date):
            problems.append(
                Problem(
                    f"the file's place says {ref}, its content says {meeting.ref}; move the file or fix group/date",
                    key_path=("date",),
                )
            )
        self._placed(relpath, text, problems + warnings)
        errors = [p for p in problems if p.kind == ProblemKind.ERROR]
        if errors:
            raise InvalidFileError(f"{relpath} is not a valid meeting", errors)
        return meeting, warnings + problems

    def load(self, ref: MeetingRef | str) -> LoadedMeeting:
        """The meeting as it is on disk now; the caller may change what it gets."""
        loaded = self._load_shared(ref)
        cached = self._parsed.get(loaded.ref.relpath)
        if cached is None or cached[1] is not loaded:
            return loaded  # parsed just now for this caller: no copy needed (a pickle round trip per file)
        return LoadedMeeting(clone(loaded.meeting), loaded.ref, loaded.text, loaded.warnings)

    def _load_shared(self, ref: MeetingRef | str) -> LoadedMeeting:
        # may return the cached object itself: callers must not change it
        if isinstance(ref, str):
            ref = self.resolve(ref)
        if not self.exists(ref):
            raise UsageError(f"no meeting {ref}", hint="`cesam list` shows the meetings.")
        path = self.root / ref.relpath
        stamp = _file_stamp(path)
        cached = self._parsed.get(ref.relpath)
        if cached and cached[0] == stamp and stamp is not None:
            # the file is as our own last save left it: reuse the model we validated then
            return cached[1]
        text = self._read_text(ref.relpath)
        meeting, warnings = self.parse(ref.relpath, text)
        return LoadedMeeting(meeting, ref, text, warnings)

    def check_file(self, relpath: str) -> list[Problem]:
        """Every problem of one file, errors and warnings, each with file and line."""
        problems, attachments = self.check_content(relpath)
        return problems + self.placed_attachment_problems(relpath, attachments)

    def check_content(self, relpath: str) -> tuple[list[Problem], list[tuple[int, str, int]]]:
        """The problems of a file's content, and its bilagor to look for on disk: (number, file, line).

        The problems depend only on the file's bytes and cesam.toml, so a caller
        may keep them by blob id; the bilagor are looked for on disk every time.
        """
        try:
            text = self._read_text(relpath)
        except InvalidFileError as exc:
            return exc.problems, []
        except UsageError as exc:  # a link, a folder, a path outside the repository
            return [Problem(exc.message, file=relpath)], []
        if relpath == CONFIG_FILE:
            try:
                config, warnings = loads_config(text)
            except codec.DecodeError as exc:
                return self._placed(relpath, text, exc.problems), []
            return self._placed(relpath, text, validate_config(config) + warnings), []
        try:
            meeting, problems = self.parse(relpath, text)
        except InvalidFileError as exc:
            try:
                _, warnings = codec.loads(text)
            except codec.DecodeError:
                warnings = []
            return exc.problems + self._placed(relpath, text, warnings), []
        return problems, [(number, file, locate(text, key) or 1) for key, number, file in attachment_files(meeting)]

    def placed_attachment_problems(self, relpath: str, attachments: list[tuple[int, str, int]]) -> list[Problem]:
        """Bilagor (number, file, line) whose file is a link or missing, placed at their line."""
        problems = []
        for number, file, line in attachments:
            problem = self.attachment_problem(number, file)
            if problem is not None:
                problem.file, problem.line, problem.col = relpath, line, 1
                problems.append(problem)
        return problems

    def attachment_problems(self, meeting: Meeting) -> list[Problem]:
        """Bilaga files that are links or missing (validate has refused paths leaving the repository)."""
        problems = []
        for key, number, file in attachment_files(meeting):
            problem = self.attachment_problem(number, file, key)
            if problem is not None:
                problems.append(problem)
        return problems

    def attachment_problem(self, number: int, file: str, key: tuple[str | int, ...] = ()) -> Problem | None:
        """Why one bilaga's file is not usable (a link, missing), or None."""
        try:
            path = self.safe_path(file)
        except UsageError as exc:
            return Problem(f"bilaga {number}: {exc.message}", key_path=key)
        if not path.is_file():
            return Problem(
                f"bilaga {number}: {file!r} is not in the repository", key_path=key, kind=ProblemKind.WARNING
            )
        return None

    # ------------------------------------------------------------ state

    def state(self, paths: list[str] | None = None) -> RepoState:
        git_dir = self.git_dir
        operation = gitstate.operation(git_dir)
        status = worktree.status(self.git, paths or ())

        def ours(found: list[str]) -> list[str]:
            return [p for p in found if TMP_MARK not in p]  # a save's temporary file is not an edit

        unmerged, modified, untracked = ours(status.unmerged), ours(status.modified), ours(status.untracked)
        return RepoState(
            branch=status.branch,
            head=None,
            operation=operation,
            unmerged=unmerged,
            modified=modified,
            untracked=untracked,
            index_lock=(git_dir / "index.lock").exists(),
            shallow=(git_dir / "shallow").exists(),
            locks=[str(path) for path in self.git_locks()],
        )

    def git_locks(self) -> list[Path]:
        """Lock files git leaves when killed that stop a save now (store/gitio/repostate.py: which, and when)."""
        from store.gitio.repostate import blocking_locks

        return blocking_locks(self.git_dir)

    def head_id(self) -> str | None:
        """HEAD's commit id read from the files git keeps, without a subprocess."""
        return gitstate.head_id(self.git_dir)

    def _index_stamp(self) -> tuple[str | None, int, int]:
        try:
            st = (self.git_dir / "index").stat()
        except OSError:
            return (self.head_id(), 0, 0)
        return (self.head_id(), st.st_mtime_ns, st.st_size)

    def _known_clean(self, relpath: str) -> bool:
        """True when nothing touched HEAD, the index or the file since our own last commit of it.

        Saves skip `git status` then: it is the one subprocess a save would
        otherwise add to `git commit`. Any git command that changes HEAD or
        the index, or any edit of the file, sends us back to the full check.
        """
        mark = self._clean_marks.get(relpath)
        if mark is None or mark[0] != self._index_stamp():
            return False
        try:
            return (self.root / relpath).read_bytes() == mark[1]
        except OSError:
            return False

    def _fast_state_check(self) -> bool:
        git_dir = self.git_dir
        markers = (
            "MERGE_HEAD",
            "rebase-merge",
            "rebase-apply",
            "CHERRY_PICK_HEAD",
            "REVERT_HEAD",
            "index.lock",
            "HEAD.lock",
        )
        if any((git_dir / marker).exists() for marker in markers):
            return False
        from store.gitio.repostate import blocking_locks

        if blocking_locks(git_dir):  # the full check names them
            return False
        ref = gitstate.head_ref(git_dir)
        if ref is None:
            return False  # detached, or HEAD unreadable
        return not (gitstate.common_dir(git_dir) / f"{ref}.lock").exists()

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
                f"a git {state.operation} is in progress in {self.root}",
                hint=f"Finish it (`git {state.operation} --continue`) or abort it "
                f"(`git {state.operation} --abort`) before editing.",
            )
        if state.branch is None:
            head = self.head_id()
            raise RepoStateError(
                f"HEAD is detached{f' at {head[:8]}' if head else ''}: cesam commits only on a branch, "
                "so that no saved change is left behind when you switch branches",
                hint="Go back to your branch with `git switch BRANCH` (`git branch` lists them), "
                "or keep working from here on a new branch with `git switch -c NAME`.",
            )
        if state.unmerged:
            raise RepoStateError(
                "the repository has unmerged files: " + ", ".join(state.unmerged),
                hint="Settle them with `cesam resolve` (or git), then try again.",
            )
        if state.index_lock or state.locks:
            self._report_locks(state.locks or [str(self.git_dir / "index.lock")])
        if relpath and (relpath in state.modified or relpath in state.untracked):
            raise RepoStateError(
                f"{relpath} has changes that are not committed (a hand edit, or a save that was interrupted)",
                hint="See them with `cesam status`; commit them with `cesam commit-edits` or discard them "
                f"with `git checkout -- {relpath}`. cesam does not overwrite them.",
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
            try:
                holder = info.read_text(errors="replace").strip() or "another cesam"
            except OSError:
                holder = "another cesam"
            raise RepoStateError(
                f"the repository is busy: {holder} is writing to it (waited {timeout:g} s)",
                hint="Wait for it to finish and try again.",
            ) from None
        except OSError as exc:
            raise RepoStateError(
                f"cannot take the repository's lock {path}: {exc.strerror}",
                hint="cesam needs write access to the repository's .git folder to save.",
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
        what = "index is" if [Path(p).name for p in locks] == ["index.lock"] else "files are"
        raise RepoStateError(
            f"git's {what} locked ({', '.join(locks)})",
            hint="Another git command may be running. If none is, the lock is left over from a crash: "
            f"remove {'that file' if len(locks) == 1 else 'those files'} yourself, then try again. "
            "cesam never removes them itself.",
        )

    # ------------------------------------------------------------ writing

    def _unmerged_paths(self) -> list[str]:
        return gitstate.unmerged_paths(self.git)

    def identity_problem(self) -> str | None:
        # what git commit itself will use: config, or GIT_AUTHOR_*/GIT_COMMITTER_* in the environment
        if gitconfig.identity_known(self.git):
            return None
        return (
            "git does not know who you are, and cesam never makes up an author. Set it once with:\n"
            '  git config --global user.name "Förnamn Efternamn"\n'
            '  git config --global user.email "namn@example.se"'
        )

    def _commit(self, paths: list[str], message: str, *, allow_empty: bool = False, git: Git | None = None) -> str:
        """Commit ``paths`` (none: the index) with ``message``; ``git`` may carry another index (store/services/staging.py)."""
        git = git or self.git
        message = commit_text(message)
        if not message.strip():
            raise GitError("refusing to commit without a message")
        # the message goes on stdin: as an argument, a long name in it hit the
        # kernel's limit for one argument (E2BIG) after the file was written
        try:
            worktree.commit(git, message, paths, only=bool(paths), allow_empty=allow_empty)
        except GitFailed as exc:
            if (
                "user.useConfigOnly" in exc.stderr
                or "tell me who you are" in exc.stderr.lower()
                or "no name was given" in exc.stderr.lower()
                or "no email was given" in exc.stderr.lower()
            ):
                raise GitError("cannot commit: " + (self.identity_problem() or exc.stderr)) from None
            raise GitError(
                f"git commit failed: {exc.stderr}",
                hint="Nothing was lost: the file is saved but not committed; `cesam status` shows it.",
            ) from None
        from store.services.history import note_commit  # late: store.services.history imports this module

        note_commit(self)  # keeps the commit-graph with changed-path filters fresh, cheaply
        head = self.head_id() or revs.resolve_commit(self.git, "HEAD")
        if head is None:
            raise GitError("git commit left no HEAD")
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
                f"{relpath} cannot be saved: it holds a character that no UTF-8 file can store "
                f"({exc.object[exc.start]!r}, a lone surrogate); nothing was saved"
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
                f"{meeting.ref} is justerad and cannot be changed",
                hint=f'Reopen it with a reason: cesam reopen {meeting.ref} --reason "…"',
            )
        if new is not None and new.status == Status.ADJUSTED:
            raise FrozenError(
                f"{meeting.ref} becomes justerad only when its justerare approve it",
                hint=f"Record the approvals with `cesam adjust {meeting.ref}`.",
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
            raise UsageError("a change cannot move a meeting to another group or date")
        confirmed = codec.meeting_to_dict(meeting)
        text = codec.dumps_table(confirmed)  # codec.dumps, keeping the encoded form for the check below
        # the new text must read back as a valid meeting, and as this very meeting:
        # a save that changed what the user confirmed would be a silent alteration
        reread, warnings = self.parse(ref.relpath, text)
        self._same_as_confirmed(ref.relpath, text, confirmed, reread)
        changes = diff_meetings(old, meeting, self.config.group(meeting.group).subitem_style)
        if old is not None and not changes and (self.root / ref.relpath).read_text("utf-8") == text:
            return SaveResult(ref, None)
        if not message:
            from store.core.messages import commit_message  # only a save words a message

            message = commit_message(meeting, self.group_label(meeting.group), changes, self.lang)
        message = commit_text(message)  # what the result reports is what git stores
        commit = self.write_and_commit(ref.relpath, text, message, also)
        self._parsed[ref.relpath] = (_file_stamp(self.root / ref.relpath), LoadedMeeting(reread, ref, text, warnings))
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
        raise InvalidFileError(f"{relpath} cannot be saved", self._placed(relpath, text, [problem]))

    def create(self, meeting: Meeting, *, message: str | None = None) -> SaveResult:
        ref = MeetingRef(meeting.group, meeting.date)
        if meeting.group not in self.group_ids():
            raise UsageError(f"unknown group {meeting.group!r}; known groups: {', '.join(self.group_ids())}")
        with self.lock():
            self.ensure_writable(ref.relpath)
            if self.exists(ref):
                raise UsageError(f"{ref} already exists", hint=f"Open it with `cesam show {ref}`.")
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
            raise UsageError(f"{ref} was removed while you edited it; nothing was saved")
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
                    raise UsageError(f"{relpath} is not a meeting file or {CONFIG_FILE}")
                try:
                    loads_config(text)
                except codec.DecodeError as exc:
                    raise InvalidFileError(
                        f"{relpath} is not valid", self._placed(relpath, text, exc.problems)
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
                        raise FrozenError(
                            exc.message,
                            hint=f"Set the edit aside (`git stash`), reopen the meeting "
                            f'(`cesam reopen {old.ref} --reason "…"`), bring the edit back (`git stash pop`) '
                            "and commit it with `cesam commit-edits`.",
                        ) from None
                from store.core.messages import commit_message

                changes = diff_meetings(old, new, self.config.group(new.group).subitem_style)
                msg = message or commit_message(new, self.group_label(new.group), changes, self.lang)
            if relpath not in state.modified and relpath not in state.untracked:
                return SaveResult(ref, None)
            from store.services.staging import commit_exact  # only a hand edit is committed from bytes read here

            msg = commit_text(msg)
            # exactly the bytes validated above: the file may change again before git would read it
            return SaveResult(ref, commit_exact(self, relpath, data, msg), msg)

    def load_at(self, rev: str, ref: MeetingRef) -> Meeting | None:
        """The meeting as it was at ``rev``; None where it did not exist."""
        if not rev or rev.startswith("-"):
            # "--output=FILE" would make git show write a file
            raise UsageError(f"{rev!r} is not a revision")
        try:
            text = worktree.file_text(self.git, rev, ref.relpath)
        except GitFailed:
            return None
        try:
            meeting, _ = codec.loads(text)
        except codec.DecodeError:
            return None
        return meeting

    # ------------------------------------------------------------ config

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
        raise UsageError(f"{root} already has {CONFIG_FILE}")
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
