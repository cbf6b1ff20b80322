"""Builders for small crawl-shaped inputs (WARC, JSONL), written by the tests themselves."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

# (url, status, content type, body): the default mix of a crawl
PAGES = [
    ("http://clinic.example/a", "200 OK", "text/html; charset=utf-8", "<html><body><p>多发性硬化患者常见肢体无力。</p></body></html>".encode()),
    ("http://clinic.example/b", "200 OK", "text/html; charset=gbk", "<html><body><p>复视和共济失调也较常见。</p></body></html>".encode("gbk")),
    ("http://clinic.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)),
    ("http://clinic.example/old", "404 Not Found", "text/html", b"<html><body>not here</body></html>"),
    ("http://clinic.example/c", "200 OK", "text/plain; charset=utf-8", "环磷酰胺可能带来不良反应。".encode()),
]


def write_warc(path: Path, pages=PAGES, *, gzip: bool | None = None, requests: bool = True) -> Path:
    """A WARC with a request record before each response (as crawlers write them)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    gzip = path.name.endswith(".gz") if gzip is None else gzip
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)
        for url, status, content_type, body in pages:
            if requests:
                request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "clinic.example")], is_http_request=True)
                writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    return path


def record_offsets(path: Path) -> list[int]:
    """Byte offsets of the records of a WARC file."""
    from warcio.archiveiterator import ArchiveIterator

    with path.open("rb") as stream:
        records = ArchiveIterator(stream)
        return [records.get_record_offset() for _ in records]


@pytest.fixture
def warc_writer():
    return write_warc
