"""Three people, one remote, many rounds: how often does a pull conflict, and is anything lost?

A bare remote and three clones of the demo repository: Anna and Bertil use
cesam (the store API: ``Repository.apply`` and ``sync``), Cecilia uses plain
git with **no merge driver configured**, so git merges her pulls line by
line. Each round every person makes one to three realistic edits of the
2023 meeting (the other demo meetings are justerade), commits, and then
shares: ``sync`` for the cesam people, ``git fetch`` + ``git merge`` (what
``git pull`` does) + ``git push`` for Cecilia. Within a round most edits
concern the same agenda item, as after a real meeting.

Every edit carries a unique token. When a pull conflicts the person does
what a careful person does, never dropping anything silently: Cecilia
aborts the merge, takes the remote's version and types her unpushed edits
again; a cesam person settles the conflict with the remote's values
(``resolve``) and makes again those of her edits that lost. At the end all
clones must hold the same tree and every token must be in it.

Reported: conflicts per pull for the plain-git person and for the cesam
people. ``--baseline REV`` runs the same simulation (same seed) a second
time with the code of an older revision, in the same run, for a
before/after ratio::

    python bench/simulate_collab.py --rounds 50 --baseline main
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if os.environ.get("CESAM_SIM_CODE"):  # the baseline run: an older revision's store/
    sys.path.insert(0, os.environ["CESAM_SIM_CODE"])
elif str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from store.core import codec  # noqa: E402
from store.core.merge import Choice, Take  # noqa: E402
from store.core.model import Attendee, Meeting, Statement  # noqa: E402
from store.services.demo import create_demo  # noqa: E402
from store.services.repository import Repository  # noqa: E402
from store.services.sync import SyncConflict, find_conflicts, resolve, sync  # noqa: E402

RELPATH = "meetings/cesam/2023/2023-09-05.toml"
MEETING = "cesam/2023-09-05"
PEOPLE = ("anna", "bertil", "cecilia")
PLAIN = "cecilia"
# a sentence end: punctuation after a lowercase letter, then a space and a capital (or the end)
_SENTENCE_END = re.compile(r"(?<=[a-zåäö]{3})[.?!](?= [A-ZÅÄÖ”]|$)")


# ---------------------------------------------------------------- edits


@dataclass
class Edit:
    """One person's change, as data: replayed on a fresh tree after a conflict."""

    kind: str
    token: str
    target: tuple[str, ...]  # record ids and field
    sentence: int = 0


def _record(meeting: dict[str, Any], target: tuple[str, ...]) -> dict[str, Any]:
    """The parsed TOML table a target names: ("attendees", id) / ("items", id) / ("items", id, "statements", id)."""
    table: dict[str, Any] = meeting
    for kind, rid in zip(target[0::2], target[1::2], strict=False):
        table = next(r for r in table.get(kind, []) if r.get("id") == rid)
    return table


def _insert_at(value: str, edit: Edit) -> int:
    """Where in a text the token goes: before the end of the chosen sentence, or at its end."""
    ends = [m.start() for m in _SENTENCE_END.finditer(value)]
    return ends[edit.sentence % len(ends)] if ends else len(value)


def _new_value(old: str, edit: Edit) -> str:
    at = _insert_at(old, edit)
    return old[:at] + f" {edit.token}" + old[at:]


def apply_to_model(meeting: Meeting, edit: Edit) -> None:
    """The edit through cesam's model, as the TUI makes it."""
    if edit.kind == "add_attendee":
        meeting.attendees.append(Attendee(f"a-{edit.token.lower()}", f"Person {edit.token}", "Kommunal", "Kommunal"))
        return
    if edit.kind == "add_statement":
        item = meeting.item(edit.target[1])
        item.statements.append(Statement(f"s-{edit.token.lower()}", "Vision", text=f"frågade om {edit.token}?"))
        return
    record: Any = meeting.item(edit.target[1]) if edit.target[0] == "items" else None
    if len(edit.target) > 3:
        record = next(s for s in record.statements if s.id == edit.target[3])
    if edit.target[0] == "attendees":
        record = next(a for a in meeting.attendees if a.id == edit.target[1])
    name = edit.target[-1]
    setattr(record, name, _new_value(getattr(record, name), edit))


