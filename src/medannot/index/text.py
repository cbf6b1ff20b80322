"""How content text becomes FTS5 input, and how the indexed words map back to the text.

The ``body`` column holds the record's tokens joined by single spaces, so unicode61 (which would
keep a run of Chinese characters as one token) sees the segmenter's words. unicode61 lowercases
but does not map full-width letters and digits to ASCII, so text that has any is width-folded
first; both forms keep every character at its offset.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import starmap

from ..lexicon import fold

__all__ = ["index_form", "segmented", "token_spans"]

_NEEDS_FOLD = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


def index_form(text: str) -> str:
    """``text`` as the index sees it (same length): width-folded when it has full-width letters or digits."""
    return fold(text) if _NEEDS_FOLD.search(text) else text


def segmented(text: str, spans: Iterable[Sequence[int]]) -> str:
    """The words of ``text`` at ``spans`` joined by single spaces."""
    return " ".join(map(text.__getitem__, starmap(slice, spans)))


def token_spans(text: str, body: str) -> list[tuple[int, int]]:
    """The token spans of ``index_form(text)`` that ``body`` was made of, found again in order."""
    spans: list[tuple[int, int]] = []
    position = 0
    for word in body.split(" "):
        if not word:
            continue
        start = text.find(word, position)
        if start < 0:  # not this text's body: stop rather than guess
            break
        position = start + len(word)
        spans.append((start, position))
    return spans
