"""Sentence spans: split after Chinese/Western sentence-final punctuation and at line breaks."""

from __future__ import annotations

import re

__all__ = ["split_sentences"]

# A sentence ends after 。！？!? (and any closing quotes/brackets) or at a newline; ; and ； end one too,
# since health articles string clauses of different findings together with them.
_STOPS = "。！？!?；;…"
_CLOSERS = "”’」』）)】\\]"
# One match per sentence, already trimmed: it starts on a non-blank character, runs up to a line
# break (trailing blanks left out) or through a run of stops and closers; a run of stops with only
# blanks before it in its line is a sentence of its own. One regex pass, no per-character Python.
_SENTENCE = re.compile(
    f"[^\\s{_STOPS}](?:[^\\n{_STOPS}]*[^\\s{_STOPS}])?(?:[^\\S\\n]*[{_STOPS}]+[{_CLOSERS}]*)?"
    f"|[{_STOPS}]+[{_CLOSERS}]*"
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` spans covering every non-blank stretch of ``text``, in order."""
    return [match.span() for match in _SENTENCE.finditer(text)]
