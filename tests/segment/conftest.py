"""Every segmenter backend this environment can build, with the small lexicon beside this file."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from medannot.lexicon import load_lexicon
from medannot.segment.base import user_words

from ..models.conftest import tiny_pkuseg_model  # noqa: F401 - shared session fixture

LEXICON = Path(__file__).with_name("lexicon.yaml")

# (registry name, model: None or "tiny" for the session's tiny pkuseg model, module it needs)
BACKENDS = [
    ("rjieba", None, "rjieba"),
    ("jieba", None, "jieba"),
    ("pkuseg", "tiny", "spacy_pkuseg"),
    ("spacy", None, "spacy"),
    ("spacy", "tiny", "spacy"),
]


def backend_id(backend: tuple[str, str | None, str]) -> str:
    return backend[0] + ("+pkuseg" if backend[1] else "")


@pytest.fixture(scope="session")
def lexicon_words() -> list[str]:
    return user_words(term for term, _ in load_lexicon([LEXICON], builtin=False).terms())


@pytest.fixture(params=BACKENDS, ids=backend_id)
def backend(request: pytest.FixtureRequest) -> tuple[str, str | None]:
    """(name, model path or None) for one available backend; skipped when its package is missing."""
    name, model, module = request.param
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not installed")
    if model:
        return name, str(request.getfixturevalue("tiny_pkuseg_model"))
    return name, None
