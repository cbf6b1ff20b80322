from __future__ import annotations

import json

import pytest

from medannot.batch.bag import annotate_bag, annotate_to_shards
from medannot.pipeline import Pipeline
from medannot.read import iter_documents

from .conftest import read_jsonl, write_corpus

distributed = pytest.importorskip("distributed")
db = pytest.importorskip("dask.bag")


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            yield client


def test_a_bag_of_lines_dicts_and_documents(tmp_path, options, client):
    corpus = write_corpus(tmp_path / "corpus.jsonl", 12)
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    documents = list(iter_documents([str(corpus)]))
    items = [*lines[:4], "\n", *(json.loads(line) for line in lines[4:8]), *documents[8:], "{broken"]
    records = [json.loads(line) for line in annotate_bag(db.from_sequence(items, npartitions=3), options).compute()]
    pipeline = Pipeline(options)
    expected = [pipeline.annotate_document(doc).to_dict() for doc in iter_documents([str(corpus)])]
    for record in expected[:8]:  # lines and dicts do not know the file they came from
        record["source"]["path"] = None
    assert records[:12] == expected
    assert records[12]["error"]["code"] == "MA106" and records[12]["id"].startswith("partition ")


def test_shards_one_per_partition_with_a_summary(tmp_path, options, client):
    corpus = write_corpus(tmp_path / "corpus.jsonl", 30)
    lines = db.read_text(str(corpus), blocksize=4000)  # several partitions of raw JSONL lines
    summary = annotate_to_shards(lines, tmp_path / "out" / "crawl.jsonl", options)
    shards = sorted((tmp_path / "out").iterdir())
    assert [path.name for path in shards] == [f"crawl-{i:05d}.jsonl" for i in range(len(shards))]
    assert len(shards) == lines.npartitions > 1 and summary.outputs == [str(path) for path in shards]
    records = read_jsonl(*shards)
    assert [r["id"] for r in records] == [f"d{i}" for i in range(30)]
    assert (summary.documents, summary.errors) == (30, 0)
