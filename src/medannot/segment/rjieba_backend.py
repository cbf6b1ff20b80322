"""The default segmenter: jieba-rs through ``rjieba``, jieba's dictionary and algorithm in Rust."""

from __future__ import annotations

from collections.abc import Sequence

import rjieba

from .base import Tokens, spans_from_words

__all__ = ["RJiebaSegmenter"]


class RJiebaSegmenter:
    name = "rjieba"
    supports_pos = True

    def __init__(self, words: Sequence[str] = ()) -> None:
        self._jieba = rjieba.Jieba()  # an instance of our own: user words never leak process-wide
        for word in words:
            self._jieba.add_word(word, max(self._jieba.suggest_freq(word), 1), "nz")

    def segment(self, text: str, pos: bool = False) -> Tokens:
        if pos:
            pairs = self._jieba.tag(text)
            return spans_from_words(self.name, text, (w for w, _ in pairs), (t for _, t in pairs))
        return Tokens([(start, end) for word, start, end in self._jieba.tokenize(text) if not word.isspace()])
