"""Entities: lexicon matches aligned to tokens, with canonical names and sentence indices."""

from __future__ import annotations


def test_entities_carry_concept_synonym_and_sentence(small_pipeline):
    record = small_pipeline.annotate("化疗药物有氨甲喋呤。服用MTX后头痛。")
    found = [(e.text, e.label, e.canonical, e.concept_id, e.synonym, e.sentence) for e in record.entities]
    assert found == [
        ("氨甲喋呤", "drug", "甲氨蝶呤", "T-M1", "氨甲喋呤", 0),
        ("MTX", "drug", "甲氨蝶呤", "T-M1", "MTX", 1),
        ("头痛", "symptom", "头痛", "T-S4", "头痛", 1),
    ]
    text = record.content.text
    assert all(text[e.start : e.end] == e.text for e in record.entities)


def test_a_term_inside_a_longer_word_is_not_an_entity(small_pipeline):
    assert small_pipeline.annotate("这种食物的发热量很高。").entities == []


def test_adverse_event_concepts_are_adverse_events(small_pipeline):
    [entity] = small_pipeline.annotate("副作用明显。").entities
    assert entity.label == "adverse_event" and entity.adverse_event
