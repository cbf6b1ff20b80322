"""What the index stores for a text."""

from __future__ import annotations

from medannot.index.text import index_form, pack, pack_bounds, segmented, unpack


def test_body_is_the_tokens_joined_by_spaces():
    text = "多发性硬化 患者"
    assert segmented(text, [[0, 3], [3, 5], [6, 8]]) == "多发性 硬化 患者"


def test_index_form_folds_full_width_letters_and_keeps_offsets():
    assert index_form("ＣＴ检查") == "ct检查"
    assert index_form("CT检查，") == "CT检查，"  # unicode61 lowercases by itself
    assert len(index_form("ＣＴ检查")) == len("ＣＴ检查")


def test_bounds_round_trip():
    assert list(unpack(pack_bounds([[0, 3], [3, 5], [6, 70000]]))) == [0, 3, 3, 5, 6, 70000]
    assert len(pack_bounds([[0, 3]])) == 8
    assert list(unpack(pack([]))) == []
