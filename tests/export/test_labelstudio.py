"""Label Studio tasks: every pre-annotated region points at its own text."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from medannot.export.labelstudio import FROM_NAME, TO_NAME, labeling_config, labelstudio_task


def test_every_region_round_trips_in_code_points(records):
    for record in records:
        task = labelstudio_task(record)
        text = task["data"]["text"]
        assert text == record["content"]["text"] and task["data"]["id"] == record["id"]
        regions = task["predictions"][0]["result"]
        assert len(regions) == len(record["entities"])
        for region, entity in zip(regions, record["entities"]):
            value = region["value"]
            assert text[value["start"] : value["end"]] == value["text"] == entity["text"]
            assert value["labels"] == [entity["label"]]
            assert (region["from_name"], region["to_name"], region["type"]) == (FROM_NAME, TO_NAME, "labels")
        assert len({region["id"] for region in regions}) == len(regions)


def test_utf16_offsets_round_trip_in_javascript_units(records):
    tricky = next(r for r in records if r["id"] == "tricky/1")
    task = labelstudio_task(tricky, units="utf16")
    units = task["data"]["text"].encode("utf-16-le")
    for region in task["predictions"][0]["result"]:
        value = region["value"]
        assert units[2 * value["start"] : 2 * value["end"]].decode("utf-16-le") == value["text"]
    first = task["predictions"][0]["result"][0]["value"]
    assert first["start"] == tricky["entities"][0]["start"] + 2  # two astral characters before it


def test_region_notes_carry_concept_and_flags(records):
    tricky = next(r for r in records if r["id"] == "tricky/1")
    notes = [r["meta"]["text"][0] for r in labelstudio_task(tricky)["predictions"][0]["result"]]
    assert notes == ["SYM0003 发热", "SYM0004 恶心", "SYM0005 呕吐 · negated"]


def test_labeling_config_is_xml_naming_every_category():
    view = ET.fromstring(labeling_config())
    labels = view.find("Labels")
    assert labels.get("name") == FROM_NAME and labels.get("toName") == TO_NAME
    assert "symptom" in [label.get("value") for label in labels]
    assert view.find("Text").get("value") == f"${TO_NAME}"
