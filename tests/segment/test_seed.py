"""The seed article through every available backend: the record keeps one shape and the lexicon
terms are found whichever backend segments."""

from __future__ import annotations

import pytest

from medannot import Pipeline
from medannot.lexicon import load_lexicon

from .conftest import LEXICON


@pytest.fixture(scope="module")
def reference(seed_text: str) -> dict:
    return Pipeline(lexicon=load_lexicon([LEXICON], builtin=False), raw=True).annotate(seed_text).to_dict()


def _shape(value: object) -> object:
    """The record's structure with values erased: key sets of dicts, shape of first list items."""
    if isinstance(value, dict):
        return {key: _shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shape(value[0])] if value else []
    return type(value).__name__


def test_the_seed_through_each_backend(backend: tuple[str, str | None], seed_text: str, reference: dict) -> None:
    name, model = backend
    pipeline = Pipeline(lexicon=load_lexicon([LEXICON], builtin=False), raw=True, segmenter=name, segmenter_model=model)
    record = pipeline.annotate(seed_text).to_dict()
    assert record["pipeline"]["segmenter"] == name
    record["pipeline"]["segmenter"] = reference["pipeline"]["segmenter"]
    assert _shape(record) == _shape(reference)
    found = {(e["start"], e["end"], e["label"], e["concept_id"]) for e in record["entities"]}
    assert found == {(e["start"], e["end"], e["label"], e["concept_id"]) for e in reference["entities"]}
    assert {e["text"] for e in record["entities"]} >= {"复视", "共济失调", "肢体无力", "多发性硬化", "糖皮质激素"}
