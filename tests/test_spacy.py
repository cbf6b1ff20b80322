"""medannot.spacy: the tokenizer and the registered components in users' own spaCy code."""

from __future__ import annotations

from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")

from spacy.tokens import DocBin, Span  # noqa: E402

import medannot.spacy as medspacy  # noqa: E402
from medannot.record import Entity  # noqa: E402

from .models.conftest import tiny_pkuseg_model  # noqa: E402, F401 - shared session fixture

LEXICON = str(Path(__file__).parent / "segment" / "lexicon.yaml")
TEXT = "患者无发热，可能有复视。  后背疼痛三天\n\n诊断为多发性硬化"


@pytest.fixture(scope="module")
def nlp():
    return medspacy.load(lexicons=[LEXICON], builtin_lexicon=False)


def _summary(doc) -> list[tuple]:
    return [(e.text, e.label_, e.kb_id_, e._.canonical, e._.concept_id, e._.negated, e._.uncertain, e._.cues) for e in doc.ents]


def test_load_builds_a_chinese_pipeline(nlp) -> None:
    assert nlp.lang == "zh"
    assert nlp.pipe_names == ["medannot_tagger", "medannot_assertion"]
    doc = nlp(TEXT)
    assert doc.text == TEXT  # whitespace kept exactly
    assert any(token.is_space for token in doc)


def test_entities_carry_the_record_attributes(nlp) -> None:
    doc = nlp(TEXT)
    assert _summary(doc) == [
        ("发热", "symptom", "T-S1", "发热", "T-S1", True, False, {"negated": "无"}),
        ("复视", "symptom", "T-S2", "复视", "T-S2", False, True, {"uncertain": "可能"}),
        ("后背疼痛", "symptom", "T-S3", "后背疼痛", "T-S3", False, False, {}),
        ("多发性硬化", "disease", "T-D2", "多发性硬化", "T-D2", False, False, {}),
    ]
    assert [span.text for span in doc.spans[medspacy.SPANS_KEY]] == [e.text for e in doc.ents]


def test_traditional_text_gets_the_same_entities_and_flags(nlp) -> None:
    doc = nlp("患者沒有發熱，可能有複視。")
    assert [(e.text, e._.canonical, e._.negated, e._.uncertain) for e in doc.ents] == [
        ("發熱", "发热", True, False),
        ("複視", "复视", False, True),
    ]


def test_span_attributes_mirror_record_entity_fields() -> None:
    assert set(medspacy.SPAN_ATTRIBUTES) <= set(Entity.__dataclass_fields__)
    assert all(Span.has_extension(name) for name in medspacy.SPAN_ATTRIBUTES)


def test_attributes_survive_a_docbin_round_trip(nlp) -> None:
    doc = nlp(TEXT)
    stored = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    (restored,) = DocBin().from_bytes(stored).get_docs(nlp.vocab)
    assert _summary(restored) == _summary(doc)
    assert [(s.text, s._.negated) for s in restored.spans[medspacy.SPANS_KEY]] == [(e.text, e._.negated) for e in doc.ents]


def test_a_saved_pipeline_loads_back(nlp, tmp_path: Path) -> None:
    nlp.to_disk(tmp_path / "pipeline")
    again = spacy.load(tmp_path / "pipeline")
    assert _summary(again(TEXT)) == _summary(nlp(TEXT))


def test_components_in_a_users_own_pipeline() -> None:
    nlp = spacy.blank("zh")  # spaCy's own (character) tokenizer
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "TIME", "pattern": "三天"}, {"label": "ORG", "pattern": "复视"}])
    nlp.add_pipe("medannot_tagger", config={"lexicons": [LEXICON], "builtin_lexicon": False})
    nlp.add_pipe("medannot_assertion")
    doc = nlp(TEXT)
    ents = {e.text: e.label_ for e in doc.ents}
    assert ents["三天"] == "TIME" and ents["发热"] == "symptom"
    assert ents["复视"] == "ORG"  # an entity another component set wins; ours is still in doc.spans
    assert any(s.text == "复视" and s.label_ == "symptom" and s._.uncertain for s in doc.spans[medspacy.SPANS_KEY])


def test_the_tokenizer_can_run_pkuseg(tiny_pkuseg_model: Path) -> None:
    nlp = medspacy.load("pkuseg", model=str(tiny_pkuseg_model), lexicons=[LEXICON], builtin_lexicon=False)
    doc = nlp(TEXT)
    assert nlp.tokenizer.segmenter.name == "pkuseg"
    assert [e.text for e in doc.ents] == ["发热", "复视", "后背疼痛", "多发性硬化"]


def test_doc_from_tokens_keeps_every_character() -> None:
    from medannot.segment.base import Tokens

    text = " 头痛  发热\n"
    doc = medspacy.doc_from_tokens(spacy.blank("zh").vocab, text, Tokens.from_spans([(1, 3), (5, 7)], ["n", "v"]))
    assert doc.text == text
    assert [(t.text, t.tag_) for t in doc if not t.is_space] == [("头痛", "n"), ("发热", "v")]


def test_the_tokenizer_round_trips_through_bytes(nlp) -> None:
    fresh = medspacy.load(lexicons=[LEXICON], builtin_lexicon=False, assertion=False)
    fresh.tokenizer.from_bytes(medspacy.MedannotTokenizer(fresh.vocab, "jieba", lexicons=[LEXICON], builtin_lexicon=False).to_bytes())
    assert fresh.tokenizer.segmenter.name == "jieba"
    assert fresh.pipe_names == ["medannot_tagger"]
