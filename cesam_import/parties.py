"""Who speaks: union names, their aliases, the employer, all unions together.

Built once per import from cesam.toml so that a protocol's spelling
("Sveriges lärare", "SACO", "Lärarnas Riksförbund") maps to the configured
name through :meth:`store.core.config.Config.canonical_party` and the aliases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from store.core.config import Config
from store.core.model import ALL_UNIONS, EMPLOYER

# How protocols name all unions together, and the employer's side.
ALL_UNION_PHRASES = (
    "fackliga parter",
    "fackliga parterna",
    "de fackliga parterna",
    "de fackliga organisationerna",
    "fackliga organisationerna",
    "de fackliga företrädarna",
    "fackliga företrädare",
    "fackliga representanter",
    "de fackliga representanterna",
    "samtliga fackliga organisationer",
    "samtliga fackliga",
    "de fackliga",
    "facket",
    "fackförbunden",
    "arbetstagarsidan",
    "arbetstagarparterna",
)
EMPLOYER_PHRASES = (
    "arbetsgivaren",
    "arbetsgivarsidan",
    "arbetsgivarna",
    "arbetsgivarens företrädare",
    "arbetsgivarens representanter",
    "arbetsgivarföreträdarna",
    "förvaltningen",
    "förvaltningsledningen",
    "förvaltningschefen",
    "förvaltningsdirektören",
    "kommundirektören",
    "hr-direktören",
    "hr-chefen",
    "personalchefen",
    "verksamhetschefen",
    "rektor",
    "förskolechefen",
    "enhetschefen",
    "chefen",
    "ledningen",
)

# A union's spokesperson: "Visions representant frågade ..."
_SPOKES = r"(?:s?\s+(?:representant|representanter|företrädare|företrädaren|ordförande|ombud))?"


@dataclass(frozen=True)
class PartyMatch:
    party: str  # a configured union name, ALL_UNIONS or EMPLOYER
    start: int
    end: int


class Parties:
    def __init__(self, config: Config) -> None:
        self.config = config
        spellings: list[tuple[str, str]] = []
        for union in config.unions:
            for spelling in {union.name, union.full_name, *union.aliases}:
                if spelling.strip():
                    spellings.append((spelling.strip(), union.name))
        self.union_spellings = sorted(spellings, key=lambda s: len(s[0]), reverse=True)
        phrases = [(p, ALL_UNIONS) for p in ALL_UNION_PHRASES] + [(p, EMPLOYER) for p in EMPLOYER_PHRASES]
        self.side_phrases = sorted(phrases, key=lambda s: len(s[0]), reverse=True)
        alternatives = "|".join(re.escape(s) for s, _ in self.union_spellings) or r"(?!x)x"
        self._union_word = re.compile(rf"(?<![\wåäöÅÄÖ])({alternatives})(?![\wåäöÅÄÖ])", re.IGNORECASE)
        self._lookup = {s.casefold(): name for s, name in self.union_spellings}

    def spellings_of(self, party: str) -> list[str]:
        """Every spelling of a configured union (its name, full name and aliases)."""
        return [spelling for spelling, name in self.union_spellings if name == party] or [party]

    def canonical(self, text: str) -> str | None:
        found = self.config.canonical_party(text)
        if found is not None:
            return found
        return self._lookup.get(text.strip().casefold())

    def unions_in(self, text: str) -> list[PartyMatch]:
        """Each union named anywhere in ``text`` as a whole word, in order, once."""
        out: list[PartyMatch] = []
        seen: set[str] = set()
        for m in self._union_word.finditer(text):
            name = self._lookup[m.group(1).casefold()]
            if name not in seen:
                seen.add(name)
                out.append(PartyMatch(name, m.start(), m.end()))
        return out

    def at_start(self, text: str) -> PartyMatch | None:
        """The party that begins ``text`` ("Kommunal frågade …", "Fackliga parter anser …")."""
        folded = text.casefold()
        best: PartyMatch | None = None
        for spelling, name in [*self.union_spellings, *self.side_phrases]:
            s = spelling.casefold()
            if not folded.startswith(s):
                continue
            m = re.match(re.escape(s) + _SPOKES + r"(?![\wåäö])", folded)
            if m and (best is None or m.end() > best.end):
                best = PartyMatch(name, 0, m.end())
        return best
