"""The default segmenter: jieba-rs through ``rjieba``, jieba's dictionary and algorithm in Rust."""

from __future__ import annotations

from collections.abc import Sequence

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
        spans: list[tuple[int, int]] = []
        for word, start, end in self._jieba.tokenize(text):
            inner = pieces.get(word)
            if inner is None:
                if not word.isspace():
                    spans.append((start, end))
                continue
            for part in inner:
                spans.append((start, start + len(part)))
                start += len(part)
        return Tokens(spans)
