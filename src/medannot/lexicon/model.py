"""Concepts and the lexicon that holds them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

__all__ = ["CATEGORIES", "ID_PREFIXES", "Concept", "Lexicon", "fold"]

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

# Full-width ASCII to ASCII and A-Z to a-z: a one-to-one character map, so offsets in the folded
# text are offsets in the original.
_FOLD_TABLE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FOLD_TABLE.update({code: code + 32 for code in range(ord("A"), ord("Z") + 1)})
_FOLD_TABLE.update({code + 0xFEE0: code + 32 for code in range(ord("A"), ord("Z") + 1)})
_FOLD_TABLE[0x3000] = 0x20  # ideographic space


def fold(text: str) -> str:
    """Width- and case-fold ``text`` without changing its length."""
    return text.translate(_FOLD_TABLE)


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


@dataclass(slots=True)
class Lexicon:
    name: str
    version: str
    concepts: dict[str, Concept]
    sha256: str  # over every file that went into it, in load order
    sources: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.concepts)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts.values())

    def terms(self) -> Iterator[tuple[str, Concept]]:
        """Every (surface form, concept) pair, canonical names first."""
        for concept in self.concepts.values():
            for term in concept.terms:
                yield term, concept

    def info(self) -> dict[str, Any]:
        """What a record's ``pipeline.lexicon`` says about this lexicon."""
        return {
            "name": self.name,
            "version": self.version,
            "sha256": self.sha256,
            "concepts": len(self.concepts),
            "sources": self.sources,
        }
