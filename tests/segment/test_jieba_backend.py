from __future__ import annotations

import jieba

from medannot.segment.jieba_backend import JiebaSegmenter
from medannot.segment.rjieba_backend import RJiebaSegmenter


def _words(segmenter: JiebaSegmenter, text: str, pos: bool = False) -> list[str]:
    return [text[s:e] for s, e in segmenter.segment(text, pos=pos).spans]


def test_user_words_do_not_leak_into_jiebas_module_dictionary() -> None:
    segmenter = JiebaSegmenter(["口干"])
    assert "口干" in _words(segmenter, "早上起来口干")
    assert "口干" not in jieba.lcut("早上起来口干")


def test_posseg_path_keeps_lexicon_boundaries_and_tags() -> None:
    segmenter = JiebaSegmenter(["口干", "后背疼痛"], split_compounds=True)
    text = "后背疼痛，早上起来口干"
    tokens = segmenter.segment(text, pos=True)
    tags = dict(zip((text[s:e] for s, e in tokens.spans), tokens.pos))
    assert tags["口干"] == "nz" and "后背" in tags and "疼痛" in tags
    whole = JiebaSegmenter(["口干", "后背疼痛"]).segment(text, pos=True)
    assert [text[s:e] for s, e in whole.spans][0] == "后背疼痛"


def test_agrees_with_rjieba_on_ordinary_text() -> None:
    text = "医生建议患者多喝水，注意休息，如果症状加重请及时就诊。"
    words = ["后背疼痛"]
    assert JiebaSegmenter(words).segment(text).spans == RJiebaSegmenter(words).segment(text).spans
