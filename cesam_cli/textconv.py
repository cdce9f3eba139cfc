"""``python -m cesam_cli.textconv FILE``: a meeting file as plain text, for git's ``diff.cesam.textconv``.

With it, plain ``git diff`` and ``git log -p`` compare what ``cesam show``
prints (§ numbers, titles, who said what) instead of TOML lines. A file
that is not a readable meeting is passed through as it is, so a broken
file still diffs by its lines.
"""

from __future__ import annotations

import sys
from pathlib import Path

from cesam_cli.terminal import err
from store.core import codec
from store.core.config import CONFIG_FILE, loads_config


def convert(data: bytes, root: Path) -> bytes:
    from cesam_cli.commands.show import render

    try:
        meeting = codec.loads(codec.decode_bytes(data))[0]
    except codec.DecodeError:
        return data
    name, style, lang = meeting.group, None, "sv"
    try:
        config, _ = loads_config((root / CONFIG_FILE).read_text(encoding="utf-8"))
        lang = config.settings.language
        group = config.group(meeting.group)
        name, style = group.name, group.subitem_style
    except (OSError, UnicodeDecodeError, codec.DecodeError, KeyError):
        pass
    from store.core.config import SubitemStyle

    return (render(meeting, name, style or SubitemStyle.LETTER, lang) + "\n").encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        err("usage: python -m cesam_cli.textconv FILE")
        return 2
    data = Path(args[0]).read_bytes()
    try:
        converted = convert(data, Path.cwd())
    except Exception as exc:  # never a traceback in git's diff: show the file as it is
        err(f"cesam textconv: {type(exc).__name__}: {exc}")
        converted = data
    # the meeting as `cesam show` renders it, every value already made terminal-safe there;
    # a file that is not a meeting goes out as git would show it without the textconv
    sys.stdout.buffer.write(converted)
    return 0


if __name__ == "__main__":
    sys.exit(main())
