"""Where a text's sentences end: the unit of a stored line and of a text merge.

Long text is stored one sentence per line (see :mod:`store.codec`) so that a
reviewer's ``git diff`` shows the sentence that changed and two people who
edit different sentences of one paragraph do not touch the same line. The
same pieces are what :mod:`store.textmerge` merges.

:func:`pieces` cuts a text into pieces whose concatenation is the text
itself, exactly: a piece ends after a newline, or after the spaces that
follow a sentence's end. Nothing is added or removed, so where the cuts fall
can never change what the text says or how its Markdown renders; a cut in
the wrong place only makes a diff or a merge coarser or finer. Still, the
rules try to cut where a reader would: not after an abbreviation ("t.ex.",
"bl.a.", "kl. 13.00"), an ordinal or a section number ("§ 4.", "1."), an
initial ("M. Gyllestad"), inside a code span or in a table row.
"""

from __future__ import annotations

import re

# punctuation that ends a sentence, closing quotes or brackets after it, then spaces
_END = re.compile(r"[.!?…]+[”’\"')\]]*( +)")
# abbreviations written without an inner full stop (those with one, "t.ex.", are found by shape)
_ABBREVIATION_WORDS = """
ang bil ca dvs etc exkl fig ff forts inkl jfr kap kl kr mfl milj mm mom nr obs osv pga resp sek st
tel tfn tim tkr tr ung uppl vs mr mrs dr prof jr sr no vol eg ie
"""
_ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())
_LONGEST_WORD = 64
# lines as TOML and git count them: only "\n" ends one
_LINES = re.compile(r"[^\n]*\n|[^\n]+")


def _ends_sentence(text: str, end: int, after: int) -> bool:
    """Whether the punctuation ending at ``end`` closes a sentence, the next one starting at ``after``."""
    nxt = text[after] if after < len(text) else ""
    # a new sentence starts with a capital, a digit only after ? or !, or an opening quote/bracket/emphasis
    if not (nxt.isupper() or nxt in "”\"'(*_[" or (nxt.isdigit() and text[end - 1] in "?!")):
        return False
    # the word before, looked for in a short window so a long line stays linear
    window = max(0, end - _LONGEST_WORD)
    word_start = max(text.rfind(" ", window, end), text.rfind("\t", window, end), window - 1) + 1
    word = text[word_start:end]
    core = word.rstrip(".!?…”’\"')]").lstrip("(“”\"'[*_")
    if text[end - 1] in "?!…":
        return bool(core)
    if not core:
        return False
    if "." in core:  # t.ex., bl.a., fr.o.m., 13.00., e.g.
        return False
    if len(core) == 1 and not core.isdigit():  # an initial, a list letter
        return False
    if core.isdigit():  # "se bilaga 2." ends a sentence; a list's "1." or "§ 4." does not
        before = text[max(0, word_start - 16) : word_start].rstrip()
        return (bool(before) or word_start > 16) and not before.endswith("§")
    return core.casefold() not in _ABBREVIATIONS


def _line_pieces(line: str) -> list[str]:
    if line.lstrip().startswith("|"):  # a table row stays whole
        return [line]
    out: list[str] = []
    start = ticks = counted = 0
    for match in _END.finditer(line):
        after = match.end()
        if after >= len(line):
            break
        ticks += line.count("`", counted, match.start())
        counted = match.start()
        if ticks % 2:  # inside a code span
            continue
        if _ends_sentence(line, match.start(1), after):
            out.append(line[start:after])
            start = after
    out.append(line[start:])
    return out


def pieces(text: str) -> list[str]:
    """``text`` cut after each newline and after each sentence's trailing spaces; ``"".join`` gives it back."""
    out: list[str] = []
    for line in _LINES.findall(text):
        out.extend(p for p in _line_pieces(line) if p)
    return out


def sentence_breaks(text: str) -> bool:
    """Whether ``text`` has more than one piece: a newline or two sentences."""
    return several_pieces(text) is not None


def several_pieces(text: str) -> list[str] | None:
    """``pieces(text)`` when there are more than one, else None (cut once for the question and the answer)."""
    if "\n" not in text and _END.search(text) is None:  # most values: a name, a title, a date
        return None
    found = pieces(text)
    return found if len(found) > 1 else None
