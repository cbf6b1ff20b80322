"""``medannot eval ner`` on a small gold file with a small user lexicon."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from medannot.cli import main

LEXICON = Path(__file__).resolve().parents[1] / "tag" / "lexicon.yaml"


def test_eval_ner_prints_per_label_scores_and_json(tmp_path: Path):
    gold = tmp_path / "gold.json"
    items = [
        {"text": "患者头痛，服用阿司匹林。", "mention_data": [{"mention": "头痛", "type": "symptom", "offset": "2"}, {"mention": "阿司匹林", "type": "drug", "offset": "7"}]},
        {"text": "偶有咳嗽。", "mention_data": [{"mention": "偶有", "type": "feature", "offset": "0"}]},
    ]
    gold.write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in items), encoding="utf-8")
    args = ["eval", "ner", "--gold", str(gold), "--format", "cmedqaner", "--no-builtin-lexicon", "--lexicon", str(LEXICON)]
    result = CliRunner().invoke(main, args + ["--errors", "5"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "2 documents, 3 gold mentions" in result.output and "unannotated" in result.output
    payload = json.loads(CliRunner().invoke(main, args + ["--json"]).output)
    assert payload["labels"]["drug"]["exact"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert payload["labels"]["symptom"]["exact"]["precision"] == 0.5  # 咳嗽 is not annotated
    mapped = json.loads(CliRunner().invoke(main, args + ["--json", "--map", "feature=symptom"]).output)
    assert mapped["labels"]["symptom"]["gold"] == 2


def test_eval_ner_interchangeable_labels_are_announced(tmp_path: Path):
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({"text": "发烧了", "mention_data": [{"mention": "发烧", "type": "disease", "offset": "0"}]}, ensure_ascii=False), encoding="utf-8")
    args = ["eval", "ner", "--gold", str(gold), "--format", "cmedqaner", "--no-builtin-lexicon", "--lexicon", str(LEXICON)]
    strict = CliRunner().invoke(main, args, catch_exceptions=False)
    assert "not the strict figures" not in strict.output
    lenient = CliRunner().invoke(main, args + ["--interchangeable", "symptom,disease"], catch_exceptions=False)
    assert "interchangeable labels (not the strict figures): symptom,disease" in lenient.output
    payload = json.loads(CliRunner().invoke(main, args + ["--json", "--interchangeable", "symptom,disease"]).output)
    assert payload["interchangeable"] == [["symptom", "disease"]] and payload["labels"]["disease"]["exact"]["recall"] == 1.0
    bad = CliRunner().invoke(main, args + ["--interchangeable", "symptom"])
    assert bad.exit_code == 2 and "two or more labels" in bad.output


def test_eval_ner_rejects_a_bad_map(tmp_path: Path):
    gold = tmp_path / "gold.json"
    gold.write_text('{"text": "头痛", "mention_data": []}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "ner", "--gold", str(gold), "--format", "cmedqaner", "--map", "nonsense"])
    assert result.exit_code == 2 and "GOLD=OURS" in result.output
