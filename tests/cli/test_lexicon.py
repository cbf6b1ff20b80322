"""``medannot lexicon validate | stats | import`` end to end through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from medannot.cli import main

HEADER = "format: medannot-concepts/1\ncategory: symptom\nconcepts:\n"


def run(args: list[str]):
    return CliRunner().invoke(main, args, catch_exceptions=False)


def test_validate_reports_every_error_with_file_and_line(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(HEADER + "  - {id: S1, canonical: 发热}\n  - {id: S2, canonical: 发烧, synonyms: [发热]}\n  - {id: S3, canonical: 咳, category: nope}\n", encoding="utf-8")
    result = run(["lexicon", "validate", "--no-builtin", str(bad)])
    assert result.exit_code == 1
    assert f"error: {bad}:5: term '发热' of S2 is also a term of S1" in result.output
    assert f"error: {bad}:6: category 'nope'" in result.output


def test_validate_warnings_fail_only_when_strict(tmp_path: Path):
    good = tmp_path / "good.yaml"
    good.write_text(HEADER + "  - {id: S1, canonical: 痰}\n", encoding="utf-8")
    result = run(["lexicon", "validate", "--no-builtin", str(good)])
    assert result.exit_code == 0 and "one-character term '痰'" in result.output
    assert run(["lexicon", "validate", "--no-builtin", "--strict", str(good)]).exit_code == 1


def test_validate_notes_terms_a_user_layer_takes_over(tmp_path: Path):
    base, user = tmp_path / "base.yaml", tmp_path / "user.yaml"
    base.write_text(HEADER + "  - {id: S1, canonical: 发热, synonyms: [发烧]}\n", encoding="utf-8")
    user.write_text(HEADER + "  - {id: U1, canonical: 高烧, synonyms: [发烧]}\n", encoding="utf-8")
    result = run(["lexicon", "validate", "--no-builtin", str(base), str(user)])
    assert result.exit_code == 0 and "U1 takes '发烧' over from S1" in result.output


def test_stats_json(tmp_path: Path):
    file = tmp_path / "a.yaml"
    file.write_text(HEADER + "  - {id: S1, canonical: 发热, synonyms: [发烧]}\n", encoding="utf-8")
    result = run(["lexicon", "stats", "--no-builtin", "--json", str(file)])
    payload = json.loads(result.output)
    assert payload["categories"]["symptom"]["terms"] == 2 and payload["lexicon"]["concepts"] == 1
    assert "symptom" in run(["lexicon", "stats", "--no-builtin", str(file)]).output


def test_import_writes_a_lexicon_that_annotate_can_use(tmp_path: Path):
    source = tmp_path / "words.txt"
    source.write_text("康复灵胶囊\t5\n", encoding="utf-8")
    out = tmp_path / "user.yaml"
    result = run(["lexicon", "import", str(source), "--format", "thuocl", "--category", "drug", "-o", str(out), "--keep-known"])
    assert result.exit_code == 0, result.output
    assert run(["lexicon", "validate", "--no-builtin", str(out)]).exit_code == 0
    from medannot import Pipeline

    record = Pipeline(raw=True, builtin_lexicon=False, lexicons=[out]).annotate("服用康复灵胶囊。")
    assert [(e.text, e.label, e.concept_id) for e in record.entities] == [("康复灵胶囊", "drug", "UDRG00001")]


def test_import_bad_line_exits_2_with_file_and_line(tmp_path: Path):
    source = tmp_path / "words.txt"
    source.write_text("头孢\tmany\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["lexicon", "import", str(source), "--format", "thuocl", "--category", "drug", "--keep-known"])
    assert result.exit_code == 2 and f"{source}:1" in result.output


def test_the_builtin_lexicon_validates_without_errors():
    result = run(["lexicon", "validate", "--quiet"])
    assert result.exit_code == 0, result.output
