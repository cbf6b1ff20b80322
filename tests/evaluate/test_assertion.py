"""CMDD dialogues: gold mentions from BIO labels, status agreement over found mentions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from medannot.errors import InputError
from medannot.evaluate.assertion import read_cmdd, score_dialogues

DIALOGUE = {
    "example-id": "t1",
    "dialogue-content": [
        {"speaker": "医生", "sentence": "有没有发烧？", "label": "OOOBIO", "normalized": ["发热"], "type": ["2"]},
        {"speaker": "患者", "sentence": "没有，就是咳嗽", "label": "OOOOOBI", "normalized": ["咳嗽"], "type": ["1"]},
        {"speaker": "患者", "sentence": "还有点喘", "label": "OOOB", "normalized": ["喘息"], "type": ["1"]},
        {"speaker": "医生", "sentence": "可能是肺炎", "label": "OOOBI", "normalized": ["肺炎"], "type": ["3", "3"]},
    ],
}


@pytest.fixture(scope="module")
def small_pipeline():
    from medannot import Pipeline

    return Pipeline(raw=True, builtin_lexicon=False, lexicons=[Path(__file__).resolve().parents[1] / "tag" / "lexicon.yaml"])


@pytest.fixture()
def gold(tmp_path: Path) -> Path:
    folder = tmp_path / "dev"
    folder.mkdir()
    (folder / "dev_0.json").write_text(json.dumps(DIALOGUE, ensure_ascii=False), encoding="utf-8")
    return folder


def test_read_cmdd_turns_mentions_and_skips(gold):
    [dialogue] = read_cmdd(gold)
    assert dialogue.text == "有没有发烧？\n没有，就是咳嗽\n还有点喘\n可能是肺炎"
    assert [(dialogue.text[m.start : m.end], m.status, m.speaker) for m in dialogue.mentions] == [
        ("发烧", "absent", "医生"),
        ("咳嗽", "present", "患者"),
        ("喘", "present", "患者"),
    ]
    assert dialogue.skipped == 1  # two statuses for one labelled mention


def test_scores_found_mentions_with_and_without_dialogue(gold, small_pipeline):
    annotate = lambda text: small_pipeline.annotate(text).entities  # noqa: E731
    with_dialogue = score_dialogues(read_cmdd(gold), annotate)
    assert (with_dialogue.gold, with_dialogue.found, with_dialogue.agree) == (3, 2, 2)  # 喘 is not in the lexicon
    assert with_dialogue.by_speaker == {"医生": [1, 1, 1], "患者": [2, 1, 1]}
    sentence_only = score_dialogues(read_cmdd(gold), annotate, resolve=False, keep_disagreements=5)
    assert sentence_only.agree == 1 and sentence_only.confusion[("absent", "uncertain")] == 1
    assert sentence_only.disagreements[0][2] == "医生: 有没有[发烧]？"


def test_bad_files_are_input_errors(tmp_path: Path):
    with pytest.raises(InputError):
        list(read_cmdd(tmp_path))
    bad = tmp_path / "x.json"
    bad.write_text('{"dialogue-content": [{"speaker": "医生"}]}', encoding="utf-8")
    with pytest.raises(InputError) as raised:
        list(read_cmdd(bad))
    assert raised.value.code == "MA107"
