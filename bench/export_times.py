"""Time every export of every demo meeting, and the PDF engines against each other.

Pure rendering, as a worker of the TUI or `cesam export` runs it (no git):

    python bench/export_times.py [--rounds 5]             # every document in every format
    python bench/export_times.py --engines [--rounds 5]   # Typst (cesam's PDF) against WeasyPrint
    python bench/export_times.py --engines --no-processes # the same, in-process only

The first prints the median of ``--rounds`` runs per meeting and format,
after one warm-up run that pays for imports and font loading (reported
separately). ``--engines`` prints ratios against baselines run alternately
with ours in the same run:

- processes: a bare ``python -c pass`` (the floor every command pays), each
  engine printing a one-line document (that engine's own floor), and
  `cesam export` of the three demo protocols and of a big one (every item of
  the three in one held meeting, with the UTKAST watermark) with Typst and
  with WeasyPrint (bench/weasyprint_pdf.py: the renderer cesam had before);
- in-process, fonts loaded: Typst against WeasyPrint on the same
  `Document`, and where WeasyPrint's CPU goes (HTML from the template, parse
  and CSS, layout, PDF writing with font subsetting).

CPU time (this process and its children) stands beside wall time: on the
shared 2-core machine load moves the wall clock, hardly the CPU.

``bench/run.py`` takes its export figures from :func:`measure` and
:func:`measure_cli`: the protocol of the largest meeting of the ten-years
repository to PDF, in-process and as `cesam export`, each next to WeasyPrint
on the same document (in-process) or in the same command (a process).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pypdf

ROOT = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):
    sys.path.insert(0, str(ROOT))

from bench.common import CLI, Figure, Ms, cli_env, pair, run  # noqa: E402
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
from cesam_docs.structure import Document  # noqa: E402
from store.core.codec import content_hash, dumps, loads  # noqa: E402
from store.core.config import Config, loads_config  # noqa: E402
from store.core.model import Meeting, Status  # noqa: E402
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
    """The protocol of the largest meeting to PDF in-process (as the TUI's worker), fonts loaded,
    against WeasyPrint (the renderer cesam had before Typst) on the same document."""
    from bench.weasyprint_pdf import render as weasyprint_render
    from cesam_cli.commands._documents import first_number_of, provenance
    from store.services.repository import Repository

    repo = Repository.open(repo_root)
    relpath, ref = largest_meeting(repo_root)

    def document() -> Document:
        loaded = repo.load(ref)
        stamp = provenance(repo, [relpath], [loaded.meeting])
        return protocol(loaded.meeting, repo.config, stamp, first=first_number_of(repo, loaded.meeting))

    def ours() -> bytes:
        return render(document(), "pdf")

    same = document()
    pages = len(pypdf.PdfReader(io.BytesIO(ours())).pages)
    a, b = pair(ours, lambda: weasyprint_render(same), runs)
    return Figure(
        "export one protocol to PDF",
        a,
        b,
        "WeasyPrint on the same document",
        "< 1 s",
        max_ours=1000.0,
        runs=runs,
        key="export_pdf",
        note=f"in-process, {ref}, {(repo_root / relpath).stat().st_size // 1024} KB of TOML",
        extra={"pages": float(pages)} if pages > 0 else {},
    )


def measure_cli(repo_root: Path, work: Path, runs: int = 5) -> Figure:
    """`cesam export MEETING -o FILE.pdf` as a process, against the same command with WeasyPrint."""
    ref = str(largest_meeting(repo_root)[1])
    a, b = pair(
        lambda: run([*CLI, "export", ref, "-o", str(work / "ours.pdf")], repo_root, cli_env(), check=True),
        lambda: run(
            [*export_command("weasyprint"), "export", ref, "-o", str(work / "weasy.pdf")],
            repo_root,
            cli_env(),
            check=True,
        ),
        runs,
    )
    return Figure(
        "`cesam export` to PDF (a process)",
        a,
        b,
        "the same command with WeasyPrint",
        "< 1 s",
        max_ours=1000.0,
        runs=runs,
        key="export_pdf_cli",
    )


BIG_DATE = dt.date(2024, 1, 16)
ENGINES = ("weasyprint", "typst")

TRIVIAL = {
    "weasyprint": "from weasyprint import HTML; HTML(string='<p>Protokoll</p>').write_pdf()",
    "typst": "import typst; typst.compile(b'Protokoll', format='pdf')",
}


def demo() -> tuple[Config, list[Meeting]]:
    config, _ = loads_config((DEMO / "cesam.toml").read_text(encoding="utf-8"))
    return config, [loads(p.read_text(encoding="utf-8"))[0] for p in sorted(DEMO.glob("meetings/*/*/*.toml"))]


def big_meeting(meetings: list[Meeting]) -> Meeting:
    """Every item of the demo protocols in one draft meeting: a long protocol with the watermark."""
    first = meetings[0]
    items = list(first.items)
    for n, other in enumerate(meetings[1:], start=1):
        for item in other.items:
            parent = f"m{n}-{item.parent}" if item.parent else ""
            items.append(dataclasses.replace(item, id=f"m{n}-{item.id}", parent=parent, carried_from=[]))
    return dataclasses.replace(first, date=BIG_DATE, status=Status.HELD, adjusted_on=None, items=items, signatures=[])


def documents(config: Config, meetings: list[Meeting]) -> dict[str, Document]:
    out = {}
    for meeting in [*meetings, big_meeting(meetings)]:
        number = first_number(meeting, config.group(meeting.group), meetings)
        doc = protocol(meeting, config, Provenance("0" * 40, content_hash(meeting)), first=number)
        out[meeting.date.isoformat()] = doc
    return out


def export_command(engine: str) -> list[str]:
    """`cesam export` as a process; for WeasyPrint, the same command with the old renderer put back."""
    return CLI if engine == "typst" else [sys.executable, str(ROOT / "bench" / "weasyprint_pdf.py")]


def proc(args: list[str], cwd: Path, env: dict[str, str]) -> Callable[[], None]:
    def go() -> None:
        subprocess.run(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)

    return go


def line(name: str, ours: Ms, base: Ms, base_name: str) -> None:
    print(
        f"  {name:<44} {ours:7.0f} ms wall {ours.cpu:7.0f} ms CPU   "
        f"{ours / base:5.2f}× / {ours.cpu / max(base.cpu, 0.1):5.2f}× CPU  {base_name} ({base:.0f} / {base.cpu:.0f} ms)"
    )


def repository(work: Path, config: Config, meetings: list[Meeting]) -> Path:
    """The demo repository with the big meeting added (uncommitted: export marks it, prints it the same)."""
    repo = work / "repo"
    subprocess.run([*CLI, "demo", str(repo)], env=cli_env(), check=True, stdout=subprocess.DEVNULL)
    target = repo / "meetings" / "cesam" / str(BIG_DATE.year) / f"{BIG_DATE.isoformat()}.toml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(dumps(big_meeting(meetings)), encoding="utf-8")
    return repo


def processes(repo: Path, dates: list[str], rounds: int) -> None:
    python = [sys.executable, "-c"]
    bare = proc([*python, "pass"], repo, cli_env())
    print("\nAs processes (median wall and CPU; ratio to the baseline run alternately with it):")
    for engine in ENGINES:
        trivial = proc([*python, TRIVIAL[engine]], repo, cli_env())
        line(f"{engine}: a one-line document", *pair(trivial, bare, rounds), "python -c pass")
    # the command's own floor: interpreter, cesam's imports, the repository, the wording; no PDF
    markdown = proc([*CLI, "export", dates[-1], "-o", str(repo.parent / "big.md")], repo, cli_env())
    line(f"cesam export {dates[-1]} to Markdown", *pair(markdown, bare, rounds), "python -c pass")
    for date in dates:
        for engine in ENGINES:
            out = repo.parent / f"{date}-{engine}.pdf"
            ours = proc([*export_command(engine), "export", date, "-o", str(out)], repo, cli_env())
            a, b = pair(ours, bare, rounds)
            line(f"cesam export {date} ({engine})", a, b, "python -c pass")
            pages = len(pypdf.PdfReader(str(out)).pages)
            print(f"  {'':<44} {pages} pages, {out.stat().st_size // 1024} KB")


def in_process(docs: dict[str, Document], rounds: int) -> None:
    from bench.weasyprint_pdf import render as weasy
    from cesam_docs.render_pdf import render as typst_render

    print("\nIn-process, fonts loaded (median; ratio Typst / WeasyPrint on the same Document):")
    for date, doc in docs.items():
        a, b = pair(lambda d=doc: typst_render(d), lambda d=doc: weasy(d), rounds)
        line(f"{date}: typst", a, b, "weasyprint")


def weasy_stages(doc: Document, rounds: int) -> None:
    """Where WeasyPrint's time goes on one document."""
    from weasyprint import HTML

    from bench.weasyprint_pdf import _no_fetch, stylesheet
    from cesam_docs.render_html import render as render_html

    fonts, config = stylesheet()
    stages: dict[str, list[float]] = {k: [] for k in ("HTML from the template", "parse + CSS", "layout", "write PDF")}
    for _ in range(rounds + 1):
        t0 = time.process_time()
        html = render_html(doc)
        t1 = time.process_time()
        parsed = HTML(string=html, url_fetcher=_no_fetch)
        t2 = time.process_time()
        rendered = parsed.render(stylesheets=[fonts], font_config=config, pdf_variant="pdf/ua-1")
        t3 = time.process_time()
        rendered.write_pdf(pdf_variant="pdf/ua-1")
        t4 = time.process_time()
        for key, value in zip(stages, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
            stages[key].append(value * 1000)
    total = sum(sorted(v[1:])[len(v[1:]) // 2] for v in stages.values())
    print("\nWeasyPrint's CPU by stage on the big protocol (median ms, share):")
    for key, values in stages.items():
        median = sorted(values[1:])[len(values[1:]) // 2]
        print(f"  {key:<28} {median:7.0f} ms  {median / total:5.0%}")


def imports() -> None:
    """Import cost of each engine, from `python -X importtime` (CPU-free, one run each)."""
    print("\nImport of each engine in a fresh interpreter (ms, one run; python -c pass beside it):")
    for name, stmt in (("nothing", "pass"), ("weasyprint", "import weasyprint"), ("typst", "import typst")):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", stmt], check=True)
        print(f"  {name:<12} {(time.perf_counter() - start) * 1000:7.0f} ms")


def compare_engines(rounds: int, with_processes: bool) -> None:
    config, meetings = demo()
    docs = documents(config, meetings)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; rounds {rounds}")
    in_process(docs, rounds)
    weasy_stages(docs[BIG_DATE.isoformat()], rounds)
    if with_processes:
        with tempfile.TemporaryDirectory(prefix="cesam-bench-pdf-") as folder:
            repo = repository(Path(folder), config, meetings)
            processes(repo, list(docs), rounds)
    imports()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--engines", action="store_true", help="Typst against WeasyPrint, with baselines")
    parser.add_argument("--no-processes", action="store_true", help="with --engines: in-process figures only")
    args = parser.parse_args()
    if args.engines:
        compare_engines(args.rounds, not args.no_processes)
        return
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
