"""Choosing the article among scored blocks: the best run, DOM widening, section cuts."""

from __future__ import annotations

from medannot.separate.body import CHROME_SCORE, Decision, best_run, choose_body, is_link_dense, score_block
from medannot.separate.model import Block, Container

PROSE = "这是一段足够长的正文内容，包含标点符号，用来代表文章里的一个自然段落。"


def test_best_run_is_the_maximum_sum_span() -> None:
    assert best_run([-1, 2, 3, -10, 4]) == (1, 3, 5.0)
    assert best_run([-1, -2]) == (0, 0, 0.0)
    assert best_run([2, -1, 2]) == (0, 3, 3.0)


def test_scores() -> None:
    assert score_block(Block(PROSE), None, False) > 2
    assert score_block(Block("关于我们"), None, False) < 0
    assert score_block(Block(PROSE), "hotline", False) == CHROME_SCORE
    assert score_block(Block(PROSE), None, True) < score_block(Block(PROSE), None, False)
    assert is_link_dense(Block("其他文章标题", 0.4)) and not is_link_dense(Block(PROSE * 2, 0.4))


def _decisions(blocks: list[Block]) -> list[Decision]:
    return [Decision(None, "", score_block(b, None, False)) for b in blocks]


def test_widening_takes_short_lines_of_the_articles_element() -> None:
    blocks = [Block("网站导航"), Block("上午 开幕式"), Block("下午 分组讨论"), Block("晚上 欢迎晚宴"), Block(PROSE), Block(PROSE)]
    blocks += [Block("附表 名单"), Block("友情链接", 1.0), Block("备案号")]
    decisions = _decisions(blocks)
    containers = [Container(1, 5, 2), Container(0, 8, 1)]
    assert choose_body(blocks, decisions, range(9), None) == {4, 5}
    # the element around the text brings its short lines in, and what follows it up to the link list
    assert choose_body(blocks, decisions, range(9), containers) == {1, 2, 3, 4, 5, 6}


def test_a_section_heading_past_the_middle_ends_the_article() -> None:
    blocks = [Block(PROSE), Block(PROSE), Block("网友评论"), Block(PROSE)]
    decisions = _decisions(blocks)
    decisions[2] = Decision("comments", "网友评论", -0.5, section=True)
    assert choose_body(blocks, decisions, range(4), None) == {0, 1}
    assert decisions[3].kind == "comments"


def test_a_section_heading_before_the_middle_only_removes_itself() -> None:
    blocks = [Block(PROSE), Block("相关阅读"), Block(PROSE), Block(PROSE)]
    decisions = _decisions(blocks)
    decisions[1] = Decision("related", "相关阅读", -0.5, section=True)
    assert choose_body(blocks, decisions, range(4), None) == {0, 2, 3}
