"""Elasticsearch documents, _bulk NDJSON and the index template."""

from __future__ import annotations

import io

import orjson
import pytest

from medannot.export.es import SEGMENTED_ANALYZER, bulk_lines, es_document, index_template, write_bulk
from medannot.record import token_pairs

# Field types and top-level keys an index template may use (Elasticsearch 8 / OpenSearch 2).
_TYPES = {"keyword", "text", "integer", "long", "boolean", "date", "nested", "object", "float"}
_TEMPLATE_KEYS = {"index_patterns", "template", "priority", "version", "_meta", "composed_of", "data_stream"}
_BUILTIN_ANALYZERS = {"standard", "simple", "whitespace", "keyword", "cjk", "ik_max_word", "smartcn"}


def check_mapping(properties: dict, analyzers: set[str], path: str = "") -> None:
    for name, spec in properties.items():
        where = f"{path}{name}"
        kind = spec.get("type", "object")
        assert kind in _TYPES, where
        if kind in ("nested", "object"):
            assert isinstance(spec["properties"], dict) and spec["properties"], where
            check_mapping(spec["properties"], analyzers, f"{where}.")
        if "analyzer" in spec:
            assert kind == "text" and spec["analyzer"] in analyzers, where
        for sub in spec.get("fields", {}).values():
            assert sub["type"] in _TYPES


def test_template_is_a_valid_composable_index_template():
    template = index_template("medannot", text_analyzer="ik_max_word")
    assert set(template) <= _TEMPLATE_KEYS
    assert template["index_patterns"] == ["medannot", "medannot-*"]
    settings, mappings = template["template"]["settings"], template["template"]["mappings"]
    defined = set(settings["analysis"]["analyzer"])
    assert settings["analysis"]["analyzer"][SEGMENTED_ANALYZER]["tokenizer"] == "whitespace"
    check_mapping(mappings["properties"], defined | _BUILTIN_ANALYZERS)
    properties = mappings["properties"]
    assert properties["text_segmented"]["analyzer"] == SEGMENTED_ANALYZER
    assert properties["text"]["analyzer"] == "ik_max_word"
    assert properties["entities"]["type"] == "nested"
    assert {p["type"] for p in properties["entities"]["properties"].values()} == {"integer", "keyword", "boolean"}
    assert properties["published"]["type"] == "date"
    orjson.loads(orjson.dumps(template))  # plain JSON all the way down


def test_document_fields_follow_the_mapping(records):
    properties = index_template("x")["template"]["mappings"]["properties"]
    for record in records:
        document = es_document(record)
        assert set(document) <= set(properties)
        for entity in document["entities"]:
            assert set(entity) <= set(properties["entities"]["properties"])
            assert document["text"][entity["start"] : entity["end"]] == entity["text"]


def test_segmented_text_is_the_record_tokens(records):
    record = next(r for r in records if r["id"] == "ms-stem")
    document = es_document(record)
    text = record["content"]["text"]
    assert document["text_segmented"].split(" ") == [text[s:e] for s, e in token_pairs(record["tokens"])]
    assert document["concepts"] == ["DIS0001", "DRG0006", "SYM0001", "SYM0002", "TRT0001"]


def test_negated_concepts_are_not_listed_as_asserted(records):
    tricky = es_document(next(r for r in records if r["id"] == "tricky/1"))
    assert tricky["concepts"] == ["SYM0003", "SYM0004"]
    assert [e["negated"] for e in tricky["entities"]] == [False, False, True]


def test_bulk_file_is_valid_ndjson_in_action_document_pairs(records, records_file):
    out = io.BytesIO()
    tally = write_bulk([records_file], out, "medannot")
    assert tally.records == len(records) and not tally.bad_lines
    data = out.getvalue()
    assert data.endswith(b"\n")
    lines = [orjson.loads(line) for line in data.splitlines()]
    assert len(lines) == 2 * len(records)
    for action, document, record in zip(lines[::2], lines[1::2], records):
        assert action == {"index": {"_index": "medannot", "_id": record["id"]}}
        assert document == es_document(record)


def test_bulk_lines_are_accepted_by_the_official_helpers(records):
    helpers = pytest.importorskip("elasticsearch.helpers")
    action, document = (orjson.loads(line) for line in bulk_lines(records[0], "medannot").splitlines())
    helper_action = {"_op_type": "index", "_index": "medannot", "_id": records[0]["id"], "_source": document}
    assert helpers.expand_action(helper_action) == (action, document)
