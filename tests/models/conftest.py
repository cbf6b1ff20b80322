"""A tiny pkuseg model trained once per session on the corpus beside this file, through the real
training code; the segment and spaCy tests load it through the real loading code."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).with_name("data")
TRAIN = DATA / "cws_train.txt"


@pytest.fixture(scope="session")
def tiny_pkuseg_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("spacy_pkuseg")
    from medannot.models.train import train_pkuseg

    return train_pkuseg([TRAIN], tmp_path_factory.mktemp("models") / "tiny", iterations=5)


@pytest.fixture
def models_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty models home for this test only."""
    home = tmp_path / "models-home"
    monkeypatch.setenv("MEDANNOT_MODELS", str(home))
    return home
