"""Lexicon matches turned into record entities, aligned to tokens and sentences."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from ..lexicon import Matcher
from ..record import Entity

__all__ = ["find_entities"]


def find_entities(
    text: str, tokens: Sequence[tuple[int, int]], sentences: Sequence[tuple[int, int]], matcher: Matcher
) -> list[Entity]:
    """Entities whose span starts and ends on token boundaries, with their sentence index.

    ``tokens`` and ``sentences`` are sorted ``(start, end)`` spans into ``text``.
    """
    sentence_starts = [start for start, _ in sentences]
    entities = []
    for match in matcher.find(text, tokens):
        concept = match.concept
        entities.append(
            Entity(
                start=match.start,
                end=match.end,
                text=text[match.start : match.end],
                label=concept.category,
                canonical=concept.canonical,
                concept_id=concept.id,
                synonym=match.term,
                sentence=max(bisect_right(sentence_starts, match.start) - 1, 0),
                adverse_event=concept.category == "adverse_event",
            )
        )
    return entities
