"""Precision warnings and per-category statistics."""

from __future__ import annotations

from medannot.lexicon import Concept, Lexicon
from medannot.lexicon.lint import lint
from medannot.lexicon.stats import lexicon_stats


def make(*concepts: Concept) -> Lexicon:
    return Lexicon("t", "0", {c.id: c for c in concepts}, "0" * 64)


def test_lint_flags_short_terms_abbreviations_and_repeats():
    lexicon = make(
        Concept("S1", "痰", "symptom", origin="f:1"),
        Concept("A1", "胃", "anatomy", origin="f:2"),  # one character is normal for anatomy
        Concept("D1", "多发性硬化", "disease", ("MS", "多发性硬化"), origin="f:3"),
    )
    assert [str(w) for w in lint(lexicon)] == [
        "f:1: S1 has the one-character term '痰'",
        "f:3: D1 has the short abbreviation 'MS'",
        "f:3: D1 lists '多发性硬化' twice",
    ]


def test_stats_per_category_and_total():
    lexicon = make(
        Concept("S1", "发热", "symptom", ("发烧", "fever"), {"icd10": "R50.9"}),
        Concept("S2", "低热", "symptom", ("低烧",), broader="S1"),
        Concept("M1", "布洛芬", "drug", ("ibuprofen",), {"atc": "M01AE01"}),
    )
    table = lexicon_stats(lexicon)
    assert list(table) == ["symptom", "drug", "total"]
    assert table["symptom"].as_dict() == {
        "concepts": 2, "terms": 5, "synonyms": 3, "codes": {"icd10": 1}, "broader": 1, "english_terms": 1
    }
    assert table["total"].concepts == 3 and table["total"].terms == 7 and table["total"].with_codes == {"icd10": 1, "atc": 1}
