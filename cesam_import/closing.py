"""The closing part: Justeras, Bilagor, signatures; and the slide appendix after them."""

from __future__ import annotations

import re

from store.ids import new_id
from store.model import (
    Item,
    ItemKind,
    Meeting,
    Signature,
)

from .accounting import Placement
from .attendance import split_name_role
from .lines import BULLET, ROLE_WORDS, Line, split_top_level
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
    st.justeras = []
    st.justeras_roles = []
    st.bilagor = {}
    st.signers = []
    st.secretary_sig = ""
    st.chair_sig = ""
    phase = ""
    budget = 0
    expecting = ""  # "signer", "signed_at", "secretary", "chair"
    i = 0
    started_justeras = False
    while i < len(lines):
        line = lines[i]
        i += 1
        if line.blank:
            continue
        st.place(line.no, "structure", "avslutning")  # taken back below when the line ends the closing part
        text = line.stripped
        bare = strip_emphasis(text)
        key = heading_key(bare)
        head, _, rest = bare.partition(":")
        head_key = heading_key(head) if rest.strip() else key
        signed = SIGNED_LINE.match(bare)
        if signed:  # "Underskriven av Anna Berg, 2023-09-13 13:06:16, via e-legitimation" on one line
            method = (signed.group("method") or "").strip()
            st.signers.append(Signature(name=signed.group("name").strip(), signed_at=signed.group("at"), method=method))
            phase = "sign"
            continue
        if expecting == "signer":
            email = EMAIL.search(bare)
            method = "e-legitimation" if "e-legitimation" in bare.casefold() else ""
            st.signers.append(Signature(name=email.group(0) if email else bare.split(",")[0], method=method))
            expecting = ""
            continue
        if expecting == "signed_at" and DATETIME.match(bare):
            if st.signers:
                st.signers[-1].signed_at = bare
            expecting = ""
            continue
        if expecting in ("secretary", "chair") and looks_like_name(bare):
            if expecting == "secretary":
                st.secretary_sig = bare
            else:
                st.chair_sig = bare
            expecting = ""
            continue
        if re.match(r"^(justeras|justerat|justerare|justeringsm[aä]n|justeringspersoner)$", head_key):
            phase, started_justeras = "justeras", True
            if rest.strip():
                for name in split_top_level(rest):
                    st.justeras.append((name, line.no))
                    budget += 1
            continue
        if head_key in ("bilagor", "bilageförteckning"):
            phase = "bilagor"
            if rest.strip():
                for j, title in enumerate(split_top_level(rest), 1):
                    st.bilagor[j] = title
            continue
        if head_key in ("underskrifter", "signaturer"):
            phase = "sign"
            continue
        if key.startswith("underskriven av"):
            phase = "sign"
            if rest.strip():
                lines.insert(i, Line(line.no, rest.strip()))
            expecting = "signer"
            continue
        if key.startswith("underskrift") and "datum" in key:
            expecting = "signed_at"
            if rest.strip() and DATETIME.match(rest.strip()) and st.signers:
                st.signers[-1].signed_at = rest.strip()
                expecting = ""
            continue
        if head_key in ("vid protokollet", "protokollförare", "sekreterare"):
            expecting = "secretary"
            if rest.strip():
                st.secretary_sig, expecting = rest.strip(), ""
            continue
        if head_key in ("ordförande", "mötesordförande"):
            if phase == "justeras" and budget > 0:
                budget -= 1
                st.justeras_roles.append(bare)
                st.placed[line.no] = Placement("dropped", "roll under Justeras")
                st.report.dropped("justeras", f"roll under Justeras ({bare}) står inte i mötet", f"rad {line.no}")
                continue
            expecting = "chair"
            if rest.strip():
                st.chair_sig, expecting = rest.strip(), ""
            continue
        if phase == "bilagor":
            m = BILAGA_LIST.match(bare)
            b = BULLET.match(line.text)
            if m:
                st.bilagor[int(m.group(1))] = m.group(2).strip()
                continue
            if b:
                st.bilagor[len(st.bilagor) + 1] = b.group(2).strip()
                continue
        if phase == "justeras":
            cells = [c.strip() for c in bare.split("\t") if c.strip()] if "\t" in bare else [bare]
            signed_names = [split_name_role(c)[0] for c in cells]
            if all(split_name_role(c)[1] for c in cells) and all(is_person(st, n) for n in signed_names):
                # "Anna Berg, Kommundirektör" under a signature line: the name, and the role it repeats
                st.justeras.extend((name, line.no) for name in signed_names)
                continue
            names = [c for c in cells if is_person(st, c)]
            if names and len(names) == len(cells):
                for name in names:
                    st.justeras.append((name, line.no))
                    budget += 1
                continue
            if budget >= len(cells) and all(len(c.split()) <= 6 and not c.endswith(".") for c in cells):
                budget -= len(cells)
                st.justeras_roles.extend(cells)
                # the role under a signature line repeats the attendance list; it is named, not stored
                st.placed[line.no] = Placement("dropped", "roll under Justeras")
                st.report.dropped("justeras", f"roll under Justeras ({bare}) står inte i mötet", f"rad {line.no}")
                continue
        # anything else ends the closing part
        st.placed.pop(line.no, None)
        rest_lines = lines[i - 1 :]
        if st.signers or started_justeras:
            return rest_lines
        stray_closing(st, rest_lines, raws)
        return []
    return []


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
    st.report.text("closing", f"text efter avslutningen lades i {target.where}", f"rad {lines[0].no}")


def set_aside_appendix(st: ParseState, lines: list[Line], meeting: Meeting) -> None:
    content = [line for line in lines if not line.blank]
    if not content:
        return
    span = f"rad {lines[0].no}–{lines[-1].no}"
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
        st.place_lines(lines, "text", "bilagor (text ur originalet)")
        st.report.text(
            "appendix", f"bilagedelen efter underskrifterna ({len(content)} rader) sparades som sista punkten", span
        )
    else:
        st.place_lines(lines, "dropped", "bilagedelen efter underskrifterna")
        st.report.dropped(
            "appendix",
            f"bilagedelen efter underskrifterna ({len(content)} rader, börjar {first!r}) togs inte med; "
            "använd --keep-appendix för att spara den som text",
            span,
        )
