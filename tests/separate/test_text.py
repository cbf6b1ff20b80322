"""Separating text dumps: every boilerplate kind, structure kept in the content, nothing lost."""

from __future__ import annotations

import pytest

from medannot.separate import as_content, separate_text

# A page dump written for these tests: site chrome around a short health article.
DUMP = """登录
联系电话:
400-123-4567
首页 > 健康科普 > 糖尿病
最新发表| 糖尿病患者的日常饮食管理

糖尿病患者的日常饮食管理
来源:健康时报
发布时间: 2022年3月5日 09:30
阅读: 1,024
广告
糖尿病是一种常见的慢性代谢性疾病，长期血糖控制不佳会损害心脏、肾脏和眼睛等多个器官，因此饮食管理非常重要。
合理的饮食可以帮助患者平稳控制血糖，减少并发症的发生，也能降低药物剂量，提高生活质量[1]。
饮食原则
患者在日常生活中应注意以下几点：
① 定时定量进餐，避免暴饮暴食，每餐七八分饱即可。
② 多吃富含膳食纤维的蔬菜，适量摄入优质蛋白质。
③ 限制高糖、高脂食物，少喝含糖饮料。
diet.jpg
图片来自文献[2]
此外，规律运动和按时监测血糖同样重要，患者应在医生指导下调整治疗方案，不要自行停药或者更改剂量[2]。
在线咨询
扫码添加医生微信，免费获取饮食方案
分享到：微信 微博
版权声明
未经本网书面授权，任何单位和个人不得转载、复制本网内容，违者必究。
参考文献
[1] Wang L, Li H. Dietary management of type 2 diabetes. Chin J Diabetes. 2020;12(3):45-50. doi:10.1234/cjd.2020.0345
[2] 张三, 李四. 糖尿病运动疗法研究进展[J]. 中华内科杂志, 2019, 58(4): 300-305.
相关文章
上一篇：高血压患者如何选择降压药
网友评论
# re: 很有帮助
版权所有 © 2022 某健康网 京ICP备12345678号
TOP
"""


@pytest.fixture(scope="module")
def separated():
    return separate_text(DUMP)


def _kind(separated, fragment: str) -> str:
    kinds = {b.kind for b in separated.boilerplate if fragment in b.text}
    assert len(kinds) == 1, (fragment, kinds)
    return kinds.pop()


def test_content_is_exactly_the_article(separated) -> None:
    text = separated.content
    assert text.startswith("糖尿病是一种常见的慢性代谢性疾病")
    assert text.endswith("不要自行停药或者更改剂量[2]。")
    for chrome in ("400-123-4567", "在线咨询", "diet.jpg", "分享到", "参考文献", "网友评论", "来源", "广告"):
        assert chrome not in text


@pytest.mark.parametrize(
    ("fragment", "kind"),
    [
        ("登录", "nav"),
        ("首页 > 健康科普", "nav"),
        ("400-123-4567", "hotline"),
        ("联系电话", "hotline"),
        ("广告", "ad"),
        ("来源:健康时报", "meta"),
        ("发布时间", "meta"),
        ("diet.jpg", "image"),
        ("图片来自文献[2]", "caption"),
        ("在线咨询", "cta"),
        ("扫码添加医生微信", "cta"),
        ("分享到", "share"),
        ("未经本网书面授权", "footer"),
        ("相关文章", "related"),
        ("上一篇", "related"),
        ("网友评论", "comments"),
        ("# re:", "comments"),
        ("京ICP备", "footer"),
        ("TOP", "footer"),
        ("参考文献", "references"),
    ],
)
def test_each_boilerplate_kind(separated, fragment: str, kind: str) -> None:
    assert _kind(separated, fragment) == kind


def test_title_line_and_repeated_title(separated) -> None:
    assert separated.meta.title == "糖尿病患者的日常饮食管理"
    assert "title" in {b.kind for b in separated.boilerplate}


def test_metadata(separated) -> None:
    meta = separated.meta
    assert meta.source_name == "健康时报"
    assert meta.published == "2022-03-05T09:30"
    assert meta.views == 1024
    assert meta.phones == ["400-123-4567"]


def test_caption_is_linked_to_its_reference(separated) -> None:
    (caption,) = [b for b in separated.boilerplate if b.kind == "caption"]
    assert caption.reference == 2
    assert separated.references[1].number == 2


def test_references_are_parsed(separated) -> None:
    first, second = separated.references
    assert first.doi == "10.1234/cjd.2020.0345" and first.year == 2020
    assert second.authors == ["张三", "李四"] and second.journal == "中华内科杂志"
    assert (second.volume, second.issue, second.pages) == ("58", "4", "300-305")


