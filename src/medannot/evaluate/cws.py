"""Score word segmentation against gold, SIGHAN style: a predicted word counts when its span
(start and end in the sentence's non-space text) is a gold word's span.

Gold comes in either common shape, detected from the file:
- one sentence per line, words separated by spaces (SIGHAN bakeoff, pkuseg training data);
- one character and its B/I/E/S tag per line (``M`` is read as ``I``), a blank line between
  sentences (AMTTL, many CRF corpora).

Any segmenter (``text -> spans``) can be scored, so the bench scores every backend with the same code.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..segment.base import Segmenter

__all__ = ["GoldSentence", "CwsScore", "read_gold", "parse_spaced", "parse_bies", "score", "segmenter_spans"]

Spans = Sequence[tuple[int, int]]
_TAGGED = re.compile(r"^(\S)[ \t]+([BIMES])$")
_TAGS = {"B": "B", "I": "I", "M": "I", "E": "E", "S": "S"}


@dataclass(frozen=True, slots=True)
class GoldSentence:
    text: str  # the sentence's characters, spaces removed: what a segmenter is given
    spans: tuple[tuple[int, int], ...]  # gold words as [start, end) offsets into ``text``
    where: str  # file:line where the sentence starts

    @property
    def words(self) -> list[str]:
        return [self.text[start:end] for start, end in self.spans]


@dataclass(frozen=True, slots=True)
class CwsScore:
    """Micro-averaged counts over all sentences; P/R/F1 derive from them."""

    gold: int
    predicted: int
    correct: int
    sentences: int
    chars: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "gold_words": self.gold,
            "predicted_words": self.predicted,
            "correct_words": self.correct,
            "sentences": self.sentences,
            "chars": self.chars,
        }


def _sentence(words: Iterable[str], where: str) -> GoldSentence:
    spans, offset = [], 0
    for word in words:
        spans.append((offset, offset + len(word)))
        offset += len(word)
    return GoldSentence("".join(words), tuple(spans), where)


def parse_spaced(lines: Iterable[str], name: str = "<gold>") -> Iterator[GoldSentence]:
    """Sentences from space-separated lines (any run of whitespace separates words; blank lines skipped)."""
    for number, line in enumerate(lines, 1):
        words = line.split()
        if words:
            yield _sentence(words, f"{name}:{number}")


def parse_bies(lines: Iterable[str], name: str = "<gold>") -> Iterator[GoldSentence]:
    """Sentences from ``char TAG`` lines (tab or space between), blank line between sentences.

    Tag sequences are read leniently, as SIGHAN scorers do: B and S open a word, E and S close it,
    an I or E with no open word opens one. Lines that are not ``char TAG`` are an error (MA108).
    """
    words: list[str] = []
    current = ""
    start = 0
    for number, raw in enumerate(lines, 1):
        line = raw.rstrip("\r\n")
        if not line.strip():
            if current:
                words.append(current)
            if words:
                yield _sentence(words, f"{name}:{start}")
            words, current = [], ""
            continue
        match = _TAGGED.match(line)
        if match is None:
            raise InputError("MA108", what=f"{name}:{number}", detail=f"expected 'character TAG' (B/I/E/S), got {line[:40]!r}")
        char, tag = match.group(1), _TAGS[match.group(2)]
        if not words and not current:
            start = number
        if tag in ("B", "S") and current:
            words.append(current)
            current = ""
        current += char
        if tag in ("E", "S"):
            words.append(current)
            current = ""
    if current:
        words.append(current)
    if words:
        yield _sentence(words, f"{name}:{start}")


def _is_bies(lines: Sequence[str]) -> bool:
    """BIES when most of the first non-blank lines are ``char TAG`` (the others are then errors)."""
    sample = [line.rstrip("\r\n") for line in lines if line.strip()][:50]
    return bool(sample) and sum(bool(_TAGGED.match(line)) for line in sample) >= 0.8 * len(sample)


def read_gold(path: str | Path) -> list[GoldSentence]:
    """Gold sentences from a space-separated or BIES file (format detected from its first lines)."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError("MA108", what=str(path), detail=error) from None
    parse = parse_bies if _is_bies(lines) else parse_spaced
    sentences = list(parse(lines, str(path)))
    if not sentences:
        raise InputError("MA101", what=str(path))
    return sentences


def score(gold: Iterable[GoldSentence], segment: Callable[[str], Spans]) -> CwsScore:
    """Word-span P/R/F1 of ``segment`` (text -> token spans, whitespace excluded) over ``gold``."""
    n_gold = n_predicted = n_correct = n_sentences = n_chars = 0
    for sentence in gold:
        predicted = set(map(tuple, segment(sentence.text)))
        n_gold += len(sentence.spans)
        n_predicted += len(predicted)
        n_correct += len(predicted.intersection(sentence.spans))
        n_sentences += 1
        n_chars += len(sentence.text)
    return CwsScore(n_gold, n_predicted, n_correct, n_sentences, n_chars)


def segmenter_spans(segmenter: Segmenter) -> Callable[[str], Spans]:
    """Adapt a ``medannot.segment`` backend to the ``text -> spans`` callable ``score`` takes."""
    return lambda text: segmenter.segment(text).spans
