"""``medannot eval cws`` through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from medannot.cli import main

LEXICON = str(Path(__file__).parents[1] / "segment" / "lexicon.yaml")


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_scores_a_gold_file_with_and_without_the_lexicon(tmp_path: Path) -> None:
    gold = tmp_path / "gold.txt"
    gold.write_text("早上 起来 口干 ， 后背 疼痛 。\n医生 建议 多 喝水 。\n", encoding="utf-8")
    lexicon = tmp_path / "lexicon.yaml"
    lexicon.write_text("format: medannot-concepts/1\ncategory: symptom\nconcepts:\n  - {id: X1, canonical: 口干}\n", encoding="utf-8")
    plain = json.loads(run("eval", "cws", "--gold", str(gold), "--no-lexicon", "--json").output)
    with_lexicon = json.loads(run("eval", "cws", "--gold", str(gold), "--no-builtin-lexicon", "--lexicon", str(lexicon), "--json").output)
    assert plain["lexicon"] == "none" and with_lexicon["user_words"] == 1
    before, after = plain["gold"][str(gold)], with_lexicon["gold"][str(gold)]
    assert after["gold_words"] == before["gold_words"] == 12
    assert after["f1"] > before["f1"]  # 口干 is now one word, as in the gold


def test_text_report_and_errors(tmp_path: Path) -> None:
    gold = tmp_path / "gold.txt"
    gold.write_text("头\tB\n痛\tE\n", encoding="utf-8")
    result = run("eval", "cws", "--gold", str(gold), "--no-builtin-lexicon", "--lexicon", LEXICON)
    assert result.exit_code == 0 and "F1 1.0000" in result.output
    bad = run("eval", "cws", "--gold", str(gold), "--no-lexicon", "--pkuseg-model", "mixed")
    assert bad.exit_code == 2 and "takes no model" in bad.output
