"""Building and updating the index: upserts by id, skipped lines, the stored vocabulary."""

from __future__ import annotations

import copy
import sqlite3

import orjson
import pytest

from medannot.errors import ExportError
from medannot.index import Searcher, build_index

from .articles import ARTICLES, annotated, write_jsonl


def test_rebuild_upserts_by_id_and_skips_unchanged_records(records, lexicon, tmp_path):
    db = tmp_path / "i.sqlite"
    first = build_index([write_jsonl(tmp_path / "a.jsonl", records)], db, lexicon)
    assert (first.added, first.updated, first.unchanged) == (5, 0, 0)

    changed = copy.deepcopy(records)
    flu = next(r for r in changed if r["id"] == "flu")
    flu["meta"]["title"] = "冬季流感预防"
    extra = annotated([{"id": "new", "title": "新文章", "published": "2024-01-01", "text": "偏头痛发作时可以服用布洛芬。"}])
    second = build_index([write_jsonl(tmp_path / "b.jsonl", changed + extra)], db, lexicon)
    assert (second.added, second.updated, second.unchanged) == (1, 1, 4)

    with Searcher(db) as searcher:
        assert searcher.search("冬季").hits[0].id == "flu"
        assert searcher.search("季节").hits[0].id == "flu"  # the body is still indexed once
        assert searcher.search("布洛芬").hits[0].id == "new"
        assert searcher.search("").total == 6
    connection = sqlite3.connect(db)
    assert connection.execute("SELECT count(*) FROM fts").fetchone()[0] == 6
    assert connection.execute("SELECT count(*) FROM docs WHERE id = 'flu'").fetchone()[0] == 1


def test_updated_record_replaces_its_mentions(records, lexicon, tmp_path):
    db = tmp_path / "i.sqlite"
    build_index([write_jsonl(tmp_path / "a.jsonl", records)], db, lexicon)
    rewritten = annotated([{**ARTICLES[4], "text": "流感季节出现头晕要休息。"}])
    build_index([write_jsonl(tmp_path / "b.jsonl", rewritten)], db, lexicon)
    with Searcher(db) as searcher:
        assert searcher.search("咳嗽").total == 0
        facets = searcher.search("流感").facets
        assert [v.id for v in facets["symptom"]] == ["SYM0006"]


def test_error_records_and_bad_lines_are_counted_not_fatal(records, lexicon, tmp_path):
    broken_entity = copy.deepcopy(records[0])
    broken_entity["id"] = "broken"
    del broken_entity["entities"][0]["concept_id"]
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        orjson.dumps(records[1]) + b"\n"
        + b'{"id": "x", "error": {"code": "MA101", "message": "empty document"}}\n'
        + b"{not json\n"
        + b'{"id": "y", "content": {}}\n'
        + orjson.dumps(broken_entity) + b"\n\n"
    )
    stats = build_index([path], tmp_path / "i.sqlite", lexicon)
    assert stats.added == 1 and stats.tally.records == 1 and stats.tally.error_records == 1
    assert [item.where.rsplit(":", 1)[1] for item in stats.tally.bad_lines] == ["3", "4", "5"]
    assert all(item.reason.startswith("[MA401]") for item in stats.tally.bad_lines)
    assert "KeyError" in stats.tally.bad_lines[2].reason
    with Searcher(tmp_path / "i.sqlite") as searcher:
        assert [h.id for h in searcher.search("").hits] == [records[1]["id"]]


def test_the_index_keeps_the_lexicon_and_the_segmenter(index_db, lexicon):
    connection = sqlite3.connect(index_db)
    assert connection.execute("SELECT value FROM info WHERE key = 'segmenter'").fetchone() == ("rjieba",)
    concepts = {row[0] for row in connection.execute("SELECT id FROM concepts")}
    assert concepts == set(lexicon.concepts)  # every lexicon concept, not only those seen
    terms = dict(connection.execute("SELECT key, term FROM terms"))
    assert terms["mtx"] == "MTX" and "氨甲喋呤" in terms


def test_titles_are_segmented_and_searchable(searcher):
    assert [h.id for h in searcher.search("随访").hits] == ["ms-negated"]  # only in the title


def test_concepts_first_seen_in_records_are_numbered_after_the_existing_ones(records, lexicon, tmp_path):
    db = tmp_path / "i.sqlite"
    build_index([write_jsonl(tmp_path / "a.jsonl", records)], db, lexicon)
    record = copy.deepcopy(records[4])
    record["id"] = "extra"
    text = record["content"]["text"]
    start = text.index("休息")
    record["entities"].append(
        {**record["entities"][0], "start": start, "end": start + 2, "text": "休息", "label": "treatment",
         "canonical": "卧床休息", "concept_id": "TRT9999", "negated": False}
    )
    build_index([write_jsonl(tmp_path / "b.jsonl", [record])], db, None)
    numbers = dict(sqlite3.connect(db).execute("SELECT id, num FROM concepts"))
    assert numbers["TRT9999"] == max(numbers.values()) == len(lexicon) + 1
    with Searcher(db) as searcher:
        result = searcher.search("卧床休息")  # the canonical name, which the text never says
        assert [h.id for h in result.hits] == ["extra"]
        assert result.facets["treatment"][0].id == "TRT9999"


