"""Records validate against the shipped JSON Schema and serialise to one line of JSON."""

from __future__ import annotations

import json

import jsonschema
import orjson
import pytest

from medannot.read import Document
from medannot.record import SCHEMA_PATH, json_schema, to_json


@pytest.fixture(scope="module")
def validator():
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_schema_file_ships_inside_the_package():
    assert SCHEMA_PATH.is_file()
    assert json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))["title"].startswith("medannot record")


def test_records_and_error_records_validate(pipeline, validator):
    record = pipeline.annotate("①发热；②咳嗽。患者没有胸痛，可能是肺炎。参考文献\n[1] 张三. 标题[J]. 杂志, 2020, 1(2): 3-4.", id="x")
    error = pipeline.annotate_document(Document(id="bad", format="text", data=b"\x00\x01\x02binary"))
    for item in (record, error):
        data = orjson.loads(to_json(item))
        validator.validate(data)
        assert data["schema_version"] == 1
    assert "\n" not in to_json(record).decode()


def test_schema_rejects_a_broken_record(pipeline, validator):
    data = pipeline.annotate("头痛。", id="x").to_dict()
    data["entities"] = [{"start": 0}]
    assert not validator.is_valid(data)


def test_seed_record_validates(pipeline, seed_text, validator):
    validator.validate(pipeline.annotate(seed_text, id="seed").to_dict())
