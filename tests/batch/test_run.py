from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from medannot.batch import Interrupted, run_batch
from medannot.batch.writer import shard_path
from medannot.pipeline import Pipeline

from ..read.conftest import record_offsets, write_warc
from .conftest import read_jsonl, write_corpus


def test_two_workers_write_what_one_writes_in_input_order(tmp_path, options):
    corpus = write_corpus(tmp_path / "corpus.jsonl", 120)
    one = run_batch([str(corpus)], str(tmp_path / "one.jsonl"), options, workers=1)
    two = run_batch([str(corpus)], str(tmp_path / "two.jsonl"), options, workers=2)
    assert (one.workers, two.workers) == (1, 2)
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "two.jsonl").read_bytes()
    assert [r["id"] for r in read_jsonl(tmp_path / "two.jsonl")] == [f"d{i}" for i in range(120)]
    assert two.documents == 120 and two.errors == 0 and two.characters == one.characters > 0


def test_an_input_of_one_batch_runs_without_a_pool(tmp_path, options):
    corpus = write_corpus(tmp_path / "corpus.jsonl", 3)
    assert run_batch([str(corpus)], str(tmp_path / "out.jsonl"), options, workers=8).workers == 1


@pytest.fixture
def mixed_dir(tmp_path) -> tuple[Path, dict]:
    """Good and bad inputs side by side, and what each must become: id -> error code or None."""
    root = tmp_path / "mixed"
    root.mkdir()
    expect: dict[str, str | None] = {}

    def put(name: str, data: bytes, code: str | None) -> None:
        (root / name).write_bytes(data)
        expect[name] = code

    put("good.txt", "多发性硬化患者常见肢体无力。".encode(), None)
    put("page.html", "<html><body><p>复视较常见。</p></body></html>".encode(), None)
    put("gbk.html", '<html><head><meta charset="gbk"></head><body><p>患者出现头痛和复视。</p></body></html>'.encode("gbk"), None)
    put("gbk-undeclared.txt", ("多发性硬化患者常见肢体无力和复视，应及时到医院就诊。" * 3).encode("gbk"), None)
    put("big5.txt", ("多發性硬化患者常見肢體無力和複視，應及時到醫院就診。" * 3).encode("big5"), None)
    put("utf16.txt", ("患者没有出现头痛，但有复视，应及时到医院就诊。" * 3).encode("utf-16"), None)
    put("empty.txt", b"", "MA101")
    put("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "MA102")
    put("huge.txt", "头痛".encode() * 60_000, "MA104")  # 360 KB against --max-bytes 200 KB
    put("notes.docx", b"PK\x03\x04", "MA105")
    put(
        "posts.jsonl",
        b'{"id": "p1", "text": "\xe5\xa4\xb4\xe7\x97\x9b"}\n{"id": "p2", "text": \n\n["not", "an", "object"]\n{"id": "p5", "html": "<p>ok</p>"}\n',
        None,
    )
    expect.pop("posts.jsonl")
    expect.update({"p1": None, f"{root}/posts.jsonl:2": "MA106", f"{root}/posts.jsonl:4": "MA107", "p5": None})
    lines = b"".join(json.dumps({"id": f"g{i}", "text": "头痛" * 300}).encode() + b"\n" for i in range(40))
    (root / "cut.jsonl.gz").write_bytes(gzip.compress(lines)[:-100])  # truncated gzip: the tail is lost
    warc = write_warc(root / "crawl.warc.gz")
    offsets = record_offsets(warc)
    data = bytearray(warc.read_bytes())
    data[offsets[3] + 3 : offsets[3] + 30] = b"#" * 27  # corrupt the response record of the second page
    warc.write_bytes(bytes(data))
    expect[f"{warc}@{offsets[3]}"] = "MA109"
    return root, expect


def test_a_mixed_directory_gives_one_line_per_document_and_a_summary_that_reconciles(tmp_path, mixed_dir, options):
    from dataclasses import replace

    root, expect = mixed_dir
    out = tmp_path / "out.jsonl"
    summary = run_batch([str(root)], str(out), replace(options, max_bytes=200_000), workers=2)
    records = read_jsonl(out)
    by_id = {r["id"]: r for r in records}
    assert len(by_id) == len(records) == summary.documents  # one line per document, ids unique

    for doc_id, code in expect.items():
        assert doc_id in by_id, doc_id
        assert (by_id[doc_id].get("error") or {}).get("code") == code, (doc_id, by_id[doc_id].get("error"))
    assert "复视" in by_id["gbk.html"]["content"]["text"] and by_id["gbk.html"]["source"]["encoding"] == "gb18030"
    assert "肢体无力" in by_id["gbk-undeclared.txt"]["content"]["text"]
    assert "肢體無力" in by_id["big5.txt"]["content"]["text"]
    assert "复视" in by_id["utf16.txt"]["content"]["text"] and by_id["utf16.txt"]["source"]["encoding"].startswith("utf-16")

    cut = [r for r in records if r["source"]["path"] == str(root / "cut.jsonl.gz")]
    assert 0 < len(cut) - 1 < 40 and [r["id"] for r in cut[:-1]] == [f"g{i}" for i in range(len(cut) - 1)]
    assert cut[-1]["error"]["code"] == "MA109"
    warc = [r for r in records if r["source"]["path"] == str(root / "crawl.warc.gz")]
    assert [r.get("source", {}).get("url") for r in warc if "error" not in r] == ["http://clinic.example/a", "http://clinic.example/c"]

    codes = Counter(r["error"]["code"] for r in records if "error" in r)
    assert summary.errors_by_code == codes and summary.errors == sum(codes.values())
    assert summary.ok == sum(1 for r in records if "error" not in r) == summary.documents - summary.errors
    assert summary.skipped == {"warc request record": 5, "warc response not HTML or text": 1, "warc response not HTTP 2xx": 1}
    assert summary.failed


def test_interrupted_sharded_run_resumes_to_the_same_shards(tmp_path, options, monkeypatch):
    corpus = write_corpus(tmp_path / "corpus.jsonl", 240)
    whole = tmp_path / "whole" / "out.jsonl"
    run_batch([str(corpus)], str(whole), options, workers=2, shard_size=40)

    import medannot.batch.run as run

    real = run.iter_documents

    def interrupted(*args, **kwargs):  # Ctrl-C while the reader is at document 200
        for index, item in enumerate(real(*args, **kwargs)):
            if index == 200:
                raise KeyboardInterrupt
            yield item

    monkeypatch.setattr(run, "iter_documents", interrupted)
    target = tmp_path / "resumed" / "out.jsonl"
    with pytest.raises(Interrupted) as stop:
        run_batch([str(corpus)], str(target), options, workers=2, shard_size=40)
    assert stop.value.part and Path(stop.value.part).exists() and shard_path(target, 0).exists()
    monkeypatch.setattr(run, "iter_documents", real)
    summary = run_batch([str(corpus)], str(target), options, workers=2, shard_size=40, resume=True)
    assert summary.resumed + summary.documents == 240 and summary.resumed == stop.value.summary.documents > 0
    assert sorted(p.name for p in target.parent.iterdir()) == [f"out-0000{i}.jsonl" for i in range(6)]
    for i in range(6):
        assert shard_path(target, i).read_bytes() == shard_path(whole, i).read_bytes()


def test_a_worker_that_dies_costs_only_its_document(tmp_path, options, monkeypatch):
    original = Pipeline.annotate_document

    def fragile(self, document):
        if document.id == "d37":
            os._exit(3)  # as a segfault or the OOM killer would
        return original(self, document)

    monkeypatch.setattr(Pipeline, "annotate_document", fragile)  # forked workers inherit it
    corpus = write_corpus(tmp_path / "corpus.jsonl", 80)
    summary = run_batch([str(corpus)], str(tmp_path / "out.jsonl"), options, workers=2)
    records = read_jsonl(tmp_path / "out.jsonl")
    assert [r["id"] for r in records] == [f"d{i}" for i in range(80)]
    assert [r["id"] for r in records if "error" in r] == ["d37"]
    assert records[37]["error"]["code"] == "MA114"
    assert summary.errors_by_code == {"MA114": 1}


def test_progress_bar_when_asked(tmp_path, options, capsys):
    corpus = write_corpus(tmp_path / "corpus.jsonl", 40)
    run_batch([str(corpus)], str(tmp_path / "out.jsonl"), options, workers=1, progress=True)
    assert "40 docs" in capsys.readouterr().err


def _cli(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "medannot", "annotate", *args], stderr=subprocess.PIPE, **kwargs)


