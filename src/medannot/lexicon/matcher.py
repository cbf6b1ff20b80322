"""Find lexicon terms in text: Aho-Corasick (the Rust ``aho-corasick`` crate through
``ahocorasick_rs``), leftmost-longest, kept only where a match starts and ends on token
boundaries (so 发热 is not found in 发热量).

Matching is case-insensitive and width-insensitive: the text is lower-cased (which keeps its
length, so offsets stay valid) and every term that contains ASCII is also added in full-width form.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter

import ahocorasick_rs

from .model import Concept, Lexicon

__all__ = ["Match", "Matcher", "TokenBoundaries"]

_TO_FULL_WIDTH = {code: code + 0xFEE0 for code in range(0x21, 0x7F)}
_TO_FULL_WIDTH[0x20] = 0x3000
_first = itemgetter(0)


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    concept: Concept
    term: str  # the lexicon surface form that matched


def _haystack(text: str) -> str:
    """``text`` lower-cased character by character, so offsets into it are offsets into ``text``."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(low := c.lower()) != 1 else low for c in text)  # İ lower-cases to two characters


class TokenBoundaries:
    """Answers "does this span start and end on token boundaries?" for sorted token spans."""

    __slots__ = ("tokens", "starts")

    def __init__(self, tokens: Sequence[tuple[int, int]]) -> None:
        self.tokens = tokens
        self.starts = list(map(_first, tokens))

    def starts_token(self, start: int) -> int | None:
        """The index of the token that starts at ``start``, if one does."""
        index = bisect_left(self.starts, start)
        return index if index < len(self.starts) and self.starts[index] == start else None

    def ends_token(self, end: int, first: int = 0) -> bool:
        """Whether a token ends at ``end`` (searching from token index ``first``)."""
        last = bisect_left(self.starts, end, first) - 1
        return last >= 0 and self.tokens[last][1] == end

    def fits(self, start: int, end: int) -> bool:
        first = self.starts_token(start)
        return first is not None and self.ends_token(end, first)


class Matcher:
    """Built once per lexicon; ``find`` is safe to call from many documents."""

    def __init__(self, lexicon: Lexicon) -> None:
        keys: list[str] = []
        self._targets: list[tuple[str, Concept]] = []
        for key, target in lexicon.index.items():
            for variant in dict.fromkeys((key, key.translate(_TO_FULL_WIDTH))):
                keys.append(variant)
                self._targets.append(target)
        self._automaton = ahocorasick_rs.AhoCorasick(keys, implementation=ahocorasick_rs.Implementation.DFA) if keys else None

    def find(self, text: str, tokens: Sequence[tuple[int, int]] | None = None) -> list[Match]:
        """Non-overlapping matches, leftmost first and longest at each start.

        With ``tokens`` (sorted ``(start, end)`` spans), a match must begin at a token start and
        finish at a token end; a longer match that cuts a token gives way to a shorter one that
        fits, or to a match that starts later.
        """
        if self._automaton is None or not text:
            return []
        # Every match, overlapping ones included, reported in order of end offset. Reversed and
        # stably sorted by start, they come leftmost first and, at one start, longest first.
        candidates = self._automaton.find_matches_as_indexes(_haystack(text), overlapping=True)
        candidates.reverse()
        candidates.sort(key=itemgetter(1))
        targets = self._targets
        boundaries = TokenBoundaries(tokens) if tokens is not None else None
        matches: list[Match] = []
        covered = 0
        rejected_start = -1
        for index, start, end in candidates:
            if start < covered or start == rejected_start:
                continue
            if boundaries is not None:
                first = boundaries.starts_token(start)
                if first is None:
                    rejected_start = start  # no token starts here: no match at this start fits
                    continue
                if not boundaries.ends_token(end, first):
                    continue
            term, concept = targets[index]
            matches.append(Match(start, end, concept, term))
            covered = end
        return matches
