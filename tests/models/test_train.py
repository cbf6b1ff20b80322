from __future__ import annotations

from pathlib import Path

import pytest

from medannot.errors import SegmenterError
from medannot.models.store import sha256_file
from medannot.segment import create_segmenter

from .conftest import TRAIN

pytest.importorskip("spacy_pkuseg")


def _bies(spaced: Path, out: Path) -> Path:
    """The same corpus as one character + B/I/E/S tag per line."""
    lines = []
    for sentence in spaced.read_text(encoding="utf-8").splitlines():
        for word in sentence.split():
            tags = "S" if len(word) == 1 else "B" + "I" * (len(word) - 2) + "E"
            lines.extend(f"{char}\t{tag}" for char, tag in zip(word, tags))
        lines.append("")
    out.write_text("\n".join(lines), encoding="utf-8")
    return out


def test_the_trained_model_loads_and_segments_like_its_corpus(tiny_pkuseg_model: Path) -> None:
    segmenter = create_segmenter("pkuseg", model=str(tiny_pkuseg_model))
    text = "医生建议先做血常规检查。"
    words = [text[s:e] for s, e in segmenter.segment(text).spans]
    assert "".join(words) == text
    assert "血常规" in words and "检查" in words  # both are words of the training corpus


def test_space_separated_and_bies_corpora_train_the_same_model(tmp_path: Path, tiny_pkuseg_model: Path) -> None:
    from medannot.models.train import train_pkuseg

    model = train_pkuseg([_bies(TRAIN, tmp_path / "corpus.bies")], tmp_path / "from-bies", iterations=5)
    # training is seeded: same sentences, same settings, same weights
    assert sha256_file(model / "weights.npz") == sha256_file(tiny_pkuseg_model / "weights.npz")


def test_training_reports_progress_and_can_continue_from_a_model(tmp_path: Path, tiny_pkuseg_model: Path) -> None:
    from medannot.models.train import train_pkuseg

    lines: list[str] = []
    model = train_pkuseg([TRAIN], tmp_path / "continued", iterations=2, init_model=str(tiny_pkuseg_model), log=lines.append)
    assert any(line.startswith("iter1") for line in lines)
    assert (model / "features.msgpack").is_file()
    assert "tiny" in (model / "medannot-model.json").read_text(encoding="utf-8")


def test_refusals(tmp_path: Path, tiny_pkuseg_model: Path) -> None:
    from medannot.models.train import train_pkuseg

    short = tmp_path / "short.txt"
    short.write_text("头痛 发热\n", encoding="utf-8")
    with pytest.raises(SegmenterError, match="at least 10 sentences"):
        train_pkuseg([short], tmp_path / "x")
    with pytest.raises(SegmenterError, match="already exists"):
        train_pkuseg([TRAIN], tiny_pkuseg_model)
    with pytest.raises(SegmenterError) as caught:
        train_pkuseg([TRAIN], tmp_path / "y", init_model=str(tmp_path / "nowhere"))
    assert caught.value.code == "MA303"
