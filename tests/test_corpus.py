"""The bundled corpus against its hand-written expected annotations (corpus/expected/)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from medannot.read import iter_documents

from .conftest import CORPUS

EXPECTED = sorted((CORPUS / "expected").glob("*.yaml"))
META_EQUAL = ("title", "source_name", "author", "views", "phones")


def _expected_id(path: Path) -> str:
    return path.name[: -len(".yaml")].replace("__", "/")


@pytest.fixture(scope="module")
def records(pipeline) -> dict[str, dict]:
    documents = iter_documents([str(CORPUS / "articles")])
    return {record.id: record.to_dict() for record in pipeline.pipe(documents)}


def test_every_corpus_document_has_expectations(records):
    assert sorted(records) == sorted(_expected_id(p) for p in EXPECTED)
    assert not [r for r in records.values() if "error" in r]


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: _expected_id(p))
def test_record_meets_expectations(path: Path, records):
    want = yaml.safe_load(path.read_text(encoding="utf-8"))
    record = records[_expected_id(path)]
    text = record["content"]["text"]
    for key in META_EQUAL:
        if key in want:
            assert record["meta"][key] == want[key], key
    if "published" in want:
        assert (record["meta"]["published"] or "").startswith(want["published"])
    if "encoding" in want:
        assert record["source"]["encoding"] == want["encoding"]
    if "content_starts" in want:
        assert text.startswith(want["content_starts"])
    if "content_ends" in want:
        assert text.endswith(want["content_ends"])
    for fragment in want.get("content_includes", []):
        assert fragment in text
    for fragment in want.get("content_excludes", []):
        assert fragment not in text, fragment
    for kind, fragment in want.get("boilerplate", []):
        assert any(b["kind"] == kind and fragment in b["text"] for b in record["boilerplate"]), (kind, fragment)
    for index, reference in enumerate(want.get("references", [])):
        got = record["references"][index]
        assert {k: got[k] for k in reference} == reference
    for entity in want.get("entities", []):
        found = [e for e in record["entities"] if e["text"] == entity["text"] and e["label"] == entity["label"]]
        assert found, f"{entity['text']} ({entity['label']}) not tagged"
        for flag in ("canonical", "negated", "uncertain", "hypothetical", "adverse_event"):
            if flag in entity:
                assert any(e[flag] == entity[flag] for e in found), (entity["text"], flag)
    if "lists" in want:
        got_lists = [[l["style"], l["kind"], len(l["items"])] for l in record["lists"]]
        assert got_lists == want["lists"]
