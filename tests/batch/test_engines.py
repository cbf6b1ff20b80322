from __future__ import annotations

import pytest

from medannot.batch import run_batch
from medannot.batch.engines import DaskEngine, InProcess, ProcessPool
from medannot.pipeline import Pipeline
from medannot.read import iter_documents

from .conftest import write_corpus

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        yield cluster


def test_the_dask_engine_writes_what_the_local_one_writes(tmp_path, options, cluster):
    corpus = write_corpus(tmp_path / "corpus.jsonl", 150)
    local = run_batch([str(corpus)], str(tmp_path / "local.jsonl"), options, workers=1)
    dask = run_batch(
        [str(corpus)], str(tmp_path / "dask"), options, engine="dask", scheduler=cluster.scheduler_address, shard_size=100
    )
    assert (dask.engine, dask.workers, dask.documents) == ("dask", 2, 150)
    shards = [tmp_path / "dask-00000.jsonl", tmp_path / "dask-00001.jsonl"]
    assert dask.outputs == [str(path) for path in shards]
    assert b"".join(path.read_bytes() for path in shards) == (tmp_path / "local.jsonl").read_bytes()
    assert dask.characters == local.characters


@pytest.mark.parametrize("engine_class", [InProcess, ProcessPool])
def test_local_engines_return_outcomes_in_order(tmp_path, options, engine_class):
    pipeline = Pipeline(options)
    engine = engine_class(pipeline) if engine_class is InProcess else engine_class(pipeline, 2)
    try:
        documents = list(iter_documents([str(write_corpus(tmp_path / "c.jsonl", 20))]))
        futures = [engine.submit(documents[i : i + 5]) for i in range(0, 20, 5)]
        outcomes = [outcome for future in futures for outcome in future.result()]
        assert not engine.restart()  # healthy workers are kept
    finally:
        engine.close()
    assert [outcome.id for outcome in outcomes] == [f"d{i}" for i in range(20)]
    assert all(outcome.line.endswith(b"\n") and outcome.error is None and outcome.characters for outcome in outcomes)


def test_the_dask_engine_ships_the_lexicon_to_workers(tmp_path, options, cluster):
    engine = DaskEngine(Pipeline(options), 1, cluster.scheduler_address)
    try:
        documents = list(iter_documents([str(write_corpus(tmp_path / "c.jsonl", 4))]))
        outcomes = engine.submit(documents).result()
    finally:
        engine.close()
    assert [outcome.id for outcome in outcomes] == ["d0", "d1", "d2", "d3"]
    assert b'"concept_id":"SYM0002"' in b"".join(outcome.line for outcome in outcomes)
