"""Searches over the test articles: words, phrases, concepts, synonyms, facets, dates, sources."""

from __future__ import annotations

import pytest

from medannot.errors import ExportError
from medannot.index import Filters
from medannot.lexicon import fold


def ids(result) -> list[str]:
    return [hit.id for hit in result.hits]


def test_word_finds_only_the_documents_that_contain_it(searcher):
    assert ids(searcher.search("干细胞")) == ["ms-stem"]
    assert set(ids(searcher.search("医生"))) == {"ra-old", "ms-negated", "flu"}


def test_all_words_must_match(searcher):
    assert ids(searcher.search("多发性硬化 干细胞")) == ["ms-stem"]
    assert ids(searcher.search("干细胞 流感")) == []


def test_unsegmented_chinese_query_is_split_like_the_documents(searcher):
    # "多发性硬化患者" is one string in the query; it must still find the words of the document
    assert "ms-stem" in ids(searcher.search("多发性硬化患者"))


def test_phrase_requires_adjacent_words(searcher):
    assert ids(searcher.search('"干细胞治疗"')) == ["ms-stem"]
    assert ids(searcher.search('"治疗干细胞"')) == []


def test_or_and_exclusion(searcher):
    assert set(ids(searcher.search("干细胞 OR 奥司他韦"))) == {"ms-stem", "flu"}
    assert ids(searcher.search("多发性硬化 -干细胞")) == ["ms-negated"]


def test_canonical_name_finds_documents_that_only_use_a_synonym(searcher):
    result = searcher.search("甲氨蝶呤")
    assert ids(result) == ["ra-mtx", "ra-old"]  # title and two mentions rank first
    snippet = result.hits[1].snippet
    assert [snippet.text[s - snippet.start : e - snippet.start] for s, e in snippet.highlights] == ["氨甲喋呤"]


def test_synonym_and_concept_id_find_the_canonical(searcher):
    assert set(ids(searcher.search("MTX"))) == {"ra-mtx", "ra-old"}
    assert set(ids(searcher.search("DRG0001"))) == {"ra-mtx", "ra-old"}


def test_title_matches_rank_above_body_matches(searcher):
    result = searcher.search("流感")
    assert ids(result)[0] == "flu"


def test_facet_filter_excludes_negated_mentions_by_default(searcher):
    assert ids(searcher.search("", Filters(concepts=(("symptom", "复视"),)))) == ["ms-stem"]
    negated_too = Filters(concepts=(("symptom", "重影"),), include_negated=True)
    assert ids(searcher.search("", negated_too)) == ["ms-stem", "ms-negated"]  # newest first


def test_facet_filter_combines_with_a_query(searcher):
    assert ids(searcher.search("医生", Filters(concepts=((None, "发热"),)))) == ["flu"]


def test_facet_filter_with_the_wrong_category_is_a_clear_error(searcher):
    with pytest.raises(ExportError, match=r"MA403.*'复视' is a symptom.*not a drug"):
        searcher.search("", Filters(concepts=(("drug", "复视"),)))
    with pytest.raises(ExportError, match="not a concept this index knows"):
        searcher.search("", Filters(concepts=((None, "不存在的病"),)))


def test_facet_counts_by_category_skip_negated_mentions(searcher):
    facets = searcher.search("多发性硬化").facets
    assert {v.id: v.count for v in facets["disease"]} == {"DIS0001": 2}
    assert {v.id: v.count for v in facets["symptom"]} == {"SYM0001": 1, "SYM0002": 1}
    with_negated = searcher.search("多发性硬化", Filters(include_negated=True)).facets
    assert {v.id: v.count for v in with_negated["symptom"]}["SYM0001"] == 2


def test_date_filters(searcher):
    assert set(ids(searcher.search("", Filters(since="2022")))) == {"ms-stem", "flu"}
    assert set(ids(searcher.search("", Filters(until="2020-01")))) == {"ra-old", "ms-negated"}
    assert ids(searcher.search("医生", Filters(since="2020-01-15", until="2020-01-15"))) == ["ms-negated"]
    with pytest.raises(ExportError, match="MA403"):
        searcher.search("", Filters(since="last week"))


def test_source_filter_by_name_or_domain(searcher):
    assert set(ids(searcher.search("", Filters(sources=("健康报",))))) == {"ra-old", "flu"}
    assert ids(searcher.search("", Filters(sources=("neuro.example.org",)))) == ["ms-stem"]


def test_sort_by_date_and_paging(searcher):
    result = searcher.search("医生", sort="date", limit=2)
    assert ids(result) == ["flu", "ms-negated"] and result.total == 3
    assert ids(searcher.search("医生", sort="date", limit=2, offset=2)) == ["ra-old"]


def test_highlights_are_exact_ranges_of_the_original_text(searcher, records):
    texts = {r["id"]: r["content"]["text"] for r in records}
    for query in ("甲氨蝶呤", "多发性硬化 干细胞", "MTX", "发热"):
        for hit in searcher.search(query).hits:
            text = texts[hit.id]
            assert hit.snippet.text == text[hit.snippet.start : hit.snippet.end]
            assert hit.snippet.highlights
            for start, end in hit.snippet.highlights:
                assert hit.snippet.start <= start < end <= hit.snippet.end
                assert fold(text[start:end]) in {"甲氨蝶呤", "氨甲喋呤", "多发性", "硬化", "多发性硬化", "干细胞", "发热", "mtx"}


def test_snippet_marks_render_on_one_line(searcher):
    hit = searcher.search("干细胞").hits[0]
    marked = hit.snippet.marked("<", ">")
    assert "<干细胞>" in marked and "\n" not in marked


def test_result_as_json_dict(searcher):
    result = searcher.search("甲氨蝶呤").to_dict()
    assert result["total"] == 2 and result["expression"]
    assert result["hits"][0]["id"] == "ra-mtx" and result["hits"][0]["score"] > result["hits"][1]["score"]
    assert result["facets"]["drug"] == [{"id": "DRG0001", "canonical": "甲氨蝶呤", "count": 2}]


def test_query_without_searchable_words_is_an_error(searcher):
    with pytest.raises(ExportError, match="no searchable words"):
        searcher.search("，。")
    with pytest.raises(ExportError, match="every term is excluded"):
        searcher.search("-干细胞")



def test_a_phrase_matches_across_punctuation_as_written(searcher):
    assert ids(searcher.search('"病情稳定，没有复视"')) == ["ms-negated"]
    assert ids(searcher.search('"发热、咳嗽"')) == ["flu"]
    assert ids(searcher.search('"发热 咳嗽"')) == []  # the 、 between them is a token of the text


def test_facet_filters_do_not_change_the_ranking(searcher):
    unfiltered = {hit.id: hit.score for hit in searcher.search("医生").hits}
    filtered = searcher.search("医生", Filters(concepts=((None, "发热"),)))
    assert filtered.hits and all(hit.score == unfiltered[hit.id] for hit in filtered.hits)
    num = searcher.vocabulary.resolve("发热").num
    assert filtered.expression.endswith(f'({{concepts}} : "c{num}" NOT {{filters}} : "n{num}")')
