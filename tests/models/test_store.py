from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from medannot.errors import SegmenterError
from medannot.models.store import (
    MANIFEST,
    installed_models,
    model_path,
    publish,
    resolve_pkuseg_model,
    verify_model,
)


def test_a_missing_default_model_says_how_to_get_one(models_home: Path) -> None:
    with pytest.raises(SegmenterError) as caught:
        resolve_pkuseg_model(None)
    assert caught.value.code == "MA303"
    assert "medannot models install" in str(caught.value)
    assert "train-pkuseg" in str(caught.value)
    assert str(models_home / "pkuseg" / "mixed") in str(caught.value)


def test_a_directory_without_model_files_names_what_is_missing(tmp_path: Path) -> None:
    (tmp_path / "weights.npz").write_bytes(b"")
    with pytest.raises(SegmenterError, match="features.msgpack") as caught:
        resolve_pkuseg_model(str(tmp_path))
    assert caught.value.code == "MA303"


def test_names_resolve_under_the_models_home_and_paths_as_given(models_home: Path, tiny_pkuseg_model: Path, tmp_path: Path) -> None:
    assert model_path("tiny") == models_home / "pkuseg" / "tiny"
    assert model_path("./tiny") == Path("./tiny")
    shutil.copytree(tiny_pkuseg_model, models_home / "pkuseg" / "tiny")
    assert resolve_pkuseg_model("tiny") == (models_home / "pkuseg" / "tiny").resolve()
    assert resolve_pkuseg_model(tiny_pkuseg_model) == tiny_pkuseg_model.resolve()
    assert [model.name for model in installed_models()] == ["tiny"]
    assert next(installed_models()).manifest["source"].startswith("trained by medannot")


def test_verify_detects_a_changed_file(tiny_pkuseg_model: Path, tmp_path: Path) -> None:
    copy = shutil.copytree(tiny_pkuseg_model, tmp_path / "copy")
    assert verify_model(copy) == []
    with (copy / "weights.npz").open("ab") as handle:
        handle.write(b"\0")
    assert any("weights.npz" in problem for problem in verify_model(copy))
    (copy / MANIFEST).unlink()
    assert verify_model(copy)


def test_publish_replaces_only_with_force(tmp_path: Path) -> None:
    target = tmp_path / "model"
    target.mkdir()
    staging = tmp_path / "staging"
    staging.mkdir()
    (staging / "marker").write_text("new")
    with pytest.raises(SegmenterError, match="--force"):
        publish(staging, target, force=False)
    assert publish(staging, target, force=True) == target
    assert (target / "marker").read_text() == "new"
    assert not staging.exists()
