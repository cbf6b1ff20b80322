from __future__ import annotations

from pathlib import Path

import pytest

from medannot.errors import InputError
from medannot.evaluate.cws import parse_bies, parse_spaced, read_gold, score

SPACED = "患者 后背 疼痛 。\n\n  无 发热  \n"
BIES = "\n".join(["患\tB", "者\tE", "后\tB", "背\tE", "疼\tB", "痛\tE", "。\tS", "", "", "无 S", "发 B", "热 E", ""])


def test_both_formats_read_the_same_sentences(tmp_path: Path) -> None:
    (tmp_path / "spaced.txt").write_text(SPACED, encoding="utf-8")
    (tmp_path / "bies.txt").write_text(BIES, encoding="utf-8")
    spaced, bies = read_gold(tmp_path / "spaced.txt"), read_gold(tmp_path / "bies.txt")
    assert [s.words for s in spaced] == [s.words for s in bies] == [["患者", "后背", "疼痛", "。"], ["无", "发热"]]
    assert spaced[0].text == "患者后背疼痛。" and spaced[1].spans == ((0, 1), (1, 3))
    assert bies[1].where.endswith(":10")


def test_bies_is_read_leniently_and_m_means_i() -> None:
    (sentence,) = parse_bies(["肢\tB", "体\tM", "无\tE", "力\tI", "发\tB", "热\tB"])
    assert sentence.words == ["肢体无", "力", "发", "热"]  # I after E opens a word; B closes the open one


def test_malformed_lines_say_where(tmp_path: Path) -> None:
    path = tmp_path / "gold.txt"
    path.write_text("头\tB\n痛\tE\n\n发热\tS\n" + "\n".join(f"{c}\tS" for c in "一二三四五六七八九十二十"), encoding="utf-8")
    with pytest.raises(InputError, match=r"gold.txt:4"):
        read_gold(path)
    (tmp_path / "empty.txt").write_text("\n\n", encoding="utf-8")
    with pytest.raises(InputError):
        read_gold(tmp_path / "empty.txt")


def test_score_counts_word_spans() -> None:
    gold = list(parse_spaced(["患者 后背 疼痛", "无 发热"]))
    predicted = {"患者后背疼痛": [(0, 2), (2, 6)], "无发热": [(0, 1), (1, 3)]}
    result = score(gold, predicted.__getitem__)
    assert (result.gold, result.predicted, result.correct) == (5, 4, 3)
    assert result.precision == pytest.approx(0.75) and result.recall == pytest.approx(0.6)
    assert result.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert result.to_dict()["chars"] == 9


def test_a_perfect_and_an_empty_segmenter() -> None:
    gold = list(parse_spaced(["患者 后背 疼痛"]))
    assert score(gold, lambda text: list(gold[0].spans)).f1 == 1.0
    assert score(gold, lambda text: []).f1 == 0.0
