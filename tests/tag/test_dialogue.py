"""Questions in a dialogue take the status their answers give."""

from __future__ import annotations


import pytest

from medannot.tag.dialogue import Turn, answer, default_dialogue_rules, load_dialogue_rules, resolve_dialogue, status


def run(pipeline, turns: list[tuple[str, str]]) -> dict[tuple[int, str], str]:
    """(turn index, entity text) -> status after dialogue resolution."""
    text = "\n".join(sentence for _, sentence in turns)
    spans, offset = [], 0
    for speaker, sentence in turns:
        spans.append(Turn(speaker, offset, offset + len(sentence)))
        offset += len(sentence) + 1
    entities = pipeline.annotate(text).entities
    resolve_dialogue(text, spans, entities)
    index = lambda e: next(i for i, t in enumerate(spans) if t.start <= e.start < t.end)  # noqa: E731
    return {(index(e), e.text): status(e) for e in entities}


@pytest.mark.parametrize(
    ("reply", "expected"),
    [("没有", "absent"), ("嗯，没有的", "absent"), ("有点", "present"), ("嗯", "present"), ("好的", "uncertain"), ("昨天去的医院", "uncertain")],
)
def test_a_yes_or_no_answer_settles_the_question(small_pipeline, reply, expected):
    found = run(small_pipeline, [("医生", "宝宝有没有发烧？"), ("患者", reply)])
    assert found[(0, "发烧")] == expected


def test_an_answer_that_names_the_finding_counts(small_pipeline):
    found = run(small_pipeline, [("医生", "发烧吗？"), ("患者", "现在不发烧，就是咳嗽")])
    assert found == {(0, "发烧"): "absent", (1, "发烧"): "absent", (1, "咳嗽"): "present"}


def test_a_reply_that_had_the_finding_says_yes(small_pipeline):
    found = run(small_pipeline, [("医生", "还发烧吗？"), ("患者", "上午不发烧，夜里又发烧了")])
    assert found[(0, "发烧")] == "present"


def test_a_mention_in_a_later_reply_beats_a_bare_yes(small_pipeline):
    found = run(small_pipeline, [("医生", "呕吐吗？"), ("患者", "是的"), ("患者", "不呕吐")])
    assert found[(0, "呕吐")] == "absent"


@pytest.mark.parametrize("first", ["嗯嗯", "昨天去的医院"])
def test_a_later_explicit_no_beats_a_bare_acknowledgement(small_pipeline, first):
    found = run(small_pipeline, [("医生", "发烧吗？"), ("患者", first), ("患者", "没有")])
    assert found[(0, "发烧")] == "absent"


def test_a_conditional_mention_in_the_reply_settles_nothing(small_pipeline):
    found = run(small_pipeline, [("医生", "头晕吗？"), ("患者", "如果头晕怎么办")])
    assert found[(0, "头晕")] == "uncertain"


def test_a_reply_that_asks_back_is_no_answer(small_pipeline):
    found = run(small_pipeline, [("医生", "头晕吗？"), ("患者", "会不会是贫血？"), ("患者", "没有")])
    assert found[(0, "头晕")] == "absent"


@pytest.mark.parametrize("question", ["咳嗽，发烧不", "咳嗽，发烧有吗？", "咳嗽，发烧有没有"])
def test_questions_after_the_finding_are_answered(small_pipeline, question):
    found = run(small_pipeline, [("医生", question), ("患者", "没有")])
    assert found[(0, "咳嗽")] == "absent" and found[(0, "发烧")] == "absent"


def test_an_embedded_question_asks_nobody(small_pipeline):
    found = run(small_pipeline, [("医生", "建议去医院检查是否有肺炎"), ("患者", "嗯，好的")])
    assert found[(0, "肺炎")] == "uncertain"


def test_a_question_asks_about_the_clauses_before_it(small_pipeline):
    found = run(small_pipeline, [("医生", "有恶心，呕吐吗？"), ("患者", "没有")])
    assert found == {(0, "恶心"): "absent", (0, "呕吐"): "absent"}


def test_a_question_about_a_property_takes_the_finding_as_given(small_pipeline):
    found = run(small_pipeline, [("医生", "咳嗽厉害吗？"), ("患者", "不厉害")])
    assert found == {(0, "咳嗽"): "present"}


