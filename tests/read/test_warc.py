from __future__ import annotations

import tracemalloc
from collections import Counter

import pytest

from medannot.decode import decode_bytes
from medannot.read import Document, InputFailure, iter_documents
from medannot.read.warc import _next_boundary

from .conftest import PAGES, record_offsets, write_warc

pytest.importorskip("warcio")


def read(path, max_bytes=1 << 20):
    skipped = Counter()
    items = list(iter_documents([str(path)], max_bytes=max_bytes, skipped=skipped))
    return items, skipped


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_takes_html_and_text_responses_with_url_date_and_charset(tmp_path, name):
    items, skipped = read(write_warc(tmp_path / name))
    assert [item.url for item in items] == ["http://clinic.example/a", "http://clinic.example/b", "http://clinic.example/c"]
    assert all(isinstance(item, Document) for item in items)
    assert [item.format for item in items] == ["html", "html", "text"]
    assert items[1].content_type == "text/html; charset=gbk"
    decoded = decode_bytes(items[1].data, content_type=items[1].content_type)  # the header decides
    assert decoded.encoding == "gb18030" and "复视和共济失调" in decoded.text
    assert all(item.id.startswith("urn:uuid:") and item.fetched for item in items)
    assert len({item.id for item in items}) == 3
    assert skipped == Counter({"warc request record": 5, "warc response not HTML or text": 1, "warc response not HTTP 2xx": 1})


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_a_corrupt_record_costs_one_error_and_reading_goes_on(tmp_path, name):
    path = write_warc(tmp_path / name, requests=False)
    offsets = record_offsets(path)
    data = bytearray(path.read_bytes())
    data[offsets[1] + 3 : offsets[1] + 40] = b"#" * 37  # smash the header of the second record
    path.write_bytes(bytes(data))
    items, _ = read(path)
    failures = [item for item in items if isinstance(item, InputFailure)]
    assert len(failures) == 1 and failures[0].error.code == "MA109"
    assert f"byte {offsets[1]}" in failures[0].error.message
    assert [item.url for item in items if isinstance(item, Document)] == ["http://clinic.example/a", "http://clinic.example/c"]


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_a_truncated_archive_ends_with_an_error_for_the_cut_record(tmp_path, name):
    path = write_warc(tmp_path / name, requests=False)
    path.write_bytes(path.read_bytes()[:-30])
    items, _ = read(path)
    assert [type(item).__name__ for item in items] == ["Document", "Document", "InputFailure"]
    assert items[-1].error.code == "MA109"


def test_an_oversized_page_is_an_error_record(tmp_path):
    pages = [("http://x.example/big", "200 OK", "text/html", b"<p>" + "很长".encode() * 5000 + b"</p>"), PAGES[0]]
    items, _ = read(write_warc(tmp_path / "big.warc.gz", pages), max_bytes=10_000)
    assert isinstance(items[0], InputFailure) and items[0].error.code == "MA104"
    assert isinstance(items[1], Document) and items[1].url == "http://clinic.example/a"


def test_reads_a_large_archive_as_a_stream(tmp_path):
    body = ("<html><body><p>" + "多发性硬化患者常见肢体无力。" * 700 + "</p></body></html>").encode()
    pages = [(f"http://x.example/{i}", "200 OK", "text/html", body) for i in range(400)]  # ~12 MB
    path = write_warc(tmp_path / "large.warc.gz", pages, requests=False)
    tracemalloc.start()
    count = sum(1 for _ in iter_documents([str(path)]))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 400
    assert peak < 3 * len(body) + (2 << 20), peak  # a few records at a time, never the archive


def test_boundary_scan_finds_line_starts_across_chunks(monkeypatch):
    import io

    import medannot.read.warc as warc

    data = b"xxWARC/1.0\nabc\nWARC/1.0\n" + b"z" * 100 + b"\nWARC/1.1"
    for chunk in (1, 3, 7, 1 << 20):
        monkeypatch.setattr(warc, "_SCAN_CHUNK", chunk)
        stream = io.BytesIO(data)
        assert _next_boundary(stream, 0, b"WARC/1.") == 15
        assert _next_boundary(stream, 16, b"WARC/1.") == 125
        assert _next_boundary(stream, 126, b"WARC/1.") is None
