from __future__ import annotations

import subprocess
import sys

from medannot.segment.rjieba_backend import RJiebaSegmenter


def _words(segmenter: RJiebaSegmenter, text: str) -> list[str]:
    return [text[s:e] for s, e in segmenter.segment(text).spans]


def test_lexicon_terms_become_words_in_this_instance_only() -> None:
    text = "早上起来口干"
    assert "口干" in _words(RJiebaSegmenter(["口干"]), text)
    assert "口干" not in _words(RJiebaSegmenter(), text)  # no user word leaked into the new instance


def test_compound_terms_keep_jiebas_inner_split_and_tags() -> None:
    segmenter = RJiebaSegmenter(["后背疼痛", "口干"], split_compounds=True)
    text = "后背疼痛，口干"
    assert _words(segmenter, text)[:2] == ["后背", "疼痛"]
    tagged = segmenter.segment(text, pos=True)
    tags = dict(zip((text[s:e] for s, e in tagged.spans), tagged.pos))
    assert tags["口干"] == "n"  # a word jieba knows (too rarely to cut it whole) keeps jieba's tag
    assert tags["后背"] == RJiebaSegmenter().segment("后背", pos=True).pos[0]


def test_traditional_text_is_cut_as_simplified_with_offsets_into_it() -> None:
    text = "帶狀皰疹嚴重影響睡眠"
    assert _words(RJiebaSegmenter(["带状疱疹", "重影"]), text) == ["帶狀皰疹", "嚴重", "影響", "睡眠"]


def test_whitespace_is_never_a_token() -> None:
    text = " 发热\u3000\n 咳嗽 "
    assert _words(RJiebaSegmenter(), text) == ["发热", "咳嗽"]


def test_records_keep_medical_terms_whole_by_default() -> None:
    segmenter = RJiebaSegmenter(["间充质干细胞", "多发性硬化", "奥司他韦"])
    text = "间充质干细胞治疗多发性硬化，服用奥司他韦"
    assert {"间充质干细胞", "多发性硬化", "奥司他韦"} <= set(_words(segmenter, text))


def test_latin_terms_do_not_cut_english_words() -> None:
    from medannot.segment.base import user_words

    segmenter = RJiebaSegmenter(user_words(["fever", "发热"]))
    assert _words(segmenter, "feverish 发热") == ["feverish", "发热"]


def test_full_width_letters_and_digits_are_cut_as_their_ascii_forms() -> None:
    text = "做了ＣＴ，剂量３．５ｍｇ"
    words = _words(RJiebaSegmenter(), text)
    assert "ＣＴ" in words and "Ｃ" not in words  # offsets still point into the full-width text
    assert "３．５ｍｇ" in words or "３．５" in words


def test_rjiebas_own_default_instance_is_never_built() -> None:
    # importing the rjieba package builds a module-level instance (its whole dictionary) we never use
    probe = "import sys; from medannot.segment.rjieba_backend import RJiebaSegmenter; RJiebaSegmenter(); print('rjieba' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.strip() == "False"
