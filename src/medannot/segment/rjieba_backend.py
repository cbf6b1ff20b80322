"""The default segmenter: jieba-rs through ``rjieba``, jieba's dictionary and algorithm in Rust."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from functools import cache
from itertools import accumulate, compress
from pathlib import Path

from .base import Tokens, UserDictionary, fold, spans_from_words

__all__ = ["RJiebaSegmenter"]

_SPACE = re.compile(r"\s")  # str.isspace's characters


@cache
def _jieba_class() -> type:
    """rjieba's ``Jieba``, loaded from its extension module without running the package's
    ``__init__``: that builds a module-level instance, the whole dictionary (0.09 s, a fifth of
    ``medannot annotate``'s start-up), which medannot never uses. Any other layout: the import."""
    package = importlib.util.find_spec("rjieba")
    folders = package.submodule_search_locations or [] if package else []
    for path in (Path(folder) / f"rjieba{suffix}" for folder in folders for suffix in importlib.machinery.EXTENSION_SUFFIXES):
        if path.is_file():
            spec = importlib.util.spec_from_file_location("rjieba.rjieba", path)
            if spec is not None and spec.loader is not None:
                module = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(module)
                return module.Jieba
    import rjieba

    return rjieba.Jieba


class RJiebaSegmenter:
    name = "rjieba"
    supports_pos = True

    def __init__(self, words: Sequence[str] = (), split_compounds: bool = False) -> None:
        self._jieba = _jieba_class()()  # an instance of our own: user words never leak process-wide
        self._dictionary = UserDictionary.build(words, self._jieba.tag, split_compounds)
        for word in self._dictionary.words:
            # the frequency that lets the term win over the split jieba would otherwise choose
            self._jieba.add_word(word, max(self._jieba.suggest_freq(word), 1), "nz")

    def segment(self, text: str, pos: bool = False) -> Tokens:
        pieces = self._dictionary.pieces
        text = fold(text)
        if pos:
            pairs = self._jieba.tag(text)
            words, tags = (w for w, _ in pairs), (t for _, t in pairs)
            return spans_from_words(self.name, text, words, tags, pieces, self._dictionary.tags)
        # Offsets are running sums of word lengths (cheaper than tokenize's triples), written into
        # the flat encoding by slice assignment: no tuple per token. A whitespace word starts with
        # a whitespace character: only the words starting at one of the few whitespace characters
        # the text holds are looked at, not every word.
        words = self._jieba.cut(text)
        if pieces:
            words = _split_compounds(words, pieces)
        starts = list(accumulate(map(len, words), initial=0))  # word i: starts[i] to starts[i + 1]
        ends = starts[1:]
        del starts[-1]
        blank = []
        for space in _SPACE.finditer(text):
            index = bisect_left(starts, space.start())
            while index < len(words) and starts[index] == space.start():
                if words[index].isspace():
                    blank.append(index)
                index += 1
        if blank:
            kept = [True] * len(words)
            for index in blank:
                kept[index] = False
            starts, ends = list(compress(starts, kept)), list(compress(ends, kept))
        offsets = [0] * (2 * len(starts))
        offsets[0::2] = starts
        offsets[1::2] = ends
        return Tokens(offsets)

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
