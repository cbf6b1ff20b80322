from __future__ import annotations

import gzip
import io
import tracemalloc

import orjson
import pytest

from medannot.read import Document, InputFailure, iter_documents
from medannot.read.jsonl import document_from_object, iter_jsonl


def lines(*objects) -> bytes:
    return b"".join(orjson.dumps(obj) + b"\n" for obj in objects)


def test_good_and_bad_lines_each_give_one_item():
    data = lines({"id": "a", "text": "头痛"}, {"id": "b", "html": "<p>复视</p>", "url": "http://x/b", "site": "s"})
    data += b"{not json\n\n[1, 2]\n" + lines({"id": "e", "title": "no body"})
    items = list(iter_jsonl(io.BytesIO(data), "in.jsonl", 1000))
    assert [item.id for item in items] == ["a", "b", "in.jsonl:3", "in.jsonl:5", "e"]
    assert [getattr(item, "error", None) and item.error.code for item in items] == [None, None, "MA106", "MA107", "MA107"]
    assert items[1].format == "html" and items[1].url == "http://x/b" and items[1].extra == {"site": "s"}


def test_an_overlong_line_is_skipped_without_reading_it_whole():
    long = lines({"id": "big", "text": "很" * 50_000})
    data = lines({"id": "a", "text": "头痛"}) + long + lines({"id": "c", "text": "发热"})
    items = list(iter_jsonl(io.BufferedReader(io.BytesIO(data), 4096), "in.jsonl", 10_000))
    assert [item.id for item in items] == ["a", "in.jsonl:2", "c"]
    assert items[1].error.code == "MA104" and str(len(long)) in items[1].error.message


def test_a_line_exactly_at_the_limit_is_kept():
    line = lines({"id": "a", "text": "x" * 20})
    items = list(iter_jsonl(io.BytesIO(line * 2), "in.jsonl", len(line) - 1))
    assert [item.id for item in items] == ["a", "a"]


def test_truncated_gzip_ends_with_one_error(tmp_path):
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(gzip.compress(lines(*({"id": f"d{i}", "text": "头痛" * 200} for i in range(50))))[:-200])
    items = list(iter_documents([str(path)]))
    assert all(isinstance(item, Document) for item in items[:-1])
    assert [item.id for item in items[:-1]] == [f"d{i}" for i in range(len(items) - 1)]
    assert isinstance(items[-1], InputFailure) and items[-1].error.code == "MA109"


def test_document_from_object_copies_the_input():
    obj = {"id": 7, "text": "发热", "lang": "zh"}
    document = document_from_object(obj, "w", "w")
    assert document.id == "7" and document.extra == {"lang": "zh"}
    assert obj == {"id": 7, "text": "发热", "lang": "zh"}


@pytest.mark.parametrize("name", ["big.jsonl", "big.jsonl.gz"])
def test_reads_a_large_file_as_a_stream(tmp_path, name):
    record = {"text": "多发性硬化患者常见肢体无力、复视和共济失调。" * 40}
    data = b"".join(orjson.dumps({"id": i, **record}) + b"\n" for i in range(8000))  # ~10 MB
    path = tmp_path / name
    path.write_bytes(gzip.compress(data, 1) if name.endswith(".gz") else data)
    tracemalloc.start()
    count = sum(1 for _ in iter_documents([str(path)]))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 8000
    assert peak < 2 << 20, peak
