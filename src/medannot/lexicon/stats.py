"""What a lexicon holds: concepts, terms, codes and hierarchy per category, for ``medannot lexicon stats``."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .model import CATEGORIES, Lexicon

__all__ = ["CategoryStats", "lexicon_stats"]


@dataclass(slots=True)
class CategoryStats:
    concepts: int = 0
    terms: int = 0  # surface forms that tag this category (after layering)
    synonyms: int = 0
    with_codes: Counter[str] = field(default_factory=Counter)  # code system -> concepts that have one
    with_broader: int = 0
    english: int = 0  # terms written in Latin letters

    def as_dict(self) -> dict[str, object]:
        return {
            "concepts": self.concepts,
            "terms": self.terms,
            "synonyms": self.synonyms,
            "codes": dict(sorted(self.with_codes.items())),
            "broader": self.with_broader,
            "english_terms": self.english,
        }


def lexicon_stats(lexicon: Lexicon) -> dict[str, CategoryStats]:
    """Per category (in ``CATEGORIES`` order, empty ones left out), plus ``"total"``."""
    stats = {category: CategoryStats() for category in CATEGORIES}
    for concept in lexicon:
        entry = stats[concept.category]
        entry.concepts += 1
        entry.synonyms += len(concept.synonyms)
        entry.with_codes.update(concept.codes.keys())
        entry.with_broader += concept.broader is not None
    for term, concept in lexicon.terms():
        entry = stats[concept.category]
        entry.terms += 1
        entry.english += term.isascii()
    total = CategoryStats()
    for entry in stats.values():
        total.concepts += entry.concepts
        total.terms += entry.terms
        total.synonyms += entry.synonyms
        total.with_codes.update(entry.with_codes)
        total.with_broader += entry.with_broader
        total.english += entry.english
    out = {category: entry for category, entry in stats.items() if entry.concepts}
    out["total"] = total
    return out
