"""The closing part: Justeras, Bilagor, signatures; and the slide appendix after them."""

from __future__ import annotations

import re

from store.core.ids import new_id
from store.core.model import (
    Item,
    ItemKind,
    Meeting,
    Signature,
)

from .accounting import Placement
from .attendance import split_name_role
from .lines import BULLET, ROLE_WORDS, Line, split_top_level
from .said import at_line, say
from .state import ParseState, RawItem
from .text import (
    fold,
    heading_key,
    looks_like_name,
    strip_emphasis,
)

BILAGA_LIST = re.compile(r"^(?:[-–•*]\s*)?(?:bilaga\s*)?(\d{1,2})\s*[).:]?\s*(?:[-–:]\s*)?(\S.*)$", re.I)


EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?")


SIGNED_LINE = re.compile(
    r"^underskriven av (?P<name>[^,@]+),\s*(?P<at>\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?)"
    r"(?:,\s*via\s+(?P<method>.+?))?\.?$",
    re.I,
)


def read_closing(st: ParseState, lines: list[Line], meeting: Meeting, raws: list[RawItem]) -> list[Line]:
    """Justeras, Bilagor, Underskrifter; returns the appendix lines after them."""
    st.justeras, st.justeras_roles, st.bilagor, st.signers = [], [], {}, []
    st.secretary_sig = st.chair_sig = ""
    closing = _Closing(st, lines)
    while closing.index < len(closing.lines):
        line = closing.lines[closing.index]
        closing.index += 1
        if line.blank:
            continue
        st.place(line.no, "structure", say("import.at.closing"))
        if closing.take(line):
            continue
        # anything else ends the closing part
        st.placed.pop(line.no, None)
        rest_lines = closing.lines[closing.index - 1 :]
        if st.signers or closing.started_justeras:
            return rest_lines
        stray_closing(st, rest_lines, raws)
        return []
    return []


