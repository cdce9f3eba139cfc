"""Reading a cesam repository: its config, its meeting files, and git's state of them.

:class:`RepositoryReader` is the read half of :class:`store.services.repository.Repository`;
the write path (locking, the save, the commit) is there, on top of this.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Self

from store.core import codec
from store.core.config import CONFIG_FILE, Config, loads_config
from store.core.errors import (
    InvalidFileError,
    Problem,
    ProblemKind,
    UsageError,
    words,
)
from store.core.locate import locate
from store.core.model import Meeting, clone
from store.core.paths import repo_path_problem
from store.core.validate import validate, validate_config
from store.gitio import state as gitstate
from store.gitio import worktree
from store.gitio.fileio import TMP_MARK
from store.gitio.git import Git, GitFailed
from store.services.repo_paths import MEETING_DATE, MEETINGS_DIR, MeetingRef, file_stamp, safe_path


@dataclass
class LoadedMeeting:
    meeting: Meeting
    ref: MeetingRef
    text: str
    warnings: list[Problem] = field(default_factory=list)


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


def attachment_files(meeting: Meeting) -> list[tuple[tuple[str | int, ...], int, str]]:
    """(key path, number, file) of each bilaga with a file inside the repository, to check on disk."""
    return [
        (("items", i, "attachments", j, "file"), att.number, att.file)
        for i, item in enumerate(meeting.items)
        for j, att in enumerate(item.attachments)
        if att.file and not repo_path_problem(att.file)
    ]


class RepositoryReader:
    """A repository's files and git state, read; nothing here writes (see :class:`Repository`)."""

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
    def open(cls, root: Path | str, *, lang: str | None = None) -> Self:
        root = Path(root)
        if not (root / CONFIG_FILE).is_file():
            raise UsageError(
                words("err.not_a_repository", root=root, config=CONFIG_FILE), hint=words("err.not_a_repository.hint")
            )
        if not (root / ".git").exists():
            raise UsageError(words("err.not_git", root=root, config=CONFIG_FILE), hint=words("err.not_git.hint"))
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
                    words("err.not_valid", relpath=CONFIG_FILE), self._placed(CONFIG_FILE, text, exc.problems)
                ) from None
            errors = [p for p in validate_config(config) if p.kind == ProblemKind.ERROR]
            if errors:
                raise InvalidFileError(
                    words("err.not_valid", relpath=CONFIG_FILE), self._placed(CONFIG_FILE, text, errors)
                )
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
            raise UsageError(words("err.file_missing", relpath=relpath)) from None
        except OSError as exc:  # a folder, no permission
            raise UsageError(words("err.file_unreadable", relpath=relpath, reason=exc.strerror)) from None
        try:
            return data, codec.decode_bytes(data)
        except codec.DecodeError as exc:
            raise InvalidFileError(
                words("err.file_undecodable", relpath=relpath), self._placed(relpath, "", exc.problems)
            ) from None

    def safe_path(self, relpath: str) -> Path:
        """The file for a repository-relative path; refuses anything that leaves the repository."""
        return safe_path(self.root, relpath)

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
        if not MEETING_DATE.match(date_text):
            raise UsageError(words("err.not_a_meeting_name", name=repr(name)))
        try:
            date = dt.date.fromisoformat(date_text)
        except ValueError:
            raise UsageError(words("err.bad_date", text=repr(date_text))) from None
        if group:
            if group not in self.group_ids():
                raise UsageError(words("err.unknown_group.known", group=repr(group), known=", ".join(self.group_ids())))
            return MeetingRef(group, date)
        matches = [r for r in self.list_refs() if r.date == date]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise UsageError(words("err.no_meeting_on", date=date_text), hint=words("err.list_meetings.hint"))
        options = ", ".join(str(r) for r in matches)
        raise UsageError(
            words("err.ambiguous_date", date=date_text, options=options), hint=words("err.ambiguous_date.hint")
        )

    def exists(self, ref: MeetingRef) -> bool:
        return (self.root / ref.relpath).is_file()

    def parse(self, relpath: str, text: str) -> tuple[Meeting, list[Problem]]:
        """Parse and validate meeting text; InvalidFileError names file and line."""
        try:
            meeting, warnings = codec.loads(text)
        except codec.DecodeError as exc:
            raise InvalidFileError(
                words("err.invalid_meeting", relpath=relpath), self._placed(relpath, text, exc.problems)
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
            raise InvalidFileError(words("err.invalid_meeting", relpath=relpath), errors)
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
            raise UsageError(words("err.no_meeting", ref=ref), hint=words("err.list_meetings.hint"))
        path = self.root / ref.relpath
        stamp = file_stamp(path)
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

    def load_at(self, rev: str, ref: MeetingRef) -> Meeting | None:
        """The meeting as it was at ``rev``; None where it did not exist."""
        if not rev or rev.startswith("-"):
            # "--output=FILE" would make git show write a file
            raise UsageError(words("err.not_a_revision", rev=repr(rev)))
        try:
            text = worktree.file_text(self.git, rev, ref.relpath)
        except GitFailed:
            return None
        try:
            meeting, _ = codec.loads(text)
        except codec.DecodeError:
            return None
        return meeting