def _last_word(old: str, at: int) -> str:
    """The word just before the insertion point: written verbatim on one line of the file in any layout."""
    start = at
    while start > 0 and old[start - 1] not in ' "\\\n':
        start -= 1
    return old[start:at]


def apply_to_text(text: str, edit: Edit) -> str:
    """The edit as a person makes it in an editor: a few characters typed into the file, nothing rewritten."""
    data = tomllib.loads(text)
    if edit.kind == "add_attendee":
        snippet = codec.dumps_table(
            {
                "attendees": [
                    {
                        "id": f"a-{edit.token.lower()}",
                        "name": f"Person {edit.token}",
                        "role": "Kommunal",
                        "party": "Kommunal",
                    }
                ]
            }
        ).lstrip("\n")
        at = text.index("\n[[items]]\n") + 1
        return text[:at] + snippet + "\n" + text[at:]
    if edit.kind == "add_statement":
        statement = {"id": f"s-{edit.token.lower()}", "party": "Vision", "text": f"frågade om {edit.token}?"}
        snippet = codec.dumps_table({"x": [statement]}).lstrip("\n").replace("[[x]]", "[[items.statements]]")
        start = text.index(f'[[items]]\nid = "{edit.target[1]}"\n')
        nxt = [
            m.start() + 1
            for m in re.finditer(r"\n\[\[items\]\]\n|\n\[next_meeting\]|\n\[\[signatures\]\]", text)
            if m.start() > start
        ]
        end = nxt[0] if nxt else len(text)
        later = [
            m.start() + 1
            for m in re.finditer(r"\n\[items\.outcome\]|\n\[\[items\.followups\]\]", text)
            if start < m.start() < end
        ]
        at = later[0] if later else end
        if at == len(text):
            return text + "\n" + snippet
        return text[:at] + snippet + "\n" + text[at:]
    record = _record(data, edit.target[:-1])
    old = record[edit.target[-1]]
    at = _insert_at(old, edit)
    word = _last_word(old, at)
    header = "[[attendees]]" if edit.target[0] == "attendees" else "[[items]]"
    start = text.index(f'{header}\nid = "{edit.target[1]}"\n')
    if len(edit.target) > 3:
        start = text.index(f'[[items.statements]]\nid = "{edit.target[3]}"\n', start)
    start = text.index(f"\n{edit.target[-1]} = ", start)
    expected = _new_value(old, edit)
    # the person finds the place by eye: the first occurrence of that word in the field that is the right one
    for match in re.finditer(re.escape(word) if word else '"', text[start:]):
        pos = start + match.end()
        new = text[:pos] + f" {edit.token}" + text[pos:]
        try:
            if _record(tomllib.loads(new), edit.target[:-1])[edit.target[-1]] == expected:
                return new
        except (tomllib.TOMLDecodeError, KeyError, StopIteration):
            continue
    raise AssertionError(f"no place for {edit} in the file")


FOCUS = 0.9  # the share of a session's edits on the item being written up (--focus)


def choose_edit(rng: random.Random, meeting: dict[str, Any], focus: str, token: str, share: float = FOCUS) -> Edit:
    items = [i for i in meeting["items"] if i.get("body") or i.get("statements")]
    # most of a session's work is on the item being written up
    item = next((i for i in items if i["id"] == focus), None) if rng.random() < share else None
    item = item or rng.choice(items)
    roll = rng.random()
    if roll < 0.12:
        return Edit("add_statement", token, ("items", item["id"]))
    if roll < 0.20:
        return Edit("add_attendee", token, ())
    if roll < 0.32:
        # an attendee's neighbouring fields (not the chair's, secretary's or justerare's name)
        attendee = rng.choice(meeting["attendees"][2:6])
        return Edit("field", token, ("attendees", attendee["id"], rng.choice(["name", "role"])))
    statements = item.get("statements", [])
    if roll < 0.62 and statements:
        statement = rng.choice(statements)
        name = rng.choice(["text", "answer"] if statement.get("answer") else ["text"])
        return Edit("field", token, ("items", item["id"], "statements", statement["id"], name), rng.randrange(8))
    weights = {"body": 6, "proposal": 2, "purpose": 1, "title": 1}
    fields = [f for f in weights if item.get(f)]
    name = rng.choices(fields, [weights[f] for f in fields])[0]
    return Edit("field", token, ("items", item["id"], name), rng.randrange(8))


