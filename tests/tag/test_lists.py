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


def test_inline_list_needs_a_cue_or_three_items(small_pipeline):
    # Two items with no introducer or closer are prose: 、 joins pairs all the time.
    assert small_pipeline.annotate("他咳嗽、头痛。").lists == []
    assert small_pipeline.annotate("医生建议患者多喝水、多休息。").lists == []
    record = small_pipeline.annotate("常伴有咳嗽、头痛和呕吐。")
    assert [len(l.items) for l in record.lists] == [3] and record.lists[0].kind == "symptom"
    record = small_pipeline.annotate("症状如：咳嗽、头痛。")  # the introducer stands before the colon
    assert [[record.content.text[i.start : i.end] for i in l.items] for l in record.lists] == [["咳嗽", "头痛"]]
    # Three items need no cue (the test once said otherwise: three time points are an enumeration).
    assert inline_items("治疗后4小时、24小时、30天抽血检查。") == [["治疗后4小时", "24小时", "30天抽血检查"]]
    assert inline_items("典型表现为多饮、多尿、多食和体重下降。") == [["多饮", "多尿", "多食", "体重下降"]]
    assert inline_items("甲状腺功能要看TSH（促甲状腺激素）、FT3和FT4。") == [["TSH（促甲状腺激素）", "FT3", "FT4"]]


def inline_items(text: str) -> list[list[str]]:
    return [[text[i.start : i.end] for i in l.items] for l in find_lists(text, [Paragraph(0, len(text))], []) if l.style == "inline"]


@pytest.mark.parametrize(
    ("text", "items"),
    [
        # lead-ins: the first item starts after the last introducer, joiner or lead in its piece
        ("平时要少吃油炸食品、甜点和腌菜。", ["油炸食品", "甜点", "腌菜"]),
        ("退热可以服用布洛芬、对乙酰氨基酚等药物。", ["布洛芬", "对乙酰氨基酚"]),
        ("这种病的发生可能和遗传、肥胖、吸烟等因素有关。", ["遗传", "肥胖", "吸烟"]),
        ("医生会根据病人的年龄、体重和肝肾功能选药。", ["病人的年龄", "体重", "肝肾功能选药"]),
        # a word that contains a cue hides it: 如果 is no 如, 及时 no 及
        ("如果父母有哮喘、湿疹或鼻炎，孩子也容易过敏。", ["哮喘", "湿疹", "鼻炎"]),
        ("发热、咳嗽、咽痛需要及时就医。", ["发热", "咳嗽", "咽痛需要及时就医"]),
        # a too-long first or last item loses what all items share, up to its 的
        ("这位经验丰富的老医生每次都仔细询问患者的睡眠、饮食和情绪。", ["睡眠", "饮食", "情绪"]),
        ("内科、外科、儿科的医生每周轮流到社区开展义诊活动。", ["内科", "外科", "儿科"]),
        # an ASCII full stop ends the clause, except inside a number
        ("头痛、头晕、乏力.如果加重要就医", ["头痛", "头晕", "乏力"]),
        ("每次服用0.5、1.5或2.5毫克", ["0.5", "1.5", "2.5毫克"]),
        # an introducer and two items joined without a separator
        ("退热药例如布洛芬或对乙酰氨基酚。", ["布洛芬", "对乙酰氨基酚"]),
        ("服药后出现皮疹和瘙痒，应停药。", ["皮疹", "瘙痒"]),
    ],
)
def test_inline_items(text: str, items: list[str]):
    assert inline_items(text) == [items]


@pytest.mark.parametrize(
    "text",
    [
        "他咳嗽、头痛。",
        "如果头痛和呕吐加重，应就医。",  # 如果 is no introducer
        "杨如与朋友去喝茶。",  # a one-character introducer inside a name, with no separator to back it
        "三、病因、诊断\n",  # 三 is the heading's marker: two items, no cue
        "孩子发烧了怎么办呢、要不要吃药、需不需要去医院吗？",  # 、 written for a comma between questions
        "表现为、头痛",  # an introducer with no item after it
    ],
)
def test_no_inline_list(text: str):
    assert inline_items(text) == []


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


def test_unmarked_list_item_paragraphs_make_an_item_list():
    text = "建议如下：\n多喝水；\n多休息；\n按时服药。\n正文\n单独一条\n1. 甲\n2. 乙"
    paragraphs = _lines(text)
    for index in (1, 2, 3, 5, 6, 7):
        paragraphs[index].kind = "list_item"
    lists = find_lists(text, paragraphs, [])
    assert [(l.style, [text[i.start : i.end] for i in l.items]) for l in lists] == [
        ("item", ["多喝水；", "多休息；", "按时服药。"]),  # 单独一条 alone is no list; 1. 2. is numbered
        ("numbered", ["1. 甲", "2. 乙"]),
    ]
    assert [i.marker for i in lists[0].items] == ["", "", ""]


def test_html_list_items_without_markers_are_a_list(pipeline):
    html = (
        "<html><body><article><h1>痛风患者的饮食</h1><p>痛风患者平时要注意饮食，记住下面几点，可以减少发作。</p>"
        "<ul><li>少吃动物内脏和海鲜；</li><li>不喝啤酒；</li><li>每天多喝水，保证尿量。</li></ul>"
        "<p>如果关节疼痛反复发作，应该及时到医院复查血尿酸，并在医生指导下规范用药。</p></article></body></html>"
    )
    record = pipeline.annotate(html=html)
    text = record.content.text
    assert [(l.style, [text[i.start : i.end] for i in l.items]) for l in record.lists] == [
        ("item", ["少吃动物内脏和海鲜；", "不喝啤酒；", "每天多喝水，保证尿量。"])
    ]


def test_inline_rules_file_is_validated(tmp_path: Path, refused):
    refused(load_inline_rules, "format: medannot-lists/1\nseparators: []\njoiners: [和]\nclosers: [等]\nintroducers: [如]\n", 1, "separators")
    twice = tmp_path / "twice.yaml"
    twice.write_text("format: medannot-lists/1\nseparators: [、]\njoiners: [和]\nclosers: [等]\nleads: [和]\nintroducers: [如]\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="和"):
        load_inline_rules(twice)
    long_particle = tmp_path / "particle.yaml"
    long_particle.write_text(twice.read_text(encoding="utf-8").replace("leads: [和]", "particles: [是吗]"), encoding="utf-8")
    with pytest.raises(LexiconError, match="particles"):
        load_inline_rules(long_particle)
    rules = load_inline_rules()
    assert rules.max_item > 0 and rules.min_items >= 3


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
