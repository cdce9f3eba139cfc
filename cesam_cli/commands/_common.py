"""Small helpers shared by the subcommands."""

from __future__ import annotations

import argparse
import datetime as dt

from cesam_cli.terminal import out, safe
from store.core.catalogue import Catalogue
from store.services.repository import SaveResult


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write YYYY-MM-DD") from None


def report_save(result: SaveResult, lang: str) -> None:
    if result.commit:
        message = safe(result.message.splitlines()[0], oneline=True)
        out(Catalogue(lang).t("cli.saved", commit=result.commit[:8], message=message))
    else:
        out(Catalogue(lang).t("edit.no_change"))