# ---------------------------------------------------------------- people


@dataclass
class Counts:
    pulls: int = 0  # shares that found something new on the remote
    merges: int = 0  # ... where both sides had moved
    conflicts: int = 0  # ... that stopped on a conflict
    redone: int = 0  # edits typed again after a conflict
    causes: list[str] = field(default_factory=list)  # per conflict: the edits on both sides
    # why the conflicts happened, from the edits on both sides (see classify())
    same_field: int = 0  # a field both sides edited (for a text: any sentence of it)
    same_place: int = 0  # records added at the same place (two attendees, two statements of one item)
    unrelated: int = 0  # neither: what a better layout or merge can avoid

    def rate(self) -> float:
        return self.conflicts / self.pulls if self.pulls else 0.0


EDITS: dict[str, Edit] = {}  # every edit of the run, by token
_TOKEN = re.compile(r"T\d+R\d+[A-Z]\d+X")


def classify(counts: Counts, mine: list[Edit], path: Path) -> None:
    """Count a conflict by what the two sides did: the same field, records at one place, or neither."""
    log = git(path, "log", "--format=%s", "HEAD..@{u}").stdout
    theirs = [EDITS[t] for t in _TOKEN.findall(log) if t in EDITS]
    fields = {e.target for e in mine if e.kind == "field"} & {e.target for e in theirs if e.kind == "field"}
    added = {(e.kind, e.target) for e in mine if e.kind != "field"} & {(e.kind, e.target) for e in theirs}
    if fields:
        counts.same_field += 1
    elif added:
        counts.same_place += 1
    else:
        counts.unrelated += 1


def git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=check)


class Person:
    def __init__(self, name: str, path: Path, rng: random.Random) -> None:
        self.name = name
        self.path = path
        self.rng = rng
        self.unpushed: list[Edit] = []
        self.counts = Counts()

    def text(self) -> str:
        return (self.path / RELPATH).read_text(encoding="utf-8")

    def edit(self, edit: Edit) -> None:
        raise NotImplementedError

    def share(self) -> None:
        raise NotImplementedError


class CesamPerson(Person):
    def edit(self, edit: Edit) -> None:
        self._save(edit, f"{edit.kind} {edit.token}")
        self.unpushed.append(edit)

    def _save(self, edit: Edit, message: str) -> None:
        def change(meeting: Meeting) -> None:
            apply_to_model(meeting, edit)

        Repository.open(self.path).apply(MEETING, change, message=message)

    def share(self) -> None:
        repo = Repository.open(self.path)
        try:
            result = sync(repo)
        except SyncConflict as exc:
            self.counts.causes.append("; ".join(c.path for c in exc.conflicts))
            classify(self.counts, self.unpushed, self.path)
            self.counts.pulls += 1
            self.counts.merges += 1
            self.counts.conflicts += 1
            pending = find_conflicts(repo)
            assert pending is not None
            resolve(repo, {c.id: Choice(Take.THEIRS) for c in pending.conflicts})
            self._redo_lost()
            result = sync(repo)
            assert not result.pulled, "nobody pushes between two of our steps"
        else:
            if result.pulled:
                self.counts.pulls += 1
                self.counts.merges += bool(result.merge_commit)
        self.unpushed = []

    def _redo_lost(self) -> None:
        text = self.text()
        for edit in self.unpushed:
            if edit.token not in text:
                self.counts.redone += 1
                self._save(edit, f"redo {edit.token}")


