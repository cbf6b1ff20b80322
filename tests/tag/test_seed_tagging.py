"""Issue 4's checks on the real seed article with the built-in lexicon (skips without ../shared)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def seed(pipeline, seed_text):
    return pipeline.annotate(seed_text, id="seed")


def texts(record, item) -> set[str]:
    return {record.entities[i].text for i in item.entities}


def test_the_symptom_list_has_five_items_with_their_symptoms(seed):
    [symptoms] = [l for l in seed.lists if l.kind == "symptom" and l.style == "circled"]
    items = symptoms.items
    assert [i.marker for i in items] == list("①②③④⑤")
    assert {"肢体无力", "瘫痪", "偏瘫", "截瘫"} <= texts(seed, items[0])
    assert {"麻木感", "针刺感", "瘙痒", "烧灼样疼痛"} <= texts(seed, items[1])
    assert {"视力下降", "眼肌麻痹", "复视"} <= texts(seed, items[2])
    assert {"共济失调", "言语障碍"} <= texts(seed, items[3])
    assert {"肢体痉挛", "癫痫"} <= texts(seed, items[4])
    for index, item in enumerate(items):
        assert all(seed.entities[i].list_item == (seed.lists.index(symptoms), index) for i in item.entities)


def test_inline_drug_list_and_canonical_name(seed):
    drugs = [l for l in seed.lists if l.style == "inline" and any(seed.entities[i].text == "环磷酰胺" for it in l.items for i in it.entities)]
    assert len(drugs) == 1 and [seed.content.text[i.start : i.end] for i in drugs[0].items] == ["氨甲喋呤", "环磷酰胺"]
    [mtx] = [e for e in seed.entities if e.text == "氨甲喋呤"]
    assert (mtx.label, mtx.canonical) == ("drug", "甲氨蝶呤")


def test_adverse_events_and_negation(seed):
    for term in ("头痛", "低烧", "背痛"):
        [entity] = [e for e in seed.entities if e.text == term]
        assert entity.adverse_event and entity.cues["adverse_event"] == "不良反应", term
    text = seed.content.text
    start = text.index("没有发生严重的副作用") + len("没有发生严重的")
    [side_effect] = [e for e in seed.entities if e.start == start]
    assert side_effect.negated and side_effect.cues["negated"] == "没有"
    screened = [e for e in seed.entities if e.text in ("乙肝", "丙肝")]
    assert screened and all(e.negated for e in screened)  # 检测无乙肝丙肝艾滋等病毒感染
