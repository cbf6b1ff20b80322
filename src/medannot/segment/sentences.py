"""Sentence spans: split after Chinese/Western sentence-final punctuation and at line breaks."""

from __future__ import annotations

import re

__all__ = ["split_sentences"]

# A sentence ends after 。！？!? (and any closing quotes/brackets) or at a newline; ; and ； end one too,
# since health articles string clauses of different findings together with them.
_BOUNDARY = re.compile(r"[。！？!?；;…]+[”’」』）)】\]]*|\n+")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` spans covering every non-blank stretch of ``text``, in order."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end() if match.group()[0] != "\n" else match.start()
        _append(text, start, end, spans)
        start = match.end()
    _append(text, start, len(text), spans)
    return spans


def _append(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
