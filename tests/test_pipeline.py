"""The Python API: annotate(), Pipeline.annotate/pipe, options, and error records."""

from __future__ import annotations

from dataclasses import replace

import pytest

import medannot
from medannot import ErrorRecord, InputError, Pipeline, Record
from medannot.read import Document, InputFailure


def test_annotate_raw_keeps_text_exactly(raw_pipeline):
    text = "  患者否认胸痛。\n\n偶有头痛，服用布洛芬后缓解。 "
    record = raw_pipeline.annotate(text)
    assert record.content.text == text
    assert record.pipeline.raw is True
    assert len(record.tokens) % 2 == 0
    for start, end in record.token_spans():
        assert text[start:end].strip() == text[start:end] != ""
    for entity in record.entities:
        assert text[entity.start : entity.end] == entity.text


def test_module_level_annotate_reuses_a_pipeline():
    first = medannot.annotate("没有发热，偶有头痛。", raw=True)
    second = medannot.annotate("没有发热，偶有头痛。", raw=True)
    assert isinstance(first, Record)
    assert [(e.text, e.negated) for e in first.entities] == [("发热", True), ("头痛", False)]
    assert first.to_dict() == second.to_dict()


def test_annotate_takes_exactly_one_of_text_and_html(pipeline):
    with pytest.raises(TypeError):
        pipeline.annotate("a", html="<p>b</p>")
    with pytest.raises(TypeError):
        pipeline.annotate()


def test_empty_text_is_an_input_error(pipeline):
    with pytest.raises(InputError) as caught:
        pipeline.annotate("   \n")
    assert caught.value.code == "MA101"


def test_html_annotation_finds_title_and_content(pipeline):
    html = (
        "<html><head><title>胃炎的日常调理_健康网</title></head><body>"
        "<div><a href='/'>首页</a> <a href='/x'>资讯</a></div>"
        "<article><h1>胃炎的日常调理</h1><p>慢性胃炎患者常有上腹痛、反酸和腹胀，饮食要规律，少吃辛辣刺激的食物。</p>"
        "<p>如果出现黑便或者呕血，应及时到医院做胃镜检查，明确有没有胃溃疡。</p></article></body></html>"
    )
    record = pipeline.annotate(html=html, url="https://example.org/a")
    assert record.meta.title == "胃炎的日常调理"
    assert record.content.text.startswith("慢性胃炎患者")
    assert "首页" not in record.content.text
    assert record.source.url == "https://example.org/a" and record.source.format == "html"
    labels = {e.text: e.label for e in record.entities}
    assert labels.get("慢性胃炎") == "disease" and labels.get("反酸") == "symptom"
    assert any(e.label == "exam" and e.text.startswith("胃镜") for e in record.entities)


def test_pipe_yields_one_record_per_document_in_order(pipeline):
    documents = [
        Document(id="a", format="text", text="咳嗽三天。"),
        InputFailure(id="b", error=InputError("MA105", what="b.pdf", ext=".pdf", expected=".txt")),
        Document(id="c", format="text", data="头痛。".encode("gb18030")),
        Document(id="d", format="text", data=b""),
    ]
    records = list(pipeline.pipe(documents))
    assert [r.id for r in records] == ["a", "b", "c", "d"]
    assert isinstance(records[0], Record) and isinstance(records[2], Record)
    assert records[2].source.encoding == "gb18030" and records[2].content.text == "头痛。"
    assert isinstance(records[1], ErrorRecord) and records[1].error["code"] == "MA105"
    assert isinstance(records[3], ErrorRecord) and records[3].error["code"] == "MA101"


def test_pipeline_info_identifies_the_lexicon(pipeline):
    info = pipeline.info
    assert info.segmenter == "rjieba"
    assert info.lexicon["name"] == "medannot-core"
    assert len(info.lexicon["sha256"]) == 64 and info.lexicon["concepts"] > 1000


def test_user_lexicon_adds_overrides_and_disables(tmp_path):
    user = tmp_path / "user.yaml"
    user.write_text(
        "format: medannot-concepts/1\ncategory: drug\nconcepts:\n"
        "  - {id: X0001, canonical: 康复灵胶囊}\n",
        encoding="utf-8",
    )
    pipeline = Pipeline(raw=True, lexicons=[user])
    record = pipeline.annotate("服用康复灵胶囊后仍头痛。")
    assert [(e.text, e.concept_id) for e in record.entities if e.label == "drug"] == [("康复灵胶囊", "X0001")]
    assert pipeline.info.lexicon["sources"] == [str(user)]


def test_traditional_text_is_tagged_like_its_simplified_twin(raw_pipeline):
    traditional = "患者沒有發燒，偶有頭痛，嚴重影響睡眠。醫生處方阿昔洛韋。病人表現為發燒、頭痛、疲倦。"
    simplified = "患者没有发烧，偶有头痛，严重影响睡眠。医生处方阿昔洛韦。病人表现为发烧、头痛、疲倦。"
    record, twin = raw_pipeline.annotate(traditional), raw_pipeline.annotate(simplified)
    assert record.content.text == traditional and record.tokens == twin.tokens
    assert [(e.text, e.canonical, e.negated) for e in record.entities][:3] == [
        ("發燒", "发热", True),  # 沒有 is the cue 没有
        ("頭痛", "头痛", False),
        ("阿昔洛韋", "阿昔洛韦", False),  # no 重影 (复视) inside 嚴重影響
    ]
    for entity in record.entities:
        assert traditional[entity.start : entity.end] == entity.text
    for entity, simplified_entity in zip(record.entities, twin.entities, strict=True):
        assert replace(entity, text="") == replace(simplified_entity, text="")  # offsets, concept, flags, cues
    assert record.lists and record.lists == twin.lists  # 表現為 is the list cue 表现为
