from __future__ import annotations

import pytest

pytest.importorskip("spacy")

from medannot.segment.rjieba_backend import RJiebaSegmenter  # noqa: E402
from medannot.segment.spacy_backend import SpacySegmenter  # noqa: E402

TEXT = "患者后背疼痛三天 伴发热。\n\n  无复视"


def test_spacy_tokens_are_the_inner_segmenters_tokens() -> None:
    words = ["后背疼痛", "复视"]
    inner = RJiebaSegmenter(words)
    segmenter = SpacySegmenter(words)
    assert segmenter.segment(TEXT).spans == inner.segment(TEXT).spans
    assert segmenter.segment(TEXT, pos=True).pos == inner.segment(TEXT, pos=True).pos
    assert segmenter.nlp.lang == "zh"


def test_pkuseg_inside_when_a_model_is_given(tiny_pkuseg_model) -> None:
    segmenter = SpacySegmenter(["复视"], model=str(tiny_pkuseg_model))
    assert segmenter.tokenizer.segmenter.name == "pkuseg"
    assert not segmenter.supports_pos
