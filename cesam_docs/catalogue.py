"""The documents' view of the catalogue: their words live in store/core/catalogue/documents.py.

Documents ask by their short keys (``t("protocol")``); this adds the ``doc.``
prefix, long dates and Swedish-style lists. Templates use ``str.format`` fields.
"""

from __future__ import annotations

import datetime as dt

from store.core.catalogue import Catalogue as _Strings

#: Verbs a statement's text may start with when it was written to follow the
#: party's name ("ställer sig positiva till …"); such text is printed after the
#: name as it is, anything else gets the lead of its kind ("anser att …").
SWEDISH_LEAD_VERBS = frozenset(
    """
    anser ansåg menar menade frågade frågar undrar undrade efterfrågade efterfrågar ställer ställde
    påtalade påtalar påpekade påpekar lyfte lyfter vill ville föreslår föreslog ser såg framförde
    framför önskar önskade yrkar yrkade reserverar reserverade har hade tar tog delar delade instämmer
    instämde betonar betonade poängterar poängterade understryker underströk uppmanar uppmanade
    informerade informerar tackar tackade välkomnar välkomnade är var saknar saknade begär begärde
    kommer återkommer svarade svarar redovisade redovisar biföll bifaller avser avsåg hänvisar hänvisade
    konstaterar konstaterade ger gav bekräftar bekräftade noterar noterade kan kunde ska skall avstår
    avstod anmäler anmälde godtar godtog accepterar accepterade motsätter motsatte förordar förordade
    tillstyrker tillstyrkte avstyrker avstyrkte stödjer stöder stödde efterlyser efterlyste
    """.split()  # noqa: SIM905 - a word list reads better as words
)


class Catalogue:
    """What a document says, in one language."""

    def __init__(self, lang: str = "sv") -> None:
        self._strings = _Strings(lang)
        self.lang = self._strings.lang

    def __call__(self, key: str, **fields: object) -> str:
        return self._strings.t(f"doc.{key}", **fields)

    def long_date(self, date: dt.date) -> str:
        month = self(f"month.{date.month}")
        return self("long_date", day=date.day, month=month, year=date.year)

    def join(self, parts: list[str]) -> str:
        """'A', 'A och B', 'A, B och C'."""
        if len(parts) <= 1:
            return "".join(parts)
        return f"{', '.join(parts[:-1])} {self('and')} {parts[-1]}"
