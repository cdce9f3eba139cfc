"""Generate the "ten years" repository deterministically from the demo meetings.

8 groups x 12 meetings x 10 years, each meeting created and then edited in
small steps (statements added, text changed, outcomes set, follow-ups closed)
as a secretary would: about 10,000 commits. The history is streamed into
`git fast-import`, so generation takes seconds, and every file version is
written by cesam's own codec, so the repository is exactly what cesam makes.

    python bench/generate.py OUT_DIR [--groups 8] [--years 10] [--edits 9]
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import datetime as dt
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from store.core import codec  # noqa: E402
from store.core.config import Group, dumps_config, loads_config  # noqa: E402
from store.core.model import FollowUp, Meeting, OutcomeKind, Statement, StatementKind, Status  # noqa: E402
from store.services.demo import demo_files  # noqa: E402
from store.services.repository import GITATTRIBUTES, MeetingRef  # noqa: E402

WORDS = [
    "arbetsmiljö",
    "budget",
    "rekrytering",
    "digitalisering",
    "lokaler",
    "schema",
    "bemanning",
    "kompetens",
    "heltid",
    "ventilation",
    "sjukfrånvaro",
    "lönekartläggning",
    "upphandling",
    "omorganisation",
    "introduktion",
    "friskvård",
    "nyfikenhet",
    "uppföljning",
    "arbetsbelastning",
    "samverkan",
    "trygghet",
    "distansarbete",
]
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
    meeting = copy.deepcopy(template)
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
        current = copy.deepcopy(current)
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
        current = copy.deepcopy(current)
        current.status = Status.HELD
        out.append(("status ändrad", current))
    return out


class FastImport:
    def __init__(self, repo: Path) -> None:
        self.proc = subprocess.Popen(["git", "fast-import", "--quiet", "--done"], cwd=repo, stdin=subprocess.PIPE)
        self.mark = 0
        self.time = int(dt.datetime(2016, 1, 1).timestamp())

    def _data(self, text: str) -> bytes:
        raw = text.encode("utf-8")
        return b"data %d\n" % len(raw) + raw + b"\n"

    def commit(self, files: dict[str, str], message: str, author: str) -> None:
        assert self.proc.stdin is not None
        self.mark += 1
        self.time += 3600
        chunk = b"commit refs/heads/main\n"
        chunk += b"mark :%d\n" % self.mark
        ident = f"{author} <{author.split()[0].lower()}@example.se> {self.time} +0100"
        chunk += f"author {ident}\ncommitter {ident}\n".encode()
        chunk += self._data(message)
        for path, text in files.items():
            chunk += f"M 100644 inline {path}\n".encode() + self._data(text)
        self.proc.stdin.write(chunk)

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"done\n")
        self.proc.stdin.close()
        if self.proc.wait():
            raise SystemExit("git fast-import failed")


def generate(out: Path, groups: int = 8, years: int = 10, edit_count: int = 9, seed: int = 2026) -> int:
    rng = random.Random(seed)
    files = demo_files()
    config, _ = loads_config(files.pop("cesam.toml"))
    config.groups = [
        Group(gid, name, short, standing_items=config.groups[0].standing_items) for gid, name, short in GROUPS[:groups]
    ]
    templates = [codec.loads(text)[0] for path, text in sorted(files.items())]
    unions = [u.name for u in config.unions if u.active]
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(out)], check=True)
    fi = FastImport(out)
    fi.commit(
        {"cesam.toml": dumps_config(config), ".gitattributes": GITATTRIBUTES}, "cesam: nytt arkiv", "Sara Sekreterare"
    )
    commits = 1
    start_year = 2016
    for year in range(start_year, start_year + years):
        for month in range(1, 13):
            for gid, _name, short in GROUPS[:groups]:
                date = dt.date(year, month, 3 + GROUPS.index((gid, _name, short)) * 3)
                meeting = vary(rng.choice(templates), gid, date, rng)
                path = MeetingRef(gid, date).relpath
                author = rng.choice(["Sara Sekreterare", "Gunilla Ejefors Lublin", "Alexandra Eldstål"])
                fi.commit({path: codec.dumps(meeting)}, f"{short} {date}: möte tillagt", author)
                commits += 1
                for message, version in edits(meeting, rng, unions, edit_count):
                    fi.commit({path: codec.dumps(version)}, f"{short} {date} {message}", author)
                    commits += 1
    fi.close()
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=out, check=True)
    return commits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--groups", type=int, default=8)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--edits", type=int, default=9)
    args = parser.parse_args()
    commits = generate(args.out, args.groups, args.years, args.edits)
    print(f"{args.out}: {commits} commits")


if __name__ == "__main__":
    main()
