"""Query text → FTS5 expression."""

from __future__ import annotations

import pytest

from medannot.errors import ExportError


def test_punctuation_is_left_out_of_terms_but_kept_in_phrases(searcher):
    assert searcher.parse("医生，患者").expression == '({title body} : "医生" AND {title body} : "患者")'
    assert searcher.parse('"医生，患者"').expression == '{title body} : "医生 ， 患者"'
    assert searcher.parse('"医生，患者"').words == {"医生", "患者"}  # highlighted without the comma
    with pytest.raises(ExportError, match="no searchable words"):
        searcher.parse('"，。" ？')


def test_a_term_naming_a_concept_also_matches_the_concept(searcher):
    query = searcher.parse("氨甲喋呤")
    num = searcher.vocabulary.by_id["DRG0001"].num
    assert query.expression == f'({{title body}} : "氨甲喋呤" OR {{concepts}} : "c{num}")'
    assert query.concepts == {num} and query.words == {"氨甲喋呤"}


def test_full_width_and_case_are_folded(searcher):
    assert searcher.parse("ＭＴＸ").expression == searcher.parse("mtx").expression == searcher.parse("MTX").expression
    assert searcher.parse("Ⅱ型").expression == searcher.parse("ⅱ型").expression


def test_plain_words_and_phrases(searcher):
    assert searcher.parse("医生").expression == '{title body} : "医生"'
    assert searcher.parse('"没有 出现"').expression == '{title body} : "没有 出现"'


def test_exclusion_keeps_literal_words_only(searcher):
    expression = searcher.parse("多发性硬化 -复视").expression
    assert expression.endswith('NOT {title body} : "复视"')


def test_or_binds_neighbouring_terms(searcher):
    assert searcher.parse("医生 OR 患者 就医").expression == (
        '({title body} : "医生" OR {title body} : "患者") AND {title body} : "就医"'
    )


def test_empty_query_has_no_expression(searcher):
    assert searcher.parse("  ").expression is None


def test_quotes_and_operators_cannot_break_the_expression(searcher):
    for text in ('"', 'a"b', "NOT", "AND OR", "(", "*", "c1:", "{body}"):
        try:
            searcher.search(text)
        except ExportError as error:
            assert error.code == "MA403"


def test_only_exclusions_is_an_error(searcher):
    with pytest.raises(ExportError, match="MA403"):
        searcher.parse("-医生")
