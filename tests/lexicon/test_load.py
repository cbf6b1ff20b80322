"""Loading, validation and layering of concept files."""

from __future__ import annotations

from pathlib import Path

import pytest

from medannot.errors import LexiconError
from medannot.lexicon import inspect_lexicon, load_lexicon

HEADER = "format: medannot-concepts/1\ncategory: symptom\nconcepts:\n"


def write(path: Path, body: str) -> Path:
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_loads_concepts_with_synonyms_codes_and_broader(tmp_path):
    file = write(
        tmp_path / "a.yaml",
        "  - {id: S1, canonical: 发热, synonyms: [发烧, Fever], codes: {icd10: R50.9}}\n"
        "  - {id: S2, canonical: 低热, synonyms: [低烧], broader: S1}\n"
        "  - {id: D1, canonical: 乙型肝炎, category: disease}\n",
    )
    lexicon = load_lexicon([file], builtin=False)
    assert len(lexicon) == 3 and lexicon.sources == [str(file)]
    fever = lexicon.concepts["S1"]
    assert fever.terms == ("发热", "发烧", "Fever") and fever.codes == {"icd10": "R50.9"}
    assert lexicon.concepts["S2"].broader == "S1" and lexicon.concepts["D1"].category == "disease"
    assert lexicon.index["fever"] == ("Fever", fever)  # terms are compared folded
    assert len(lexicon.sha256) == 64


def test_every_problem_is_collected_with_file_and_line(tmp_path):
    file = write(
        tmp_path / "bad.yaml",
        "  - {id: S1, canonical: 发热}\n"  # line 4
        "  - {id: S2, canonical: 咳嗽, category: feeling}\n"  # line 5: bad category
        "  - {id: S1, canonical: 头痛}\n"  # line 6: duplicate id
        "  - {id: S3, canonical: 发烧, synonyms: [发热]}\n"  # line 7: 发热 already belongs to S1
        "  - {id: S4, canonical: 呕吐, colour: red}\n"  # line 8: unknown key
        "  - {id: S5, canonical: 恶心, broader: S99}\n",  # line 9: broader does not exist
    )
    inspection = inspect_lexicon([file], builtin=False)
    messages = [str(e) for e in inspection.errors]
    assert sorted(m.split("] ")[1].split(": ")[0] for m in messages) == [f"{file}:{n}" for n in (5, 6, 7, 8, 9)]
    assert any("MA205" in m and "'发热'" in m and "S1" in m for m in messages)
    with pytest.raises(LexiconError):
        load_lexicon([file], builtin=False)


def test_a_yaml_syntax_error_names_the_line(tmp_path):
    file = tmp_path / "broken.yaml"
    file.write_text(HEADER + "  - {id: S1, canonical: 发热\n  - {id: S2}\n", encoding="utf-8")
    with pytest.raises(LexiconError) as raised:
        load_lexicon([file], builtin=False)
    assert raised.value.code == "MA201" and f"{file}:" in str(raised.value)


def test_user_layers_add_override_disable_and_take_over_terms(tmp_path):
    base = write(
        tmp_path / "base.yaml",
        "  - {id: S1, canonical: 发热, synonyms: [发烧]}\n"
        "  - {id: S2, canonical: 头痛}\n"
        "  - {id: S3, canonical: 咳嗽, synonyms: [咳]}\n",
    )
    user = write(
        tmp_path / "user.yaml",
        "  - {id: S2, canonical: 头疼, synonyms: [头痛]}\n"  # override
        "  - {id: S3, disabled: true}\n"  # disable
        "  - {id: U1, canonical: 高烧, synonyms: [发烧]}\n"  # add, and take 发烧 over from S1
        "  - {id: S9, disabled: true}\n",  # disables nothing: a warning
    )
    inspection = inspect_lexicon([base, user], builtin=False)
    assert not inspection.errors
    lexicon = inspection.lexicon
    assert set(lexicon.concepts) == {"S1", "S2", "U1"}
    assert lexicon.concepts["S2"].canonical == "头疼"
    assert lexicon.index["发烧"][1].id == "U1" and lexicon.index["发热"][1].id == "S1"
    assert [(s.term, s.winner.id, s.loser.id) for s in inspection.shadowed] == [("发烧", "U1", "S1")]
    assert len(inspection.warnings) == 1 and "S9" in inspection.warnings[0]


def test_a_directory_is_one_layer(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    write(folder / "a.yaml", "  - {id: S1, canonical: 发热}\n")
    write(folder / "b.yaml", "  - {id: S2, canonical: 发烧, synonyms: [发热]}\n")
    inspection = inspect_lexicon([folder], builtin=False)
    assert [e.code for e in inspection.errors] == ["MA205"]


def test_missing_path_is_a_coded_error(tmp_path):
    with pytest.raises(LexiconError) as raised:
        load_lexicon([tmp_path / "nope.yaml"], builtin=False)
    assert raised.value.code == "MA203"
