"""Three-way merge of one text field, sentence by sentence.

Two people who change different sentences of one body have not disagreed,
so :func:`merge3` combines such edits, and only changes that overlap are a
conflict. The text is cut into sentences (:func:`store.sentences.pieces`:
a sentence with the spaces after it, a line with its newline), each side's changes against the base
are found with difflib, and the changes are combined when they touch
disjoint parts of the base:

- a sentence changed, removed or added on one side only: that side's change;
- the same change on both sides: taken once;
- changes of different sentences, even neighbouring ones: both;
- the same sentence changed differently, or different sentences added at
  the same place (their order would be a guess): a conflict (``None``).

The result does not depend on which side is "ours". Pure: no I/O.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from store.core.sentences import pieces

# Every version gets one space at its end before it is cut, so that its last sentence ends
# in a space like all the others: adding a sentence after it is then an insertion, not a
# change of it, and removing it does not change the one before.
_END = " "


def tokens(text: str) -> list[str]:
    """The pieces of ``text`` + one space (see above); ``"".join`` gives ``text`` + " " back."""
    return pieces(text + _END)


@dataclass(frozen=True)
class _Change:
    start: int  # base tokens [start, end) are replaced by ``new``
    end: int
    new: tuple[str, ...]


def _changes(base: Sequence[str], side: Sequence[str]) -> list[_Change]:
    matcher = difflib.SequenceMatcher(None, base, side, autojunk=False)
    return [_Change(i1, i2, tuple(side[j1:j2])) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def _overlap(a: _Change, b: _Change) -> bool:
    """Whether two changes touch the same part of the base (changes that only meet at an edge do not)."""
    if a.start == a.end and b.start == b.end:
        return a.start == b.start  # two insertions at one place
    if a.start == a.end:
        return b.start < a.start < b.end  # an insertion inside the other's change
    if b.start == b.end:
        return a.start < b.start < a.end
    return a.start < b.end and b.start < a.end


def merge_tokens(base: Sequence[str], ours: Sequence[str], theirs: Sequence[str]) -> list[str] | None:
    """The merged token list, or None when the two sides' changes overlap and differ."""
    mine, other = _changes(base, ours), _changes(base, theirs)
    for a in mine:
        for b in other:
            if _overlap(a, b) and a != b:  # the same change on both sides is no conflict
                return None
    # in base order; at one position an insertion goes before a change that starts there
    changes = sorted(set(mine) | set(other), key=lambda c: (c.start, c.end != c.start))
    out: list[str] = []
    at = 0
    for change in changes:
        out.extend(base[at : change.start])
        out.extend(change.new)
        at = max(at, change.end)
    out.extend(base[at:])
    return out


def merge3(base: str, ours: str, theirs: str) -> str | None:
    """``ours`` and ``theirs`` combined sentence by sentence, or None on a conflict."""
    if ours == theirs:
        return ours
    if ours == base:
        return theirs
    if theirs == base:
        return ours
    merged = merge_tokens(tokens(base), tokens(ours), tokens(theirs))
    if merged is None:
        return None
    text = "".join(merged)
    if not text:  # every sentence removed, on one side or the other
        return ""
    # the space every version got is last in every version, so it is last here too
    return text.removesuffix(_END) if text.endswith(_END) else None