def test_text_is_stored_once_unless_the_body_cannot_give_it_back(records, lexicon, tmp_path):
    wide = annotated([{"id": "wide", "title": "检查", "published": "2024-02-01", "text": "头痛时做了ＣＴ检查。\n结果正常。"}])
    db = tmp_path / "i.sqlite"
    build_index([write_jsonl(tmp_path / "a.jsonl", records + wide)], db, lexicon)
    connection = sqlite3.connect(db)
    stored = dict(connection.execute("SELECT d.id, b.text FROM docs d JOIN bodies b ON b.rowid = d.rowid"))
    assert stored.pop("wide") == wide[0]["content"]["text"]  # width-folded in the body: kept as written
    assert set(stored.values()) == {None}
    with Searcher(db) as searcher:
        for query, record in (("检查", wide[0]), ("发热", next(r for r in records if "发热" in r["content"]["text"]))):
            hit = next(h for h in searcher.search(query).hits if h.id == record["id"])
            text = record["content"]["text"]
            assert hit.snippet.text == text[hit.snippet.start : hit.snippet.end]
            assert [text[s:e].lower() for s, e in hit.snippet.highlights] == [query]


def test_non_ascii_capitals_and_spaces_are_folded_for_the_tokenizer(lexicon, tmp_path):
    record = annotated([{"id": "t2", "title": "Ⅱ型糖尿病", "published": "2024-03-01", "text": "Ⅱ型糖尿病患者\u00a0需要控制血糖。"}])
    db = tmp_path / "i.sqlite"
    build_index([write_jsonl(tmp_path / "a.jsonl", record)], db, lexicon)
    with Searcher(db) as searcher:
        for query in ("ⅱ型", "Ⅱ型", "患者", '"患者 需要"'):
            hits = searcher.search(query).hits
            assert [h.id for h in hits] == ["t2"], query
        hit = searcher.search("患者").hits[0]
        assert hit.snippet.text == record[0]["content"]["text"] and hit.snippet.highlights == [(5, 7)]


def test_a_new_index_appears_only_when_complete(records, lexicon, tmp_path):
    db = tmp_path / "i.sqlite"
    good = write_jsonl(tmp_path / "a.jsonl", records)
    with pytest.raises(ExportError, match="MA401"):
        build_index([good, tmp_path / "missing.jsonl"], db, lexicon)
    assert list(tmp_path.iterdir()) == [good]  # no index, no scratch file
    build_index([good], db, lexicon)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.jsonl", "i.sqlite"]
    with pytest.raises(ExportError, match="MA401"):  # an existing index rolls back the open batch
        build_index([write_jsonl(tmp_path / "b.jsonl", annotated([{"id": "new", "text": "头痛。"}])), tmp_path / "missing.jsonl"], db, lexicon)
    with Searcher(db) as searcher:
        assert searcher.search("").total == 5


def test_a_record_given_twice_in_one_batch_keeps_its_last_version(records, lexicon, tmp_path):
    first = annotated([{"id": "twice", "title": "第一版", "published": "2024-01-01", "text": "偏头痛发作时可以服用布洛芬。"}])
    second = annotated([{"id": "twice", "title": "第二版", "published": "2024-01-02", "text": "流感高发季节要注意休息。"}])
    db = tmp_path / "i.sqlite"
    stats = build_index([write_jsonl(tmp_path / "a.jsonl", first + records[:1] + first + second)], db, lexicon)
    assert (stats.added, stats.updated, stats.unchanged) == (2, 1, 1)
    with Searcher(db) as searcher:
        assert searcher.search("布洛芬").total == 0
        assert [h.id for h in searcher.search("休息").hits] == ["twice"]
        assert searcher.search("").total == 2
    assert sqlite3.connect(db).execute("SELECT count(*) FROM fts").fetchone()[0] == 2


def test_traditional_text_is_found_by_simplified_queries_and_comes_back_as_written(lexicon, tmp_path):
    text = "頭痛和流感的治療"
    records = annotated([{"id": "hk", "title": "流感", "published": "2024-01-01", "text": text}])
    db = tmp_path / "i.sqlite"
    build_index([write_jsonl(tmp_path / "a.jsonl", records)], db, lexicon)
    with Searcher(db) as searcher:
        for query in ("治疗", "治療"):  # queries are folded the same way
            hit = searcher.search(query).hits[0]
            assert hit.id == "hk"
            assert hit.snippet.text == text[hit.snippet.start : hit.snippet.end]
            assert [hit.snippet.text[s - hit.snippet.start : e - hit.snippet.start] for s, e in hit.snippet.highlights] == ["治療"]
