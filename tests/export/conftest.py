"""Export fixtures: the index tests' articles plus records with offsets that are easy to get wrong."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from ..index.articles import annotated, pipeline, write_jsonl

# Characters beyond U+FFFF (an emoji, a CJK Extension B ideograph) before entities, and a line
# break inside an entity: where code points, UTF-16 units and brat fragments part ways.
TRICKY_TEXT = "😀患者𠮷自述发烧三天，\n伴有恶心，没有呕吐。"


@pytest.fixture(scope="session")
def records():
    records = annotated(raw_pipeline=pipeline())
    tricky = pipeline().annotate(TRICKY_TEXT, id="tricky/1").to_dict()
    assert [e["text"] for e in tricky["entities"]] == ["发烧", "恶心", "呕吐"]
    across = copy.deepcopy(tricky)
    across["id"] = "across-lines"
    text = across["content"]["text"]
    start = text.index("三天")
    across["entities"].append({**across["entities"][0], "start": start, "end": start + 5, "text": text[start : start + 5]})
    return [*records, tricky, across]


@pytest.fixture(scope="session")
def records_file(records, tmp_path_factory) -> Path:
    return write_jsonl(tmp_path_factory.mktemp("records") / "out.jsonl", records)

