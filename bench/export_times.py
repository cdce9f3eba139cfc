"""Time every export of every demo meeting: protocol in four formats, notice, extract, restlista.

Pure rendering, as a worker of the TUI or `cesam export` runs it (no git):

    python bench/export_times.py [--rounds 5]

Prints the median of ``--rounds`` runs per meeting and format, after one
warm-up run that pays for imports and font loading (reported separately).

``bench/run.py`` takes its export figures from :func:`measure` and
:func:`measure_cli`: the protocol of the largest meeting of the ten-years
repository to PDF, in-process and as `cesam export`, each next to WeasyPrint
printing the same HTML (the renderer alone, without cesam's wording).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):
    sys.path.insert(0, str(ROOT))

from bench.common import CLI, Figure, cli_env, pair, run  # noqa: E402
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
from store.core.codec import content_hash, loads  # noqa: E402
from store.core.config import loads_config  # noqa: E402
from store.services.repository import MeetingRef  # noqa: E402

DEMO = ROOT / "store" / "demo_data"


def timed(fn: object, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def largest_meeting(repo_root: Path) -> tuple[str, MeetingRef]:
    """The biggest meeting file, path and ref: the longest protocol to print."""
    files = sorted(repo_root.glob("meetings/*/*/*.toml"), key=lambda p: (p.stat().st_size, str(p)))
    relpath = files[-1].relative_to(repo_root).as_posix()
    ref = MeetingRef.from_relpath(relpath)
    assert ref is not None
    return relpath, ref


def measure(repo_root: Path, work: Path, runs: int = 5) -> Figure:
    """The protocol of the largest meeting to PDF in-process (as the TUI's worker), fonts loaded."""
    from cesam_cli.commands._documents import first_number_of, provenance
    from cesam_docs.render_html import render as render_html
    from store.services.repository import Repository

    repo = Repository.open(repo_root)
    relpath, ref = largest_meeting(repo_root)

    def ours() -> bytes:
        loaded = repo.load(ref)
        stamp = provenance(repo, [relpath], [loaded.meeting])
        return render(protocol(loaded.meeting, repo.config, stamp, first=first_number_of(repo, loaded.meeting)), "pdf")

    from weasyprint import HTML

    loaded = repo.load(ref)
    html = render_html(protocol(loaded.meeting, repo.config, provenance(repo, [relpath], [loaded.meeting])))
    (work / "protocol.html").write_text(html, encoding="utf-8")
    pages = len(ours().split(b"/Type /Page\n")) - 1
    a, b = pair(ours, lambda: HTML(string=html).write_pdf(), runs)
    return Figure(
        "export one protocol to PDF",
        a,
        b,
        "WeasyPrint on the same HTML",
        "< 1 s",
        max_ours=1000.0,
        runs=runs,
        key="export_pdf",
        note=f"in-process, {ref}, {(repo_root / relpath).stat().st_size // 1024} KB of TOML",
        extra={"pages": float(pages)} if pages > 0 else {},
    )


def measure_cli(repo_root: Path, work: Path, runs: int = 5) -> Figure:
    """`cesam export MEETING -o FILE.pdf` as a process, against the `weasyprint` command on the same HTML."""
    ref = str(largest_meeting(repo_root)[1])
    html = work / "protocol.html"
    if not html.exists():
        measure(repo_root, work, runs=1)
    a, b = pair(
        lambda: run([*CLI, "export", ref, "-o", str(work / "ours.pdf")], repo_root, cli_env(), check=True),
        lambda: run([sys.executable, "-m", "weasyprint", str(html), str(work / "bare.pdf")], repo_root, check=True),
        runs,
    )
    return Figure(
        "`cesam export` to PDF (a process)",
        a,
        b,
        "the weasyprint command, same HTML",
        "< 1 s",
        max_ours=1000.0,
        runs=runs,
        key="export_pdf_cli",
    )


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
