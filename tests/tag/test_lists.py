"""Enumerated and inline lists, their items, entities and kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from medannot.errors import LexiconError
from medannot.record import Entity, Paragraph
from medannot.tag import find_lists
from medannot.tag.lists import load_inline_rules

ARTICLE = (
    "本病常见的表现如下：\n"
    "① 发热，多为低热。② 咳嗽、头痛。\n"
    "③ 少数人出现视力下降、复视等症状。\n"
    "治疗常用药物如：甲氨蝶呤、环磷酰胺等。"
)


def items_of(record, enumerated) -> list[tuple[str, list[str]]]:
    text = record.content.text
    return [(text[i["start"] : i["end"]], [record.entities[k].text for k in i["entities"]]) for i in enumerated["items"]]


@pytest.fixture(scope="module")
def article(small_pipeline):
    record = small_pipeline.annotate(ARTICLE)
    return record, record.to_dict()["lists"]


def test_circled_list_items_carry_their_symptoms(article):
    record, lists = article
    circled = [l for l in lists if l["style"] == "circled"]
    assert len(circled) == 1 and circled[0]["kind"] == "symptom"
    assert items_of(record, circled[0]) == [
        ("① 发热，多为低热。", ["发热", "低热"]),
        ("② 咳嗽、头痛。", ["咳嗽", "头痛"]),
        ("③ 少数人出现视力下降、复视等症状。", ["视力下降", "复视"]),
    ]
    entity = next(e for e in record.entities if e.text == "复视")
    assert entity.list_item == (lists.index(circled[0]), 2)


def test_inline_list_with_introducer_and_closer(article):
    record, lists = article
    inline = [l for l in lists if l["style"] == "inline"]
    # 视力下降、复视 is inside item ③ and is not reported twice.
    assert len(inline) == 1 and inline[0]["kind"] == "generic"
    assert items_of(record, inline[0]) == [("甲氨蝶呤", ["甲氨蝶呤"]), ("环磷酰胺", ["环磷酰胺"])]
    assert [i["marker"] for i in inline[0]["items"]] == ["", ""]


def test_inline_list_needs_an_introducer_or_a_closer(small_pipeline):
    assert small_pipeline.annotate("他咳嗽、头痛。").lists == []
    record = small_pipeline.annotate("常伴有咳嗽、头痛和呕吐。")
    assert [len(l.items) for l in record.lists] == [3] and record.lists[0].kind == "symptom"
    record = small_pipeline.annotate("治疗后4小时、24小时、30天抽血检查。")
    assert record.lists == []
    record = small_pipeline.annotate("症状如：咳嗽、头痛。")  # the introducer stands before the colon
    assert [[record.content.text[i.start : i.end] for i in l.items] for l in record.lists] == [["咳嗽", "头痛"]]


def test_numbered_parenthesized_han_and_bullet_lists():
    text = "1. 发热\n2. 咳嗽\n3.5 mg 不是条目\n（一）病因\n（二）表现\n• 甲\n• 乙\n\n正文\n• 丙"
    paragraphs = _lines(text)
    lists = find_lists(text, paragraphs, [])
    assert [(l.style, [i.marker for i in l.items]) for l in lists] == [
        ("numbered", ["1.", "2."]),
        ("parenthesized", ["（一）", "（二）"]),
        ("bullet", ["•", "•"]),
    ]
    assert [text[i.start : i.end] for i in lists[0].items] == ["1. 发热", "2. 咳嗽"]


def test_numbering_must_start_at_one_and_continue():
    text = "2. 甲\n3. 乙\n\n1. 丙\n3. 丁"
    assert find_lists(text, _lines(text), []) == []


def test_attach_puts_each_entity_in_its_item_once():
    text = "① 发热 ② 咳嗽"
    entities = [_entity(text, "咳嗽"), _entity(text, "发热")]  # order must not matter
    [found] = find_lists(text, [Paragraph(0, len(text))], entities)
    assert [i.entities for i in found.items] == [[1], [0]]
    assert entities[1].list_item == (0, 0) and entities[0].list_item == (0, 1)


def test_inline_rules_file_is_validated(tmp_path: Path):
    bad = tmp_path / "inline.yaml"
    bad.write_text("format: medannot-lists/1\nseparators: []\njoiners: [和]\nclosers: [等]\nintroducers: [如]\n", encoding="utf-8")
    with pytest.raises(LexiconError) as raised:
        load_inline_rules(bad)
    assert "separators" in str(raised.value) and f"{bad}:1" in str(raised.value)
    assert load_inline_rules().max_item > 0


def _lines(text: str) -> list[Paragraph]:
    paragraphs, offset = [], 0
    for line in text.split("\n"):
        if line:
            paragraphs.append(Paragraph(offset, offset + len(line)))
        offset += len(line) + 1
    return paragraphs


def _entity(text: str, term: str) -> Entity:
    start = text.index(term)
    return Entity(start, start + len(term), term, "symptom", term, term, term, 0)


def test_items_headed_by_a_term_and_a_colon_are_about_that_term():
    text = "1、糖尿病肾病：后期出现水肿。\n2、糖尿病足：足部麻木。"

    def entity(term: str, label: str) -> Entity:
        start = text.index(term)
        return Entity(start, start + len(term), term, label, term, term, term, 0)

    entities = [entity("糖尿病肾病", "disease"), entity("水肿", "symptom"), entity("糖尿病足", "disease"), entity("麻木", "symptom")]
    lists = find_lists(text, [], entities)
    assert [(l.style, l.kind, len(l.items)) for l in lists] == [("numbered", "generic", 2)]
