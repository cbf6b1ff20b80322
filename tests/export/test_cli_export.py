"""``medannot export es|labelstudio|doccano|brat`` from the command line."""

from __future__ import annotations

import orjson
from click.testing import CliRunner

from medannot.cli import main


def test_es_writes_bulk_and_template(records, records_file, tmp_path):
    result = CliRunner().invoke(
        main, ["export", "es", str(records_file), "-o", str(tmp_path / "b.ndjson"), "--template", str(tmp_path / "t.json"), "--index", "x"]
    )
    assert result.exit_code == 0, result.output
    lines = (tmp_path / "b.ndjson").read_bytes().splitlines()
    assert len(lines) == 2 * len(records) and orjson.loads(lines[0])["index"]["_index"] == "x"
    assert orjson.loads((tmp_path / "t.json").read_bytes())["index_patterns"] == ["x", "x-*"]


def test_labelstudio_writes_a_json_array_and_config(records, records_file, tmp_path):
    out = tmp_path / "tasks.json"
    result = CliRunner().invoke(main, ["export", "labelstudio", str(records_file), "-o", str(out), "--config", str(tmp_path / "c.xml"), "--offsets", "utf16"])
    assert result.exit_code == 0, result.output
    tasks = orjson.loads(out.read_bytes())
    assert [t["data"]["id"] for t in tasks] == [r["id"] for r in records]
    assert "<Labels" in (tmp_path / "c.xml").read_text(encoding="utf-8")


def test_labelstudio_with_no_records_is_an_empty_array(tmp_path):
    empty = tmp_path / "e.jsonl"
    empty.write_bytes(b'{"id": "x", "error": {"code": "MA101", "message": "empty"}}\n')
    result = CliRunner().invoke(main, ["export", "labelstudio", str(empty), "-o", str(tmp_path / "t.json")])
    assert result.exit_code == 0 and orjson.loads((tmp_path / "t.json").read_bytes()) == []
    assert "1 error records skipped" in result.output


def test_doccano_and_brat(records, records_file, tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["export", "doccano", str(records_file), "-o", str(tmp_path / "d.jsonl")])
    assert result.exit_code == 0, result.output
    assert len((tmp_path / "d.jsonl").read_bytes().splitlines()) == len(records)

    result = runner.invoke(main, ["export", "brat", str(records_file), "-o", str(tmp_path / "brat")])
    assert result.exit_code == 0, result.output
    brat = tmp_path / "brat"
    assert (brat / "annotation.conf").is_file()
    names = dict(line.split("\t") for line in (brat / "records.tsv").read_text(encoding="utf-8").splitlines())
    assert names["tricky_1"] == "tricky/1"
    assert (brat / "tricky_1.txt").read_text(encoding="utf-8") == next(r for r in records if r["id"] == "tricky/1")["content"]["text"]


def test_unusable_lines_exit_1_and_keep_the_output_whole(records_file, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b"not json\n" + records_file.read_bytes())
    result = CliRunner().invoke(main, ["export", "doccano", str(bad), "-o", str(tmp_path / "d.jsonl")])
    assert result.exit_code == 1 and f"{bad}:1" in result.output
    assert (tmp_path / "d.jsonl").is_file()
    missing = CliRunner().invoke(main, ["export", "doccano", str(tmp_path / "none.jsonl"), "-o", str(tmp_path / "x.jsonl")])
    assert missing.exit_code == 2 and "MA401" in missing.output and not (tmp_path / "x.jsonl").exists()
