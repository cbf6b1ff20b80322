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
    labels = matcher.labels
    entities = []
    append = entities.append
    for index, start, end in matcher.spans(text, tokens):
        label, canonical, concept_id, term = labels[index]
        sentence = bisect_right(sentence_starts, start) - 1
        # Positional arguments only: keywords make this constructor three times slower.
        append(
            Entity(
                start,
                end,
                text[start:end],
                label,
                canonical,
                concept_id,
                term,
                sentence if sentence > 0 else 0,
                None,  # list_item
                False,  # negated
                False,  # uncertain
                False,  # hypothetical
                label == "adverse_event",
                {},  # cues
            )
        )
    return entities
