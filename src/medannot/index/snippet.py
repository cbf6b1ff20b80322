"""Highlighted snippets in the original text.

FTS5's own ``snippet()`` would cut from the segmented, folded copy of the text; instead the query's
words are found again in the text's index form (ignoring case, as the tokenizer does for ASCII),
kept where they are whole index words (at token boundaries, see ``text.Boundaries``), and the
query's concepts are found among the entity spans, so every highlight is an exact
``[start, end)`` range of ``content.text``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass

from ..lexicon import fold
from .text import index_form

__all__ = ["Snippet", "highlights", "make_snippet", "word_pattern"]

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


def word_pattern(words: frozenset[str]) -> re.Pattern[str] | None:
    """A regex finding any of the query's words in index form, longest first; None without words."""
    if not words:
        return None
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))), re.IGNORECASE)


def _separated(folded: str, boundaries: Container[int], position: int) -> bool:
    """Whether a word may start or end at ``position``: a token boundary, the text's edge, or an
    ASCII separator beside it (the tokenizer splits ``covid-19`` inside one token)."""
    if position == 0 or position == len(folded) or position in boundaries:
        return True
    before, after = folded[position - 1], folded[position]
    return (before.isascii() and not before.isalnum()) or (after.isascii() and not after.isalnum())


def highlights(
    text: str,
    boundaries: Container[int],
    spans: Iterable[Sequence[int]],
    pattern: re.Pattern[str] | None,
    concepts: frozenset[int],
) -> list[tuple[int, int]]:
    """Sorted, merged ranges of the query words (as whole index words) and of the query concepts' mentions."""
    found: list[tuple[int, int]] = []
    if pattern is not None:
        folded = index_form(text)
        for match in pattern.finditer(folded):
            start, end = match.span()
            if _separated(folded, boundaries, start) and _separated(folded, boundaries, end):
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
