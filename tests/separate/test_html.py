"""Separating HTML pages: DOM evidence (hints, link density, containers), head metadata, hostile markup."""

from __future__ import annotations

import time

import pytest

from medannot.separate import separate_html
from medannot.separate.html import MAX_OPEN_ELEMENTS, bound_markup

PARA = "高血压是最常见的慢性病之一，长期血压升高会增加心脑血管疾病的风险，需要规律服药并定期复查血压。"

PAGE = f"""<!DOCTYPE html>
<html><head>
<meta charset="utf-8"><title>高血压的自我管理 - 某某健康网</title>
<meta property="article:published_time" content="2020-01-02T03:04:05+08:00">
<script>var x = "不是正文";</script><style>.a{{color:red}}</style>
</head><body>
<div class="top-nav"><ul><li><a href="/">首页</a></li><li><a href="/a">疾病百科</a></li><li><a href="/b">名医在线</a></li></ul></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/c">心血管</a></div>
<div id="main"><div class="article">
  <h1>高血压的自我管理</h1>
  <div class="info">来源：某某日报　作者：王医生　2021-03-04 08:15</div>
  <p>{PARA}</p>
  <h2>生活方式</h2>
  <p>{PARA.replace("高血压", "血压偏高")}</p>
  <ul><li>限制食盐</li><li>戒烟限酒</li><li>规律运动</li></ul>
  <table><tr><td>收缩压</td><td>舒张压</td></tr><tr><td>140</td><td>90</td></tr></table>
  <p>{PARA.replace("慢性病", "疾病")}</p>
  <figure><img src="bp.png" alt="血压计"><figcaption>图1 家用电子血压计</figcaption></figure>
  <div class="share-bar"><a href="#">微信</a><a href="#">微博</a></div>
  <div class="ad-box">名医特惠，限时体检套餐五折起</div>
  <div class="comments"><h3>读者留言</h3><p>写得很好，我父亲也有高血压，每天都在家里量血压并记录下来。</p></div>
</div>
<div class="sidebar"><h3>热门文章</h3><p><a href="/x">糖尿病的早期信号有哪些，一文读懂</a></p></div>
</div>
<div class="footer">某某健康网 版权所有 京ICP备00000000号</div>
</body></html>"""


@pytest.fixture(scope="module")
def separated():
    return separate_html(PAGE)


def _kinds(separated, fragment: str) -> set[str]:
    return {b.kind for b in separated.boilerplate if fragment in b.text}


def test_content_is_the_article_with_its_structure(separated) -> None:
    text = separated.content
    assert text.startswith(PARA)
    assert text.count("需要规律服药") == 3
    kinds = {text[p.start : p.end]: p.kind for p in separated.paragraphs}
    assert kinds["生活方式"] == "heading"
    assert kinds["限制食盐"] == kinds["戒烟限酒"] == "list_item"
    assert "收缩压 舒张压" in text  # a table row is one block, its cells kept apart
    for chrome in ("首页", "不是正文", "微信", "名医特惠", "读者留言", "糖尿病的早期信号", "版权所有", "血压计"):
        assert chrome not in text


@pytest.mark.parametrize(
    ("fragment", "kind"),
    [
        ("疾病百科", "nav"),
        ("当前位置", "nav"),
        ("来源：某某日报", "meta"),
        ("图1 家用电子血压计", "caption"),
        ("微信", "share"),
        ("名医特惠", "ad"),
        ("读者留言", "comments"),
        ("我父亲也有高血压", "comments"),
        ("糖尿病的早期信号", "related"),
        ("京ICP备", "footer"),
        ("高血压的自我管理", "title"),
    ],
)
def test_dom_kinds(separated, fragment: str, kind: str) -> None:
    assert kind in _kinds(separated, fragment)


def test_metadata_from_head_and_byline(separated) -> None:
    meta = separated.meta
    assert meta.title == "高血压的自我管理"
    assert meta.source_name == "某某日报"
    assert meta.author == "王医生"
    assert meta.published == "2021-03-04T08:15"  # the date the page shows wins over <meta>


def test_site_parts_joined_by_bare_hyphens_leave_the_title() -> None:
    page = PAGE.replace("高血压的自我管理 - 某某健康网", "高血压的自我管理-健康科普-某某医院")
    assert separate_html(page).meta.title == "高血压的自我管理"
    untitled = page.replace("<h1>高血压的自我管理</h1>", "")  # no headline on the page tells where to cut
    assert separate_html(untitled).meta.title == "高血压的自我管理-健康科普-某某医院"


def test_head_date_when_the_page_shows_none() -> None:
    page = PAGE.replace("2021-03-04 08:15", "")
    assert separate_html(page).meta.published == "2020-01-02T03:04:05"


def test_a_page_named_like_chrome_still_has_its_article() -> None:
    page = '<html><body><div class="sidebar-layout">' + f"<p>{PARA}</p>" * 3 + "</div></body></html>"
    assert separate_html(page).content.count(PARA) == 3


def test_lead_paragraph_across_an_ad_is_kept() -> None:
    links = "".join(f'<a href="/{n}">推荐文章第{n}篇</a> ' for n in range(6))
    page = f"<html><body><div><p>{PARA}</p><div>{links}</div>" + f"<p>{PARA}</p>" * 4 + "</div></body></html>"
    separated = separate_html(page)
    assert separated.content.count(PARA) == 5
    assert _kinds(separated, "推荐文章第0篇") <= {"nav", "related"}


def test_bound_markup_caps_open_elements() -> None:
    deep = "<div>" * 20_000 + "正文" + "</div>" * 20_000
    bounded = bound_markup(deep)
    assert bounded.count("<div>") == MAX_OPEN_ELEMENTS
    assert "正文" in bounded
    assert bound_markup(PAGE) == PAGE  # ordinary pages are untouched


@pytest.mark.parametrize(
    "hostile",
    [
        "<html><body>" + "<div>" * 100_000 + f"<p>{PARA}</p>" + "</div>" * 100_000,  # deep nesting
        "<div><p><b><i><a href=x>文字，" * 20_000,  # unclosed formatting elements
        "<p>" + "很长的一行文字，" * 600_000,  # ~5 million characters on one line
        '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><p>&b;&b;&b;' + "&amp;" * 100_000,
        "<table><tr><td>" * 5_000 + "<<<>>><p</p><!-- <div",
    ],
    ids=["deep", "formatting", "one-line", "entities", "broken"],
)
def test_hostile_markup_gives_a_result_in_bounded_time(hostile: str) -> None:
    started = time.perf_counter()
    separated = separate_html(hostile)
    assert time.perf_counter() - started < 20  # a generous bound: the quadratic cases took minutes
    assert isinstance(separated.content, str)
    assert "&b;" not in separated.content or "aaaaaaaaaa" not in separated.content  # no entity expansion
