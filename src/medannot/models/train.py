"""Train a pkuseg model from a segmented corpus, e.g. medical text segmented by hand.

The corpus is read by the same reader ``eval cws`` uses (words separated by spaces, or one
character + B/I/E/S tag per line), written out in pkuseg's training format, and trained with
spacy-pkuseg's own CRF trainer. ``init_model`` continues from an existing model (pkuseg's domain
adaptation: start from the mixed model, train on medical text). Training is seeded, so the same
corpus and settings give the same model.
"""

from __future__ import annotations

import contextlib
import io
import random
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from ..errors import SegmenterError
from ..evaluate.cws import GoldSentence, read_gold
from .store import publish, resolve_pkuseg_model, write_manifest

__all__ = ["MIN_SENTENCES", "train_pkuseg"]

MIN_SENTENCES = 10  # pkuseg's optimiser updates every len(corpus) // 10 sentences


class _Lines(io.TextIOBase):
    """Stands in for stdout while pkuseg trains (it reports with print) and hands each line to ``log``."""

    def __init__(self, log: Callable[[str], None]) -> None:
        self._log = log
        self._buffer = ""
        self._stdout = sys.stdout

    def write(self, text: str) -> int:
        self._buffer += text
        *lines, self._buffer = self._buffer.split("\n")
        with contextlib.redirect_stdout(self._stdout):  # so a ``log`` that prints does not loop back here
            for line in lines:
                if line.strip():
                    self._log(line.strip())
        return len(text)


def _write_corpus(sentences: Sequence[GoldSentence], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for sentence in sentences:
            out.write(" ".join(sentence.words) + "\n")


def train_pkuseg(
    corpus: Sequence[Path],
    target: Path,
    *,
    dev: Path | None = None,
    iterations: int = 10,
    init_model: str | None = None,
    force: bool = False,
    log: Callable[[str], None] = lambda line: None,
) -> Path:
    """Train on ``corpus`` files and publish the model into ``target``; ``dev`` only reports scores."""
    import spacy_pkuseg

    sentences = [sentence for path in corpus for sentence in read_gold(path)]
    if len(sentences) < MIN_SENTENCES:
        raise SegmenterError("MA305", detail=f"a training corpus needs at least {MIN_SENTENCES} sentences, got {len(sentences)}")
    if iterations < 1:
        raise SegmenterError("MA305", detail="iterations must be at least 1")
    init = resolve_pkuseg_model(init_model) if init_model else None
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists() and not force:
        raise SegmenterError("MA305", detail=f"{target} already exists (use --force to replace it)")
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    work = Path(tempfile.mkdtemp(prefix="medannot-train-"))
    try:
        train_file, dev_file = work / "train.txt", work / "dev.txt"
        _write_corpus(sentences, train_file)
        _write_corpus(read_gold(dev) if dev else sentences, dev_file)
        random.seed(0)  # pkuseg shuffles with the global generator
        with contextlib.redirect_stdout(_Lines(log)):
            spacy_pkuseg.train(str(train_file), str(dev_file), str(staging), train_iter=iterations, init_model=str(init) if init else None)
        write_manifest(
            staging,
            name=target.name,
            source="trained by medannot models train-pkuseg",
            corpus=[str(path) for path in corpus],
            sentences=len(sentences),
            chars=sum(len(s.text) for s in sentences),
            iterations=iterations,
            init_model=str(init) if init else None,
            pkuseg_dictionary=False,  # the corpus sets the conventions: no general-dictionary merge
        )
        return publish(staging, target, force)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)
