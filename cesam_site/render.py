"""The site's pages as HTML strings: Jinja2 templates with autoescape, no I/O.

The protocol on a meeting page is cesam_docs' neutral document drawn by
cesam_docs.render_html (the same blocks as the HTML and PDF exports); the
restlista page is cesam_docs' restlista document. This module adds only the
frame around them: navigation, the justering box, the history, the lists.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from cesam_docs.catalogue import Catalogue
from cesam_docs.markdown import to_html
from cesam_docs.render_html import render_blocks
from cesam_docs.structure import Document
from store.core.config import Config
from store.core.model import Status
from store.services.history import HistoryEntry

from .plan import Check

_TAG = re.compile(r"<[^>]*>")
_WARN = {"changed", "bad_signature", "missing"}


@dataclass(frozen=True)
class Status_:
    """How a meeting's state is shown: a css class, a short label for lists, a sentence for its page."""

    css: str
    short: str
    long: str = ""

    @property
    def warning(self) -> bool:
        return self.css == "warn"


@dataclass(frozen=True)
class Link:
    href: str
    text: str


@dataclass(frozen=True)
class Row:
    """One meeting in a list."""

    href: str
    date: str
    group: str
    status: Status_


@dataclass(frozen=True)
class Said:
    """One statement on a party's page."""

    href: str
    meeting: str
    item: str
    text: Markup
    answer: Markup


@dataclass
class Site:
    """What every page needs: language, words, organisation, and where the site stands."""

    config: Config
    lang: str
    public: bool
    head: str
    built: dt.date
    t: Catalogue = field(init=False)

    def __post_init__(self) -> None:
        self.t = Catalogue(self.lang)

    @property
    def title(self) -> str:
        return self.t("site_title", organisation=self.config.organisation.name)

    def group_name(self, group: str) -> str:
        try:
            return self.config.group(group).name
        except KeyError:
            return group

    def group_label(self, group: str) -> str:
        try:
            return self.config.group(group).label
        except KeyError:
            return group


def status_of(site: Site, check: Check, status: Status) -> Status_:
    t = site.t
    if check.state in _WARN:
        people = t.join(list(check.missing)) or "–"
        return Status_(
            "warn", "⚠ " + t(f"site_state_{check.state}"), t(f"site_state_{check.state}_long", people=people)
        )
    if check.state == "ok":
        people = t.join(list(check.approvers))
        short = f"{t('site_state_ok')} {check.adjusted_on}".strip()
        return Status_("ok", short, t("site_state_ok_long", date=check.adjusted_on or "–", people=people))
    if status in (Status.HELD, Status.ADJUSTED):
        return Status_("waiting", t("site_state_waiting"))
    key = "site_state_called" if status == Status.CALLED else "site_state_draft"
    return Status_("draft", t(key))


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("cesam_site", "templates"),
        autoescape=select_autoescape(["html", "j2"], default_for_string=True, default=True),
        keep_trailing_newline=True,
    )
    env.filters["md"] = lambda text: Markup(to_html(text))
    return env


def page(template: str, site: Site, root: str, **values: Any) -> str:
    """One page; ``root`` is the way back to the site's top folder from it ("", "../", …)."""
    return _environment().get_template(template).render(site=site, t=site.t, root=root, **values)


def history_lines(site: Site, entries: list[HistoryEntry], words: list[list[str] | None]) -> list[dict[str, Any]]:
    """Each commit in words, newest first; ``words`` per entry from store.services.history_words (for a
    public site already without what it must not show; None where a version could not be read)."""
    lines: list[dict[str, Any]] = []
    for entry, said in zip(entries, words, strict=True):
        if said is None:
            said = [site.t("site_history_unreadable")]
        elif site.public and not said:
            continue  # a commit that only touched what is left out
        elif not said and entry.is_merge:
            said = [site.t("site_history_merge")]
        info = entry.commit
        lines.append(
            {
                "commit": info.hash,
                "date": info.date.date().isoformat(),
                "author": info.author,
                # a commit's subject may name what a public site leaves out: only the words above are shown
                "subject": "" if site.public else info.subject,
                "changes": said,
            }
        )
    return lines


def protocol_body(document: Document) -> Markup:
    return render_blocks(document)


def page_text(body: Markup) -> str:
    """The words of a rendered protocol, for the search index: exactly what its page shows."""
    text = html.unescape(_TAG.sub(" ", str(body)))
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def search_script(records: list[dict[str, str]]) -> str:
    """The index as a script that sets one global: a page opened from disk (file://) cannot fetch a JSON
    file, but it can load a script, so search works offline too."""
    data = json.dumps(records, ensure_ascii=False, separators=(",", ":"))
    # "</" inside a string must not end an inline script should anyone inline it
    return "window.CESAM_SEARCH=" + data.replace("</", "<\\/") + ";\n"
