from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest

from medannot.errors import SegmenterError

pytest.importorskip("spacy_pkuseg")

from medannot.segment.pkuseg_backend import PkusegSegmenter  # noqa: E402


def test_a_missing_model_is_an_error_not_a_download(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEDANNOT_MODELS", str(tmp_path))

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("tried to open a network connection")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    for spec in (None, "mixed", "web", str(tmp_path / "nowhere")):  # "web" is a name spacy-pkuseg would download
        with pytest.raises(SegmenterError) as caught:
            PkusegSegmenter(model=spec)
        assert caught.value.code == "MA303"
        assert "medannot models install" in caught.value.message


def test_a_corrupt_model_is_a_model_error(tmp_path: Path, tiny_pkuseg_model: Path) -> None:
    broken = shutil.copytree(tiny_pkuseg_model, tmp_path / "broken")
    (broken / "weights.npz").write_bytes(b"not a numpy archive")
    with pytest.raises(SegmenterError) as caught:
        PkusegSegmenter(model=str(broken))
    assert caught.value.code == "MA305" and "broken" in caught.value.message


def test_lexicon_terms_set_token_boundaries(tiny_pkuseg_model: Path) -> None:
    text = "他有脱髓鞘病变"
    term = (text.index("髓鞘病"), text.index("髓鞘病") + 3)

    def boundaries(segmenter: PkusegSegmenter) -> set[int]:
        return {offset for span in segmenter.segment(text).spans for offset in span}

    assert not set(term) <= boundaries(PkusegSegmenter(model=str(tiny_pkuseg_model)))  # the model alone cuts across it
    with_lexicon = PkusegSegmenter(["髓鞘病"], model=str(tiny_pkuseg_model))
    assert set(term) <= boundaries(with_lexicon)
    assert with_lexicon.model == tiny_pkuseg_model.resolve()
    assert with_lexicon.segment(text, pos=True).pos is None  # no POS from pkuseg


def test_pkusegs_general_dictionary_merge_follows_the_manifest(tmp_path: Path, tiny_pkuseg_model: Path) -> None:
    trained = PkusegSegmenter(model=str(tiny_pkuseg_model))  # trained here: the corpus decides
    assert not trained._pkuseg.postprocesser.do_process
    bare = shutil.copytree(tiny_pkuseg_model, tmp_path / "bare")
    (bare / "medannot-model.json").unlink()  # a model from elsewhere: pkuseg's default
    assert PkusegSegmenter(model=str(bare))._pkuseg.postprocesser.do_process
