"""Precision warnings about a loaded lexicon: terms that are legal but likely to tag the wrong thing.

They are warnings, not errors (``medannot lexicon validate --strict`` makes them fail): a short
term can be right (痰, 胃), but each one deserves a look.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .model import Lexicon, fold

__all__ = ["LintWarning", "lint"]

# Categories where a one-character term mostly matches inside ordinary words or phrases.
_SHORT_TERM_CATEGORIES = {"symptom", "disease", "drug", "treatment", "exam"}
_SHORT_LATIN = re.compile(r"^[A-Za-z]{1,2}$")


@dataclass(frozen=True, slots=True)
class LintWarning:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def lint(lexicon: Lexicon) -> Iterator[LintWarning]:
    """Single-character terms, one- or two-letter abbreviations, and repeated terms of one concept."""
    for concept in lexicon:
        seen: set[str] = set()
        for term in concept.terms:
            key = fold(term)
            if key in seen:
                yield LintWarning(concept.origin, f"{concept.id} lists {term!r} twice")
            seen.add(key)
            if len(term) == 1 and concept.category in _SHORT_TERM_CATEGORIES:
                yield LintWarning(concept.origin, f"{concept.id} has the one-character term {term!r}")
            elif _SHORT_LATIN.match(term):
                yield LintWarning(concept.origin, f"{concept.id} has the short abbreviation {term!r}")
