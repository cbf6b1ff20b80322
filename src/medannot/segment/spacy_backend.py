"""spaCy's Chinese pipeline as a segmenter: ``spacy.blank("zh")`` with medannot's tokenizer inside.

The tokenizer runs pkuseg when a model is given (``--pkuseg-model``), else rjieba (jieba's dictionary
and algorithm), with the lexicon as user dictionary; the Doc's tokens come back as spans. Choosing
it costs spaCy's import and Doc construction; it exists so a record can be produced by exactly the
tokenization a spaCy user of ``medannot.spacy`` gets.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import spacy

from ..spacy import MedannotTokenizer, doc_from_tokens
from .base import Tokens
from .registry import DEFAULT_SEGMENTER

__all__ = ["SpacySegmenter"]


class SpacySegmenter:
    name = "spacy"

    def __init__(
        self, words: Sequence[str] = (), model: str | os.PathLike[str] | None = None, split_compounds: bool = False
    ) -> None:
        inner = "pkuseg" if model else DEFAULT_SEGMENTER
        self.nlp = spacy.blank("zh")
        self.tokenizer = self.nlp.tokenizer = MedannotTokenizer(
            self.nlp.vocab, inner, model=model, words=words, split_compounds=split_compounds
        )
        self.supports_pos = self.tokenizer.segmenter.supports_pos

    def segment(self, text: str, pos: bool = False) -> Tokens:
        pos = pos and self.supports_pos
        if pos:  # the tokenizer tags only on request: tagging is slower
            doc = doc_from_tokens(self.nlp.vocab, text, self.tokenizer.segmenter.segment(text, pos=True))
        else:
            doc = self.nlp.make_doc(text)
        tokens = [token for token in doc if not token.is_space]
        spans = [(token.idx, token.idx + len(token)) for token in tokens]
        return Tokens.from_spans(spans, [token.tag_ for token in tokens] if pos else None)
