"""What a start of cesam imports: only what the command it runs needs (no timings here; bench/ has those)."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

from cesam_cli.commands import load_commands


def imported_after(code: str) -> set[str]:
    probe = f"import sys\n{code}\nprint('\\n'.join(sorted(sys.modules)))\n"
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def top_level(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


def test_plain_cesam_registers_only_the_ui() -> None:
    assert [m.__name__ for m in load_commands([])] == ["cesam_cli.commands.tui"]
    assert [m.__name__ for m in load_commands(["log", "x"])] == ["cesam_cli.commands.log"]
    assert len(load_commands(["-h"])) == len(load_commands(None)) > 20


def test_reading_commands_import_no_writer_and_no_gitpython() -> None:
    modules = imported_after(
        "import cesam_cli.main, cesam_cli.context, cesam_cli.commands.log, cesam_cli.commands.search, store.services.history"
    )
    # the lock, the merge driver and the wording of commits are for writers; git runs without GitPython
    assert not top_level(modules) & {"filelock", "git", "gitdb", "textual", "weasyprint", "typst"}
    assert not modules & {"store.services.mergedriver", "store.core.merge"}


def test_bench_run_imports_and_has_every_measure() -> None:
    modules = imported_after(
        "import bench.run as r\n"
        "from bench import export_times, history_search, save, startup, sync\n"
        "fns = [save.measure, history_search.measure_history, history_search.measure_history_changes,\n"
        "       history_search.measure_cesam_log, history_search.measure_search, history_search.measure_search_first,\n"
        "       history_search.measure_cesam_search, export_times.measure, export_times.measure_cli, sync.measure,\n"
        "       startup.measure, startup.measure_headless, r.main]\n"
        "assert all(callable(f) for f in fns)"
    )
    assert "bench.run" in modules