def test_structure_is_kept(separated) -> None:
    text = separated.content
    kinds = [(p.kind, text[p.start : p.end]) for p in separated.paragraphs]
    assert ("heading", "饮食原则") in kinds
    items = [t for k, t in kinds if k == "list_item"]
    assert [t[0] for t in items] == ["①", "②", "③"]
    assert all(text[p.start : p.end] in text.split("\n") for p in separated.paragraphs)


def test_nothing_is_lost(separated) -> None:
    lines = [line.strip() for line in DUMP.splitlines() if line.strip()]
    kept = separated.content.split("\n") + [b.text for b in separated.boilerplate]
    assert sorted(kept) == sorted(lines)
    positions = [b.position for b in separated.boilerplate]
    assert positions == sorted(positions)
    assert all(lines[b.position] == b.text for b in separated.boilerplate)


def test_prose_mentioning_a_cue_stays_content() -> None:
    prose = "患者如有疑问，可以到医院的在线咨询平台留言提问，也可以在工作日拨打医院门诊电话，医生会根据具体病情给出建议并安排复诊时间。"
    assert len(prose) > 60  # longer than the cta rule's max_len: a sentence, not a button
    assert separate_text(f"首页\n{prose}\n").content == prose


def test_no_article_means_empty_content_and_everything_kept() -> None:
    separated = separate_text("首页\n登录\n在线咨询\n")
    assert separated.content == ""
    assert [b.text for b in separated.boilerplate] == ["首页", "登录", "在线咨询"]


def test_a_short_note_is_its_own_content() -> None:
    separated = separate_text("多喝水。\n")
    assert separated.content == "多喝水。" and not separated.boilerplate


def test_raw_keeps_the_text_exactly() -> None:
    text = "  第一段。\n\n① 第二段\n"
    separated = as_content(text)
    assert separated.content == text
    assert [(text[p.start : p.end], p.kind) for p in separated.paragraphs] == [("第一段。", "paragraph"), ("① 第二段", "list_item")]


def test_a_one_line_question_without_punctuation_is_content():
    separated = separate_text("头痛怎么办")
    assert separated.content == "头痛怎么办"


# A Q&A page dump written for these tests: the site name and a breadcrumb above the question title,
# then the question and the answer cards.
QA_DUMP = """某某问医生
首页 > 健康问答 > 神经内科
经常偏头痛，需要做脑部CT吗？
问题描述：男，35岁，最近两个月经常一侧头痛，一跳一跳地疼，休息后能缓解，需要去医院做脑部CT吗？
提问时间：2023-06-01 09:12
医生回答（1）
最佳回答
张明 主任医师
某某市人民医院 神经内科
您好，根据您的描述，比较像偏头痛。偏头痛多为一侧搏动性头痛，常和劳累、睡眠不足有关，一般不需要马上做CT。
如果头痛越来越重，或者伴有呕吐、肢体无力、说话不清，要及时到医院就诊，必要时做头颅影像检查。
回答时间：2023-06-01 10:30
"""


def test_a_question_title_below_the_breadcrumb_is_the_title() -> None:
    separated = separate_text(QA_DUMP)
    assert separated.meta.title == "经常偏头痛，需要做脑部CT吗？"
    assert separated.content.startswith("问题描述：男，35岁")
    assert {b.text: b.kind for b in separated.boilerplate}["经常偏头痛，需要做脑部CT吗？"] == "title"


@pytest.mark.parametrize("card", ["医生回答（1）", "最佳回答", "张明 主任医师", "某某市人民医院 神经内科"])
def test_answer_cards_are_bylines(card: str) -> None:
    separated = separate_text(QA_DUMP)
    assert card not in separated.content
    assert _kind(separated, card) == "meta"
    assert separated.content.endswith("必要时做头颅影像检查。")


def test_a_title_line_right_above_the_body_still_wins() -> None:
    separated = separate_text("某某问医生\n首页 > 健康问答 > 神经内科\n偏头痛的防治\n" + QA_DUMP.split("\n", 2)[2])
    assert separated.meta.title == "偏头痛的防治"
    assert "经常偏头痛，需要做脑部CT吗？" in separated.content


PROSE = "骨质疏松是一种全身性骨骼疾病，骨量减少、骨组织微结构破坏，轻微的外力就可能导致骨折，需要及早筛查。"


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("义诊现场，医生为市民测量骨密度", "caption"),
        ("哪些人容易骨质疏松", None),  # a heading under the image
        ("检查前要注意：", None),  # a lead-in
        ("专家提醒，老年人要注意防跌倒。", None),  # a sentence
    ],
)
def test_a_phrase_under_an_image_is_its_caption(line: str, kind: str | None) -> None:
    separated = separate_text(f"{PROSE}\nclinic.jpg\n{line}\n{PROSE.replace('骨折', '骨痛')}\n")
    kinds = {b.text: b.kind for b in separated.boilerplate}
    assert kinds.get(line) == kind
    assert (line in separated.content) is (kind is None)
