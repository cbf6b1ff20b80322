"""The default segmenter: jieba-rs through ``rjieba``, jieba's dictionary and algorithm in Rust."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import accumulate, compress
from operator import not_

import rjieba

from .base import Tokens, UserDictionary, spans_from_words

__all__ = ["RJiebaSegmenter"]


class RJiebaSegmenter:
    name = "rjieba"
    supports_pos = True

    def __init__(self, words: Sequence[str] = (), split_compounds: bool = False) -> None:
        self._jieba = rjieba.Jieba()  # an instance of our own: user words never leak process-wide
        self._dictionary = UserDictionary.build(words, self._jieba.tag, split_compounds)
        for word in self._dictionary.words:
            # the frequency that lets the term win over the split jieba would otherwise choose
            self._jieba.add_word(word, max(self._jieba.suggest_freq(word), 1), "nz")

    def segment(self, text: str, pos: bool = False) -> Tokens:
        pieces = self._dictionary.pieces
        if pos:
            pairs = self._jieba.tag(text)
            words, tags = (w for w, _ in pairs), (t for _, t in pairs)
            return spans_from_words(self.name, text, words, tags, pieces, self._dictionary.tags)
        # Offsets are running sums of word lengths (cheaper than tokenize's triples); whitespace
        # words are dropped afterwards, and only from texts that have any.
        words = self._jieba.cut(text)
        if pieces:
            words = _split_compounds(words, pieces)
        ends = list(accumulate(map(len, words)))
        spans = zip([0, *ends], ends)
        space = list(map(str.isspace, words))
        if True in space:
            return Tokens(list(compress(spans, map(not_, space))))
        return Tokens(list(spans))


def _split_compounds(words: list[str], pieces: Mapping[str, tuple[str, ...]]) -> list[str]:
    """``words`` with each compound replaced by its inner words; the rest copied in slices."""
    found = list(compress(range(len(words)), map(pieces.get, words)))
    if not found:
        return words
    split: list[str] = []
    done = 0
    for index in found:
        split += words[done:index]
        split += pieces[words[index]]
        done = index + 1
    split += words[done:]
    return split
