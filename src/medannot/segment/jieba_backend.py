"""The reference Python jieba, with part of speech from ``jieba.posseg`` on request.

Where it differs from ``rjieba`` (jieba-rs: same dictionary, same DAG + HMM algorithm), measured on
the AMTTL medical forum train+dev text (57k tokens):
- plain segmentation: 0.6% of tokens differ, all in runs of Latin letters, digits and ``-``/``.``:
  jieba cuts ``2017-06-16`` and ``0.5mg`` into pieces, jieba-rs keeps each run one token;
  segmentation F1 is the same to 0.05 point.
- with ``pos=True``: ``jieba.posseg`` re-segments unknown stretches with its own POS-aware HMM, so
  about 7% of tokens change from jieba's plain output (时有 → 时/有, 10mg → 10/mg); rjieba tags the
  tokens it would give anyway, so ``--pos`` never changes rjieba's tokens.
- speed: rjieba is about ten times faster (``bench/segmenters.py``).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import jieba
import jieba.posseg

from .base import Tokens, UserDictionary, fold, spans_from_words

__all__ = ["JiebaSegmenter"]

jieba.setLogLevel(logging.WARNING)


class JiebaSegmenter:
    name = "jieba"
    supports_pos = True

    def __init__(self, words: Sequence[str] = (), split_compounds: bool = False) -> None:
        self._tokenizer = jieba.Tokenizer()  # own instance: jieba's module-level one is shared
        self._tokenizer.initialize()
        self._posseg = jieba.posseg.POSTokenizer(self._tokenizer)
        tag_of = self._posseg.word_tag_tab.get
        self._dictionary = UserDictionary.build(words, lambda term: [(w, tag_of(w)) for w in self._tokenizer.cut(term)], split_compounds)
        for word in self._dictionary.words:
            self._tokenizer.add_word(word, tag="nz")  # jieba's suggested frequency, as rjieba

    def segment(self, text: str, pos: bool = False) -> Tokens:
        pieces = self._dictionary.pieces
        text = fold(text)
        if pos:
            pairs = list(self._posseg.cut(text))
            words, tags = (p.word for p in pairs), (p.flag for p in pairs)
            return spans_from_words(self.name, text, words, tags, pieces, self._dictionary.tags)
        return spans_from_words(self.name, text, self._tokenizer.cut(text), pieces=pieces)
