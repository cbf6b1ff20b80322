"""pkuseg (a CRF segmenter) through the maintained ``spacy-pkuseg``, with an explicit model.

The model comes from ``--pkuseg-model NAME|DIR`` (default: the installed ``mixed`` model) and is
resolved by ``medannot.models``; a missing model is an MA303 error, never a download. pkuseg applies
its user dictionary by forward maximum matching before the CRF runs, so lexicon terms are always
cut out whole; ``UserDictionary`` then gives compound terms back the model's own inner split.

pkuseg merges the CRF's output with its general word list (``dicts/default.pkl``) afterwards. That
suits its released models (+1 F1 for the mixed model on AMTTL) but undoes what a model trained on a
domain corpus learned (-1.6 F1 for a model trained on AMTTL), so a model's manifest says whether to
apply it (``pkuseg_dictionary``; models trained by ``medannot models train-pkuseg`` say no, models
without a manifest get pkuseg's default, yes).
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import spacy_pkuseg

from ..errors import SegmenterError
from ..models.store import read_manifest, resolve_pkuseg_model
from .base import Tokens, UserDictionary, fold, spans_from_words

__all__ = ["PkusegSegmenter"]


class PkusegSegmenter:
    name = "pkuseg"
    supports_pos = False  # pkuseg's tagger is another downloaded model; not supported

    def __init__(
        self, words: Sequence[str] = (), model: str | os.PathLike[str] | None = None, split_compounds: bool = False
    ) -> None:
        path = resolve_pkuseg_model(model)
        try:
            # a path, never a model name: names make spacy-pkuseg download
            general_words = "default" if read_manifest(path).get("pkuseg_dictionary", True) else None
            self._pkuseg = spacy_pkuseg.pkuseg(str(path), user_dict=general_words)
        except Exception as error:  # noqa: BLE001 - a corrupt model fails in numpy/msgpack/pickle
            raise SegmenterError("MA305", detail=f"cannot load pkuseg model {path}: {error!r}") from None
        self.model = path
        self._dictionary = UserDictionary.build(words, lambda term: [(w, None) for w in self._pkuseg.cut(term)], split_compounds)
        if self._dictionary.words:
            self._pkuseg.preprocesser = spacy_pkuseg.Preprocesser(self._dictionary.words)

    def segment(self, text: str, pos: bool = False) -> Tokens:
        text = fold(text)
        return spans_from_words(self.name, text, self._pkuseg.cut(text), pieces=self._dictionary.pieces)
