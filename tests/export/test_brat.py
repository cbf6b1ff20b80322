"""brat standoff: .ann spans match the .txt they were written with, fragments split at line breaks."""

from __future__ import annotations

import re

from medannot.export.brat import annotation_conf, brat_ann, file_stem, fragments, write_files

_T = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t(.*)$")


def parse_ann(ann: str) -> dict[str, tuple[str, list[tuple[int, int]], str]]:
    spans = {}
    for line in ann.splitlines():
        if match := _T.match(line):
            pieces = [tuple(map(int, piece.split())) for piece in match.group(3).split(";")]
            spans[match.group(1)] = (match.group(2), pieces, match.group(4))
    return spans


def test_written_files_round_trip_every_span(records, tmp_path):
    taken: set[str] = set()
    for record in records:
        stem = file_stem(record["id"], taken)
        write_files(tmp_path, stem, record, brat_ann(record))
        text = (tmp_path / f"{stem}.txt").read_bytes().decode("utf-8")  # bytes: no newline translation
        assert text == record["content"]["text"]
        spans = parse_ann((tmp_path / f"{stem}.ann").read_text(encoding="utf-8"))
        assert len(spans) == len(record["entities"])
        for (label, pieces, shown), entity in zip(spans.values(), record["entities"]):
            assert label == entity["label"]
            assert shown == " ".join(text[s:e] for s, e in pieces)
            assert all("\n" not in text[s:e] for s, e in pieces)
            assert pieces[0][0] == entity["start"] and pieces[-1][1] == entity["end"]


def test_span_across_a_line_break_becomes_fragments(records):
    across = next(r for r in records if r["id"] == "across-lines")
    label, pieces, shown = list(parse_ann(brat_ann(across)).values())[-1]
    assert len(pieces) == 2 and shown == "三天， 伴"
    assert fragments("ab\n\ncd", 0, 6) == [(0, 2), (4, 6)]
    assert fragments("ab\n", 0, 3) == [(0, 2)]


def test_flags_become_attributes_and_concepts_notes(records):
    tricky = next(r for r in records if r["id"] == "tricky/1")
    ann = brat_ann(tricky)
    assert "A1\tNegated T3" in ann.splitlines()
    assert "#1\tAnnotatorNotes T1\tSYM0003 发热" in ann.splitlines()


def test_file_stems_are_safe_and_unique():
    taken: set[str] = set()
    assert [file_stem(i, taken) for i in ("a/b", "a_b", "A_B", "../x", "")] == ["a_b", "a_b-2", "A_B-3", "x", "record"]


def test_annotation_conf_declares_entities_and_attributes():
    conf = annotation_conf()
    sections = dict(re.findall(r"\[(\w+)\]\n(.*?)(?=\n\[|\Z)", conf, re.S))
    assert "symptom" in sections["entities"].split() and "Negated\tArg:<ENTITY>" in sections["attributes"]
