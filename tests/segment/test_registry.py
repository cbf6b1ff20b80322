from __future__ import annotations

import pytest

from medannot.errors import SegmenterError
from medannot.segment import available_segmenters, create_segmenter
from medannot.segment import registry

TEXT = "患者后背疼痛三天，伴发热 38.5℃。\n\n无复视， 血常规正常；CT 示脱髓鞘病改变"


def test_names() -> None:
    assert {"rjieba", "jieba", "pkuseg", "spacy"} <= set(available_segmenters())
    with pytest.raises(SegmenterError, match="available: ") as caught:
        create_segmenter("nltk")
    assert caught.value.code == "MA301"


def test_a_model_for_a_backend_without_models_is_refused() -> None:
    with pytest.raises(SegmenterError, match="takes no model") as caught:
        create_segmenter("rjieba", model="mixed")
    assert caught.value.code == "MA305"


def test_a_missing_package_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(registry.SEGMENTERS, "ghost", ("medannot.segment.no_such_backend", "X", "'medannot[ghost]'", False))
    with pytest.raises(SegmenterError, match=r"pip install 'medannot\[ghost\]'") as caught:
        create_segmenter("ghost")
    assert caught.value.code == "MA302"


def test_every_backend_gives_the_same_token_shape(backend: tuple[str, str | None], lexicon_words: list[str]) -> None:
    name, model = backend
    segmenter = create_segmenter(name, lexicon_words, model=model)
    tokens = segmenter.segment(TEXT)
    assert tokens.pos is None
    # sorted, non-overlapping, never whitespace, and together they cover every other character
    assert all(0 <= s < e <= len(TEXT) for s, e in tokens.spans)
    assert all(a[1] <= b[0] for a, b in zip(tokens.spans, tokens.spans[1:]))
    assert not any(TEXT[s:e].isspace() for s, e in tokens.spans)
    covered = {i for s, e in tokens.spans for i in range(s, e)}
    assert covered == {i for i, char in enumerate(TEXT) if not char.isspace()}
    if segmenter.supports_pos:
        tagged = segmenter.segment(TEXT, pos=True)
        assert tagged.spans == tokens.spans and len(tagged.pos) == len(tagged.spans)


def test_every_backend_keeps_lexicon_terms_on_token_boundaries(backend: tuple[str, str | None], lexicon_words: list[str]) -> None:
    name, model = backend
    tokens = create_segmenter(name, lexicon_words, model=model).segment(TEXT)
    starts, ends = {s for s, _ in tokens.spans}, {e for _, e in tokens.spans}
    for term in ("后背疼痛", "发热", "复视", "血常规", "脱髓鞘病"):
        start = TEXT.index(term)
        assert start in starts and start + len(term) in ends, term


def test_every_backend_cuts_traditional_text_as_its_simplified_form(backend: tuple[str, str | None], lexicon_words: list[str]) -> None:
    name, model = backend
    segmenter = create_segmenter(name, lexicon_words, model=model)
    traditional = "患者後背疼痛三天，伴發熱。\n\n無複視， 血常規正常；CT 示脫髓鞘病改變"
    simplified = "患者后背疼痛三天，伴发热。\n\n无复视， 血常规正常；CT 示脱髓鞘病改变"
    assert segmenter.segment(traditional).spans == segmenter.segment(simplified).spans
