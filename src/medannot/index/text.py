"""How content text becomes FTS5 input, and the token boundaries kept to map matches back to it.

The ``body`` column holds the record's tokens joined by single spaces, so unicode61 (which would
keep a run of Chinese characters as one token) sees the segmenter's words. unicode61 lowercases
but does not map full-width letters and digits to ASCII, so text that has any is width-folded
first; both forms keep every character at its offset.
"""

from __future__ import annotations

import re
import sys
from array import array
from collections.abc import Iterable, Sequence
from itertools import chain, starmap

from ..lexicon import fold

__all__ = ["index_form", "segmented", "pack", "unpack", "pack_bounds"]

_NEEDS_FOLD = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


def index_form(text: str) -> str:
    """``text`` as the index sees it (same length): width-folded when it has full-width letters or digits."""
    return fold(text) if _NEEDS_FOLD.search(text) else text


def segmented(text: str, spans: Iterable[Sequence[int]]) -> str:
    """The words of ``text`` at ``spans`` joined by single spaces."""
    return " ".join(map(text.__getitem__, starmap(slice, spans)))


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


def pack_bounds(spans: Iterable[Sequence[int]]) -> bytes:
    """Token spans as start, end, start, end, … (sorted; a boundary may repeat)."""
    return pack(chain.from_iterable(spans))
