"""ConText-style assertion: negation, uncertainty, hypothetical, adverse events, cue per flag."""

from __future__ import annotations

from pathlib import Path

import pytest

from medannot.tag import assert_entities, load_assertion_rules
from medannot.tag.assertion import AssertionRules, CueRule, load_rule_file


def flags(pipeline, text: str, *, tokens: bool = True) -> dict[str, dict[str, str]]:
    """entity text -> {flag: cue}, asserting with token alignment unless ``tokens=False``."""
    record = pipeline.annotate(text)
    for entity in record.entities:
        entity.cues.clear()
        entity.negated = entity.uncertain = entity.hypothetical = False
        entity.adverse_event = entity.label == "adverse_event"
    assert_entities(text, record.entities, pipeline.assertion_rules, record.token_spans() if tokens else None)
    return {e.text: dict(e.cues) for e in record.entities}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("患者没有发热。", {"发热": {"negated": "没有"}}),
        ("否认高血压。", {"高血压": {"negated": "否认"}}),
        ("不伴头痛。", {"头痛": {"negated": "不伴"}}),
        ("乙肝阴性。", {"乙肝": {"negated": "阴性"}}),
        ("未见皮疹。", {"皮疹": {"negated": "未见"}}),  # the longer cue wins over 未
        ("头痛消失了。", {"头痛": {"negated": "消失"}}),
        ("疑似肺炎。", {"肺炎": {"uncertain": "疑似"}}),
        ("考虑肺炎。", {"肺炎": {"uncertain": "考虑"}}),
        ("肺炎待排。", {"肺炎": {"uncertain": "待排"}}),
        ("不除外肺炎。", {"肺炎": {"uncertain": "不除外"}}),
        ("有没有发烧？", {"发烧": {"uncertain": "有没有"}}),
        ("发烧吗？", {"发烧": {"uncertain": "吗"}}),
        ("宝宝发不发烧？", {"发烧": {"uncertain": "不"}}),  # A-not-A asks; it does not negate
        ("头痛不头痛？", {"头痛": {"uncertain": "不"}}),
        ("现在不头痛。", {"头痛": {"negated": "不"}}),
        ("如果出现头痛，应及时就医。", {"头痛": {"hypothetical": "如果出现"}}),
        ("一旦发热要就医。", {"发热": {"hypothetical": "一旦"}}),
        ("服药预防肺炎。", {"肺炎": {"hypothetical": "预防"}}),
        ("头痛好了。", {"头痛": {"negated": "好了"}}),  # a finding that is over
        ("发热？", {"发热": {"uncertain": "？"}}),  # a bare finding asked
        ("头晕是什么时候开始的？", {"头晕": {}}),  # asking when takes the finding as given
        ("如果呕吐次数增多，请就医。", {"呕吐": {}}),  # its course: presupposed
    ],
)
def test_cues_set_flags_and_record_themselves(small_pipeline, text, expected):
    assert flags(small_pipeline, text) == expected


def test_pseudo_cues_do_not_assert(small_pipeline):
    assert flags(small_pipeline, "无明显诱因出现头痛。") == {"头痛": {}}
    assert flags(small_pipeline, "病因不详，伴有头晕。") == {"头晕": {}}
    assert flags(small_pipeline, "头痛没有好转。") == {"头痛": {}}
    assert flags(small_pipeline, "吃药也没改善呕吐。") == {"呕吐": {}}
    assert flags(small_pipeline, "还没几天又发热。") == {"发热": {}}


@pytest.mark.parametrize("tokens", [True, False])
def test_not_expecting_a_finding_and_no_evidence_for_a_claim_assert_nothing(small_pipeline, tokens):
    # 没想到 ("did not expect"): the finding is there; 没有证据表明 speaks of a claim, not its terms
    assert flags(small_pipeline, "他根本没想到自己得了肺炎。", tokens=tokens) == {"肺炎": {}}
    assert flags(small_pipeline, "谁也没有意识到那是高血压。", tokens=tokens) == {"高血压": {}}
    expected = {"甲氨蝶呤": {}, "肺炎": {}}
    assert flags(small_pipeline, "目前没有证据表明甲氨蝶呤与肺炎有关。", tokens=tokens) == expected
    assert flags(small_pipeline, "尚无证据显示甲氨蝶呤与肺炎有关。", tokens=tokens) == expected
    # "if not" refers back to what was said
    assert flags(small_pipeline, "如果没有的话服用阿司匹林。", tokens=tokens) == {"阿司匹林": {"hypothetical": "如果"}}
    assert flags(small_pipeline, "没有发热。", tokens=tokens) == {"发热": {"negated": "没有"}}  # the cue itself still negates


