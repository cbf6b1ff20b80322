"""The segmenter interface every backend implements."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from ..errors import SegmenterError

__all__ = ["Tokens", "Segmenter", "spans_from_words", "user_words"]


@dataclass(slots=True)
class Tokens:
    """Token spans into the segmented text (whitespace is never a token) and optional POS tags."""

    spans: list[tuple[int, int]]
    pos: list[str] | None = None


class Segmenter(Protocol):
    name: str  # registry name, recorded in the record's pipeline
    supports_pos: bool

    def segment(self, text: str, pos: bool = False) -> Tokens:
        """Tokens of ``text``; ``pos=True`` asks for part-of-speech tags when ``supports_pos``."""
        ...


def spans_from_words(
    name: str, text: str, words: Iterable[str], tags: Iterable[str] | None = None
) -> Tokens:
    """Align a backend's word sequence to ``text`` and drop whitespace tokens.

    Backends that return words without offsets go through here, so a backend that drops or
    alters characters is caught (MA304) instead of producing shifted offsets.
    """
    spans: list[tuple[int, int]] = []
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
        end = offset + len(word)
        if not word.isspace():
            spans.append((offset, end))
            if pos is not None:
                pos.append(tag or "x")
        offset = end
    return Tokens(spans, pos)


def user_words(terms: Iterable[str]) -> list[str]:
    """Lexicon terms usable as user-dictionary words: no spaces, at least two characters."""
    return sorted({t for t in terms if len(t) >= 2 and not any(c.isspace() for c in t)})
