"""External word lists to a user concept file that loads as a lexicon layer."""

from __future__ import annotations

from pathlib import Path

import pytest

from medannot.errors import LexiconError
from medannot.lexicon import load_lexicon
from medannot.lexicon.importers import build_concepts, read_entries, render_concept_file


def imported(tmp_path: Path, content: str, fmt: str, encoding: str = "utf-8", **options) -> tuple[Path, object]:
    source = tmp_path / f"source.{fmt}"
    source.write_bytes(content.encode(encoding))
    known = options.pop("known", ())
    result = build_concepts(read_entries(source, fmt, **options), known)
    out = tmp_path / "user.yaml"
    out.write_text(render_concept_file(result, source.name), encoding="utf-8")
    return out, result


def test_terms_with_and_without_a_category_column(tmp_path):
    out, result = imported(tmp_path, "# my list\n布洛芬\tdrug\n偏头痛\n\n心悸,symptom\n偏头痛\n", "terms", category="disease")
    lexicon = load_lexicon([out], builtin=False)
    assert [(c.canonical, c.category, c.id) for c in lexicon] == [
        ("布洛芬", "drug", "UDRG00001"),
        ("偏头痛", "disease", "UDIS00001"),
        ("心悸", "symptom", "USYM00001"),
    ]
    assert result.repeated == 1 and result.read == 4


def test_thuocl_with_min_freq_and_known_terms(tmp_path):
    out, result = imported(tmp_path, "头孢\t900\n阿莫西林\t50\n咳嗽\t800\n", "thuocl", category="drug", min_freq=100, known={"咳嗽"})
    assert [c.canonical for c in load_lexicon([out], builtin=False)] == ["头孢"]
    assert (result.rare, result.known) == (1, 1)


def test_icd10_tsv_with_header_keeps_codes(tmp_path):
    out, _ = imported(tmp_path, "code\tdisease\nA00\t霍乱\nG35\t多发性硬化\n", "icd10")
    concepts = list(load_lexicon([out], builtin=False))
    assert [(c.canonical, c.category, c.codes) for c in concepts] == [
        ("霍乱", "disease", {"icd10": "A00"}),
        ("多发性硬化", "disease", {"icd10": "G35"}),
    ]


def test_icd10_csv_without_header_and_quoted_names(tmp_path):
    out, _ = imported(tmp_path, 'E11.9,"2型糖尿病, 无并发症"\n', "icd10")
    [concept] = load_lexicon([out], builtin=False)
    assert concept.canonical == "2型糖尿病, 无并发症" and concept.codes == {"icd10": "E11.9"}


def test_jieba_dictionary_in_gb18030(tmp_path):
    out, _ = imported(tmp_path, "肺结节 20 n\n甲状腺结节\n", "jieba", encoding="gb18030", category="disease")
    assert [c.canonical for c in load_lexicon([out], builtin=False)] == ["肺结节", "甲状腺结节"]


@pytest.mark.parametrize(
    ("content", "fmt", "options", "line"),
    [
        ("头孢\t很多\n", "thuocl", {"category": "drug"}, 1),
        ("偏头痛\n", "terms", {}, 1),  # no category anywhere
        ("偏头痛\tfeeling\n", "terms", {}, 1),
        ("code,name\nA00,霍乱\nnot-a-code,x\n", "icd10", {}, 3),
        ("肺结节 many n\n", "jieba", {"category": "disease"}, 1),
    ],
)
def test_bad_lines_are_coded_errors_with_file_and_line(tmp_path, content, fmt, options, line):
    with pytest.raises(LexiconError) as raised:
        imported(tmp_path, content, fmt, **options)
    assert raised.value.code == "MA206" and f"source.{fmt}:{line}:" in str(raised.value)


def test_rendered_file_is_valid_even_for_awkward_terms(tmp_path):
    out, _ = imported(tmp_path, 'a: "b"\t symptom\n', "terms")
    assert [c.canonical for c in load_lexicon([out], builtin=False)] == ['a: "b"']
