"""The concepts an index knows and the surface forms that name them.

Filled at build time from the lexicon and from every entity in the records (their text and
canonical name), read at search time to segment queries like the documents were segmented and to
expand a term that names a concept into that concept, so a query for one synonym finds the others.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from ..lexicon import Lexicon, fold
from ..segment.base import user_words

__all__ = ["ConceptInfo", "Vocabulary"]


@dataclass(frozen=True, slots=True)
class ConceptInfo:
    num: int  # the index's own number for the concept: its FTS token is f"c{num}"
    id: str
    canonical: str
    label: str


class Vocabulary:
    """Concepts by id and number, and folded surface form → concept number."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        self.by_num: dict[int, ConceptInfo] = {}
        self.by_id: dict[str, ConceptInfo] = {}
        for num, concept_id, canonical, label in connection.execute("SELECT num, id, canonical, label FROM concepts"):
            info = ConceptInfo(num, concept_id, canonical, label)
            self.by_num[num] = self.by_id[concept_id] = info
        self._last = max(self.by_num, default=0)  # numbers are never reused
        self.terms: dict[str, int] = {}
        self._forms: list[str] = []
        self.seen: set[str] = set()  # surface forms already recorded, as written
        for key, term, num in connection.execute("SELECT key, term, concept FROM terms"):
            self.terms[key] = num
            self._forms.append(term)

    def concept(self, concept_id: str, canonical: str, label: str) -> int:
        """The number of a concept, registering it (and its canonical name as a term) when new."""
        info = self.by_id.get(concept_id)
        if info is None:
            info = self._new_concept(concept_id, canonical, label)
            self._connection.execute("INSERT INTO concepts VALUES (?, ?, ?, ?)", (info.num, concept_id, canonical, label))
            self.add_term(canonical, info.num)
        return info.num

    def _new_concept(self, concept_id: str, canonical: str, label: str) -> ConceptInfo:
        info = ConceptInfo(self._last + 1, concept_id, canonical, label)
        self._last = info.num
        self.by_num[info.num] = self.by_id[concept_id] = info
        return info

    def add_term(self, term: str, num: int) -> None:
        """Record that ``term`` names concept ``num``; the first concept to claim a form keeps it."""
        if row := self._term_row(term, num):
            self._connection.execute("INSERT OR IGNORE INTO terms VALUES (?, ?, ?)", row)

    def _term_row(self, term: str, num: int) -> tuple[str, str, int] | None:
        if term in self.seen:  # the same surface form comes back in most records
            return None
        self.seen.add(term)
        key = fold(term)
        if key in self.terms:
            return None
        self.terms[key] = num
        self._forms.append(term)
        return key, term, num

    def add_lexicon(self, lexicon: Lexicon) -> None:
        """Register every concept and term of ``lexicon`` (in two batched inserts)."""
        concepts, terms = [], []
        for concept in lexicon:
            info = self.by_id.get(concept.id)
            if info is None:
                info = self._new_concept(concept.id, concept.canonical, concept.category)
                concepts.append((info.num, concept.id, concept.canonical, concept.category))
            terms += filter(None, (self._term_row(term, info.num) for term in concept.terms))
        self._connection.executemany("INSERT INTO concepts VALUES (?, ?, ?, ?)", concepts)
        self._connection.executemany("INSERT OR IGNORE INTO terms VALUES (?, ?, ?)", terms)

    def lookup(self, text: str) -> ConceptInfo | None:
        """The concept a surface form names (width/case-insensitive), or None."""
        num = self.terms.get(fold(text))
        return None if num is None else self.by_num[num]

    def resolve(self, name: str) -> ConceptInfo | None:
        """A concept given by id (``DRG0001``) or by any of its names."""
        return self.by_id.get(name) or self.lookup(name)

    def user_words(self) -> list[str]:
        """Every known surface form usable as a segmenter user word."""
        return user_words(self._forms)
