from __future__ import annotations

import pytest

from medannot.errors import SegmenterError
from medannot.segment.base import UserDictionary, fold, fold_width, spans_from_words, user_words


def test_compound_terms_keep_the_backends_inner_split() -> None:
    cuts = {
        "后背疼痛": [("后背", "n"), ("疼痛", "an")],  # built from two dictionary words: split back
        "剑突": [("剑", "n"), ("突", "v")],  # only single characters: the term stays one token
        "复视": [("复视", None)],  # already one word
    }
    dictionary = UserDictionary.build(["后背疼痛", "剑突", "复视"], cuts.__getitem__, split_compounds=True)
    assert dictionary.words == ["后背疼痛", "剑突", "复视"]
    assert dictionary.pieces == {"后背疼痛": ("后背", "疼痛")}
    assert dictionary.tags == {"后背": "n", "疼痛": "an"}


def test_spans_from_words_aligns_skips_whitespace_and_expands_compounds() -> None:
    text = "后背疼痛 和\n剑突"
    tokens = spans_from_words(
        "test",
        text,
        ["后背疼痛", " ", "和", "\n", "剑突"],
        ["nz", "x", "c", "x", "nz"],
        pieces={"后背疼痛": ("后背", "疼痛")},
        piece_tags={"后背": "n", "疼痛": "an"},
    )
    assert [text[s:e] for s, e in tokens.spans] == ["后背", "疼痛", "和", "剑突"]
    assert tokens.pos == ["n", "an", "c", "nz"]


def test_spans_from_words_tolerates_dropped_whitespace_only() -> None:
    assert spans_from_words("test", "头痛  发热", ["头痛", "发热"]).spans == [(0, 2), (4, 6)]
    with pytest.raises(SegmenterError) as caught:
        spans_from_words("test", "头痛发热", ["头疼", "发热"])
    assert caught.value.code == "MA304"


def test_user_words_are_multi_character_space_free_and_not_pure_ascii() -> None:
    assert user_words(["发热", "热", "low fever", "发热", "CT", "B超"]) == ["B超", "发热"]


def test_user_words_add_the_folded_form_of_a_term_with_a_traditional_only_character() -> None:
    assert user_words(["复方磺胺甲噁唑", "发热"]) == ["发热", "复方磺胺甲噁唑", "复方磺胺甲恶唑"]


def test_term_granularity_keeps_every_lexicon_term_whole() -> None:
    cuts = {"后背疼痛": [("后背", "n"), ("疼痛", "an")]}
    dictionary = UserDictionary.build(["后背疼痛"], cuts.__getitem__)
    assert dictionary.pieces == {} and dictionary.words == ["后背疼痛"]


def test_fold_width_turns_full_width_letters_and_digits_into_ascii_one_for_one() -> None:
    assert fold_width("做了ＣＴ，服用３．５ｍｇ") == "做了CT，服用3.5mg"  # full-width ， stays
    assert fold_width("头痛（两天）") == "头痛（两天）"


def test_fold_gives_backends_full_width_in_ascii_and_traditional_in_simplified() -> None:
    text = "做了ＣＴ，嚴重影響睡眠"
    assert fold(text) == "做了CT，严重影响睡眠"
    simplified = "做了CT，严重影响睡眠"
    assert fold(simplified) is simplified
