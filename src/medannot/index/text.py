"""How content text becomes FTS5 input, and how the text and its token boundaries come back from it.

The index uses FTS5's ``ascii`` tokenizer: ASCII letters and digits and every non-ASCII character
are token characters, every other ASCII character separates tokens, and ASCII letters are
lower-cased. It is the cheapest tokenizer (no Unicode tables per character: a fifth less time
per insert than unicode61 on Chinese text), and it leaves the words to the segmenter: the
``body`` column holds the text cut before every token start, the pieces joined by ``SEPARATOR``
(see ``cut``), so FTS5 sees the segmenter's words, and removing the separators gives the text
back: the index stores the text once. Records whose tokens are out of order get their tokens
joined by single spaces instead (``segmented``), with the text stored beside them.

What the tokenizer leaves as it is, ``index_form`` folds beforehand, one character for one so
offsets hold: full-width letters and digits to ASCII, non-ASCII letters to lower case, non-ASCII
whitespace to a space (a word and the whitespace after it are one piece). Queries go through the
same function. Punctuation such as ，or 。 is a token of its own (the segmenter makes it one), which
searches leave out except inside a phrase, where it must match as written. Unlike unicode61 the
ascii tokenizer keeps diacritics: café and cafe are two words.
"""

from __future__ import annotations

import bisect
import re
import sys
from array import array
from collections.abc import Container, Iterable, Sequence
from functools import cache
from itertools import accumulate, chain

from ..traditional import to_simplified

__all__ = [
    "SEPARATOR",
    "Boundaries",
    "boundaries",
    "cut",
    "index_form",
    "index_words",
    "is_word",
    "pack",
    "segmented",
    "unpack",
]

SEPARATOR = "\x1f"  # unit separator: an ASCII separator for the tokenizer, not found in article text

_SPACE = re.compile(r"\s")
_INDEX_WORD = re.compile(r"[0-9A-Za-z\x80-\U0010ffff]+")  # what the ascii tokenizer keeps together
_FULL_WIDTH = {code: code - 0xFEE0 for code in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))}


@cache
def _folding() -> tuple[re.Pattern[str], dict[int, int]]:
    """What finds the characters ``index_form`` changes, and the width and space part of the change.

    Computed once, on first use (about 15 ms): upper-case letters are whatever ``str.lower``
    changes. The pattern lists them below U+10000, which ``re`` tests in constant time, and takes
    the whole range of the few scripts above with cased letters (Deseret to Adlam) as one: a text
    with one of those is folded if anything in it folds.
    """
    table = dict(_FULL_WIDTH)
    changed = [chr(code) for code in table]
    for char in map(chr, range(0x80, 0x10000)):
        if char.isspace():
            table[ord(char)] = 0x20
            changed.append(char)
        elif char.lower() != char:
            changed.append(char)
    return re.compile(f"[{''.join(map(re.escape, changed))}\U00010000-\U0001efff]"), table


def index_form(text: str) -> str:
    """``text`` as the index sees it, the same length: ``text`` itself unless it has a full-width
    letter or digit, a non-ASCII upper-case letter, non-ASCII whitespace or a Traditional-only
    character (Traditional text is indexed and searched as Simplified: 带状疱疹 finds 帶狀皰疹)."""
    text = to_simplified(text)
    pattern, table = _folding()
    if not pattern.search(text):
        return text
    folded = text.translate(table).lower()
    if len(folded) != len(text):  # İ lowers to two characters: keep it as it is
        folded = "".join(low if len(low := char.lower()) == 1 else char for char in text.translate(table))
    return folded


def index_words(text: str) -> list[str]:
    """The tokens FTS5 makes of ``text`` (in index form), before it lower-cases ASCII letters."""
    return _INDEX_WORD.findall(text)


def is_word(token: str) -> bool:
    """Whether a token has a letter or digit: a query looks for words, not for punctuation alone."""
    return any(char.isalnum() for char in token)


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
