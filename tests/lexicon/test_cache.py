"""The concept-file parse cache: same result, errors never cached, a bad cache ignored."""

from __future__ import annotations

from pathlib import Path

import pytest

from medannot.errors import LexiconError
from medannot.lexicon import load_lexicon

HEADER = "format: medannot-concepts/1\ncategory: symptom\nconcepts:\n"


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("MEDANNOT_CACHE", str(folder))
    return folder


def test_a_second_load_reads_the_cache_and_gives_the_same_lexicon(tmp_path, cache):
    file = tmp_path / "a.yaml"
    file.write_text(HEADER + "  - {id: S1, canonical: 发热, synonyms: [发烧], codes: {icd10: R50.9}}\n  - {id: S2, disabled: true}\n", encoding="utf-8")
    first = load_lexicon([file], builtin=False)
    assert len(list(cache.glob("*.json"))) == 1
    second = load_lexicon([file], builtin=False)
    assert second.concepts == first.concepts and second.concepts["S1"].origin == f"{file}:4"
    file.write_text(HEADER + "  - {id: S1, canonical: 低热}\n", encoding="utf-8")  # new bytes, new entry
    assert load_lexicon([file], builtin=False).concepts["S1"].canonical == "低热"


def test_files_with_problems_are_not_cached(tmp_path, cache):
    file = tmp_path / "bad.yaml"
    file.write_text(HEADER + "  - {id: S1}\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(LexiconError):
            load_lexicon([file], builtin=False)
    assert not cache.exists() or not list(cache.glob("*.json"))


def test_a_corrupt_cache_entry_is_ignored(tmp_path, cache):
    file = tmp_path / "a.yaml"
    file.write_text(HEADER + "  - {id: S1, canonical: 发热}\n", encoding="utf-8")
    load_lexicon([file], builtin=False)
    [entry] = cache.glob("*.json")
    entry.write_bytes(b"{not json")
    assert load_lexicon([file], builtin=False).concepts["S1"].canonical == "发热"


def test_the_cache_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDANNOT_CACHE", "off")
    file = tmp_path / "a.yaml"
    file.write_text(HEADER + "  - {id: S1, canonical: 发热}\n", encoding="utf-8")
    assert load_lexicon([file], builtin=False).concepts["S1"].canonical == "发热"
