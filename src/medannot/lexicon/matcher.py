"""Find lexicon terms in text: Aho-Corasick over width/case-folded text, leftmost-longest,
kept only where a match starts and ends on token boundaries (so 发热 is not found in 发热量)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import ahocorasick

from .model import Concept, Lexicon, fold

__all__ = ["Match", "Matcher"]


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    concept: Concept
    term: str  # the lexicon surface form that matched


class Matcher:
    """Built once per lexicon; ``find`` is safe to call from many documents."""

    def __init__(self, lexicon: Lexicon) -> None:
        self._automaton = ahocorasick.Automaton()
        for term, concept in lexicon.terms():
            key = fold(term)
            if key not in self._automaton:  # the lexicon validator guarantees one concept per key
                self._automaton.add_word(key, (len(key), term, concept))
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()

    def find(
        self, text: str, starts: Collection[int] | None = None, ends: Collection[int] | None = None
    ) -> list[Match]:
        """Non-overlapping matches, leftmost first and longest at each start.

        With ``starts``/``ends`` (token boundary offsets), a match must begin at a token start and
        finish at a token end; a longer match that cuts a token gives way to a shorter one that fits.
        """
        if self._empty or not text:
            return []
        candidates = []
        for last, (length, term, concept) in self._automaton.iter(fold(text)):
            end = last + 1
            start = end - length
            if starts is not None and (start not in starts or end not in ends):
                continue
            candidates.append((start, -length, term, concept))
        candidates.sort(key=lambda c: (c[0], c[1]))
        matches: list[Match] = []
        covered = 0
        for start, neg_length, term, concept in candidates:
            if start >= covered:
                matches.append(Match(start, start - neg_length, concept, term))
                covered = start - neg_length
        return matches
