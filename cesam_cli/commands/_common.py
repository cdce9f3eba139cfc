"""Small helpers shared by the subcommands."""

from __future__ import annotations

import argparse
import datetime as dt

from cesam_cli.terminal import out, safe
from store.services.repository import SaveResult


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write YYYY-MM-DD") from None


def report_save(result: SaveResult, lang: str) -> None:
    if result.commit:
        saved = "sparat" if lang == "sv" else "saved"
        out(f"{saved} {result.commit[:8]}: {safe(result.message.splitlines()[0], oneline=True)}")
    else:
        out("ingen ändring, ingen commit" if lang == "sv" else "no change, no commit")
