"""``medannot eval boilerplate``: text and JSON reports on the small gold folder of tests/evaluate."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from medannot.cli.eval_boilerplate import boilerplate

from ..evaluate.test_boilerplate import gold_dir  # noqa: F401 - the shared gold-folder fixture


def test_cli_text_and_json(gold_dir: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(boilerplate, ["--gold", str(gold_dir)])
    assert result.exit_code == 0, result.output
    assert "macro over 2 pages" in result.output and "dates right: 1/1" in result.output
    result = runner.invoke(boilerplate, ["--gold", str(gold_dir), "--json"])
    report = json.loads(result.output)
    assert report["macro"]["f1"] == 1.0 and len(report["per_page"]) == 2 and report["worst"]


def test_cli_rejects_a_folder_without_gold(tmp_path: Path) -> None:
    result = CliRunner().invoke(boilerplate, ["--gold", str(tmp_path)])
    assert result.exit_code == 2 and "MA108" in result.output
