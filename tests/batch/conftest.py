"""A tiny lexicon and generated corpora for the batch tests (no built-in lexicon needed)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from medannot import Options

LEXICON = """\
format: medannot-concepts/1
category: symptom
concepts:
  - {id: SYM0001, canonical: 肢体无力}
  - {id: SYM0002, canonical: 复视}
  - {id: SYM0003, canonical: 头痛}
  - {id: DIS0001, canonical: 多发性硬化, category: disease}
  - {id: DRG0001, canonical: 环磷酰胺, category: drug}
"""

SENTENCES = [
    "多发性硬化患者常见肢体无力和复视。",
    "部分患者没有出现头痛。",
    "医生建议使用环磷酰胺治疗。",
    "环磷酰胺可能带来不良反应。",
    "复查时应注意休息，保持心情舒畅。",
]


@pytest.fixture(scope="session")
def lexicon_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("lexicon") / "tiny.yaml"
    path.write_text(LEXICON, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def options(lexicon_file) -> Options:
    return Options(lexicons=(str(lexicon_file),), builtin_lexicon=False)


@pytest.fixture(scope="session")
def lexicon_args(lexicon_file) -> list[str]:
    return ["--no-builtin-lexicon", "--lexicon", str(lexicon_file)]


def article(rng: random.Random, paragraphs: int = 3) -> str:
    return "\n".join("".join(rng.choice(SENTENCES) for _ in range(6)) for _ in range(paragraphs))


def write_corpus(path: Path, count: int, seed: int = 7) -> Path:
    """A JSONL corpus of ``count`` generated articles with ids d0…; some carry HTML."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            body = article(rng)
            record = {"id": f"d{i}", "html": f"<html><body><p>{body}</p></body></html>"} if i % 5 == 0 else {"id": f"d{i}", "text": body}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def read_jsonl(*paths: Path) -> list[dict]:
    return [json.loads(line) for path in paths for line in path.read_text(encoding="utf-8").splitlines()]
