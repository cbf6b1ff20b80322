"""``medannot models list | install | verify | train-pkuseg`` through the CLI."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from medannot.cli import main

from ..models.conftest import TRAIN, models_home, tiny_pkuseg_model  # noqa: F401 - shared fixtures

pytest.importorskip("spacy_pkuseg")


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_list_shows_the_home_and_what_can_be_installed(models_home: Path) -> None:
    result = run("models", "list")
    assert result.exit_code == 0
    assert str(models_home) in result.output
    assert "no pkuseg model installed" in result.output and "medannot models install" in result.output


def test_train_then_list_and_verify(models_home: Path) -> None:
    result = run("models", "train-pkuseg", str(TRAIN), "-o", "clinic", "--iterations", "3")
    assert result.exit_code == 0, result.output
    assert "iter2" in result.output  # pkuseg's progress, passed through
    assert (models_home / "pkuseg" / "clinic" / "features.msgpack").is_file()
    listed = run("models", "list").output
    assert "clinic" in listed and "trained by medannot" in listed
    assert run("models", "verify", "clinic").exit_code == 0
    (models_home / "pkuseg" / "clinic" / "weights.npz").write_bytes(b"changed")
    broken = run("models", "verify", "clinic")
    assert broken.exit_code == 1 and "sha256" in broken.output


def test_install_refuses_an_archive_that_is_not_the_release(tmp_path: Path, models_home: Path) -> None:
    fake = tmp_path / "pkuseg-0.0.25.tar.gz"
    fake.write_bytes(b"not the release")
    result = run("models", "install", "--from-file", str(fake))
    assert result.exit_code == 2
    assert "MA305" in result.output and hashlib.sha256(b"not the release").hexdigest() in result.output
    assert not (models_home / "pkuseg" / "mixed").exists()


def test_install_leaves_an_installed_model_alone(models_home: Path, tiny_pkuseg_model: Path, tmp_path: Path) -> None:
    shutil.copytree(tiny_pkuseg_model, models_home / "pkuseg" / "mixed")
    fake = tmp_path / "pkuseg-0.0.25.tar.gz"
    fake.write_bytes(b"x")
    result = run("models", "install", "--from-file", str(fake))
    assert result.exit_code == 0 and "already installed" in result.output


def test_annotate_with_a_missing_model_exits_with_the_hint(models_home: Path, tmp_path: Path) -> None:
    page = tmp_path / "a.txt"
    page.write_text("患者无发热。", encoding="utf-8")
    lexicon = str(Path(__file__).parents[1] / "segment" / "lexicon.yaml")
    result = run("annotate", "--raw", "--segmenter", "pkuseg", "--no-builtin-lexicon", "--lexicon", lexicon, str(page), "-o", str(tmp_path / "out.jsonl"))
    assert result.exit_code == 2
    assert "MA303" in result.output and "medannot models install" in result.output
