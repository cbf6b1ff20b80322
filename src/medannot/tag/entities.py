"""Lexicon matches turned into record entities, aligned to tokens and sentences."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from ..lexicon import Matcher
from ..lexicon.matcher import TokenBoundaries
from ..record import Entity

__all__ = ["find_entities"]


def find_entities(
    text: str,
    tokens: Sequence[tuple[int, int]] | TokenBoundaries,
    sentences: Sequence[tuple[int, int]],
    matcher: Matcher,
) -> list[Entity]:
    """Entities whose span starts and ends on token boundaries, with their sentence index.

    ``tokens`` (or their ``TokenBoundaries``) and ``sentences`` are sorted ``(start, end)`` spans into ``text``.
    """
    labels = matcher.labels
    entities = []
    append = entities.append
    # Entities come in text order: the sentence index moves on only past the next sentence's start.
    later_starts = [start for start, _ in sentences[1:]]
    later_starts.append(len(text) + 1)
    sentence, following = 0, later_starts[0]
    for index, start, end in matcher.spans(text, tokens):
        if start >= following:
            sentence = bisect_right(later_starts, start)  # sentences after the first starting at or before
            following = later_starts[sentence]
        label, canonical, concept_id, term = labels[index]
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
                sentence,
                None,  # list_item
                False,  # negated
                False,  # uncertain
                False,  # hypothetical
                label == "adverse_event",
                {},  # cues
            )
        )
    return entities
