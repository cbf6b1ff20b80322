"""Highlighted snippets in the original text.

FTS5's own ``snippet()`` would cut from the segmented, folded copy of the text; instead the matched
words are found again among the document's tokens (recovered from that copy, see ``text.py``) and
the matched concepts among its entity spans, so every highlight is an exact ``[start, end)`` range
of ``content.text``.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..lexicon import fold
from .query import fts_words

__all__ = ["Snippet", "highlights", "make_snippet"]

_SENTENCE_END = "。！？!?；;\n"


@dataclass(frozen=True, slots=True)
class Snippet:
    start: int  # offsets into content.text
    end: int
    text: str  # content.text[start:end]
    highlights: list[tuple[int, int]]  # absolute offsets, inside [start, end)
    truncated: bool  # the content goes on after ``end``

    def marked(self, before: str, after: str, *, ellipsis: str = "…") -> str:
        """The snippet on one line with each highlight wrapped in ``before``/``after``."""
        parts = [ellipsis] if self.start > 0 else []
        cursor = self.start
        for start, end in self.highlights:
            parts += [self.text[cursor - self.start : start - self.start], before, self.text[start - self.start : end - self.start], after]
            cursor = end
        parts.append(self.text[cursor - self.start :])
        if self.truncated:
            parts.append(ellipsis)
        return "".join(parts).replace("\r", " ").replace("\n", " ")

    def to_dict(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "text": self.text, "highlights": [list(h) for h in self.highlights]}


def highlights(
    text: str,
    tokens: Iterable[Sequence[int]],
    spans: Iterable[Sequence[int]],
    words: frozenset[str],
    concepts: frozenset[int],
) -> list[tuple[int, int]]:
    """Sorted, merged ranges of the tokens that contain a query word and the mentions of a query concept."""
    found: list[tuple[int, int]] = []
    if words:
        folded = fold(text)
        for start, end in tokens:
            piece = folded[start:end]
            # most tokens are one index word; only mixed ones (covid-19, 3.5mg) need splitting
            if piece in words or (not piece.isalnum() and not words.isdisjoint(fts_words(piece))):
                found.append((start, end))
    if concepts:
        found += [(s, e) for s, e, num in spans if num in concepts]
    found.sort()
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def make_snippet(text: str, marks: list[tuple[int, int]], width: int = 120) -> Snippet:
    """The ``width``-character window holding the most distinct highlights, started at a sentence."""
    if not marks:
        end = min(len(text), width)
        return Snippet(0, end, text[:end], [], end < len(text))
    lead = width // 5
    starts = [s for s, _ in marks]
    best, best_score = 0, (-1, -1)
    for i, (anchor, _) in enumerate(marks):
        limit = max(0, anchor - lead) + width
        j = bisect.bisect_right(starts, limit - 1, lo=i)
        inside = [m for m in marks[i:j] if m[1] <= limit]
        score = (len({fold(text[s:e]) for s, e in inside}), len(inside))
        if score > best_score:
            best, best_score = i, score
    anchor = marks[best][0]
    start = max(0, anchor - lead)
    boundary = max(text.rfind(c, start, anchor) for c in _SENTENCE_END)
    if boundary >= 0:
        start = boundary + 1
    while start < anchor and text[start].isspace():
        start += 1
    end = min(len(text), start + width)
    inside = [(s, e) for s, e in marks if s >= start and e <= end]
    return Snippet(start, end, text[start:end], inside, end < len(text))
