"""A pipeline over the small test lexicon beside this file, built once."""

from __future__ import annotations

from pathlib import Path

import pytest

LEXICON = Path(__file__).with_name("lexicon.yaml")


@pytest.fixture(scope="session")
def small_pipeline():
    from medannot import Pipeline

    return Pipeline(raw=True, builtin_lexicon=False, lexicons=[LEXICON])
