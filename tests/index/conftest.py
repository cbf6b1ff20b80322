"""Index fixtures: the test articles annotated once per session, and an index built from them."""

from __future__ import annotations

from pathlib import Path

import pytest

from .articles import LEXICON, annotated, pipeline, write_jsonl


@pytest.fixture(scope="session")
def lexicon():
    from medannot import load_lexicon

    return load_lexicon([LEXICON], builtin=False)


@pytest.fixture(scope="session")
def article_pipeline():
    return pipeline()


@pytest.fixture(scope="session")
def records(article_pipeline):
    return annotated(raw_pipeline=article_pipeline)


@pytest.fixture(scope="session")
def records_file(records, tmp_path_factory) -> Path:
    return write_jsonl(tmp_path_factory.mktemp("records") / "out.jsonl", records)


@pytest.fixture(scope="session")
def index_db(records_file, lexicon, tmp_path_factory) -> Path:
    from medannot.index import build_index

    db = tmp_path_factory.mktemp("index") / "corpus.sqlite"
    stats = build_index([records_file], db, lexicon)
    assert stats.added == len(stats.tally.bad_lines) + 5
    return db


@pytest.fixture(scope="session")
def searcher(index_db):
    from medannot.index import Searcher

    with Searcher(index_db) as searcher:
        yield searcher
