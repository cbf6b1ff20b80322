"""Snippet windows and highlights."""

from __future__ import annotations

from medannot.index.snippet import highlights, make_snippet, word_pattern


def bounds(*tokens: tuple[int, int]) -> set[int]:
    return {offset for token in tokens for offset in token}


def test_query_words_are_highlighted_only_as_whole_index_words():
    text = "多发性硬化患者，硬化剂"
    marks = highlights(text, bounds((0, 3), (3, 5), (5, 7), (7, 8), (8, 11)), [], word_pattern(frozenset({"多发性", "硬化"})), frozenset())
    assert marks == [(0, 5)]  # adjacent words merge; 硬化 inside the token 硬化剂 is not a match


def test_words_inside_mixed_tokens_split_like_the_tokenizer():
    text = "covid-19疫苗"
    marks = highlights(text, bounds((0, 8), (8, 10)), [], word_pattern(frozenset({"covid", "19"})), frozenset())
    assert marks == [(0, 5), (6, 8)]


def test_concept_mentions_are_highlighted():
    text = "多发性硬化患者"
    tokens = bounds((0, 3), (3, 5), (5, 7))
    assert highlights(text, tokens, [(0, 5, 7)], None, frozenset({7})) == [(0, 5)]
    assert highlights(text, tokens, [(0, 5, 7)], None, frozenset({8})) == []


def test_width_and_case_are_folded():
    text = "用ＭＴＸ治疗"
    assert highlights(text, bounds((0, 1), (1, 4), (4, 6)), [], word_pattern(frozenset({"mtx"})), frozenset()) == [(1, 4)]


def test_window_goes_where_most_distinct_terms_are():
    text = "甲" + "。" * 200 + "这里有甲和乙。" + "。" * 200
    marks = [(0, 1), (204, 205), (206, 207)]
    snippet = make_snippet(text, marks, width=40)
    assert snippet.start == 201 and snippet.highlights == [(204, 205), (206, 207)]
    assert snippet.truncated and snippet.marked("[", "]").startswith("…这里有[甲]和[乙]")


def test_window_starts_after_the_previous_sentence():
    text = "第一句话很长很长。第二句提到复视。"
    snippet = make_snippet(text, [(14, 16)], width=30)
    assert snippet.start == 9 and snippet.text.startswith("第二句")


def test_no_highlights_gives_the_opening_text():
    snippet = make_snippet("短文。", [], width=120)
    assert (snippet.start, snippet.end, snippet.truncated) == (0, 3, False)