def test_unanswered_questions_use_what_the_dialogue_said(small_pipeline):
    found = run(small_pipeline, [("患者", "孩子咳嗽两天了"), ("医生", "咳嗽吗？"), ("医生", "多大了")])
    assert found[(1, "咳嗽")] == "present"
    found = run(small_pipeline, [("医生", "头晕吗？"), ("医生", "多大了")])
    assert found[(0, "头晕")] == "uncertain"


def test_a_clinicians_unreported_diagnosis_is_tentative(small_pipeline):
    found = run(small_pipeline, [("患者", "孩子咳嗽"), ("医生", "这是肺炎")])
    assert found[(1, "肺炎")] == "uncertain"
    found = run(small_pipeline, [("患者", "孩子得了肺炎"), ("医生", "肺炎要输液")])
    assert found[(1, "肺炎")] == "present"


def test_a_negated_condition_asserts_nothing(small_pipeline):
    found = run(small_pipeline, [("医生", "如果没有肺炎，可以吃药观察"), ("医生", "现在没有咳嗽")])
    assert found == {(0, "肺炎"): "uncertain", (1, "咳嗽"): "absent"}


@pytest.mark.parametrize(
    ("reply", "expected"),
    [("没有吃药", "uncertain"), ("不想喝奶", "uncertain"), ("不烧了", "absent"), ("有点烧", "present"), ("烧了", "present"), ("没有噢", "absent")],
)
def test_a_yes_or_no_stands_alone_or_echoes_the_finding(small_pipeline, reply, expected):
    found = run(small_pipeline, [("医生", "发烧吗？"), ("患者", reply)])
    assert found[(0, "发烧")] == expected


def test_a_bare_finding_with_a_question_mark_is_asked(small_pipeline):
    found = run(small_pipeline, [("医生", "发烧？"), ("患者", "没有")])
    assert found[(0, "发烧")] == "absent"


def test_findings_asked_along_and_left_open_are_uncertain(small_pipeline):
    found = run(small_pipeline, [("医生", "咳嗽，发烧不"), ("医生", "多大了")])
    assert found == {(0, "咳嗽"): "uncertain", (0, "发烧"): "uncertain"}


def test_a_clinicians_hedged_finding_takes_the_patients_status(small_pipeline):
    found = run(small_pipeline, [("患者", "孩子咳嗽两天了"), ("医生", "如果有咳嗽，可以吃药")])
    assert found[(1, "咳嗽")] == "present"
    found = run(small_pipeline, [("患者", "孩子咳嗽两天了"), ("医生", "感冒也可能出现呕吐")])
    assert found[(1, "呕吐")] == "uncertain"  # the patient said nothing about it
    found = run(small_pipeline, [("患者", "孩子没有发烧"), ("医生", "如果发烧要吃药")])
    assert found[(1, "发烧")] == "absent"
    found = run(small_pipeline, [("患者", "昨天发烧"), ("患者", "今天不发烧了"), ("医生", "不发烧就不用吃药")])
    assert found[(2, "发烧")] == "present"  # present at any time in the dialogue
    found = run(small_pipeline, [("患者", "孩子得了肺炎"), ("医生", "如果是肺炎要输液")])
    assert found[(1, "肺炎")] == "uncertain"  # diseases are diagnoses: the patient's word does not settle them


def test_answer_reads_fillers_then_yes_or_no():
    rules = default_dialogue_rules()
    assert answer("嗯，不知道", rules) is None and answer("还没量过", rules) is None
    assert answer("嗯嗯，没有", rules) == ("absent", "没有")
    assert answer("对的", rules) == ("present", "对的")
    assert answer("好的", rules) is None
    assert answer("没有吃药", rules, "发烧") is None and answer("不烧了", rules, "发烧") == ("absent", "不")
    assert answer("吐了", rules, "呕吐") == ("present", "吐")


def test_rules_file_is_validated(refused):
    text = "format: medannot-dialogue/1\nquestion_cues: [吗]\nnegative_answers: []\npositive_answers: [有]\nfillers: [嗯]\n"
    refused(load_dialogue_rules, text, 1, "negative_answers")
