"""doccano JSONL: every label span points at its own text."""

from __future__ import annotations

from medannot.export.doccano import doccano_line


def test_every_label_round_trips(records):
    for record in records:
        line = doccano_line(record)
        assert line["text"] == record["content"]["text"] and line["id"] == record["id"]
        assert [line["text"][s:e] for s, e, _ in line["label"]] == [e["text"] for e in record["entities"]]
        assert [label for _, _, label in line["label"]] == [e["label"] for e in record["entities"]]


def test_utf16_offsets(records):
    tricky = next(r for r in records if r["id"] == "tricky/1")
    line = doccano_line(tricky, units="utf16")
    units = line["text"].encode("utf-16-le")
    assert [units[2 * s : 2 * e].decode("utf-16-le") for s, e, _ in line["label"]] == ["发烧", "恶心", "呕吐"]
