"""What the index stores for a text."""

from __future__ import annotations

from medannot.index.text import (
    SEPARATOR,
    Boundaries,
    boundaries,
    cut,
    index_form,
    index_words,
    is_word,
    pack,
    segmented,
    unpack,
)


def test_body_is_the_tokens_joined_by_spaces():
    text = "多发性硬化 患者"
    assert segmented(text, [[0, 3], [3, 5], [6, 8]]) == "多发性 硬化 患者"


def test_index_form_folds_what_the_tokenizer_does_not_and_keeps_offsets():
    assert index_form("CT检查，") == "CT检查，"  # the tokenizer lower-cases ASCII by itself
    assert index_form("ＣＴ检查，") == "ct检查，"  # full-width letters, not punctuation
    assert index_form("Ⅱ型 Β受体\u00a0阻滞剂\u3000") == "ⅱ型 β受体 阻滞剂 "
    for text in ("ＣＴ检查", "İstanbul Ⅱ", "ÀB\u2003c"):
        assert len(index_form(text)) == len(text)


def test_index_words_split_like_the_ascii_tokenizer():
    assert index_words("covid-19疫苗，") == ["covid", "19疫苗，"]
    assert index_words("a_b 3.5") == ["a", "b", "3", "5"]
    assert is_word("19疫苗") and is_word("β") and not is_word("，") and not is_word("℃")


def test_numbers_round_trip():
    assert list(unpack(pack([0, 3, 70000]))) == [0, 3, 70000]
    assert len(pack([5])) == 4 and list(unpack(pack([]))) == []


def test_boundaries_come_back_from_the_body():
    text = "多发性硬化 患者\n用药。"
    tokens = [[0, 3], [3, 5], [6, 8], [9, 11], [11, 12]]
    found = Boundaries(text, segmented(text, tokens))
    assert [p for p in range(len(text) + 1) if p in found] == [0, 3, 5, 6, 8, 9, 11, 12]


def test_boundaries_of_a_record_whose_tokens_skip_characters_are_aligned_word_by_word():
    text = "甲乙丙丁"
    found = Boundaries(text, segmented(text, [[0, 1], [2, 4]]))  # 乙 is in no token
    assert [p for p in range(len(text) + 1) if p in found] == [0, 1, 2, 4]


def test_cut_body_gives_the_text_back_and_the_same_words():
    text = "多发性硬化 患者\n用药。"
    tokens = [0, 3, 3, 5, 6, 8, 9, 11, 11, 12]
    body = cut(text, tokens)
    assert body.replace(SEPARATOR, "") == text
    assert body.split(SEPARATOR) == ["", "多发性", "硬化 ", "患者\n", "用药", "。"]
    assert index_words(body) == index_words(segmented(text, [[0, 3], [3, 5], [6, 8], [9, 11], [11, 12]]))
    assert index_words(body) == ["多发性", "硬化", "患者", "用药", "。"]


def test_cut_refuses_what_it_could_not_give_back():
    assert cut("甲乙", []) is None
    assert cut("甲乙丙", [2, 3, 0, 1]) is None  # out of order
    assert cut("甲乙丙", [0, 1, 4, 5]) is None  # starts past the end
    assert cut("甲\x1f乙", [0, 1, 2, 3]) is None  # holds the separator


def test_boundaries_from_either_kind_of_body():
    """Token starts and the text's end are boundaries, positions inside a word are not (a word end
    before whitespace need not be: snippets treat whitespace as a separator anyway)."""
    text = "多发性硬化 患者\n用药。"
    expected = [0, 3, 6, 9, 11, 12]
    for body in (cut(text, [0, 3, 3, 5, 6, 8, 9, 11, 11, 12]), segmented(text, [[0, 3], [3, 5], [6, 8], [9, 11], [11, 12]])):
        found = boundaries(text, body)
        assert [p for p in expected if p in found] == expected
        assert 1 not in found and 4 not in found and 10 not in found
