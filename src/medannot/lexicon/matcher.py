"""Find lexicon terms in text: Aho-Corasick (the Rust ``aho-corasick`` crate through
``ahocorasick_rs``), leftmost-longest, kept only where a match starts and ends on token
boundaries (so 发热 is not found in 发热量).

Matching is case-insensitive, width-insensitive and script-insensitive: the text is lower-cased and
its Traditional characters folded to Simplified ones (both keep its length, so offsets stay valid),
every term that contains ASCII is also added in full-width form, and a term with a character only
Traditional Chinese writes (噁 in 磺胺甲噁唑) also in its folded form.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain
from operator import itemgetter
from typing import NamedTuple

import ahocorasick_rs

from ..traditional import simplified_forms, to_simplified
from .model import Concept, Lexicon

__all__ = ["Match", "Matcher", "TokenBoundaries"]

_TO_FULL_WIDTH = {code: code + 0xFEE0 for code in range(0x21, 0x7F)}
_TO_FULL_WIDTH[0x20] = 0x3000
_second = itemgetter(1)  # of a match: its start


class Match(NamedTuple):
    """One term found in a text (a named tuple: cheap to make by the hundred thousand)."""

    start: int
    end: int
    concept: Concept
    term: str  # the lexicon surface form that matched


def _haystack(text: str) -> str:
    """``text`` lower-cased and in Simplified characters, character by character, so offsets into it
    are offsets into ``text``."""
    text = to_simplified(text)
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(low := c.lower()) != 1 else low for c in text)  # İ lower-cases to two characters


class TokenBoundaries:
    """Answers "does this span start and end on token boundaries?" for sorted, non-overlapping
    token spans: one set of every token start and end.

    The set does not tell a start from an end, which matters only for a span that begins or ends
    with whitespace (the one place where a token end is no token start); lexicon terms and cue
    phrases are stripped, so no span asked about does. One set of all offsets is half the cost of
    a set of starts and a set of ends, and a dict walk from start to end was slower still.
    """

    __slots__ = ("bounds",)

    def __init__(self, tokens: Sequence[tuple[int, int]]) -> None:
        self.bounds = set(chain.from_iterable(tokens))

    @classmethod
    def from_offsets(cls, offsets: Sequence[int]) -> TokenBoundaries:
        """From flat ``[start0, end0, start1, end1, …]`` offsets (``Tokens.offsets``, the record's tokens)."""
        boundaries = cls.__new__(cls)
        boundaries.bounds = set(offsets)
        return boundaries

    def fits(self, start: int, end: int) -> bool:
        return start in self.bounds and end in self.bounds


class Matcher:
    """Built once per lexicon; ``find`` is safe to call from many documents."""

    def __init__(self, lexicon: Lexicon) -> None:
        keys: list[str] = []
        self.targets: list[tuple[Concept, str]] = []  # per automaton pattern: (concept, matched term)
        folded = simplified_forms(lexicon.index)
        for key, (term, concept) in lexicon.index.items():
            for variant in dict.fromkeys((key, key.translate(_TO_FULL_WIDTH), folded.get(key, key))):
                keys.append(variant)
                self.targets.append((concept, term))
        # The same, flattened to (category, canonical, concept id, term) for callers in a hot loop.
        self.labels: list[tuple[str, str, str, str]] = [(c.category, c.canonical, c.id, t) for c, t in self.targets]
        # Per pattern: (first characters of its category's suffix words, the words), or None; a mention
        # is followed by a suffix's first character rarely, so most are passed over on one look-up.
        by_category = {category: (frozenset(word[0] for word in words), words) for category, words in lexicon.suffixes.items()}
        self._suffixes = [by_category.get(c.category) for c, _ in self.targets]
        implementation = ahocorasick_rs.Implementation.ContiguousNFA  # faster than the DFA at this size
        self._automaton = ahocorasick_rs.AhoCorasick(keys, implementation=implementation) if keys else None

    def find(self, text: str, tokens: Sequence[tuple[int, int]] | TokenBoundaries | None = None) -> list[Match]:
        """Non-overlapping matches, leftmost first and longest at each start.

        With ``tokens`` (sorted, non-overlapping ``(start, end)`` spans, or their ``TokenBoundaries``), a match must begin at a
        token start and finish at a token end; a longer match that cuts a token gives way to a shorter one that fits, or
        to a match that starts later. Then a word the lexicon lists as a suffix of the match's
        category (a drug's dosage form: 软膏, 泡腾片) extends it when it follows on token boundaries.
        """
        targets = self.targets
        return [Match(start, end, *targets[index]) for index, start, end in self.spans(text, tokens)]

    def spans(
        self, text: str, tokens: Sequence[tuple[int, int]] | TokenBoundaries | None = None
    ) -> list[tuple[int, int, int]]:
        """What ``find`` finds as ``(pattern index, start, end)``; ``targets[index]`` says what matched.

        The hot path of tagging: callers that build their own objects skip ``Match``.
        """
        if self._automaton is None or not text:
            return []
        # Every match, overlapping ones included, reported in order of end offset. Reversed and
        # stably sorted by start, they come leftmost first and, at one start, longest first.
        # (Leftmost-longest search with a repair where a match cuts a token measured slower:
        # documents have a dozen such places per 3,000 characters.)
        haystack = _haystack(text)
        candidates = self._automaton.find_matches_as_indexes(haystack, overlapping=True)
        candidates.reverse()
        candidates.sort(key=_second)
        kept: list[tuple[int, int, int]] = []
        covered = 0
        if tokens is None:
            for candidate in candidates:
                if candidate[1] >= covered:
                    kept.append(candidate)
                    covered = candidate[2]
            return kept
        boundaries = tokens if isinstance(tokens, TokenBoundaries) else TokenBoundaries(tokens)
        bounds = boundaries.bounds
        suffixes = self._suffixes
        for candidate in candidates:
            _, start, end = candidate
            if start >= covered and start in bounds and end in bounds:
                kept.append(candidate)
                covered = end
        for position, (index, start, end) in enumerate(kept):
            extension = suffixes[index]
            if extension is not None and haystack[end : end + 1] in extension[0]:  # a dosage form belongs to the mention
                limit = kept[position + 1][1] if position + 1 < len(kept) else len(text)
                for suffix in extension[1]:
                    stop = end + len(suffix)
                    if stop <= limit and haystack.startswith(suffix, end) and stop in bounds:
                        kept[position] = (index, start, stop)
                        break
        return kept
