"""The cue files load, and a broken one fails with file:line."""

from __future__ import annotations

import pytest

from medannot.separate.cues import (
    load_cue_file,
    load_cues,
    load_dom_file,
    load_dom_hints,
    load_meta_file,
    load_meta_labels,
    load_person_file,
)


def test_packaged_files_load() -> None:
    assert {rule.kind for rule in load_cues().rules} >= {"image", "caption", "hotline", "cta", "comments", "share", "footer", "related", "nav", "ad"}
    assert load_dom_hints().classify("div", "post-comments") == ("comments", "'comment' in class/id 'post-comments'")
    assert load_dom_hints().classify("nav", "") == ("nav", "<nav>")
    assert load_dom_hints().classify("div", "article-content")[0] == "content"
    assert load_dom_hints().classify("div", "wrapper") is None
    assert load_meta_labels().field("发布时间") == "published"


def test_section_rules_are_marked() -> None:
    assert any(rule.section for rule in load_cues().rules if rule.kind == "comments")
    rule, cue = load_cues().rule_for("网友评论")
    assert rule.section and cue == "网友评论"


def test_max_len_keeps_prose_out() -> None:
    assert load_cues().classify("在线咨询") == ("cta", "在线咨询")
    assert load_cues().classify("在线咨询" + "，" * 80) is None


@pytest.mark.parametrize(
    ("loader", "text", "line", "message"),
    [
        (load_cue_file, "format: medannot-cues/1\nrules:\n  - kind: nav\n    patterns: ['(']\n", 3, "bad pattern"),
        (load_cue_file, "format: medannot-cues/1\nrules:\n  - kind: nav\n", 3, "needs phrases or patterns"),
        (load_cue_file, "format: medannot-cues/1\nrules:\n  - kind: nav\n    phrase: [x]\n", 3, "unknown key"),
        (load_cue_file, "format: medannot-cues/1\nrules:\n  - kind: nav\n    phrases: [x]\n    max_len: -1\n", 3, "max_len"),
        (load_cue_file, "format: other\nrules: []\n", 1, "format must be"),
        (load_dom_file, "format: medannot-dom-hints/1\nhints:\n  - kind: nav\n", 3, "needs tags or patterns"),
        (load_meta_file, "format: medannot-meta-labels/1\nfields:\n  - field: nope\n    labels: [a]\n", 3, "field must be"),
        (load_meta_file, "format: medannot-meta-labels/1\nfields:\n  - field: author\n    labels: [a, A]\n", 3, "given twice"),
        (load_person_file, "format: medannot-person-qualifiers/1\nqualifiers:\n  - kind: rank\n    words: [a]\n", 3, "kind must be"),
        (load_person_file, "format: medannot-person-qualifiers/1\nqualifiers:\n  - kind: unit\n", 3, "needs suffixes or words"),
        (load_person_file, "format: medannot-person-qualifiers/1\nqualifiers:\n  - kind: unit\n    words: [a]\n    min_len: 0\n", 3, "min_len"),
        (load_person_file, "format: medannot-person-qualifiers/1\nqualifiers:\n  - kind: unit\n    word: [a]\n", 3, "unknown key"),
    ],
)
def test_invalid_files_name_file_and_line(refused, loader, text: str, line: int, message: str) -> None:
    refused(loader, text, line, message)
