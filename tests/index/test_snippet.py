"""Snippet windows and highlight merging."""

from __future__ import annotations

from medannot.index.snippet import highlights, make_snippet


def test_highlights_merge_adjacent_tokens_and_concept_spans():
    text = "多发性硬化患者"
    tokens = [(0, 3), (3, 5), (5, 7)]
    assert highlights(text, tokens, [], frozenset({"多发性", "硬化"}), frozenset()) == [(0, 5)]
    assert highlights(text, tokens, [(0, 5, 7)], frozenset(), frozenset({7})) == [(0, 5)]
    assert highlights(text, tokens, [(0, 5, 7)], frozenset(), frozenset({8})) == []


def test_highlights_fold_width_and_case():
    assert highlights("用ＭＴＸ治疗", [(0, 1), (1, 4), (4, 6)], [], frozenset({"mtx"}), frozenset()) == [(1, 4)]


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
