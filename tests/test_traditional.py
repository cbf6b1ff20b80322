"""Traditional Chinese folded to Simplified one character for one, only where a text holds Traditional."""

from __future__ import annotations

from medannot.traditional import has_traditional, simplified_forms, to_simplified


def test_traditional_text_is_folded_one_character_for_one() -> None:
    text = "帶狀皰疹患者沒有發燒，醫生處方加巴噴丁。"
    folded = to_simplified(text)
    assert folded == "带状疱疹患者没有发烧，医生处方加巴喷丁。"
    assert len(folded) == len(text)


def test_ambiguous_characters_take_the_most_common_reading() -> None:
    assert to_simplified("口乾，於是頭痛") == "口干，于是头痛"  # 乾 also writes 乾坤, 於 a surname


def test_hong_kong_and_taiwan_forms_fold_like_the_standard_ones() -> None:
    assert to_simplified("麻痺與衞生") == "麻痹与卫生"  # 痺 (Taiwan), 衞 (Hong Kong)
    assert to_simplified("睡不著的時候") == "睡不着的时候"


def test_simplified_text_is_returned_unchanged() -> None:
    text = "著名的乾隆年间，患者没有发热。"  # 著, 乾 are also Simplified characters
    assert not has_traditional(text)
    assert to_simplified(text) is text


def test_a_shared_character_is_folded_only_beside_a_traditional_one() -> None:
    assert to_simplified("乾咳") == "乾咳"
    assert to_simplified("乾咳發燒") == "干咳发烧"


def test_text_without_chinese_is_unchanged() -> None:
    assert not has_traditional("CT 3.5mg")
    assert to_simplified("") == ""


def test_simplified_forms_lists_only_terms_that_change() -> None:
    assert simplified_forms(["复方磺胺甲噁唑", "发热", "乾隆"]) == {"复方磺胺甲噁唑": "复方磺胺甲恶唑"}
