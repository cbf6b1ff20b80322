"""``medannot index build`` and ``medannot search`` from the command line."""

from __future__ import annotations

import orjson
from click.testing import CliRunner

from medannot.cli import main

from .articles import LEXICON


def build(runner: CliRunner, records_file, db) -> None:
    result = runner.invoke(main, ["index", "build", str(records_file), "--db", str(db), "--no-builtin-lexicon", "--lexicon", str(LEXICON)])
    assert result.exit_code == 0, result.output
    return result


def test_build_then_search_as_json(records_file, tmp_path):
    runner = CliRunner()
    db = tmp_path / "c.sqlite"
    first = build(runner, records_file, db)
    assert "5 added, 0 updated, 0 unchanged" in first.output
    assert "0 added, 0 updated, 5 unchanged" in build(runner, records_file, db).output

    result = runner.invoke(main, ["search", "甲氨蝶呤", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    data = orjson.loads(result.output)
    assert [hit["id"] for hit in data["hits"]] == ["ra-mtx", "ra-old"]
    snippet = data["hits"][1]["snippet"]
    assert [snippet["text"][s - snippet["start"] : e - snippet["start"]] for s, e in snippet["highlights"]] == ["氨甲喋呤"]


def test_search_filters_and_human_output(records_file, tmp_path):
    runner = CliRunner()
    db = tmp_path / "c.sqlite"
    build(runner, records_file, db)
    result = runner.invoke(main, ["search", "多发性硬化", "--db", str(db), "--symptom", "复视", "--since", "2021-01-01"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("1 documents")
    assert "[ms-stem]" in result.output and "«复视»" in result.output and "ms-negated" not in result.output
    assert "symptom: 复视 (1)" in result.output

    listed = runner.invoke(main, ["search", "--db", str(db), "--source", "健康报", "--facets", "0", "--json"])
    assert [hit["id"] for hit in orjson.loads(listed.output)["hits"]] == ["flu", "ra-old"]


def test_search_errors_exit_2_with_the_code(records_file, tmp_path):
    runner = CliRunner()
    missing = runner.invoke(main, ["search", "x", "--db", str(tmp_path / "none.sqlite")])
    assert missing.exit_code == 2 and "MA402" in missing.output
    db = tmp_path / "c.sqlite"
    build(runner, records_file, db)
    wrong = runner.invoke(main, ["search", "--db", str(db), "--drug", "复视"])
    assert wrong.exit_code == 2 and "is a symptom" in wrong.output


def test_build_reports_unusable_lines_and_exits_1(records_file, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(records_file.read_bytes() + b"{oops\n")
    result = CliRunner().invoke(main, ["index", "build", str(bad), "--db", str(tmp_path / "c.sqlite"), "--no-builtin-lexicon"])
    assert result.exit_code == 1
    assert "5 added" in result.output and f"[MA401] {bad}:6" in result.output
