"""Time every export of every demo meeting: protocol in four formats, notice, extract, restlista.

Pure rendering, as a worker of the TUI or `cesam export` runs it (no git):

    python bench/export_times.py [--rounds 5]

Prints the median of ``--rounds`` runs per meeting and format, after one
warm-up run that pays for imports and font loading (reported separately).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cesam_docs import (  # noqa: E402
    FORMATS,
    Provenance,
    build_restlista,
    extract,
    first_number,
    notice,
    protocol,
    render,
    restlista_document,
)
from store.codec import content_hash, loads  # noqa: E402
from store.config import loads_config  # noqa: E402

DEMO = ROOT / "store" / "demo_data"


def timed(fn: object, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    config, _ = loads_config((DEMO / "cesam.toml").read_text(encoding="utf-8"))
    meetings = [loads(p.read_text(encoding="utf-8"))[0] for p in sorted(DEMO.glob("meetings/*/*/*.toml"))]

    start = time.perf_counter()
    first = meetings[0]
    for fmt in FORMATS:
        render(protocol(first, config, Provenance("0" * 40, content_hash(first))), fmt)
    print(f"warm-up (imports, fonts): {(time.perf_counter() - start) * 1000:.0f} ms")

    print(f"{'meeting':<12} {'document':<10} " + " ".join(f"{f:>8}" for f in FORMATS) + "   (median ms)")
    for meeting in meetings:
        prov = Provenance("0" * 40, content_hash(meeting))
        number = first_number(meeting, config.group(meeting.group), meetings)
        wording = timed(lambda m=meeting, p=prov, n=number: protocol(m, config, p, first=n), args.rounds)
        docs = {
            "protocol": protocol(meeting, config, prov, first=number),
            "notice": notice(meeting, config, prov, first=number),
            "extract": extract(meeting, config, meeting.items[-2].id, prov, first=number),
        }
        for name, doc in docs.items():
            cells = [timed(lambda d=doc, f=fmt: render(d, f), args.rounds) for fmt in FORMATS]
            print(f"{meeting.date.isoformat():<12} {name:<10} " + " ".join(f"{c:8.0f}" for c in cells))
        print(f"{'':<12} {'(wording)':<10} {wording:8.1f}")
    rest = restlista_document(build_restlista(meetings, config, dt.date(2023, 9, 12)), config)
    cells = [timed(lambda f=fmt: render(rest, f), args.rounds) for fmt in FORMATS]
    print(f"{'all':<12} {'restlista':<10} " + " ".join(f"{c:8.0f}" for c in cells))


if __name__ == "__main__":
    main()