class PlainPerson(Person):
    def edit(self, edit: Edit) -> None:
        (self.path / RELPATH).write_text(apply_to_text(self.text(), edit), encoding="utf-8")
        git(self.path, "commit", "-q", "-am", f"{edit.kind} {edit.token}")
        self.unpushed.append(edit)

    def share(self) -> None:
        git(self.path, "fetch", "-q", "origin")
        incoming = int(git(self.path, "rev-list", "--count", "HEAD..@{u}").stdout)
        ahead = int(git(self.path, "rev-list", "--count", "@{u}..HEAD").stdout)
        if incoming:
            self.counts.pulls += 1
            self.counts.merges += bool(ahead)
            merged = git(self.path, "merge", "-q", "--no-edit", "@{u}", check=False)
            if merged.returncode != 0 or not self._valid():
                theirs = git(self.path, "log", "--format=%s", "HEAD..@{u}").stdout.split("\n")
                self.counts.causes.append(f"mine {[(e.kind, e.target) for e in self.unpushed]} theirs {theirs}")
                classify(self.counts, self.unpushed, self.path)
                # a conflict, or a line merge that no longer reads as a meeting: start again from theirs
                self.counts.conflicts += 1
                if merged.returncode != 0:
                    git(self.path, "merge", "--abort")
                git(self.path, "reset", "-q", "--hard", "@{u}")
                for edit in self.unpushed:
                    self.counts.redone += 1
                    self.edit_again(edit)
        git(self.path, "push", "-q", "origin", "HEAD")
        self.unpushed = []

    def edit_again(self, edit: Edit) -> None:
        (self.path / RELPATH).write_text(apply_to_text(self.text(), edit), encoding="utf-8")
        git(self.path, "commit", "-q", "-am", f"redo {edit.kind} {edit.token}")

    def _valid(self) -> bool:
        try:
            codec.loads(self.text())
        except codec.DecodeError:
            return False
        return True


# ---------------------------------------------------------------- the world


@dataclass
class Report:
    rounds: int
    seed: int
    plain: Counts
    cesam: Counts
    tokens: int
    edits_by_kind: dict[str, int] = field(default_factory=dict)

    def lines(self, label: str) -> list[str]:
        out = [f"{label}: {self.rounds} rounds, seed {self.seed}, {self.tokens} edits, all converged, none lost"]
        for name, c in (("plain git", self.plain), ("cesam", self.cesam)):
            out.append(
                f"  {name:10s}: {c.conflicts:3d} conflicts / {c.pulls:3d} pulls = {c.rate():.2f}"
                f"  ({c.merges} merges; same field {c.same_field}, records added at one place {c.same_place},"
                f" no shared field {c.unrelated}; {c.redone} edits made again)"
            )
        return out


def _world(root: Path, rng: random.Random) -> list[Person]:
    create_demo(root / "demo")
    git(root, "clone", "-q", "--bare", str(root / "demo"), str(root / "remote.git"))
    people: list[Person] = []
    for name in PEOPLE:
        path = root / name
        git(root, "clone", "-q", str(root / "remote.git"), str(path))
        git(path, "config", "user.name", name.capitalize())
        git(path, "config", "user.email", f"{name}@example.se")
        cls = PlainPerson if name == PLAIN else CesamPerson
        people.append(cls(name, path, random.Random(rng.random())))
    # the plain clone has the attribute (merge=cesam) but no driver: git merges by lines
    assert git(people[-1].path, "config", "--get", "merge.cesam.driver", check=False).returncode != 0
    return people


