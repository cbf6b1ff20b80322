"""An index built from the bundled corpus/ (annotated end to end) and from the real seed article."""

from __future__ import annotations

from pathlib import Path

import pytest

from medannot.index import Filters, Searcher, build_index

from .articles import pipeline, write_jsonl

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "articles"
SEED = "seeds/000_c3eac87ae79e87f4.txt"


@pytest.fixture(scope="module")
def page_pipeline():
    return pipeline(raw=False)


@pytest.fixture(scope="module")
def corpus_records(page_pipeline):
    from medannot.read import iter_documents

    records = [r.to_dict() for r in page_pipeline.pipe(iter_documents([str(CORPUS)]))]
    assert not [r for r in records if "error" in r]
    return records


@pytest.fixture(scope="module")
def corpus_searcher(corpus_records, lexicon, tmp_path_factory):
    directory = tmp_path_factory.mktemp("corpus")
    build_index([write_jsonl(directory / "out.jsonl", corpus_records)], directory / "corpus.sqlite", lexicon)
    with Searcher(directory / "corpus.sqlite") as searcher:
        yield searcher


def ids(result) -> list[str]:
    return [hit.id for hit in result.hits]


def test_corpus_word_and_synonym_searches(corpus_searcher):
    assert ids(corpus_searcher.search("二甲双胍")) == ["dumps/hospital-diabetes.txt"]
    assert ids(corpus_searcher.search("乙型肝炎"))[0] == "pages/portal-hepatitis-gbk.html"  # the page mostly says 乙肝
    assert "news-002" in ids(corpus_searcher.search("流感"))


def test_corpus_symptom_facet_skips_negated_mentions(corpus_searcher, corpus_records):
    # the migraine article has 呕吐 both asserted and negated; qa-003 only negated
    assert ids(corpus_searcher.search("", Filters(concepts=(("symptom", "呕吐"),)))) == ["dumps/wechat-migraine.txt"]
    negated_too = Filters(concepts=(("symptom", "呕吐"),), include_negated=True)
    assert set(ids(corpus_searcher.search("", negated_too))) == {"dumps/wechat-migraine.txt", "qa-003"}
    vomiting = corpus_searcher.vocabulary.resolve("呕吐").id
    for include_negated, expected in ((False, 1), (True, 2)):  # both are hits of the word
        facets = corpus_searcher.search("呕吐", Filters(include_negated=include_negated)).facets
        assert {v.id: v.count for v in facets["symptom"]}[vomiting] == expected
    facets = corpus_searcher.search("乏力").facets
    asserted = sum(any(e["concept_id"] == "SYM0002" and not e["negated"] for e in r["entities"]) for r in corpus_records)
    assert {v.id: v.count for v in facets["symptom"]}["SYM0002"] == asserted


def test_corpus_dates(corpus_searcher):
    recent = ids(corpus_searcher.search("", Filters(since="2023-06")))
    assert "news-002" in recent and "dumps/hospital-diabetes.txt" not in recent
    assert "dumps/hospital-diabetes.txt" in ids(corpus_searcher.search("", Filters(since="2023-03-15", until="2023-03")))


def test_seed_article_is_found_by_word_phrase_concept_and_facet(shared_dir, page_pipeline, records, lexicon, tmp_path):
    seed = page_pipeline.annotate((shared_dir / SEED).read_text(encoding="utf-8"), id="seed").to_dict()
    db = tmp_path / "seed.sqlite"
    build_index([write_jsonl(tmp_path / "out.jsonl", [*records, seed])], db, lexicon)
    with Searcher(db) as searcher:
        both = ids(searcher.search("多发性硬化 干细胞"))
        assert set(both) == {"seed", "ms-stem"}
        assert ids(searcher.search('"共济失调"')) == ["seed"]
        assert ids(searcher.search('"间充质干细胞"'))[0] == "seed"  # said over and over there
        assert "seed" in ids(searcher.search("甲氨蝶呤"))  # the seed only says 氨甲喋呤
        assert set(ids(searcher.search("", Filters(concepts=(("symptom", "复视"),))))) == {"seed", "ms-stem"}
        assert "seed" in ids(searcher.search("干细胞", Filters(since="2021-07", until="2021-07")))
