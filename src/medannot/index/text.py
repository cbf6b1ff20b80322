"""How content text becomes FTS5 input, and how the text and its token boundaries come back from it.

The ``body`` column holds the text cut before every token start, the pieces joined by
``SEPARATOR`` (see ``cut``), so unicode61 (which would keep a run of Chinese characters as one
token) sees the segmenter's words, and removing the separators gives the text back: the index
stores the text once. Records whose tokens are out of order get their tokens joined by single
spaces instead (``segmented``), with the text stored beside them. unicode61 lowercases but does not
map full-width letters and digits to ASCII, so text that has any is width-folded first; both forms
keep every character at its offset.
"""

from __future__ import annotations

import bisect
import re
import sys
from array import array
from collections.abc import Container, Iterable, Sequence
from itertools import accumulate, chain

from ..lexicon import fold

__all__ = ["SEPARATOR", "Boundaries", "boundaries", "cut", "index_form", "segmented", "pack", "unpack"]

SEPARATOR = "\x1f"  # unit separator: never part of a unicode61 token, not found in article text

_SPACE = re.compile(r"\s")
_NEEDS_FOLD = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


def index_form(text: str) -> str:
    """``text`` as the index sees it (same length): width-folded when it has full-width letters or digits."""
    return fold(text) if _NEEDS_FOLD.search(text) else text


def segmented(text: str, spans: Iterable[Sequence[int]]) -> str:
    """The words of ``text`` at ``spans`` joined by single spaces.

    A list comprehension of plain slices: a third faster than mapping ``slice`` objects, and this
    join is the indexer's largest cost after FTS5 itself (about a thousand words a record).
    """
    return " ".join([text[start:end] for start, end in spans])


def cut(text: str, tokens: Sequence[int]) -> str | None:
    """``text`` cut before each token start (``tokens`` flat, as records store them), joined by
    ``SEPARATOR``; None when there are no tokens, they are out of order, or the text has the separator.

    Each piece is a token and the whitespace after it, so FTS5 sees the words ``segmented`` would
    give it (for records where every non-whitespace character is in a token, as annotate writes
    them), and ``body.replace(SEPARATOR, "")`` is ``text`` again.
    """
    starts = tokens[0::2]
    if not starts or starts[0] < 0 or starts[-1] > len(text) or starts != sorted(starts) or SEPARATOR in text:
        return None
    return SEPARATOR.join([text[start:end] for start, end in zip([0, *starts], [*starts, len(text)])])


def boundaries(text: str, body: str) -> Container[int]:
    """Token boundaries in ``text`` from its indexed ``body``, whichever way it was made."""
    folded = index_form(text)
    if body.replace(SEPARATOR, "") == folded:
        return set(accumulate(map(len, body.split(SEPARATOR)), initial=0))
    return Boundaries(folded, body)


def pack(numbers: Iterable[int]) -> bytes:
    """Unsigned integers as a compact little-endian uint32 array."""
    packed = array("I", numbers)
    if sys.byteorder == "big":
        packed.byteswap()
    return packed.tobytes()


def unpack(blob: bytes) -> array:
    """The integers ``pack`` stored."""
    numbers = array("I")
    numbers.frombytes(blob)
    if sys.byteorder == "big":
        numbers.byteswap()
    return numbers


class Boundaries:
    """Where the record's tokens start and end, recovered from the indexed body.

    Records from ``medannot annotate`` have every non-whitespace character in exactly one token, so
    the boundaries are the running sums of the body's word lengths counted in the text without its
    whitespace; a record that breaks that rule is aligned word by word instead.
    """

    def __init__(self, text: str, body: str) -> None:
        words = [w for w in body.split(" ") if w]
        self._spaces = [m.start() for m in _SPACE.finditer(text)]
        self._offsets = set(accumulate(map(len, words), initial=0))
        if max(self._offsets) != len(text) - len(self._spaces):
            self._spaces = []
            self._offsets = set(chain.from_iterable(_align(text, words)))

    def __contains__(self, position: int) -> bool:
        return position - bisect.bisect_left(self._spaces, position) in self._offsets


def _align(text: str, words: list[str]) -> list[tuple[int, int]]:
    spans, position = [], 0
    for word in words:
        start = text.find(word, position)
        if start < 0:  # the body is not this text's: keep what aligned
            break
        position = start + len(word)
        spans.append((start, position))
    return spans
