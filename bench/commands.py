"""Commands as processes, as reviewers and scripts run them, each against the git command it resembles.

    cesam show MEETING      vs  git show HEAD:FILE
    cesam status            vs  git status
    cesam diff MEETING REV  vs  git diff REV -- FILE
    cesam list (warm)       vs  git ls-tree -r HEAD meetings
    cesam verify (warm)     vs  git for-each-ref refs/tags/justering
    cesam edit (one word)   vs  sed -i + git commit of the same word

Target: ≤ 150 ms each at 1k meetings, `verify` ≤ 300 ms (issue 18); the ratio is reported beside it.
"""

from __future__ import annotations

from pathlib import Path

from bench.common import CLI, Figure, cli_env, copy_repo, git, pair, run


def measure(source: Path, work: Path, runs: int) -> list[Figure]:
    root = copy_repo(source, work / "commands")
    env = cli_env()
    # a meeting that is not justerad (those are frozen), from the middle of the years
    refs = [p for p in sorted(root.glob("meetings/*/*/*.toml")) if 'status = "justerad"' not in p.read_text("utf-8")]
    target = refs[len(refs) // 2]
    relpath = target.relative_to(root).as_posix()
    name = f"{target.parent.parent.name}/{target.stem}"
    old = git(root, "log", "--format=%H", "-n", "3", "--", relpath).split()[-1]
    run([*CLI, "list"], root, env)  # the summary cache, as any earlier start leaves it
    run([*CLI, "verify"], root, env)  # and the justering caches in .git
    cases = [
        ("show", [*CLI, "show", name], ["git", "show", f"HEAD:{relpath}"], "git show HEAD:FILE"),
        ("status", [*CLI, "status"], ["git", "status"], "git status"),
        # --no-textconv: cesam registers its textconv for meeting files (.git/info/attributes), and
        # a baseline that starts cesam twice is no baseline (the 2026-12-05 runs measured that)
        (
            "diff",
            [*CLI, "diff", name, old],
            ["git", "diff", "--no-textconv", old, "--", relpath],
            "git diff --no-textconv REV -- FILE",
        ),
        ("list", [*CLI, "list"], ["git", "ls-tree", "-r", "HEAD", "meetings"], "git ls-tree -r HEAD meetings"),
        (
            "verify",
            [*CLI, "verify"],
            ["git", "for-each-ref", "refs/tags/justering"],
            "git for-each-ref refs/tags/justering",
        ),
    ]
    figures = []
    for key, ours, base, base_name in cases:
        a, b = pair(lambda ours=ours: run(ours, root, env), lambda base=base: run(base, root), runs)
        figures.append(
            Figure(
                f"`cesam {key}` (a process)",
                a,
                b,
                f"{base_name} (a process)",
                "< 300 ms" if key == "verify" else "< 150 ms",
                max_ours=300.0 if key == "verify" else 150.0,
                runs=runs,
                key=f"cmd_{key}",
            )
        )
    figures.append(_edit(root, env, name, relpath, runs))
    return figures


def _edit(root: Path, env: dict[str, str], name: str, relpath: str, runs: int) -> Figure:
    """One word of the secretary's name changed with sed as $EDITOR and committed; the baseline: the same sed, then git commit."""
    state = {"n": 0}

    def sed(n: int) -> str:
        return f'sed -i -E \'s/^secretary = "(.*)"$/secretary = "Margareta Jarnevall {n}"/\''

    def ours() -> None:
        state["n"] += 1
        run([*CLI, "edit", name], root, {**env, "VISUAL": sed(state["n"])}, check=True)

    def base() -> None:
        state["n"] += 1
        run(["sh", "-c", f"{sed(state['n'])} {relpath}"], root, check=True)
        run(["git", "commit", "-q", "-m", "plats ändrad", "--", relpath], root, check=True)

    a, b = pair(ours, base, runs)
    return Figure(
        "`cesam edit` of one word (a process)",
        a,
        b,
        "sed -i + git commit (processes)",
        "≤ 1.5×",
        max_ratio=1.5,
        runs=runs,
        key="cmd_edit",
        note="ours: sed as $EDITOR, then lock, validate, write with fsync, commit",
    )
