"""End to end on the canonical real input, ../shared/seeds/000_c3eac87ae79e87f4.txt (skips without ../shared)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def seed(pipeline, seed_text):
    return pipeline.annotate(seed_text, id="seed").to_dict()


def _kinds_of(record: dict, fragment: str) -> set[str]:
    return {b["kind"] for b in record["boilerplate"] if fragment in b["text"]}


def test_content_is_the_editorial_body(seed):
    text = seed["content"]["text"]
    assert text.startswith("多发性硬化是中枢神经系统的自身免疫性疾病")
    assert text.endswith("改善生存质量。")
    for chrome in ("400-885-0012", "在线咨询", ".png", "扫码了解", "TOP", "参考文献", "来源"):
        assert chrome not in text


def test_chrome_is_kept_as_boilerplate_with_its_kind(seed):
    assert "hotline" in _kinds_of(seed, "400-885-0012")
    assert _kinds_of(seed, "在线咨询") == {"cta"}
    for n in range(1, 6):
        assert _kinds_of(seed, f"{n}.png") == {"image"}
    assert _kinds_of(seed, "扫码了解细胞新时代")
    assert "footer" in _kinds_of(seed, "TOP")
    captions = [b for b in seed["boilerplate"] if b["kind"] == "caption"]
    assert captions and all(b["reference"] == 3 for b in captions)


def test_metadata(seed):
    meta = seed["meta"]
    assert meta["title"] == "间充质干细胞治疗具有长期的临床疗效"
    assert meta["source_name"] == "博雅"
    assert meta["published"] == "2021-07-09"
    assert meta["views"] == 0
    assert meta["phones"] == ["400-885-0012"]


def test_references_are_parsed_with_dois(seed):
    refs = seed["references"]
    assert [r["number"] for r in refs] == [1, 2, 3]
    assert [r["doi"] for r in refs] == [
        "10.1016/S1474-4422(11)70305-2",
        "10.1001/jamaneurol.2015.4321",
        "10.3389/fneur.2021.639315",
    ]
    assert refs[0]["journal"] == "Lancet Neurol" and refs[0]["year"] == 2012
    assert refs[2]["authors"][:2] == ["Petrou P", "Kassis I"]


def test_symptom_list_has_five_items(seed):
    circled = [l for l in seed["lists"] if l["style"] == "circled"]
    assert len(circled) == 1 and circled[0]["kind"] == "symptom"
    items = circled[0]["items"]
    assert [i["marker"] for i in items] == list("①②③④⑤")
    first = {seed["entities"][i]["text"] for i in items[0]["entities"]}
    assert {"肢体无力", "偏瘫", "截瘫"} <= first


def _labels(seed) -> dict[str, set[str]]:
    labels: dict[str, set[str]] = {}
    for entity in seed["entities"]:
        labels.setdefault(entity["text"], set()).add(entity["label"])
    return labels


def test_entities(seed):
    labels = _labels(seed)
    for term in ("肢体无力", "复视", "共济失调"):
        assert labels.get(term) == {"symptom"}, term
    assert labels.get("间充质干细胞") == {"treatment"}
    assert labels.get("糖皮质激素") == {"drug"} and labels.get("环磷酰胺") == {"drug"}
    assert labels.get("多发性硬化") == {"disease"}
    mtx = [e for e in seed["entities"] if e["text"] == "氨甲喋呤"]
    assert mtx and mtx[0]["canonical"] == "甲氨蝶呤" and mtx[0]["label"] == "drug"


def test_negation_and_adverse_events(seed):
    text = seed["content"]["text"]
    side_effect = text.index("没有发生严重的副作用") + len("没有发生严重的")
    negated = [e for e in seed["entities"] if e["start"] == side_effect]
    assert negated and negated[0]["negated"] and negated[0]["adverse_event"]
    for term in ("头痛", "低烧", "背痛"):
        assert any(e["text"] == term and e["adverse_event"] for e in seed["entities"]), term
