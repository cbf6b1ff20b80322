"""Gold NER readers and span scoring, exact and overlap, per label."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from medannot.errors import InputError
from medannot.evaluate.ner import GoldDocument, GoldStats, read_gold, score


def write_lines(path: Path, items: list[dict]) -> Path:
    path.write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in items) + "\n", encoding="utf-8")
    return path


def test_cmedqaner_maps_types_and_skips_misaligned_mentions(tmp_path):
    gold = write_lines(
        tmp_path / "dev.json",
        [
            {
                "text": "头痛三天，查血常规",
                "mention_data": [
                    {"mention": "头痛", "type": "symptom", "offset": "0"},
                    {"mention": "血常规", "type": "test", "offset": "6"},
                    {"mention": "三天", "type": "time", "offset": "2"},
                    {"mention": "头痛", "type": "symptom", "offset": "5"},  # points elsewhere
                ],
            }
        ],
    )
    stats = GoldStats()
    [doc] = read_gold(gold, "cmedqaner", stats)
    assert doc.spans == [(0, 2, "symptom"), (6, 9, "exam")]
    assert doc.unscored == [(2, 4, "time")]
    assert (stats.documents, stats.mentions, stats.misaligned, dict(stats.unmapped)) == (1, 4, 1, {"time": 1})


def test_cmeee_array_with_inclusive_or_exclusive_ends(tmp_path):
    gold = tmp_path / "cmeee.json"
    gold.write_text(
        json.dumps(
            [
                {"text": "患者咳嗽", "entities": [{"start_idx": 2, "end_idx": 3, "type": "sym", "entity": "咳嗽"}]},
                {"text": "服用布洛芬", "entities": [{"start_idx": 2, "end_idx": 5, "type": "dru", "entity": "布洛芬"}]},
            ],
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    assert [d.spans for d in read_gold(gold, "cmeee")] == [[(2, 4, "symptom")], [(2, 5, "drug")]]


def test_spans_format_and_bad_json(tmp_path):
    gold = write_lines(tmp_path / "s.jsonl", [{"text": "发热", "entities": [{"start": 0, "end": 2, "label": "symptom"}, [0, 2, "disease"]]}])
    assert next(read_gold(gold, "spans")).spans == [(0, 2, "symptom"), (0, 2, "disease")]
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x"}\n{oops\n', encoding="utf-8")
    with pytest.raises(InputError) as raised:
        list(read_gold(bad, "spans"))
    assert raised.value.code == "MA106" and f"{bad}:2" in str(raised.value)


def test_exact_and_overlap_scores_per_label_with_reasons():
    docs = [
        GoldDocument("小腹隐隐作痛伴发热，服布洛芬", [(0, 6, "symptom"), (7, 9, "symptom"), (11, 14, "drug")], [(0, 2, "body")]),
    ]
    predicted = [(2, 6, "symptom"), (7, 9, "symptom"), (11, 14, "drug"), (9, 10, "symptom"), (0, 2, "anatomy")]
    report = score(docs, lambda text: predicted, keep_errors=10)
    symptom, drug = report.labels["symptom"], report.labels["drug"]
    assert (symptom.gold, symptom.predicted, symptom.exact) == (2, 3, 1)
    assert symptom.exact_prf() == {"precision": 0.3333, "recall": 0.5, "f1": 0.4}
    assert symptom.overlap_prf()["precision"] == pytest.approx(0.6667) and symptom.overlap_prf()["recall"] == 1.0
    assert dict(symptom.false_positives) == {"boundary": 1, "unannotated": 1}
    assert drug.exact_prf()["f1"] == 1.0
    assert "anatomy" not in report.labels  # the gold never uses it: not scored
    assert report.micro.exact == 2 and report.micro.predicted == 4
    assert ("symptom", "boundary", "小腹[隐隐作痛]伴发热，服布洛芬") in report.false_positives
    assert report.to_dict()["labels"]["symptom"]["false_positives"] == {"boundary": 1, "unannotated": 1}


def test_interchangeable_labels_count_a_span_under_either():
    docs = [GoldDocument("发烧三天，咳嗽，肺炎", [(0, 2, "disease"), (5, 7, "symptom"), (8, 10, "disease")])]
    predicted = [(0, 2, "symptom"), (5, 7, "symptom"), (8, 10, "disease")]
    strict = score(docs, lambda text: predicted)
    assert strict.labels["symptom"].exact_prf()["precision"] == 0.5 and strict.labels["disease"].exact_prf()["recall"] == 0.5
    assert dict(strict.labels["symptom"].false_positives) == {"other_type": 1}
    lenient = score(docs, lambda text: predicted, interchangeable=[("symptom", "disease")])
    symptom, disease = lenient.labels["symptom"], lenient.labels["disease"]
    assert symptom.exact_prf() == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert disease.exact_prf() == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert not symptom.false_positives
    with pytest.raises(ValueError):
        score(docs, lambda text: predicted, interchangeable=[("symptom", "disease"), ("disease", "drug")])
