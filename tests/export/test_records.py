"""Reading annotate's output back: plain and gzipped JSONL, error records, unusable lines."""

from __future__ import annotations

import gzip

import orjson
import pytest

from medannot.errors import ExportError
from medannot.export.records import Skipped, Tally, convert_records, read_records


def test_reads_plain_and_gzipped_files_in_order(records, tmp_path):
    plain = tmp_path / "a.jsonl"
    plain.write_bytes(orjson.dumps(records[0]) + b"\n")
    packed = tmp_path / "b.jsonl.gz"
    packed.write_bytes(gzip.compress(orjson.dumps(records[1]) + b"\n"))
    items = list(read_records([plain, packed]))
    assert [(line.where, line.record["id"]) for line in items] == [
        (f"{plain}:1", records[0]["id"]),
        (f"{packed}:1", records[1]["id"]),
    ]


def test_lines_keep_the_raw_json_they_were_read_from(records, tmp_path):
    path = tmp_path / "a.jsonl"
    raw = orjson.dumps(records[0])
    path.write_bytes(b"\n" + raw + b"\r\n")
    (line,) = read_records([path])
    assert line.where == f"{path}:2" and line.raw.strip() == raw and line.record == records[0]


def test_error_records_and_bad_lines_say_where_and_why(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"id": "e", "error": {"code": "MA103", "message": "undecodable"}}\n[1, 2]\n{"id": 7}\n')
    items = list(read_records([path]))
    assert all(isinstance(item, Skipped) for item in items)
    assert (items[0].error_record, items[0].id, items[0].reason) == (True, "e", "[MA103] undecodable")
    assert items[1].reason == f"[MA401] {path}:2: not an annotated record: a line must be a JSON object"
    assert items[2].reason.endswith("missing string 'id'")


def test_missing_file_and_truncated_gzip_are_coded_errors(records, tmp_path):
    with pytest.raises(ExportError, match="MA401.*no such file"):
        list(read_records([tmp_path / "none.jsonl"]))
    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(gzip.compress(orjson.dumps(records[0]) * 50)[:100])
    with pytest.raises(ExportError, match="MA401.*unreadable"):
        list(read_records([broken]))


def test_convert_records_reports_records_that_break_the_converter(records, tmp_path):
    path = tmp_path / "a.jsonl"
    bad = {**records[0], "id": "bad", "entities": [{"start": 0}]}
    path.write_bytes(orjson.dumps(records[0]) + b"\n" + orjson.dumps(bad) + b"\n")
    tally = Tally()
    converted = list(convert_records([path], lambda line: [e["label"] for e in line.record["entities"]], tally))
    assert [line.record["id"] for line, _ in converted] == [records[0]["id"]]
    assert tally.records == 1 and len(tally.bad_lines) == 1
    assert tally.bad_lines[0].id == "bad" and "KeyError" in tally.bad_lines[0].reason


def test_entities_whose_offsets_do_not_match_the_text_are_refused(records, tmp_path):
    from medannot.export.doccano import doccano_line

    stale = {**records[0], "id": "stale", "entities": [{**records[0]["entities"][0], "start": 1}]}
    path = tmp_path / "a.jsonl"
    path.write_bytes(orjson.dumps(records[0]) + b"\n" + orjson.dumps(stale) + b"\n")
    tally = Tally()
    exported = list(convert_records([path], lambda line: doccano_line(line.record), tally))
    assert len(exported) == 1 and tally.bad_lines[0].id == "stale"
    assert "does not match the content text" in tally.bad_lines[0].reason