def test_sigkill_midway_then_resume_matches_an_uninterrupted_run(tmp_path, lexicon_args):
    psutil = pytest.importorskip("psutil")
    corpus = write_corpus(tmp_path / "corpus.jsonl", 1500)
    target = tmp_path / "out.jsonl"
    part = tmp_path / "out.jsonl.part"
    run = _cli(str(corpus), "-o", str(target), "--workers", "2", *lexicon_args)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not part.exists() or part.stat().st_size < 200_000):
        time.sleep(0.01)
    workers = psutil.Process(run.pid).children()
    run.send_signal(signal.SIGKILL)
    run.wait()
    assert not target.exists(), "the run finished before it could be killed"
    assert len(workers) == 2
    psutil.wait_procs(workers, timeout=10)
    assert not any(worker.is_running() for worker in workers), "orphaned workers"

    written = part.read_bytes().count(b"\n")
    assert 0 < written < 1500
    resumed = _cli(str(corpus), "-o", str(target), "--resume", "--stats", str(tmp_path / "stats.json"), *lexicon_args)
    assert resumed.wait() == 0, resumed.stderr.read().decode()
    stats = json.loads((tmp_path / "stats.json").read_text())
    assert stats["resumed"] + stats["documents"] == 1500 and stats["resumed"] >= written

    reference = tmp_path / "reference.jsonl"
    assert _cli(str(corpus), "-o", str(reference), "--workers", "1", *lexicon_args).wait() == 0
    ids = [r["id"] for r in read_jsonl(target)]
    assert len(ids) == len(set(ids)) == 1500
    assert target.read_bytes() == reference.read_bytes()
    assert not part.exists()
