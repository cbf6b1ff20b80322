"""What the index stores for a text."""

from __future__ import annotations

from medannot.index.text import Boundaries, index_form, pack, segmented, unpack


def test_body_is_the_tokens_joined_by_spaces():
    text = "多发性硬化 患者"
    assert segmented(text, [[0, 3], [3, 5], [6, 8]]) == "多发性 硬化 患者"


def test_index_form_folds_full_width_letters_and_keeps_offsets():
    assert index_form("ＣＴ检查") == "ct检查"
    assert index_form("CT检查，") == "CT检查，"  # unicode61 lowercases by itself
    assert len(index_form("ＣＴ检查")) == len("ＣＴ检查")


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
