"""Concepts and the lexicon that holds them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

__all__ = ["CATEGORIES", "ID_PREFIXES", "Concept", "Lexicon", "fold", "term_index"]

CATEGORIES = (
    "symptom",
    "disease",
    "drug",
    "treatment",
    "exam",
    "anatomy",
    "department",
    "microorganism",
    "device",
    "adverse_event",
)
ID_PREFIXES = {
    "symptom": "SYM",
    "disease": "DIS",
    "drug": "DRG",
    "treatment": "TRT",
    "exam": "EXM",
    "anatomy": "ANA",
    "department": "DEP",
    "microorganism": "MIC",
    "device": "DEV",
    "adverse_event": "AEV",
}

# Full-width ASCII to ASCII and the ideographic space to a space.
_WIDTH_TABLE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDTH_TABLE[0x3000] = 0x20


def fold(text: str) -> str:
    """The identity of a term: width-folded and lower-cased, so ＣＴ, CT and ct are one term."""
    return text.translate(_WIDTH_TABLE).lower()


@dataclass(frozen=True, slots=True)
class Concept:
    id: str
    canonical: str
    category: str
    synonyms: tuple[str, ...] = ()
    codes: dict[str, str] = field(default_factory=dict)
    broader: str | None = None
    origin: str = ""  # file:line where it was (last) defined

    @property
    def terms(self) -> tuple[str, ...]:
        return (self.canonical, *self.synonyms)


def term_index(concepts: Iterable[Concept]) -> dict[str, tuple[str, Concept]]:
    """Folded term -> (surface form, concept); where two concepts claim a term, the later one wins."""
    index: dict[str, tuple[str, Concept]] = {}
    for concept in concepts:
        for term in concept.terms:
            index[fold(term)] = (term, concept)
    return index


@dataclass(slots=True)
class Lexicon:
    """Concepts in layer order (a user concept that overrides a built-in one comes after it)."""

    name: str
    version: str
    concepts: dict[str, Concept]
    sha256: str  # over every file that went into it, in load order
    sources: list[str] = field(default_factory=list)
    suffixes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # category -> words that extend a mention
    _index: dict[str, tuple[str, Concept]] | None = field(default=None, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.concepts)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts.values())

    @property
    def index(self) -> dict[str, tuple[str, Concept]]:
        """Which concept each folded term tags (see ``term_index``), computed once."""
        if self._index is None:
            self._index = term_index(self.concepts.values())
        return self._index

    def terms(self) -> Iterator[tuple[str, Concept]]:
        """Every (surface form, concept) pair that tagging uses, one per folded term."""
        return iter(self.index.values())

    def info(self) -> dict[str, Any]:
        """What a record's ``pipeline.lexicon`` says about this lexicon."""
        return {
            "name": self.name,
            "version": self.version,
            "sha256": self.sha256,
            "concepts": len(self.concepts),
            "sources": self.sources,
        }