def test_scope_is_carried_along_an_enumeration(small_pipeline):
    found = flags(small_pipeline, "无发热、咳嗽、恶心、呕吐及皮疹。")
    assert all(f == {"negated": "无"} for f in found.values()) and len(found) == 5
    found = flags(small_pipeline, "乙肝、丙肝阴性。")
    assert found == {"乙肝": {"negated": "阴性"}, "丙肝": {"negated": "阴性"}}


def test_terminators_and_clause_ends_stop_scope(small_pipeline):
    assert flags(small_pipeline, "没有发热，但有咳嗽。") == {"发热": {"negated": "没有"}, "咳嗽": {}}
    assert flags(small_pipeline, "无发热但头痛。") == {"发热": {"negated": "无"}, "头痛": {}}
    assert flags(small_pipeline, "没有发烧了就是腹泻。") == {"发烧": {"negated": "没有"}, "腹泻": {}}
    assert flags(small_pipeline, "没有发热。咳嗽。") == {"发热": {"negated": "没有"}, "咳嗽": {}}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the cue negates inside a relative clause and the noun it modifies, not the rest of the clause
        ("没有高血压的老人也要按时服用阿司匹林。", {"高血压": {"negated": "没有"}, "阿司匹林": {}}),
        ("未出现皮疹的人群同样会有低热。", {"皮疹": {"negated": "未出现"}, "低热": {}}),
        ("没有明显的头痛。", {"头痛": {"negated": "没有"}}),
        ("无明显的、持续的咳嗽和发热。", {"咳嗽": {"negated": "无"}, "发热": {"negated": "无"}}),
        ("未见明显的异常皮疹。", {"皮疹": {"negated": "未见"}}),  # a modifier of the noun is part of it
        ("发热的症状消失了。", {"发热": {"negated": "消失"}}),  # backward cues are not held by an attribute
    ],
)
def test_a_cue_before_an_attributive_phrase_reaches_only_the_noun_it_modifies(small_pipeline, text, expected):
    assert flags(small_pipeline, text) == expected


def test_an_introducing_cue_sets_its_flag_on_the_enumeration_after_its_colon(small_pipeline):
    found = flags(small_pipeline, "出现下列情况要及时就医：发热三天以上；头痛、呕吐。咳嗽可以先观察。")
    assert found == {
        "发热": {"hypothetical": "下列情况"},
        "头痛": {"hypothetical": "下列情况"},
        "呕吐": {"hypothetical": "下列情况"},
        "咳嗽": {},  # the next sentence
    }
    text = "如有以下情况，应尽快就医：\n皮疹出现在眼睛附近；\n\n头痛剧烈，影响睡眠。\n复视"
    assert flags(small_pipeline, text) == {"皮疹": {"hypothetical": "如有以下"}, "头痛": {"hypothetical": "如有以下"}, "复视": {}}
    # the items' own clauses still count: the course of a finding takes it as given
    assert flags(small_pipeline, "出现以下情况请就医：头痛加重；呕吐。") == {"头痛": {}, "呕吐": {"hypothetical": "以下情况"}}


def test_a_paragraph_after_a_colon_ending_its_line_is_no_enumeration(small_pipeline):
    assert flags(small_pipeline, "出现以下情况时，最好到医院检查：\n发热是常见症状，头痛也是。") == {"发热": {}, "头痛": {}}
    # a colon beyond the cue's scope, or in a later sentence, introduces nothing
    assert flags(small_pipeline, "以下情况。请就医：发热。") == {"发热": {}}


def test_scope_is_limited_in_characters(small_pipeline):
    far = "无" + "一" * 11 + "头痛。"  # 无 reaches 10 characters
    assert flags(small_pipeline, far, tokens=False) == {"头痛": {}}


def test_a_cue_inside_an_entity_is_part_of_its_name(small_pipeline):
    assert flags(small_pipeline, "无菌性脑膜炎。") == {"无菌性脑膜炎": {}}
    assert flags(small_pipeline, "无力、头晕。") == {"无力": {}, "头晕": {}}


