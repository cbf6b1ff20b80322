"""Scoring content extraction: bigram P/R/F1, dates at the gold's precision, the gold folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from medannot.evaluate.boilerplate import Extraction, bigram_score, date_matches, evaluate, load_gold, medannot_extractor

PARA = "糖尿病患者需要长期控制血糖，合理饮食和规律运动都很重要，同时应按医嘱服药并定期复查。"


def test_bigram_score() -> None:
    assert bigram_score("abc", "abc").f1 == 1.0
    assert bigram_score("a b\nc", "abc").f1 == 1.0  # whitespace does not count
    score = bigram_score("abcd", "ab")
    assert (score.precision, score.recall) == (pytest.approx(1 / 3), 1.0)
    assert bigram_score("", "abc").f1 == 0.0
    assert bigram_score("", "").f1 == 1.0


@pytest.mark.parametrize(
    ("published", "gold", "ok"),
    [
        ("2018-08-23", "2018", True),
        ("2005-05-07T21:23:57", "2005-5-7 21:23:57", True),
        ("2005-05-07T21:23", "2005-5-7 21:23:57", False),  # the gold gives seconds: they must match
        ("2005-05-07", "2005-05-07 12:30", False),
        ("2005-05-07T12:30", "2005-05-07", True),
        (None, "2005-05-07", False),
    ],
)
def test_dates_compare_at_the_gold_precision(published, gold: str, ok: bool) -> None:
    assert date_matches(published, gold) is ok


@pytest.fixture()
def gold_dir(tmp_path: Path) -> Path:
    for sub in ("original", "cleaned", "date"):
        (tmp_path / sub).mkdir()
    pages = {
        "a": (f"<html><body><div>首页</div><p>发布时间：2021-07-09</p><p>{PARA}</p><p>{PARA}</p></body></html>", PARA * 2, "2021-07-09"),
        "b": (f"<html><body><p>{PARA}</p><div>版权所有</div></body></html>", PARA, "UNKNOWN"),
    }
    for stem, (html, cleaned, date) in pages.items():
        (tmp_path / "original" / f"{stem}.html").write_bytes(html.encode("gb18030"))
        (tmp_path / "cleaned" / f"{stem}.txt").write_text(cleaned, encoding="utf-8")
        (tmp_path / "date" / f"{stem}.txt").write_text(date + "\n", encoding="utf-8")
    return tmp_path


def test_evaluate_a_gold_folder(gold_dir: Path) -> None:
    pages = load_gold(gold_dir)
    assert [p.id for p in pages] == ["a", "b"] and pages[1].date is None
    report = evaluate(pages, medannot_extractor)
    assert report.macro.f1 == 1.0
    assert (report.dated, report.date_accuracy) == (1, 1.0)
    failing = evaluate(pages, lambda html: (_ for _ in ()).throw(ValueError("boom")), "broken")
    assert failing.macro.f1 == 0.0 and "boom" in failing.pages[0].error
    empty = evaluate(pages, lambda html: Extraction(""), "empty")
    assert empty.worst(1)[0].score.f1 == 0.0


def test_pages_dev_targets(shared_dir: Path) -> None:
    """Regression guard on the real gold pages: the issue's targets (F1 >= 0.93, dates >= 90%)."""
    report = evaluate(load_gold(shared_dir / "data" / "pages-dev"), medannot_extractor)
    assert report.macro.f1 >= 0.93
    assert report.date_accuracy is not None and report.date_accuracy >= 0.9