class _Closing:
    """The closing part line by line: what a line is depends on the heading above it (the phase)."""

    def __init__(self, st: ParseState, lines: list[Line]) -> None:
        self.st = st
        self.lines = lines
        self.index = 0
        self.phase = ""  # "justeras", "bilagor", "sign"
        self.budget = 0  # names under Justeras still waiting for their role line
        self.expecting = ""  # "signer", "signed_at", "secretary", "chair"
        self.started_justeras = False

    def take(self, line: Line) -> bool:
        bare = strip_emphasis(line.stripped)
        key = heading_key(bare)
        head, _, rest = bare.partition(":")
        head_key = heading_key(head) if rest.strip() else key
        return (
            self._signed_line(bare)
            or self._expected(bare)
            or self._heading(line, bare, key, head_key, rest.strip())
            or (self.phase == "bilagor" and self._bilaga(line, bare))
            or (self.phase == "justeras" and self._justeras(line, bare))
        )

    def _signed_line(self, bare: str) -> bool:
        """ "Underskriven av Anna Berg, 2023-09-13 13:06:16, via e-legitimation" on one line."""
        signed = SIGNED_LINE.match(bare)
        if not signed:
            return False
        method = (signed.group("method") or "").strip()
        self.st.signers.append(
            Signature(name=signed.group("name").strip(), signed_at=signed.group("at"), method=method)
        )
        self.phase = "sign"
        return True

    def _expected(self, bare: str) -> bool:
        """The line after "Underskriven av", "Underskriftsdatum", "Vid protokollet" or "Ordförande"."""
        st, expecting = self.st, self.expecting
        if expecting == "signer":
            email = EMAIL.search(bare)
            method = "e-legitimation" if "e-legitimation" in bare.casefold() else ""
            st.signers.append(Signature(name=email.group(0) if email else bare.split(",")[0], method=method))
        elif expecting == "signed_at" and DATETIME.match(bare):
            if st.signers:
                st.signers[-1].signed_at = bare
        elif expecting in ("secretary", "chair") and looks_like_name(bare):
            if expecting == "secretary":
                st.secretary_sig = bare
            else:
                st.chair_sig = bare
        else:
            return False
        self.expecting = ""
        return True

    def _heading(self, line: Line, bare: str, key: str, head_key: str, rest: str) -> bool:
        st = self.st
        if re.match(r"^(justeras|justerat|justerare|justeringsm[aä]n|justeringspersoner)$", head_key):
            self.phase, self.started_justeras = "justeras", True
            for name in split_top_level(rest) if rest else []:
                st.justeras.append((name, line.no))
                self.budget += 1
        elif head_key in ("bilagor", "bilageförteckning"):
            self.phase = "bilagor"
            for number, title in enumerate(split_top_level(rest) if rest else [], 1):
                st.bilagor[number] = title
        elif head_key in ("underskrifter", "signaturer"):
            self.phase = "sign"
        elif key.startswith("underskriven av"):
            self.phase, self.expecting = "sign", "signer"
            if rest:
                self.lines.insert(self.index, Line(line.no, rest))
        elif key.startswith("underskrift") and "datum" in key:
            self.expecting = "signed_at"
            if rest and DATETIME.match(rest) and st.signers:
                st.signers[-1].signed_at, self.expecting = rest, ""
        elif head_key in ("vid protokollet", "protokollförare", "sekreterare"):
            self.expecting = "secretary"
            if rest:
                st.secretary_sig, self.expecting = rest, ""
        elif head_key in ("ordförande", "mötesordförande"):
            if self.phase == "justeras" and self.budget > 0:
                self.budget -= 1
                self._role(line, [bare])
                return True
            self.expecting = "chair"
            if rest:
                st.chair_sig, self.expecting = rest, ""
        else:
            return False
        return True

    def _bilaga(self, line: Line, bare: str) -> bool:
        m = BILAGA_LIST.match(bare)
        b = BULLET.match(line.text)
        if m:
            self.st.bilagor[int(m.group(1))] = m.group(2).strip()
        elif b:
            self.st.bilagor[len(self.st.bilagor) + 1] = b.group(2).strip()
        return bool(m or b)

    def _justeras(self, line: Line, bare: str) -> bool:
        """Names under Justeras, side by side or one a line, and the roles under them."""
        st = self.st
        cells = [c.strip() for c in bare.split("\t") if c.strip()] if "\t" in bare else [bare]
        signed_names = [split_name_role(c)[0] for c in cells]
        if all(split_name_role(c)[1] for c in cells) and all(is_person(st, n) for n in signed_names):
            # "Anna Berg, Kommundirektör" under a signature line: the name, and the role it repeats
            # (or the title the person signs as, finish.signs_as)
            st.justeras.extend((name, line.no) for name in signed_names)
            st.justeras_roles.extend(split_name_role(c)[1] for c in cells)
            return True
        names = [c for c in cells if is_person(st, c)]
        if names and len(names) == len(cells):
            st.justeras.extend((name, line.no) for name in names)
            self.budget += len(names)
            return True
        if self.budget >= len(cells) and all(len(c.split()) <= 6 and not c.endswith(".") for c in cells):
            self.budget -= len(cells)
            self._role(line, cells)
            return True
        return False

    def _role(self, line: Line, cells: list[str]) -> None:
        """The role under a signature line repeats the attendance list; it is named, not stored."""
        self.st.justeras_roles.extend(cells)
        self.st.placed[line.no] = Placement("dropped", say("import.at.justeras_role"))
        shown = ", ".join(cells)
        self.st.report.dropped("justeras", say("import.r.justeras_role", roles=shown), at_line(line.no))


def is_person(st: ParseState, text: str) -> bool:
    if any(fold(p.name) == fold(text) for p in st.persons_raw):
        return True
    return looks_like_name(text, ROLE_WORDS) and st.parties.canonical(text) is None


def stray_closing(st: ParseState, lines: list[Line], raws: list[RawItem]) -> None:
    if not raws:
        return
    target = raws[-1].children[-1] if raws[-1].children else raws[-1]
    target.lines.append(Line(lines[0].no, ""))
    target.lines.extend(lines)
    st.report.text("closing", say("import.r.after_closing", where=target.where), at_line(lines[0].no))


def set_aside_appendix(st: ParseState, lines: list[Line], meeting: Meeting) -> None:
    content = [line for line in lines if not line.blank]
    if not content:
        return
    span = say("import.lines", first=lines[0].no, last=lines[-1].no)
    first = content[0].stripped[:60]
    if st.keep_appendix:
        body = "\n".join(line.text for line in lines).strip("\n")
        taken = [item.id for item in meeting.items]
        meeting.items.append(
            Item(
                id=new_id("bilagor-text", taken),
                title="Bilagor (text ur originalet)",
                kind=ItemKind.OTHER,
                body=body,
            )
        )
        st.place_lines(lines, "text", say("import.at.appendix_kept"))
        st.report.text("appendix", say("import.r.appendix_kept", n=len(content)), span)
    else:
        st.place_lines(lines, "dropped", say("import.at.appendix"))
        st.report.dropped("appendix", say("import.r.appendix_dropped", n=len(content), first=first), span)