def test_token_alignment_keeps_cues_whole_words(small_pipeline):
    # 未 inside 未来 is no cue when cues must align to tokens; without tokens a pseudo-cue rule does it.
    assert flags(small_pipeline, "未来会头痛。") == {"头痛": {}}
    assert flags(small_pipeline, "未来会头痛。", tokens=False) == {"头痛": {}}


def test_adverse_events_with_their_cue(small_pipeline):
    found = flags(small_pipeline, "仅有数人出现头痛、短暂的低烧、背痛的不良反应。")
    for term in ("头痛", "低烧", "背痛"):
        assert found[term] == {"adverse_event": "不良反应"}, term
    found = flags(small_pipeline, "常见副作用有恶心、呕吐。")
    assert found["恶心"] == found["呕吐"] == {"adverse_event": "副作用"}
    assert flags(small_pipeline, "没有发生严重的副作用。") == {"副作用": {"negated": "没有"}}


def test_rule_labels_restrict_a_rule(small_pipeline):
    found = flags(small_pipeline, "阿司匹林的不良反应。")
    assert found == {"阿司匹林": {}, "不良反应": {}}


def test_assert_entities_with_no_entities_is_a_no_op():
    assert_entities("没有。", [], load_assertion_rules())


def test_rule_files_are_validated_with_file_and_line(tmp_path: Path, refused):
    good = tmp_path / "good.yaml"
    good.write_text(
        "format: medannot-assertion/1\nterminators: [但]\nenumerators: [、]\nrules:\n"
        "  - {cue: 没有, flag: negated}\n  - {cue: 待排, flag: uncertain, direction: backward, scope: 4, labels: [disease]}\n",
        encoding="utf-8",
    )
    rules = load_rule_file(good)
    assert rules == AssertionRules(
        (CueRule("没有", "negated"), CueRule("待排", "uncertain", "backward", 4, frozenset({"disease"}))),
        ("但",),
        ("、",),
        rules.clause_ends,
    )
    for line, problem in [
        ("  - {cue: 没有, flag: denied}", "flag"),
        ("  - {cue: 没有, flag: negated, direction: up}", "direction"),
        ("  - {cue: 没有, flag: negated, scope: -1}", "scope"),
        ("  - {cue: 没有, flag: negated, noun_phrase: many}", "noun_phrase"),
        ("  - {cue: 以下情况, flag: hypothetical, direction: backward, introduces: true}", "introducing"),
        ("  - {cue: 不, flag: uncertain, echo: yes please}", "echo"),
        ("  - {cue: 没有, flag: negated, colour: red}", "unknown"),
        ("  - {cue: ' 没有', flag: negated}", "spaces"),
    ]:
        refused(load_rule_file, f"format: medannot-assertion/1\nrules:\n{line}\n", 3, problem)


def test_packaged_rules_load():
    rules = load_assertion_rules()
    assert {r.flag for r in rules.rules} == {"negated", "uncertain", "hypothetical", "adverse_event", "presupposed", "pseudo"}
    assert "但" in rules.terminators and "、" in rules.enumerators


def test_presupposition_clears_hypothetical_and_final_cues(small_pipeline):
    assert flags(small_pipeline, "如果咳嗽加重，请就医。") == {"咳嗽": {}}
    assert flags(small_pipeline, "如果出现咳嗽，请就医。") == {"咳嗽": {"hypothetical": "如果出现"}}
    assert flags(small_pipeline, "发烧不？") == {"发烧": {"uncertain": "不"}}
    assert flags(small_pipeline, "发烧不严重。") == {"发烧": {}}  # 不 does not end the clause
    assert flags(small_pipeline, "鼻塞没有。") == {"鼻塞": {"negated": "没有"}}


def test_a_continuation_carries_the_clause_on(small_pipeline):
    assert flags(small_pipeline, "如果头痛，或者伴有发热，请就医。") == {"头痛": {"hypothetical": "如果"}, "发热": {"hypothetical": "如果"}}
    assert flags(small_pipeline, "没有发热，咳嗽。") == {"发热": {"negated": "没有"}, "咳嗽": {}}


def test_places_take_no_assertion_flags(pipeline):
    record = pipeline.annotate("否认脊髓损伤和头部外伤。", id="x")
    labels = {e.text: (e.label, e.negated) for e in record.entities}
    assert labels["头部"] == ("anatomy", False)
    assert labels["脊髓损伤"] == ("disease", True) and labels["外伤"] == ("disease", True)
