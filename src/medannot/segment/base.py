"""The segmenter interface every backend implements."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import chain
from typing import Protocol

from ..errors import SegmenterError
from ..traditional import simplified_forms, to_simplified

__all__ = ["Tokens", "Segmenter", "UserDictionary", "fold", "fold_width", "spans_from_words", "user_words"]

_FULL_WIDTH_ALNUM = re.compile("[０-９Ａ-Ｚａ-ｚ]")
_TO_HALF_WIDTH = {code: code - 0xFEE0 for code in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))}
_TO_HALF_WIDTH.update({ord("．"): ord("."), ord("％"): ord("%")})


@dataclass(slots=True)
class Tokens:
    """Token offsets into the segmented text (whitespace is never a token) and optional POS tags.

    Offsets are flat, ``[start0, end0, start1, end1, …]``: the record's own encoding, so the
    default path never builds a tuple per token (a document has thousands).
    """

    offsets: list[int]
    pos: list[str] | None = None

    @classmethod
    def from_spans(cls, spans: Iterable[tuple[int, int]], pos: list[str] | None = None) -> Tokens:
        return cls(list(chain.from_iterable(spans)), pos)

    @property
    def spans(self) -> list[tuple[int, int]]:
        """``(start, end)`` per token."""
        return list(zip(self.offsets[0::2], self.offsets[1::2]))


def fold_width(text: str) -> str:
    """``text`` with full-width letters and digits (ＣＴ, ３．５) in ASCII, for a backend to cut: backends
    keep a run of ASCII letters or digits whole but cut full-width ones one by one. One character
    for one, so offsets into the folded text are offsets into ``text``."""
    return text.translate(_TO_HALF_WIDTH) if _FULL_WIDTH_ALNUM.search(text) else text


def fold(text: str) -> str:
    """``text`` as every backend cuts it: full-width letters and digits in ASCII (``fold_width``) and
    Traditional characters in Simplified ones (``to_simplified``), since backends' dictionaries and the
    lexicon are Simplified: 嚴重影響 is cut as 严重/影响, not 嚴/重影/響. One character for one, so
    offsets into the folded text are offsets into ``text``."""
    return fold_width(to_simplified(text))


class Segmenter(Protocol):
    name: str  # registry name, recorded in the record's pipeline
    supports_pos: bool

    def segment(self, text: str, pos: bool = False) -> Tokens:
        """Tokens of ``text``; ``pos=True`` asks for part-of-speech tags when ``supports_pos``."""
        ...


@dataclass(slots=True)
class UserDictionary:
    """The lexicon as a backend's user dictionary, at one of two granularities.

    Every term is added to the backend's dictionary, so no token crosses a term's edges where the
    backend accepts the term in context.

    - ``term`` (the default, what records get): every lexicon term is one token, so 间充质干细胞
      and 多发性硬化 stay whole for search indexes and downstream tools.
    - ``word`` (``split_compounds=True``): a term the backend builds with its own multi-character
      words (后背+疼痛, 多发性+硬化) is given back that inner split, as segmentation standards and
      the medical gold we measure on (AMTTL) do; a term it can only cut into single characters
      (剑突, 口干) stays whole. The tagger matches terms over token sequences, so entities are
      the same at both granularities. ``eval cws --granularity`` measures both.
    """

    words: list[str]
    pieces: dict[str, tuple[str, ...]] = field(default_factory=dict)  # compound term -> its inner words
    tags: dict[str, str] = field(default_factory=dict)  # inner word -> the backend's POS tag for it

    @classmethod
    def build(
        cls,
        words: Iterable[str],
        cut: Callable[[str], Iterable[tuple[str, str | None]]],
        split_compounds: bool = False,
    ) -> UserDictionary:
        """``cut`` is the backend *before* the terms are added: term -> [(word, POS tag or None)]."""
        dictionary = cls(list(words))
        if not split_compounds:
            return dictionary
        for term in dictionary.words:
            parts = list(cut(term))
            if len(parts) > 1 and any(len(word) > 1 for word, _ in parts):
                dictionary.pieces[term] = tuple(word for word, _ in parts)
                dictionary.tags.update((word, tag) for word, tag in parts if tag)
        return dictionary


def spans_from_words(
    name: str,
    text: str,
    words: Iterable[str],
    tags: Iterable[str] | None = None,
    pieces: Mapping[str, tuple[str, ...]] | None = None,
    piece_tags: Mapping[str, str] | None = None,
) -> Tokens:
    """Align a backend's word sequence to ``text`` and drop whitespace tokens.

    Backends that return words without offsets go through here, so a backend that drops or
    alters characters is caught (MA304) instead of producing shifted offsets. A word found in
    ``pieces`` (a ``UserDictionary``'s compounds) is emitted as its inner words.
    """
    offsets: list[int] = []
    pos: list[str] | None = [] if tags is not None else None
    tag_iter = iter(tags) if tags is not None else None
    offset = 0
    for word in words:
        tag = next(tag_iter) if tag_iter is not None else None
        if not text.startswith(word, offset):
            found = text.find(word, offset)
            if found < 0 or text[offset:found].strip():
                raise SegmenterError("MA304", name=name, offset=offset)
            offset = found
        if word.isspace():
            offset += len(word)
            continue
        inner = pieces.get(word) if pieces else None
        for part in inner or (word,):
            offsets += (offset, offset + len(part))
            if pos is not None:
                pos.append((piece_tags or {}).get(part, tag or "x") if inner else (tag or "x"))
            offset += len(part)
    return Tokens(offsets, pos)


def user_words(terms: Iterable[str]) -> list[str]:
    """Lexicon terms usable as user-dictionary words: no spaces, at least two characters, not pure
    ASCII (backends keep a run of Latin letters and digits whole unless a dictionary word cuts it:
    the word ``fever`` would split ``feverish``). A term with a character that only Traditional Chinese
    writes (噁 in 磺胺甲噁唑) comes with its folded form too: a text holding one is cut folded (``fold``)."""
    words = {t for t in terms if len(t) >= 2 and not t.isascii() and not any(c.isspace() for c in t)}
    return sorted(words.union(simplified_forms(words).values()))
