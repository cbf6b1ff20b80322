"""The reference Python jieba, with part of speech from ``jieba.posseg`` on request."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import jieba
import jieba.posseg

from .base import Tokens, spans_from_words

__all__ = ["JiebaSegmenter"]

jieba.setLogLevel(logging.WARNING)


class JiebaSegmenter:
    name = "jieba"
    supports_pos = True

    def __init__(self, words: Sequence[str] = ()) -> None:
        self._tokenizer = jieba.Tokenizer()  # own instance: jieba's module-level one is shared
        self._tokenizer.initialize()
        for word in words:
            self._tokenizer.add_word(word)
        self._posseg = jieba.posseg.POSTokenizer(self._tokenizer)

    def segment(self, text: str, pos: bool = False) -> Tokens:
        if pos:
            pairs = list(self._posseg.cut(text))
            return spans_from_words(self.name, text, (p.word for p in pairs), (p.flag for p in pairs))
        return spans_from_words(self.name, text, self._tokenizer.cut(text))
