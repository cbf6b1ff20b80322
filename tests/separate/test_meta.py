"""Byline fields, meta lines, titles, and the choice of the publish date among a page's dates."""

from __future__ import annotations

import pytest

from medannot.separate.meta import choose_published, clean_title, is_headline_of, is_meta_line, parse_meta
from medannot.separate.model import Block


@pytest.mark.parametrize(
    ("line", "fields"),
    [
        ("来源:博雅", {"source_name": "博雅"}),
        ("来源：[ 健康报 ]", {"source_name": "健康报"}),
        ("作者：李医生", {"author": "李医生"}),
        ("作者：心内科 张明 | 阅读 12", {"author": "张明", "views": 12}),
        ("访问量: 0", {"views": 0}),
        ("阅读(1,660)", {"views": 1660}),
        ("日期: 2021.07.09", {"published": "2021-07-09"}),
        ("发表于 2021年7月9日 10:20", {"published": "2021-07-09T10:20"}),
        (
            "作者:小王 阅读(12) 评论(3) 发表于:2021-07-09 10:20",
            {"author": "小王", "views": 12, "other": "3", "published": "2021-07-09T10:20"},
        ),
        ("某某网 |发布: 2021-1-9 13:18|点击: 313|来自: 互联网", {"published": "2021-01-09T13:18", "views": 313, "source_name": "互联网"}),
        ("责任编辑：张三", {"other": "张三"}),
        ("更新时间：2021-07-10", {"updated": "2021-07-10"}),
    ],
)
def test_byline_fields(line: str, fields: dict) -> None:
    assert parse_meta(line) == fields


def test_labels_need_a_boundary_and_a_value() -> None:
    assert parse_meta("中文：你好") == {}  # 文 is a label only at a boundary
    assert parse_meta("时间：下午两点") == {}  # a date label without a date
    assert parse_meta("来源：" + "很长" * 60) == {}  # prose, not a byline


@pytest.mark.parametrize(
    ("line", "meta"),
    [
        ("2021-07-09 10:20:33", True),
        ("www.example.com 2021年07月09日 11:21 《健康周刊》", True),
        ("2021-07-09 阅读1024次", True),
        ("2021年7月9日，医院召开了年度健康教育工作会议，会上表彰了一批优秀的科普工作者。", False),
        ("（2021年7月9日－10日，北京国际会议中心）", False),
        ("饮食原则", False),
        ("张明 主任医师", True),
    ],
)
def test_meta_lines(line: str, meta: bool) -> None:
    assert is_meta_line(line) is meta


def test_clean_title() -> None:
    assert clean_title("最新发表| 标题文字") == "标题文字"
    assert clean_title("标题文字") == "标题文字"


@pytest.mark.parametrize(
    ("line", "title", "headline"),
    [
        ("高血压的自我管理", "高血压的自我管理-健康科普-某某医院", True),
        ("高血压的自我管理", "某某论坛 » 高血压的自我管理", True),
        ("[原创]高血压的自我管理", "养生论坛-[原创]高血压的自我管理[某某社区]", True),
        ("高血压的自我管理", "高血压的自我管理", False),  # nothing around it
        ("受体阻滞剂", "β-受体阻滞剂的用法与注意事项", False),  # a shorter part than the rest
        ("健康科普", "高血压的自我管理-健康科普-某某医院", False),  # a column name, not the headline
        ("高血压的自我", "高血压的自我管理-某某医院", False),  # not between separators
    ],
)
def test_headline_inside_a_page_title(line: str, title: str, headline: bool) -> None:
    assert is_headline_of(line, title) is headline


def _blocks(*texts: str) -> list[Block]:
    return [Block(t, 1.0 if t.startswith("link:") else 0.0) for t in texts]


def test_byline_date_next_to_the_title_wins() -> None:
    blocks = _blocks("今天是2021年1月1日", "标题", "2021-07-09 10:20", "正文", "(2021-08-01 12:00)")
    assert choose_published(blocks, {3}, 1, ["2020-01-01"]) == "2021-07-09T10:20"


def test_labelled_date_wins_inside_the_byline_area() -> None:
    blocks = _blocks("标题", "更新：2021-08-01", "发布时间：2021-07-09", "正文")
    assert choose_published(blocks, {3}, 0, []) == "2021-07-09"


def test_date_above_the_title_then_markup_then_below() -> None:
    assert choose_published(_blocks("2021-07-09", "标题", "正文"), {2}, 1, ["2020-01-01"]) == "2021-07-09"
    assert choose_published(_blocks("标题", "正文", "发表于 2021-07-09"), {1}, 0, ["2020-01-01"]) == "2020-01-01"
    assert choose_published(_blocks("标题", "正文", "评论 2021-08-01", "发表于 2021-07-09"), {1}, 0, []) == "2021-07-09"


def test_dates_in_link_lists_and_prose_are_not_candidates() -> None:
    blocks = _blocks("link:其他文章（2021-07-09）", "标题", "正文提到2020年5月1日的会议。")
    assert choose_published(blocks, {2}, 1, []) is None