def simulate(
    root: Path,
    rounds: int = 50,
    seed: int = 21,
    progress: Callable[[str], None] | None = None,
    focus: float = FOCUS,
) -> Report:
    rng = random.Random(seed)
    people = _world(root, rng)
    tokens: list[str] = []
    kinds: dict[str, int] = {}
    for number in range(rounds):
        for person in people:
            person.share()  # start the round from what is on the remote, as after yesterday
        focus_items = [i["id"] for i in tomllib.loads(people[0].text())["items"] if i.get("body")]
        focus_item = rng.choice(focus_items)
        order = list(people)
        rng.shuffle(order)
        for person in order:
            for _ in range(person.rng.choice((1, 2, 3))):
                token = f"T{seed}R{number}{person.name[0].upper()}{len(tokens)}X"
                edit = choose_edit(person.rng, tomllib.loads(person.text()), focus_item, token, focus)
                person.edit(edit)
                tokens.append(token)
                EDITS[token] = edit
                kinds[edit.kind] = kinds.get(edit.kind, 0) + 1
        for person in order:
            person.share()
        if progress:
            progress(f"round {number + 1}/{rounds}")
    for _ in range(2):
        for person in people:
            person.share()
    _check(people, tokens)
    cesam = Counts()
    for person in people[:2]:
        for key, value in asdict(person.counts).items():
            setattr(cesam, key, getattr(cesam, key) + value)
    return Report(rounds, seed, people[2].counts, cesam, len(tokens), kinds)


def _check(people: list[Person], tokens: list[str]) -> None:
    trees = {git(p.path, "rev-parse", "HEAD^{tree}").stdout.strip() for p in people}
    assert len(trees) == 1, f"clones did not converge: {trees}"
    text = people[0].text()
    codec.loads(text)  # still a valid meeting
    lost = [t for t in tokens if t not in text]
    assert not lost, f"edits lost: {lost}"


# ---------------------------------------------------------------- command line


def _isolate(home: Path) -> None:
    os.environ.update(
        HOME=str(home),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=str(home / ".gitconfig"),
        GIT_TERMINAL_PROMPT="0",
    )
    (home / ".gitconfig").write_text(
        "[user]\n\tname = Sim\n\temail = sim@example.se\n[init]\n\tdefaultBranch = main\n"
        "[commit]\n\tgpgsign = false\n[tag]\n\tgpgsign = false\n",
        encoding="utf-8",
    )


def _run_baseline(rev: str, args: argparse.Namespace, folder: Path) -> dict[str, Any]:
    """The same simulation with ``rev``'s store/ (this script, that code), in a subprocess."""
    code = folder / "baseline-code"
    code.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "store"], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(code)], input=archive.stdout, check=True)
    env = {**os.environ, "CESAM_SIM_CODE": str(code)}
    out = subprocess.run(
        [
            sys.executable,
            __file__,
            "--rounds",
            str(args.rounds),
            "--seed",
            str(args.seed),
            "--focus",
            str(args.focus),
            "--json",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode:
        raise SystemExit(f"the baseline run failed:\n{out.stderr}")
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument("--baseline", metavar="REV", help="also run with this revision's code, for a ratio")
    parser.add_argument("--focus", type=float, default=FOCUS, help="share of edits on the round's item")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--causes", action="store_true", help="list what each conflict was about")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="cesam-sim-") as tmp:
        folder = Path(tmp)
        (folder / "home").mkdir()
        _isolate(folder / "home")
        (folder / "world").mkdir()
        report = simulate(folder / "world", args.rounds, args.seed, focus=args.focus)
        if args.json:
            print(json.dumps(asdict(report)))
            return 0
        baseline = _run_baseline(args.baseline, args, folder) if args.baseline else None
    print("\n".join(report.lines("this checkout")))
    if args.causes:
        print("\n".join(f"  plain: {c}" for c in report.plain.causes))
        print("\n".join(f"  cesam: {c}" for c in report.cesam.causes))
    if baseline:
        before = Report(
            baseline["rounds"],
            baseline["seed"],
            Counts(**baseline["plain"]),
            Counts(**baseline["cesam"]),
            baseline["tokens"],
        )
        print("\n".join(before.lines(f"baseline {args.baseline}")))
        for who in ("plain", "cesam"):
            now, then = getattr(report, who).rate(), getattr(before, who).rate()
            ratio = f"{now / then:.2f}" if then else "n/a"
            print(f"  {who:10s}: conflict rate {then:.2f} -> {now:.2f} (ratio {ratio})")
            a, b = getattr(before, who), getattr(report, who)
            print(
                f"  {'':10s}  conflicts without a field edited on both sides: "
                f"{a.same_place + a.unrelated} -> {b.same_place + b.unrelated} per {a.pulls} / {b.pulls} pulls"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
