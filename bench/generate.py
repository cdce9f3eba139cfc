"""Generate the "ten years" repository deterministically from the demo meetings.

8 groups x 12 meetings x 10 years (``--groups 80`` for the 9,600 meetings of
``bench/run.py --scale 10``), each meeting created two weeks before its day and
edited in small steps around it (statements added, text changed, outcomes set,
follow-ups closed) by three authors, with commit dates spread over the years:
about 10,000 commits per 960 meetings. The text is drawn from the demo
meetings' own words at their own frequencies. About 30% of the held meetings
are justerade the way cesam does it (an annotated approval tag per required
person on the held content, then the justering commit); 5% of those are
reopened, changed and justerade again; every 40th meeting is edited on two
clones and merged (a commit with two parents). The history is streamed into
`git fast-import`, and every file version is written by cesam's own codec, so
the repository is what cesam makes.

    python bench/generate.py OUT_DIR [--groups 8] [--years 10] [--edits 9]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import pickle
import random
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from store.core import codec  # noqa: E402
from store.core.config import Group, dumps_config, loads_config  # noqa: E402
from store.core.content_hash import CURRENT_VERSION, bilaga_files, justering_hash  # noqa: E402
from store.core.model import FollowUp, Meeting, OutcomeKind, Statement, StatementKind, Status  # noqa: E402
from store.services.approvals import (  # noqa: E402
    HASH_PREFIX,
    K_ACTION,
    K_APPROVER,
    K_DATE,
    K_HASH,
    K_HASH_VERSION,
    K_MEETING,
    K_RECORDED_BY,
    person_slug,
    required_approvers,
)
from store.services.demo import demo_files  # noqa: E402
from store.services.repository import GITATTRIBUTES, MeetingRef  # noqa: E402


def vocabulary(templates: list[Meeting]) -> list[str]:
    """Every word of the demo meetings' text, as often as it occurs there.

    Drawing from this list gives generated text the demo's own word
    frequencies (a few common words, a long tail), so a search for a common
    word hits most meetings and a rare one few, as in a real archive.
    """
    words: list[str] = []
    for meeting in templates:
        for item in meeting.items:
            text = " ".join([item.title, item.body, *(s.text for s in item.statements)])
            words += re.findall(r"[a-zåäöé]{3,}", text.lower())
    return words


def _copy(meeting: Meeting) -> Meeting:
    """A deep copy; a pickle round trip is about 5x faster than copy.deepcopy for a meeting."""
    copied: Meeting = pickle.loads(pickle.dumps(meeting, pickle.HIGHEST_PROTOCOL))
    return copied


WORDS: list[str] = []  # filled by generate() from the demo meetings
GROUPS = [
    ("cesam", "Centrala samverkansgruppen", "CESAM"),
    ("ubf", "Förvaltningssamverkan Utbildningsförvaltningen", "FSG UBF"),
    ("saf", "Förvaltningssamverkan Social- och äldreförvaltningen", "FSG SÄF"),
    ("kof", "Förvaltningssamverkan Kultur- och fritidsförvaltningen", "FSG KOF"),
    ("sbf", "Förvaltningssamverkan Stadsbyggnadsförvaltningen", "FSG SBF"),
    ("ksf", "Förvaltningssamverkan Kommunstyrelseförvaltningen", "FSG KSF"),
    ("gvf", "Förvaltningssamverkan Gymnasie- och vuxenutbildning", "FSG GVF"),
    ("naf", "Förvaltningssamverkan Näringsliv och arbetsmarknad", "FSG NAF"),
]


def sentence(rng: random.Random, n: int = 12) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def vary(template: Meeting, group: str, date: dt.date, rng: random.Random) -> Meeting:
    meeting = _copy(template)
    meeting.group, meeting.date = group, date
    meeting.status = Status.DRAFT
    meeting.adjusted_on = None
    meeting.signatures = []
    meeting.next_meeting = dataclasses.replace(meeting.next_meeting, date=date + dt.timedelta(days=28), note="")
    for item in meeting.items:
        if item.body:
            item.body = item.body + "\n\n" + sentence(rng)
        for statement in item.statements:
            statement.text = sentence(rng, 16)
    return meeting


def edits(meeting: Meeting, rng: random.Random, unions: list[str], count: int) -> list[tuple[str, Meeting]]:
    """Small successive edits: (message, new version)."""
    out = []
    current = meeting
    for step in range(count):
        current = _copy(current)
        item = rng.choice([i for i in current.items if i.parent or not current.children(i.id)])
        choice = step % 5
        if choice == 0:
            union = rng.choice(unions)
            item.statements.append(Statement(f"gen-{step}", union, StatementKind.VIEW, sentence(rng, 14)))
            what = f"{union} – synpunkt tillagd"
        elif choice == 1 and item.statements:
            item.statements[0].text = sentence(rng, 18)
            what = f"{item.statements[0].party} – synpunkt ändrad"
        elif choice == 2:
            item.outcome.kind = rng.choice([OutcomeKind.AGREEMENT, OutcomeKind.INFORMATION_RECEIVED])
            what = "utfall ändrat"
        elif choice == 3:
            item.followups.append(FollowUp(f"fu-{step}", "Arbetsgivaren återkommer om " + rng.choice(WORDS) + "."))
            what = "uppföljning tillagd"
        else:
            item.body = (item.body + "\n\n" if item.body else "") + sentence(rng)
            what = "text ändrad"
        out.append((f"§ {current.items.index(item) + 1}: {what}", current))
    if rng.random() < 0.7:
        current = _copy(current)
        current.status = Status.HELD
        out.append(("status ändrad", current))
    return out


class FastImport:
    """Commits, merges and annotated tags streamed into ``git fast-import``."""

    def __init__(self, repo: Path) -> None:
        self.proc = subprocess.Popen(["git", "fast-import", "--quiet", "--done"], cwd=repo, stdin=subprocess.PIPE)
        self.mark = 0

    def _data(self, text: str) -> bytes:
        raw = text.encode("utf-8")
        return b"data %d\n" % len(raw) + raw + b"\n"

    def _write(self, chunk: bytes) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(chunk)

    def commit(
        self,
        files: dict[str, str],
        message: str,
        author: str,
        when: int,
        branch: str = "main",
        parent: int | None = None,
        merge: int | None = None,
    ) -> int:
        """One commit on ``branch`` (from mark ``parent`` when given, merging mark ``merge``); its mark."""
        self.mark += 1
        chunk = f"commit refs/heads/{branch}\nmark :{self.mark}\n".encode()
        ident = f"{author} <{author.split()[0].lower()}@example.se> {when} +0100"
        chunk += f"author {ident}\ncommitter {ident}\n".encode()
        chunk += self._data(message)
        if parent is not None:
            chunk += b"from :%d\n" % parent
        if merge is not None:
            chunk += b"merge :%d\n" % merge
        for path, text in files.items():
            chunk += f"M 100644 inline {path}\n".encode() + self._data(text)
        self._write(chunk)
        return self.mark

    def tag(self, name: str, mark: int, tagger: str, when: int, message: str) -> None:
        ident = f"{tagger} <{tagger.split()[0].lower()}@example.se> {when} +0100"
        self._write(f"tag {name}\nfrom :{mark}\ntagger {ident}\n".encode() + self._data(message))

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"done\n")
        self.proc.stdin.close()
        if self.proc.wait():
            raise SystemExit("git fast-import failed")


AUTHORS = ["Sara Sekreterare", "Gunilla Ejefors Lublin", "Alexandra Eldstål"]
JUSTERAD = 0.3  # of held meetings: justerade with approval tags (about 290 at scale 1)
REOPENED = 0.05  # of justerade: reopened, changed and justerade again
MERGE_EVERY = 40  # meetings: one edit made on another clone and merged


def groups_for(count: int) -> list[tuple[str, str, str]]:
    """The eight named groups, then numbered ones for larger scales."""
    extra = [(f"fsg{n:02d}", f"Förvaltningssamverkan {n}", f"FSG {n}") for n in range(len(GROUPS), count)]
    return (GROUPS + extra)[:count]


def _epoch(day: dt.date, hour: int) -> int:
    return int(dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.UTC).timestamp())


class _Writer:
    """One meeting's life: created, edited, maybe justerad (tags), reopened, edited on another clone."""

    def __init__(self, fi: FastImport, rng: random.Random, unions: list[str], edit_count: int) -> None:
        self.fi, self.rng, self.unions, self.edit_count = fi, rng, unions, edit_count
        self.head: int | None = None
        self.commits = self.tags = self.merges = self.justerade = 0

    def _commit(self, path: str, meeting: Meeting, message: str, author: str, when: int) -> int:
        self.head = self.fi.commit({path: codec.dumps(meeting)}, message, author, when, parent=self.head)
        self.commits += 1
        return self.head

    def _justera(self, path: str, short: str, ref: MeetingRef, meeting: Meeting, when: int) -> Meeting:
        held = self.head
        assert held is not None
        # the generated repository holds no bilaga files: each counts as missing, as cesam would hash it
        digest = justering_hash(meeting, dict.fromkeys(bilaga_files(meeting)))
        day = meeting.date + dt.timedelta(days=self.rng.randint(3, 12))
        people = required_approvers(meeting, None)
        for person in people:
            name = f"justering/{ref.group}/{ref.date.isoformat()}/{person_slug(person)}/{digest[:12]}-{self.rng.getrandbits(32):08x}"
            body = "\n".join(
                [
                    f"{short} {ref.date}: godkänt av {person}",
                    "",
                    f"{K_MEETING}: {ref}",
                    f"{K_APPROVER}: {person}",
                    f"{K_RECORDED_BY}: Sara Sekreterare <sara@example.se>",
                    f"{K_DATE}: {day.isoformat()}",
                    f"{K_HASH}: {HASH_PREFIX}{digest}",
                    f"{K_HASH_VERSION}: {CURRENT_VERSION}",
                ]
            )
            self.fi.tag(name, held, "Sara Sekreterare", when, body + "\n")
            self.tags += 1
        adjusted = _copy(meeting)
        adjusted.status, adjusted.adjusted_on = Status.ADJUSTED, day
        message = f"{short} {ref.date}: justerat av {', '.join(people)}\n\n{K_MEETING}: {ref}\n{K_ACTION}: justering\n"
        message += f"{K_HASH}: {HASH_PREFIX}{digest}"
        self._commit(path, adjusted, message, "Sara Sekreterare", when + 60)
        self.justerade += 1
        return adjusted

    def meeting(self, template: Meeting, gid: str, short: str, date: dt.date) -> Meeting:
        """Write one meeting's history; its last version."""
        rng = self.rng
        meeting = vary(template, gid, date, rng)
        ref = MeetingRef(gid, date)
        path = ref.relpath
        author = rng.choice(AUTHORS)
        # the agenda a fortnight before, the edits around the meeting day
        when = _epoch(date - dt.timedelta(days=14), 9)
        self._commit(path, meeting, f"{short} {date}: möte tillagt", author, when)
        versions = edits(meeting, rng, self.unions, self.edit_count)
        for n, (message, version) in enumerate(versions):
            when = _epoch(date + dt.timedelta(days=n // 3 - 1), 10 + n % 3)
            self._commit(path, version, f"{short} {date} {message}", rng.choice(AUTHORS), when)
            meeting = version
        if meeting.status != Status.HELD or not meeting.adjusters or rng.random() >= JUSTERAD:
            return meeting
        when += 7 * 86400
        meeting = self._justera(path, short, ref, meeting, when)
        if rng.random() < REOPENED:
            reopened = _copy(meeting)
            reopened.status, reopened.adjusted_on = Status.HELD, None
            message = f"{short} {date}: justering hävd, öppnat för ändring – stavfel\n\nSkäl: stavfel\n\n"
            message += f"{K_MEETING}: {ref}\n{K_ACTION}: reopen"
            self._commit(path, reopened, message, "Sara Sekreterare", when + 86400)
            fixed = _copy(reopened)
            fixed.items[0].body += "\n\nRättat stavfel."
            self._commit(path, fixed, f"{short} {date} § 1: text ändrad", "Sara Sekreterare", when + 86500)
            meeting = self._justera(path, short, ref, fixed, when + 2 * 86400)
        return meeting

    def merge_from_another_clone(self, path: str, meeting: Meeting, short: str, when: int) -> None:
        """Two clones edit one meeting apart (different items), then the second is merged: two parents."""
        base = self.head
        assert base is not None
        theirs = _copy(meeting)
        theirs.items[-1].body += "\n\n" + sentence(self.rng)
        side = self.fi.commit(
            {path: codec.dumps(theirs)}, f"{short} {meeting.date} text ändrad", AUTHORS[1], when, "side", base
        )
        ours = _copy(meeting)
        ours.items[0].body += "\n\n" + sentence(self.rng)
        self._commit(path, ours, f"{short} {meeting.date} § 1: text ändrad", AUTHORS[0], when + 300)
        merged = _copy(ours)
        merged.items[-1].body = theirs.items[-1].body
        self.head = self.fi.commit(
            {path: codec.dumps(merged)},
            f"{short} {meeting.date}: ändringar från {AUTHORS[1]} sammanfogade",
            AUTHORS[0],
            when + 600,
            parent=self.head,
            merge=side,
        )
        self.commits += 2
        self.merges += 1


def generate(out: Path, groups: int = 8, years: int = 10, edit_count: int = 9, seed: int = 2026) -> dict[str, int]:
    """Write the repository; what it holds (commits, tags, merges, justerade, meetings)."""
    rng = random.Random(seed)
    files = demo_files()
    config, _ = loads_config(files.pop("cesam.toml"))
    chosen = groups_for(groups)
    config.groups = [
        Group(gid, name, short, standing_items=config.groups[0].standing_items) for gid, name, short in chosen
    ]
    templates = [codec.loads(text)[0] for path, text in sorted(files.items())]
    WORDS[:] = vocabulary(templates)
    unions = [u.name for u in config.unions if u.active]
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(out)], check=True)
    fi = FastImport(out)
    start_year = 2026 - years
    writer = _Writer(fi, rng, unions, edit_count)
    writer.head = fi.commit(
        {"cesam.toml": dumps_config(config), ".gitattributes": GITATTRIBUTES},
        "cesam: nytt arkiv",
        "Sara Sekreterare",
        _epoch(dt.date(start_year - 1, 12, 1), 9),
    )
    writer.commits += 1
    meetings = 0
    for year in range(start_year, start_year + years):
        for month in range(1, 13):
            for n, (gid, _name, short) in enumerate(chosen):
                date = dt.date(year, month, 2 + n % 26)
                last = writer.meeting(rng.choice(templates), gid, short, date)
                meetings += 1
                if meetings % MERGE_EVERY == 0 and last.status != Status.ADJUSTED:
                    when = _epoch(date + dt.timedelta(days=2), 15)
                    writer.merge_from_another_clone(MeetingRef(gid, date).relpath, last, short, when)
    fi.close()
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=out, check=True)
    subprocess.run(["git", "branch", "-q", "-D", "side"], cwd=out, check=False)
    return {
        "meetings": meetings,
        "commits": writer.commits,
        "tags": writer.tags,
        "merges": writer.merges,
        "justerade": writer.justerade,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--groups", type=int, default=8)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--edits", type=int, default=9)
    args = parser.parse_args()
    made = generate(args.out, args.groups, args.years, args.edits)
    print(f"{args.out}: " + ", ".join(f"{n} {what}" for what, n in made.items()))


if __name__ == "__main__":
    main()
