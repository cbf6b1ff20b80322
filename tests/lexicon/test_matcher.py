"""Leftmost-longest matching aligned to tokens, case-, width- and script-insensitive."""

from __future__ import annotations

from medannot.lexicon import Concept, Lexicon, Matcher
from medannot.lexicon.matcher import TokenBoundaries


def lexicon(*terms: tuple[str, ...]) -> Lexicon:
    concepts = {
        f"C{i}": Concept(id=f"C{i}", canonical=names[0], category="symptom", synonyms=tuple(names[1:]))
        for i, names in enumerate(terms)
    }
    return Lexicon("test", "0", concepts, sha256="0" * 64)


def spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    out, offset = [], 0
    for word in words:
        out.append((offset, offset + len(word)))
        offset += len(word)
    assert offset == len(text)
    return out


def found(matcher: Matcher, text: str, tokens=None) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.concept.canonical) for m in matcher.find(text, tokens)]


def test_leftmost_longest_without_tokens():
    matcher = Matcher(lexicon(("头痛",), ("偏头痛",), ("痛",)))
    assert found(matcher, "偏头痛和头痛") == [("偏头痛", "偏头痛"), ("头痛", "头痛")]


def test_a_term_inside_a_longer_token_is_not_tagged():
    matcher = Matcher(lexicon(("发热",)))
    text = "食物的发热量很高"
    assert found(matcher, text, spans(text, ["食物", "的", "发热量", "很", "高"])) == []
    text = "患者发热"
    assert found(matcher, text, spans(text, ["患者", "发热"])) == [("发热", "发热")]


def test_a_longer_match_that_cuts_a_token_gives_way_to_a_shorter_one():
    matcher = Matcher(lexicon(("腹痛",), ("腹痛腹泻",), ("腹泻",)))
    text = "腹痛腹泻者"
    tokens = spans(text, ["腹痛", "腹", "泻者"])  # 腹痛腹泻 would end inside 泻者
    assert found(matcher, text, tokens) == [("腹痛", "腹痛")]
    tokens = spans(text, ["腹痛", "腹泻", "者"])
    assert found(matcher, text, tokens) == [("腹痛腹泻", "腹痛腹泻")]


def test_a_rejected_match_does_not_hide_a_later_one():
    matcher = Matcher(lexicon(("肺炎球菌",), ("球菌感染",)))
    text = "肺炎球菌感染"
    tokens = spans(text, ["肺炎", "球菌感染"])
    assert found(matcher, text, tokens) == [("球菌感染", "球菌感染")]


def test_case_and_width_insensitive_with_offsets_into_the_original():
    matcher = Matcher(lexicon(("磁共振成像", "MRI"), ("维生素B12",)))
    text = "做了ＭＲＩ和mri，补充维生素b12"
    assert found(matcher, text) == [("ＭＲＩ", "磁共振成像"), ("mri", "磁共振成像"), ("维生素b12", "维生素B12")]
    assert matcher.find(text)[0].term == "MRI"


def test_traditional_text_matches_simplified_terms_with_offsets_into_the_original():
    matcher = Matcher(lexicon(("发热", "发烧"), ("阿昔洛韦",), ("复视", "重影")))
    text = "沒有發燒，服用阿昔洛韋，嚴重影響睡眠"
    tokens = spans(text, ["沒有", "發燒", "，", "服用", "阿昔洛韋", "，", "嚴重", "影響", "睡眠"])
    matches = matcher.find(text, tokens)
    assert [(m.start, m.end, text[m.start : m.end], m.concept.canonical, m.term) for m in matches] == [
        (2, 4, "發燒", "发热", "发烧"),
        (7, 11, "阿昔洛韋", "阿昔洛韦", "阿昔洛韦"),
    ]  # 重影 cuts the tokens 嚴重 and 影響


def test_a_term_written_with_a_traditional_only_character_matches_in_both_scripts():
    matcher = Matcher(lexicon(("复方磺胺甲噁唑",)))  # 噁 stays in the Simplified drug name
    assert found(matcher, "服用复方磺胺甲噁唑") == [("复方磺胺甲噁唑", "复方磺胺甲噁唑")]
    assert found(matcher, "醫生處方复方磺胺甲噁唑") == [("复方磺胺甲噁唑", "复方磺胺甲噁唑")]  # the text is folded


def test_a_suffix_extends_a_mention_in_traditional_text():
    lex = lexicon(("克霉唑",))
    lex.concepts["C0"] = Concept("C0", "克霉唑", "drug")
    lex.suffixes = {"drug": ("软膏",)}
    lex._index = None
    text = "外用克黴唑軟膏"
    tokens = spans(text, ["外用", "克黴唑", "軟膏"])
    assert [text[m.start : m.end] for m in Matcher(lex).find(text, tokens)] == ["克黴唑軟膏"]


def test_offsets_survive_characters_whose_lower_case_is_longer():
    matcher = Matcher(lexicon(("头痛",)))
    text = "İ头痛"  # "İ".lower() is two characters
    assert [(m.start, m.end) for m in matcher.find(text)] == [(1, 3)]


def test_empty_lexicon_and_empty_text():
    assert Matcher(lexicon()).find("头痛") == []
    assert Matcher(lexicon(("头痛",))).find("") == []


def test_token_boundaries():
    boundaries = TokenBoundaries([(0, 2), (2, 3), (4, 6)])  # 头痛发 热: whitespace at 3
    assert boundaries.fits(0, 3) and boundaries.fits(4, 6) and boundaries.fits(2, 3) and boundaries.fits(0, 6)
    assert not boundaries.fits(1, 3) and not boundaries.fits(0, 1) and not boundaries.fits(4, 5)
    assert TokenBoundaries.from_offsets([0, 2, 2, 3, 4, 6]).bounds == boundaries.bounds


def test_a_listed_suffix_extends_a_mention_on_token_boundaries():
    lex = lexicon(("克霉唑",), ("皮疹",))
    lex.concepts["C0"] = Concept("C0", "克霉唑", "drug")
    lex.suffixes = {"drug": ("软膏", "片")}
    lex._index = None
    matcher = Matcher(lex)
    text = "外用克霉唑软膏后皮疹"
    tokens = spans(text, ["外用", "克霉唑", "软膏", "后", "皮疹"])
    assert [(text[m.start : m.end], m.term) for m in matcher.find(text, tokens)] == [("克霉唑软膏", "克霉唑"), ("皮疹", "皮疹")]
    tokens = spans(text, ["外用", "克霉唑", "软", "膏后", "皮疹"])  # 软膏 does not end on a token end
    assert [text[m.start : m.end] for m in matcher.find(text, tokens)] == ["克霉唑", "皮疹"]


def test_the_builtin_manifest_lists_drug_dosage_forms():
    from medannot.lexicon import load_lexicon

    assert "泡腾片" in load_lexicon(builtin=True).suffixes["drug"]
